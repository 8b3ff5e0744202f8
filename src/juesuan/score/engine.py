"""Recompute a self-evaluation form's points under a policy, item by item, with the reason.

Every item (the fund row, then each indicator) gets the *allowed* points as an interval: a single
value where the policy computes one (execution × weight, full points, a proportional share), a
range where the policy leaves a judgement (a qualitative tier, an over-achievement deduction). The
stated 得分 **agrees** when its printed interval meets the allowed one; then the recomputed score is
the stated one (a judgement inside the range is reproduced, not guessed). Otherwise it **differs**,
and the recomputed score is the computed value (or the nearest end of the range). An item whose
values cannot be read is **unreadable**: the reason says "cannot read", its stated score is carried
into the total as stated and kept out of the agreement count.

score/ is a sibling of audit/: it imports the model and nothing downstream.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from juesuan.model.disclosure import Disclosure
from juesuan.model.evaluation import FundRow, Indicator, ProjectEvaluation
from juesuan.model.quantity import Interval, Quantity
from juesuan.score.policy import Policy
from juesuan.score.values import (
    Deadline,
    Goal,
    Missing,
    Numeric,
    Op,
    Period,
    Tier,
    TierLevel,
    Unreadable,
    Value,
    intended_operator,
    parse_value,
)

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


class Status(StrEnum):
    AGREES = "agrees"
    DIFFERS = "differs"
    UNREADABLE = "unreadable"


class Kind(StrEnum):
    """Why an item is scored the way it is (groups the differences in summaries)."""

    EXECUTION = "execution"
    MET = "met"
    PROPORTIONAL = "proportional"
    OVER_ACHIEVEMENT = "over_achievement"
    QUALITATIVE = "qualitative"
    CANNOT_READ = "cannot_read"
    MISSING_SCORE = "missing_score"


@dataclass(frozen=True)
class ItemScore:
    name: str
    weight: Decimal | None
    stated: Quantity | None
    recomputed: Decimal | None
    allowed: Interval | None
    status: Status
    kind: Kind
    reason: str
    indicator: Indicator | None = None
    """``None`` for the fund row."""

    @property
    def difference(self) -> Decimal | None:
        if self.stated is None or self.recomputed is None:
            return None
        return self.recomputed - self.stated.value


@dataclass(frozen=True)
class FormScore:
    form: ProjectEvaluation
    policy: str
    execution: ItemScore
    indicators: list[ItemScore]
    stated_total: Quantity | None
    recomputed_total: Decimal
    stated_sum: Decimal
    """Σ of the form's own printed 得分 (fund row and indicators)."""
    recomputed_grade: str
    notes: list[str] = field(default_factory=list)

    @property
    def items(self) -> list[ItemScore]:
        return [self.execution, *self.indicators]

    @property
    def stated_grade(self) -> str | None:
        return self.form.grade.text if self.form.grade else None

    @property
    def total_agrees(self) -> bool:
        if self.stated_total is None:
            return False
        return self.stated_total.interval().contains(self.recomputed_total)

    @property
    def arithmetic_error(self) -> bool:
        """The stated 总分 is not the sum of the form's own printed scores."""
        if self.stated_total is None:
            return False
        return not self.stated_total.interval().contains(self.stated_sum)

    @property
    def unreadable(self) -> list[ItemScore]:
        return [i for i in self.items if i.status is Status.UNREADABLE]

    @property
    def differing(self) -> list[ItemScore]:
        return [i for i in self.items if i.status is Status.DIFFERS]

    @property
    def reproduced(self) -> bool:
        return self.total_agrees and not self.differing

    def reasons(self) -> list[str]:
        """Why the stated total is not reproduced, grouped (empty when it is)."""
        if self.reproduced:
            return []
        out: list[str] = []
        if self.arithmetic_error:
            out.append("arithmetic")
        out.extend(dict.fromkeys(i.kind.value for i in self.differing))
        if not out and self.stated_total is None:
            out.append("no_total")
        return out


def score_disclosure(disclosure: Disclosure, policy: Policy) -> list[FormScore]:
    return [score_form(form, policy) for form in disclosure.evaluations]


def score_form(form: ProjectEvaluation, policy: Policy) -> FormScore:
    execution = score_execution(form.amounts, policy)
    indicators = [score_indicator(ind, policy) for ind in form.indicators]
    items = [execution, *indicators]
    total = Decimal(0)
    for item in items:
        if item.recomputed is not None:
            total += item.recomputed
        elif item.stated is not None:
            total += item.stated.value
    stated_sum = sum((i.stated.value for i in items if i.stated is not None), Decimal(0))
    notes = _weight_notes(form, policy)
    return FormScore(form, policy.name, execution, indicators, form.total_score, total, stated_sum,
                     policy.grade(total), notes)


def _weight_notes(form: ProjectEvaluation, policy: Policy) -> list[str]:
    by_level: dict[str, Decimal] = {}
    for ind in form.indicators:
        if ind.weight is not None and ind.level1:
            by_level[ind.level1] = by_level.get(ind.level1, Decimal(0)) + ind.weight.value
    expected = {"产出指标": policy.weights.output, "效益指标": policy.weights.effect,
                "满意度指标": policy.weights.satisfaction}
    notes = []
    for level, want in expected.items():
        got = by_level.get(level)
        if got is not None and got != want:
            allowed = "（本口径允许调整）" if policy.weights.adjustable else "（本口径不允许调整）"
            notes.append(f"{level}分值合计 {_fmt(got)}，默认 {_fmt(want)}{allowed}")
    return notes


def _fmt(value: Decimal) -> str:
    q = value.quantize(CENT, rounding=ROUND_HALF_UP).normalize()
    return format(q, "f")


def _judge(
    name: str,
    weight: Decimal | None,
    stated: Quantity | None,
    allowed: Interval,
    kind: Kind,
    why: str,
    indicator: Indicator | None,
    display: Decimal | None = None,
) -> ItemScore:
    """Compare the stated score with the allowed points and build the item.

    ``display`` is the value to show when ``allowed`` only widens a computed point for rounding.
    """
    point = allowed.lo == allowed.hi or display is not None
    if display is not None:
        shown = _fmt(display)
    else:
        shown = _fmt(allowed.lo) if point else f"{_fmt(allowed.lo)}–{_fmt(allowed.hi)}"
    if stated is None:
        recomputed = display if display is not None else allowed.hi
        return ItemScore(name, weight, None, recomputed.quantize(CENT), allowed, Status.DIFFERS,
                         Kind.MISSING_SCORE, f"{why}；应得 {shown} 分，表中未填得分", indicator)
    if stated.interval().intersects(allowed):
        note = "，填报分值在此区间内，予以认可" if not point else ""
        return ItemScore(name, weight, stated, stated.value, allowed, Status.AGREES, kind,
                         f"{why}；应得 {shown} 分{note}", indicator)
    nearest = allowed.lo if stated.value < allowed.lo else allowed.hi
    if display is not None:
        nearest = display
    return ItemScore(name, weight, stated, nearest.quantize(CENT, rounding=ROUND_HALF_UP),
                     allowed, Status.DIFFERS, kind,
                     f"{why}；应得 {shown} 分，填报 {stated.text} 分", indicator)


def _cannot_read(name: str, weight: Decimal | None, stated: Quantity | None, why: str,
                 indicator: Indicator | None) -> ItemScore:
    return ItemScore(name, weight, stated, None, None, Status.UNREADABLE, Kind.CANNOT_READ,
                     f"无法读取（cannot read）：{why}；按填报分值计入总分", indicator)


def score_execution(row: FundRow | None, policy: Policy) -> ItemScore:
    name = "预算执行率"
    weight = policy.weights.fund_execution
    stated = row.score if row else None
    if row is None:
        return _cannot_read(name, weight, stated, "表中没有资金总额行", None)
    rate: Interval | None = row.execution_rate.interval() if row.execution_rate else None
    rate_text = f"执行率 {row.execution_rate.text}%" if row.execution_rate else ""
    if rate is None and row.annual_budget is not None and row.executed is not None:
        quotient = row.executed.interval() / row.annual_budget.interval()
        if quotient is not None:
            rate = quotient.scale(HUNDRED)
            rate_text = f"执行率 = {row.executed.text} ÷ {row.annual_budget.text}"
    if rate is None:
        return _cannot_read(name, weight, stated, "执行率未填且无法由预算数、执行数算出", None)
    points = rate.scale(weight / HUNDRED)
    if policy.execution.cap_at_weight:
        points = Interval(lo=min(points.lo, weight), hi=min(points.hi, weight))
    points = Interval(lo=max(points.lo, Decimal(0)), hi=max(points.hi, Decimal(0)))
    if row.source != "资金总额":
        rate_text = f"{row.source}行{rate_text}"
    why = f"{rate_text} × 分值 {_fmt(weight)}" + ("，最高不超过分值" if policy.execution.cap_at_weight
                                                 else "")
    shown_rate = row.execution_rate.value if row.execution_rate else (rate.lo + rate.hi) / 2
    display = min(shown_rate * weight / HUNDRED, weight) if policy.execution.cap_at_weight else \
        shown_rate * weight / HUNDRED
    return _judge(name, weight, stated, points, Kind.EXECUTION, why, None, max(display, Decimal(0)))


def _target(ind: Indicator) -> Value:
    adjusted = parse_value(ind.adjusted_target)
    if isinstance(adjusted, Missing):
        return parse_value(ind.initial_target)
    if isinstance(adjusted, Numeric) and adjusted.value is None:
        initial = parse_value(ind.initial_target)
        if isinstance(initial, Numeric) and initial.value is not None:
            return initial
    return adjusted


def score_indicator(ind: Indicator, policy: Policy) -> ItemScore:
    name = ind.name or "（未命名指标）"
    weight = ind.weight.value if ind.weight else None
    stated = ind.score
    if weight is None:
        return _cannot_read(name, None, stated, "分值未填", ind)
    target = _target(ind)
    actual = parse_value(ind.actual)
    if isinstance(actual, Tier):
        tier = getattr(policy.qualitative, actual.level.value)
        allowed = Interval(lo=weight * tier.min, hi=weight * tier.max)
        label = {TierLevel.MET: "达成预期指标", TierLevel.PARTIAL: "部分达成预期指标并具有一定效果",
                 TierLevel.UNMET: "未达成预期指标且效果较差"}[actual.level]
        named = f"「{label}」档" if actual.text == label else f"「{actual.text}」即「{label}」档"
        why = (f"定性：实际{named}，"
               f"得分区间为分值的 {_pct(tier.min)}–{_pct(tier.max)}")
        return _judge(name, weight, stated, allowed, Kind.QUALITATIVE, why, ind)
    if isinstance(actual, Missing):
        return _cannot_read(name, weight, stated, "实际完成值未填", ind)
    if isinstance(actual, Unreadable):
        return _cannot_read(name, weight, stated, f"实际完成值「{actual.text}」{actual.why}", ind)
    if isinstance(target, Numeric) and isinstance(actual, Numeric):
        return _quantitative(name, weight, stated, target, actual, ind, policy)
    if isinstance(target, Deadline) and isinstance(actual, Deadline):
        return _deadline(name, weight, stated, target, actual, ind)
    words = (Goal, Period, Deadline)
    if isinstance(actual, words) and isinstance(target, words) and _same(actual.text, target.text):
        why = f"实际「{actual.text}」与指标值「{target.text}」一致，视为达成"
        return _judge(name, weight, stated, Interval.point(weight), Kind.MET, why, ind)
    return _cannot_read(name, weight, stated, f"指标值「{_text(target)}」与实际完成值"
                        f"「{_text(actual)}」无法比较", ind)


def _same(a: str, b: str) -> bool:
    return "".join(a.split()) == "".join(b.split())


def _text(v: Value) -> str:
    return v.text


def _pct(share: Decimal) -> str:
    return f"{_fmt(share * HUNDRED)}%"


def _to_common(target: Numeric, actual: Numeric) -> tuple[Decimal, Decimal] | None:
    assert target.value is not None and actual.value is not None
    t, a = target.value, actual.value
    if target.unit == actual.unit or not target.unit or not actual.unit:
        return t, a
    factors = {"元": Decimal(1), "万元": Decimal(10000)}
    if target.unit in factors and actual.unit in factors:
        return t * factors[target.unit], a * factors[actual.unit]
    return None


def _quantitative(name: str, weight: Decimal, stated: Quantity | None, target: Numeric,
                  actual: Numeric, ind: Indicator, policy: Policy) -> ItemScore:
    if target.value is None:
        return _cannot_read(name, weight, stated, f"指标值「{target.text}」没有数字", ind)
    if actual.value is None:
        return _cannot_read(name, weight, stated, f"实际完成值「{actual.text}」没有数字", ind)
    common = _to_common(target, actual)
    if common is None:
        return _cannot_read(name, weight, stated,
                            f"单位不同（{target.unit} 与 {actual.unit}）", ind)
    t, a = common
    desc = f"指标值 {target.text}，实际 {actual.text}"
    op = target.op or Op.EQ
    if op is Op.UNKNOWN:
        if t == a:
            return _judge(name, weight, stated, Interval.point(weight), Kind.MET,
                          f"{desc}（运算符「{target.glyph}」无法识别，但实际等于指标值），达成", ind)
        reading = intended_operator(target.glyph, ind.level1, ind.level2, ind.name)
        if reading is None:
            return _cannot_read(name, weight, stated, f"运算符「{target.glyph}」无法识别", ind)
        op = reading[0]
        desc += f"（运算符「{target.glyph}」无法识别，{reading[1]}，读作「{op.value}」）"
    if op in (Op.GE, Op.GT):
        higher = True
    elif op in (Op.LE, Op.LT):
        higher = False
    else:
        higher = (ind.level2 or "") != "成本指标"
    met = a >= t if higher else a <= t
    if weight == 0:
        return _judge(name, weight, stated, Interval.point(Decimal(0)), Kind.MET,
                      f"{desc}，分值为 0", ind)
    passed = "超出" if higher else "低于"
    if met:
        over = policy.over_achievement
        excess = abs(a - t) / t if t > 0 else Decimal(0)
        if over.enabled and op.value in over.operators and excess > over.threshold:
            hi = weight * max(Decimal(0), 1 - excess)
            lo = min(weight * over.min_share, hi)
            why = (f"{desc}，{passed}指标值 {_pct(excess)}（超过 {_pct(over.threshold)} 视为目标设置"
                   f"不当），按本口径可得分值的 {_pct(lo / weight)}–{_pct(hi / weight)}")
            return _judge(name, weight, stated, Interval(lo=lo, hi=hi), Kind.OVER_ACHIEVEMENT, why,
                          ind)
        direction = "正向" if higher else "反向"
        item = _judge(name, weight, stated, Interval.point(weight), Kind.MET,
                      f"{desc}，{direction}指标已达成，得满分", ind)
        if item.status is Status.DIFFERS and excess > 0 and item.kind is Kind.MET:
            # The form deducted for passing the target; this policy does not.
            note = f"（{passed}指标值 {_pct(excess)}，本口径不因超额完成扣分）"
            return ItemScore(item.name, item.weight, item.stated, item.recomputed, item.allowed,
                             item.status, Kind.OVER_ACHIEVEMENT, item.reason + note, ind)
        return item
    if policy.quantitative.unmet == "zero":
        return _judge(name, weight, stated, Interval.point(Decimal(0)), Kind.PROPORTIONAL,
                      f"{desc}，未达成，按本口径不得分", ind)
    if higher:
        share = a / t if t else Decimal(0)
        formula = "实际 ÷ 指标值"
    else:
        share = t / a if a else Decimal(0)
        formula = "指标值 ÷ 实际"
    points = weight * max(Decimal(0), min(Decimal(1), share))
    return _judge(name, weight, stated, Interval.point(points), Kind.PROPORTIONAL,
                  f"{desc}，未达成，按 {formula} × 分值 = {_pct(share)} × {_fmt(weight)}", ind)


def _deadline(name: str, weight: Decimal, stated: Quantity | None, target: Deadline,
              actual: Deadline, ind: Indicator) -> ItemScore:
    if target.year and actual.year and target.year != actual.year:
        on_time = actual.year < target.year
    else:
        on_time = actual.month <= target.month
    if on_time:
        return _judge(name, weight, stated, Interval.point(weight), Kind.MET,
                      f"时限 {target.text}，实际 {actual.text}，按时完成", ind)
    return _cannot_read(name, weight, stated,
                        f"时限 {target.text}，实际 {actual.text}，逾期（本口径未规定逾期计分）", ind)
