"""Narrative rules (N1xx): the 情况说明's own arithmetic, checked claim by claim.

Every check follows one principle (architecture.md, anchors.md — Arelle calc 1.1, statcheck): a
stated number is the closed interval its printed decimals allow, and a claim fails only when the
interval computed from its operands' intervals does not intersect the stated result's interval.
There are no epsilons: four parts of two decimals carry 4 × 0.005 of slack, "100%" stands for
[99.5, 100.5]. Counts are exact integers. Figures the narrative states as non-negative amounts
(money, counts, rates given with 增长/下降) never stand for negative values.

When one figure is wrong it is reported once: a claim whose operand already failed a structural
check (a part larger than its total, parts that do not add up, 收入总计 ≠ 支出总计) is not checked
again by the share, growth and completion rules, so one typo does not cascade into many findings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext

from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import REGISTRY, Family, rule
from juesuan.model.claims import (
    COUNT_UNITS,
    MONEY_UNITS,
    ChangeClaim,
    Claim,
    CompletionClaim,
    CountClaim,
    IdentityClaim,
    Operand,
    PerformanceSummaryClaim,
    ShareClaim,
    TotalClaim,
)
from juesuan.model.claims import normalize_label as norm
from juesuan.model.quantity import Interval, Quantity
from juesuan.model.spans import SourceSpan

HUNDRED = Decimal(100)
ZERO = Decimal(0)

# --------------------------------------------------------------------------------------------
# Interval arithmetic for claims (shared with crossref and summary)
# --------------------------------------------------------------------------------------------


def stated(q: Quantity) -> Interval:
    """The interval a stated figure stands for.

    A count (辆, 个, 批次 …) printed without decimals is exact. A non-negative figure never stands
    for a negative value (``0万元`` is [0, 0.005] at two decimals, [0, 0.5] printed as ``0``).
    """
    if q.unit in COUNT_UNITS and q.decimals == 0:
        return Interval.point(q.value)
    iv = q.interval()
    if q.value >= 0 and iv.lo < 0:
        return Interval(lo=ZERO, hi=iv.hi)
    return iv


def total_of(quantities: Iterable[Quantity]) -> Interval:
    """The interval of a sum of stated figures."""
    out = Interval.point(ZERO)
    for q in quantities:
        out = out + stated(q)
    return out


def agree(a: Quantity, b: Quantity) -> bool:
    """Two statements of one true value agree: equal when printed at the same precision (one
    value rounds one way), intersecting intervals otherwise (Arelle's rule for duplicate facts)."""
    if a.decimals == b.decimals and a.unit == b.unit:
        return a.value == b.value
    return stated(a).intersects(stated(b))


def _div(a: Decimal, b: Decimal, rounding: str) -> Decimal:
    """``a / b`` rounded outward (floor for a lower bound, ceiling for an upper bound)."""
    with localcontext() as c:
        c.prec = 40
        c.rounding = rounding
        return a / b


def ratio_percent(part: Interval, whole: Interval) -> Interval | None:
    """100 × part ÷ whole as an interval, or ``None`` when the whole may be zero."""
    if whole.lo <= 0 <= whole.hi:
        return None
    corners = [(a, b) for a in (part.lo, part.hi) for b in (whole.lo, whole.hi)]
    lo = min(_div(a * HUNDRED, b, ROUND_FLOOR) for a, b in corners)
    hi = max(_div(a * HUNDRED, b, ROUND_CEILING) for a, b in corners)
    return Interval(lo=lo, hi=hi)


@dataclass(frozen=True)
class Growth:
    """The growth rate (in %) the stated current figure and change allow; ``hi`` may be unbounded."""

    lo: Decimal
    hi: Decimal | None
    prior: Interval
    """Last year's figure implied by the current figure and the change."""

    def intersects(self, other: Interval) -> bool:
        return other.hi >= self.lo and (self.hi is None or other.lo <= self.hi)

    def text(self, places: int) -> str:
        lo = _round(self.lo, places, ROUND_FLOOR)
        hi = "∞" if self.hi is None else _round(self.hi, places, ROUND_CEILING)
        return f"[{lo}, {hi}]"


def growth_percent(current: Interval, change: Interval, increase: bool) -> Growth | None:
    """The rate change ÷ last year × 100, exactly over the two intervals.

    Last year = current − change (an increase) or current + change (a decrease). The rate rises
    with the change and falls with the current figure, so its range is reached at the corners
    (tighter than naive interval division, which would count the change twice). ``None`` when last
    year's figure cannot be positive (checked separately).
    """
    if increase:
        prior = Interval(lo=current.lo - change.hi, hi=current.hi - change.lo)
        if prior.hi <= 0:
            return None
        lo = _div(change.lo * HUNDRED, current.hi - change.lo, ROUND_FLOOR)
        den = current.lo - change.hi
        hi = _div(change.hi * HUNDRED, den, ROUND_CEILING) if den > 0 else None
        return Growth(lo=max(lo, ZERO), hi=hi, prior=prior)
    prior = Interval(lo=current.lo + change.lo, hi=current.hi + change.hi)
    if prior.hi <= 0:
        return None
    lo = _div(change.lo * HUNDRED, current.hi + change.lo, ROUND_FLOOR)
    den = current.lo + change.hi
    hi = _div(change.hi * HUNDRED, den, ROUND_CEILING) if den > 0 else None
    return Growth(lo=max(lo, ZERO), hi=hi, prior=prior)


def _round(value: Decimal, places: int, rounding: str) -> str:
    with localcontext() as c:
        c.rounding = rounding
        q = value.quantize(Decimal(1).scaleb(-places))
    return format(q, "f")


def show(iv: Interval, places: int | None = None) -> str:
    """An interval as text; with ``places``, rounded outward to that many decimals."""
    if places is None:
        return str(iv)
    lo, hi = _round(iv.lo, places, ROUND_FLOOR), _round(iv.hi, places, ROUND_CEILING)
    return lo if lo == hi else f"[{lo}, {hi}]"


def _key(q: Quantity) -> tuple[int, int | None] | None:
    return (q.span.line, q.span.column) if q.span else None


def _spans(operands: Iterable[Operand | None]) -> list[SourceSpan]:
    return [o.quantity.span for o in operands if o is not None and o.quantity.span is not None]


def _money(q: Quantity) -> str:
    return f"{q.text}{q.unit or ''}"


# --------------------------------------------------------------------------------------------
# One analysis per audit, so the rules can avoid cascades
# --------------------------------------------------------------------------------------------

Place = tuple[int, int | None]
Subst = dict[Place, Quantity]


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    message_en: str
    span: SourceSpan | None
    quote: str
    stated: str
    expected: str
    part: str | None
    related: list[SourceSpan]
    blame: tuple[Quantity, ...] = ()
    """The figures this problem makes suspect: later checks resting on them are skipped."""


@dataclass
class _Analysis:
    problems: list[Problem] = field(default_factory=list)
    blamed: set[Place] = field(default_factory=set)

    def blame(self, quantities: Iterable[Quantity]) -> None:
        for q in quantities:
            k = _key(q)
            if k is not None:
                self.blamed.add(k)

    def clean(self, quantities: Iterable[Quantity]) -> bool:
        return not any(_key(q) in self.blamed for q in quantities)

    def report(self, ctx: AuditContext, problem: Problem) -> None:
        self.problems.append(problem)
        if _enabled(ctx, problem.code):
            self.blame(problem.blame)


def _enabled(ctx: AuditContext, code: str) -> bool:
    r = REGISTRY.get(code)
    return r is not None and ctx.config.enabled(r)


def part_groups(claim: Claim) -> list[tuple[Operand, list[Operand], bool, bool]]:
    """(total, parts, exhaustive, is_count) for every total-with-parts a claim states."""
    if isinstance(claim, TotalClaim):
        return [(claim.total, claim.parts, claim.exhaustive, False)]
    if isinstance(claim, CountClaim):
        return [(claim.total, claim.parts, claim.exhaustive, True)]
    if isinstance(claim, PerformanceSummaryClaim):
        out: list[tuple[Operand, list[Operand], bool, bool]] = []
        if claim.funds is not None and claim.fund_parts:
            out.append((claim.funds, claim.fund_parts, claim.fund_parts_exhaustive, False))
        if claim.project_count is not None and claim.grades:
            out.append((claim.project_count, claim.grades, True, True))
        return out
    return []


def claim_figures(claim: Claim) -> list[Operand]:
    """The level figures of a claim (totals, parts, wholes, current, budget …), not its rates."""
    ops: list[Operand | None]
    if isinstance(claim, (TotalClaim, CountClaim)):
        ops = [claim.total, *claim.parts]
    elif isinstance(claim, ShareClaim):
        ops = [claim.part, claim.whole]
    elif isinstance(claim, CompletionClaim):
        ops = [claim.actual, claim.budget]
    elif isinstance(claim, IdentityClaim):
        ops = [claim.left, claim.right]
    elif isinstance(claim, PerformanceSummaryClaim):
        ops = [claim.project_count, claim.funds, *claim.fund_parts, *claim.grades]
    else:
        ops = [claim.current]
    return [o for o in ops if o is not None]


_GENERIC = {"", "资金", "涉及资金", "支出", "收入", "合计", "总计", "金额", "经费", "预算"}
"""Subjects too vague to identify a figure across sections."""


def figure_key(op: Operand) -> tuple[str, str, str] | None:
    """(subject, role, unit) identifying a figure, or ``None`` when the subject is too vague."""
    q = op.quantity
    if q.unit not in MONEY_UNITS and q.unit not in COUNT_UNITS:
        return None
    subject = norm(op.subject)
    if subject in _GENERIC or len(subject) < 3:
        return None
    return subject, op.role, q.unit or ""


Statement = tuple[Operand, Claim]


def figure_statements(claims: list[Claim]) -> dict[tuple[str, str, str], list[Statement]]:
    """Every statement of each identifiable figure, in document order (one per place).

    The performance summary's figures are left out: they are checked against the forms.
    """
    groups: dict[tuple[str, str, str], list[Statement]] = defaultdict(list)
    seen: set[Place] = set()
    for claim in claims:
        if isinstance(claim, PerformanceSummaryClaim):
            continue
        for op in claim_figures(claim):
            place = _key(op.quantity)
            key = figure_key(op)
            if key is None or place is None or place in seen:
                continue
            seen.add(place)
            groups[key].append((op, claim))
    return groups


def analyse(ctx: AuditContext) -> _Analysis:
    """Evaluate every narrative claim once per audit (cached on the context).

    Order: structural checks (part > total, parts vs total, identities); then statements of one
    figure in several places (X101) — a structural failure that the odd statement explains
    (substituting the agreed value makes it pass) is dropped in favour of the X101 finding,
    which names the figure; then shares, changes and completion rates on figures not already
    suspect; then nested figures (X103). Each failure makes its figures suspect, so one wrong
    figure yields one finding.
    """
    return ctx.memoized("narrative.analysis", lambda: _analyse(ctx))


def _analyse(ctx: AuditContext) -> _Analysis:
    a = _Analysis()
    structural = [(claim, _structural(claim, {})) for claim in ctx.claims]
    suspect: set[Place] = set()
    for _, problems in structural:
        for p in problems:
            suspect.update(k for k in (_key(q) for q in p.blame) if k is not None)
    odd = _same_figure(ctx, suspect)
    odd_places = {k: ref.quantity for op, _, ref, _ in odd if (k := _key(op.quantity))}
    for claim, problems in structural:
        if not problems:
            continue
        mine = {_key(o.quantity) for o in claim_figures(claim)}
        subst = {k: q for k, q in odd_places.items() if k in mine}
        if subst and not _structural(claim, subst):
            continue  # explained by the statement that disagrees with its other statements
        for p in problems:
            a.report(ctx, p)
    for op, claim, ref, ref_claim in odd:
        a.report(ctx, _odd_problem(op, claim, ref, ref_claim))
    for claim in ctx.claims:
        if isinstance(claim, ChangeClaim):
            _change(ctx, a, claim)
        elif isinstance(claim, ShareClaim):
            _share(ctx, a, claim)
        elif isinstance(claim, CompletionClaim):
            _completion(ctx, a, claim)
            _relation(ctx, a, claim)
    _nested(ctx, a)
    return a


def _subst(op: Operand, subst: Subst) -> Quantity:
    k = _key(op.quantity)
    return subst.get(k, op.quantity) if k is not None else op.quantity


def _structural(claim: Claim, subst: Subst) -> list[Problem]:
    out: list[Problem] = []
    for total, parts, exhaustive, is_count in part_groups(claim):
        tq = _subst(total, subst)
        pqs = [_subst(p, subst) for p in parts]
        t_iv = stated(tq)
        bigger = [(p, q) for p, q in zip(parts, pqs, strict=True) if stated(q).lo > t_iv.hi]
        if bigger:
            for p, q in bigger:
                out.append(Problem(
                    code="N101",
                    message=(
                        f"分项“{p.quote}”大于其所属的合计“{total.quote}”：分项不可能超过合计。"
                        "请核对这两个数字（常见原因：数字录错、单位或口径不一致）。"),
                    message_en=(
                        f"The part {q.text} ({p.subject}) is larger than the total "
                        f"{tq.text} ({total.subject}) it belongs to; a part cannot "
                        "exceed its total. Check both figures (a typo, or a different unit or "
                        "basis)."),
                    span=q.span, quote=p.quote, stated=q.text,
                    expected=f"≤ {t_iv.hi.normalize():f}", part=claim.section,
                    related=_spans([total]), blame=(tq, q)))
            continue
        if isinstance(claim, PerformanceSummaryClaim) and is_count:
            continue  # the grade counts against the project count: summary.grade-total (S104)
        s_iv = total_of(pqs)
        code = "N107" if is_count else "N102"
        if exhaustive and not s_iv.intersects(t_iv):
            verb = "小于" if s_iv.hi < t_iv.lo else "大于"
            verb_en = "less" if s_iv.hi < t_iv.lo else "more"
            out.append(Problem(
                code=code,
                message=(
                    f"“{total.quote}”列出的{len(parts)}个分项之和为{show(s_iv)}，{verb}所述合计"
                    f"{tq.text}（在各数字的舍入范围内也不相等）。请核对各分项与合计，"
                    "或确认分项是否列全。"),
                message_en=(
                    f"The {len(parts)} parts listed under {total.subject} "
                    f"{tq.text} add up to {show(s_iv)}, {verb_en} than the stated "
                    "total even allowing for rounding. Check the parts and the total, or whether "
                    "a part is missing."),
                span=tq.span, quote=total.quote, stated=tq.text,
                expected=show(s_iv), part=claim.section, related=_spans(parts),
                blame=(tq, *pqs)))
        elif not exhaustive and len(parts) >= 2 and s_iv.lo > t_iv.hi:
            out.append(Problem(
                code=code,
                message=(
                    f"“{total.quote}”下列出的分项之和{show(s_iv)}已大于合计{tq.text}。"
                    "请核对各分项与合计。"),
                message_en=(
                    f"The parts listed under {total.subject} {tq.text} already add "
                    f"up to {show(s_iv)}, more than the total. Check the parts and the total."),
                span=tq.span, quote=total.quote, stated=tq.text,
                expected=f"≥ {show(s_iv)}", part=claim.section, related=_spans(parts),
                blame=(tq, *pqs)))
    if isinstance(claim, IdentityClaim):
        lq, rq = _subst(claim.left, subst), _subst(claim.right, subst)
        if not agree(lq, rq):
            out.append(Problem(
                code="N108",
                message=(
                    f"{claim.left.subject}{_money(lq)}与{claim.right.subject}{_money(rq)}不相等，"
                    "但二者按勾稽关系应相等。请核对收入总计和支出总计。"),
                message_en=(
                    f"{claim.left.subject} {lq.text} and {claim.right.subject} {rq.text} differ, "
                    "but the accounts require them to be equal. Check both totals."),
                span=claim.span, quote=claim.quote, stated=rq.text,
                expected=lq.plain(), part=claim.section, related=_spans([claim.right]),
                blame=(lq, rq)))
    return out


_ROLE_ZH = {"actual": "决算数", "initial_budget": "年初预算数", "annual_budget": "全年预算数"}


def _same_figure(ctx: AuditContext, suspect: set[Place]
                 ) -> list[tuple[Operand, Claim, Operand, Claim]]:
    """Statements that disagree with the value most statements of the same figure agree with.

    The reference is the statement most others agree with; on a tie, one not already suspect
    from a structural failure, then the first stated.
    """
    out: list[tuple[Operand, Claim, Operand, Claim]] = []
    for statements in figure_statements(ctx.claims).values():
        if len(statements) < 2:
            continue
        qs = [op.quantity for op, _ in statements]
        support = [sum(1 for other in qs if agree(q, other)) for q in qs]
        ref = max(range(len(qs)),
                  key=lambda i: (support[i], _key(qs[i]) not in suspect, -i))
        ref_op, ref_claim = statements[ref]
        for i, (op, claim) in enumerate(statements):
            if not agree(qs[i], qs[ref]):
                out.append((op, claim, ref_op, ref_claim))
    return out


def _odd_problem(op: Operand, claim: Claim, ref: Operand, ref_claim: Claim) -> Problem:
    q, rq = op.quantity, ref.quantity
    unit = q.unit or ""
    subject = norm(op.subject)
    ref_line = rq.span.line if rq.span else "?"
    return Problem(
        code="X101",
        message=(f"{subject}（{_ROLE_ZH[op.role]}）在此处为{q.text}{unit}，而在"
                 f"{ref_claim.section or '叙述'}（第{ref_line}行）为{rq.text}{unit}。"
                 "同一数字应前后一致，请核对。"),
        message_en=(f"{subject} ({op.role}) is {q.text} here but {rq.text} in "
                    f"{ref_claim.section or 'the narrative'} (line {ref_line}). The same figure "
                    "must agree everywhere; check which is right."),
        span=q.span, quote=op.quote, stated=q.text, expected=rq.plain(), part=claim.section,
        related=[rq.span] if rq.span else [], blame=(q,))


# (smaller, larger): the first is part of the second in any correct package (domain.md §2).
NESTED: list[tuple[str, str, str]] = [
    ("财政拨款收入", "收入合计", "财政拨款收入是本年收入合计的一部分"),
    ("财政拨款收入", "财政拨款收入总计", "本年财政拨款收入是财政拨款收入总计的一部分"),
    ("财政拨款收入总计", "收入总计", "财政拨款收入总计是收入总计的一部分"),
    ("财政拨款支出总计", "支出总计", "财政拨款支出总计是支出总计的一部分"),
    ("一般公共预算财政拨款支出", "财政拨款支出总计", "一般公共预算财政拨款支出是财政拨款支出的一部分"),
    ("一般公共预算财政拨款支出", "支出合计", "一般公共预算财政拨款支出是本年支出合计的一部分"),
    ("财政拨款基本支出", "基本支出", "财政拨款基本支出是全部基本支出的一部分"),
    ("收入合计", "收入总计", "本年收入合计是收入总计的一部分"),
    ("支出合计", "支出总计", "本年支出合计是支出总计的一部分"),
]


def _nested(ctx: AuditContext, a: _Analysis) -> None:
    by_subject: dict[str, list[Statement]] = defaultdict(list)
    for (subject, role, unit), statements in figure_statements(ctx.claims).items():
        if role == "actual" and unit == "万元":
            by_subject[subject].extend(s for s in statements if a.clean([s[0].quantity]))
    # 收入总计 and 支出总计 stated as an identity are one figure: blame them together
    partners: dict[Place, Quantity] = {}
    for c in ctx.claims:
        if isinstance(c, IdentityClaim):
            lk, rk = _key(c.left.quantity), _key(c.right.quantity)
            if lk is not None and rk is not None:
                partners[lk], partners[rk] = c.right.quantity, c.left.quantity
    for small, large, why in NESTED:
        for s_op, s_claim in by_subject.get(small, [])[:1]:
            for l_op, _ in by_subject.get(large, [])[:1]:
                s_iv, l_iv = stated(s_op.quantity), stated(l_op.quantity)
                if s_iv.lo <= l_iv.hi or not a.clean([s_op.quantity, l_op.quantity]):
                    continue
                both = (s_op.quantity, l_op.quantity)
                linked = tuple(partners[k] for k in map(_key, both)
                               if k is not None and k in partners)
                a.report(ctx, Problem(
                    code="X103",
                    message=(f"{small}{s_op.quantity.text}万元大于{large}{l_op.quantity.text}万元，"
                             f"但{why}。请核对这两个数字。"),
                    message_en=(f"{small} {s_op.quantity.text} is larger than {large} "
                                f"{l_op.quantity.text}, but the first is part of the second. "
                                "Check both figures."),
                    span=s_op.quantity.span, quote=s_op.quote, stated=s_op.quantity.text,
                    expected=f"≤ {l_iv.hi.normalize():f}", part=s_claim.section,
                    related=[l_op.quantity.span] if l_op.quantity.span else [],
                    blame=both + linked))


def _share(ctx: AuditContext, a: _Analysis, claim: ShareClaim) -> None:
    if not a.clean(claim.operands()):
        return
    computed = ratio_percent(stated(claim.part.quantity), stated(claim.whole.quantity))
    share = stated(claim.share)
    if computed is None or computed.intersects(share):
        return
    places = claim.share.decimals + 2
    a.report(ctx, Problem(
        code="N103",
        message=(
            f"所述占比{claim.share.text}%与数字不符：{claim.part.subject}"
            f"{_money(claim.part.quantity)} ÷ {claim.whole.subject}{_money(claim.whole.quantity)}"
            f" = {show(computed, places)}%。请核对占比或这两个金额。"),
        message_en=(
            f"The stated share {claim.share.text}% does not follow from the figures: "
            f"{claim.part.quantity.text} / {claim.whole.quantity.text} = "
            f"{show(computed, places)}%. Check the share or the two amounts."),
        span=claim.share.span, quote=claim.quote, stated=f"{claim.share.text}%",
        expected=f"{show(computed, places)}%", part=claim.section,
        related=_spans([claim.part, claim.whole]),
        blame=(claim.part.quantity, claim.whole.quantity)))


def _completion(ctx: AuditContext, a: _Analysis, claim: CompletionClaim) -> None:
    if claim.actual is None or claim.budget is None or not a.clean(claim.operands()):
        return
    computed = ratio_percent(stated(claim.actual.quantity), stated(claim.budget.quantity))
    rate = stated(claim.rate)
    if computed is None or computed.intersects(rate):
        return
    places = claim.rate.decimals + 2
    crossing = (rate.lo >= HUNDRED) != (computed.lo >= HUNDRED)
    a.report(ctx, Problem(
        code="N106",
        message=(
            f"所述完成{claim.basis}的{claim.rate.text}%与数字不符：决算{_money(claim.actual.quantity)}"
            f" ÷ {claim.basis}{_money(claim.budget.quantity)} = {show(computed, places)}%"
            + ("（且超支/未超支的结论相反）" if crossing else "")
            + "。请核对完成率或预算、决算数。"),
        message_en=(
            f"The stated completion rate {claim.rate.text}% of the {claim.basis} does not follow "
            f"from the figures: {claim.actual.quantity.text} / {claim.budget.quantity.text} = "
            f"{show(computed, places)}%"
            + (" (and it flips over/under budget)" if crossing else "")
            + ". Check the rate, the budget and the outturn."),
        span=claim.rate.span, quote=claim.quote, stated=f"{claim.rate.text}%",
        expected=f"{show(computed, places)}%", part=claim.section,
        related=_spans([claim.actual, claim.budget]),
        blame=(claim.actual.quantity, claim.budget.quantity)))


_RELATION_ZH = {"greater": "大于", "less": "小于", "equal": "等于（持平）"}
_RELATION_EN = {"greater": "greater than", "less": "less than", "equal": "equal to"}


def _relation(ctx: AuditContext, a: _Analysis, claim: CompletionClaim) -> None:
    """N109: 决算数大于/小于/等于预算数 against the two figures the claim names. Printed at the same
    precision they compare as printed; otherwise only a relation no rounding allows is reported."""
    if claim.relation is None or claim.actual is None or claim.budget is None:
        return
    actual, budget = claim.actual.quantity, claim.budget.quantity
    if not a.clean([actual, budget]):
        return
    if actual.decimals == budget.decimals and actual.unit == budget.unit:
        holds = {"greater": actual.value > budget.value, "less": actual.value < budget.value,
                 "equal": actual.value == budget.value}[claim.relation]
    else:
        x, y = stated(actual), stated(budget)
        holds = {"greater": x.hi > y.lo, "less": x.lo < y.hi, "equal": x.intersects(y)}[claim.relation]
    if holds:
        return
    truth = ("greater" if actual.value > budget.value else "less" if actual.value < budget.value
             else "equal")
    a.report(ctx, Problem(
        code="N109",
        message=(f"所述“{claim.relation_quote}”与数字不符：决算{_money(actual)}{_RELATION_ZH[truth]}"
                 f"{claim.basis}{_money(budget)}。请核对这句结论或预算、决算数。"),
        message_en=(f"'{claim.relation_quote}' contradicts the figures: the outturn {actual.text} is "
                    f"{_RELATION_EN[truth]} the budget {budget.text}. Check the statement or the figures."),
        span=claim.span, quote=claim.quote, stated=claim.relation_quote or "",
        expected=f"决算数{_RELATION_ZH[truth]}预算数", part=claim.section,
        related=_spans([claim.actual, claim.budget]), blame=()))


_DIR_ZH = {"increase": "增加", "decrease": "减少"}
_RATE_ZH = {"increase": "增长", "decrease": "下降"}


def _change(ctx: AuditContext, a: _Analysis, claim: ChangeClaim) -> None:
    if not a.clean(claim.operands()):
        return
    cur = claim.current
    stated_text = (f"{claim.rate.text}%" if claim.rate
                   else claim.change.text if claim.change else "")
    # N105: the amount and the rate point in opposite directions
    if (claim.direction in ("increase", "decrease") and claim.rate_direction is not None
            and claim.direction != claim.rate_direction):
        a.report(ctx, Problem(
            code="N105",
            message=(f"增减方向有误：金额说“{_DIR_ZH[claim.direction]}”，增幅却说"
                     f"“{_RATE_ZH[claim.rate_direction]}”，方向自相矛盾。请核对增减方向和数字。"),
            message_en=(f"Direction of change is inconsistent: the amount is said to "
                        f"{claim.direction} but the rate to {claim.rate_direction}. Check the "
                        "direction and the figures."),
            span=claim.span, quote=claim.quote, stated=stated_text,
            expected=_RATE_ZH[claim.direction], part=claim.section, related=_spans([cur]),
            blame=tuple(claim.operands())))
        return
    if cur is None or claim.change is None or claim.direction not in ("increase", "decrease"):
        return
    increase = claim.direction == "increase"
    c_iv, d_iv = stated(cur.quantity), stated(claim.change)
    g = growth_percent(c_iv, d_iv, increase)
    if g is None:
        a.report(ctx, Problem(
            code="N104",
            message=(f"所述增加{_money(claim.change)}不小于本年数{_money(cur.quantity)}，"
                     "推算的上年数不为正。请核对增减额与本年数。"),
            message_en=(f"The stated increase {claim.change.text} is not smaller than this "
                        f"year's {cur.quantity.text}, so last year's figure would not be "
                        "positive. Check the change and this year's figure."),
            span=claim.span, quote=claim.quote, stated=claim.change.text,
            expected=f"< {cur.quantity.text}", part=claim.section, related=_spans([cur]),
            blame=(cur.quantity, claim.change)))
        return
    if claim.rate is None:
        return
    r_iv = stated(claim.rate)
    if g.intersects(r_iv):
        return
    if increase and g.prior.lo <= 0 and claim.rate.value == HUNDRED:
        return  # nothing last year (a unit or item new this year): 增长100% is the usual wording
    places = claim.rate.decimals + 2
    word = _RATE_ZH[claim.direction]
    arithmetic = (f"上年数 = 本年{_money(cur.quantity)}{'−' if increase else '+'}"
                  f"{_money(claim.change)} = {show(g.prior)}，{word}率 = {claim.change.text} ÷ "
                  f"上年数 = {g.text(places)}%")
    arithmetic_en = (f"last year = {cur.quantity.text} {'-' if increase else '+'} "
                     f"{claim.change.text} = {show(g.prior)}, rate = change / last year = "
                     f"{g.text(places)}%")
    # A fall of 100% means this year is 0, and a fall to 0 is a fall of 100%: getting that wrong
    # changes the conclusion (statcheck's "decision error"), so it is N105, not N104.
    said_all = claim.rate.value == HUNDRED
    is_zero = cur.quantity.value == 0
    if not increase and said_all != is_zero:
        detail = (f"说“下降{claim.rate.text}%”（即降为0），但本年数为{_money(cur.quantity)}"
                  if said_all else
                  f"本年数为0（即下降100%），但所述为下降{claim.rate.text}%")
        detail_en = (f"a fall of {claim.rate.text}% means this year is 0, but it is "
                     f"{cur.quantity.text}" if said_all else
                     f"this year is 0, i.e. a fall of 100%, but {claim.rate.text}% is stated")
        a.report(ctx, Problem(
            code="N105",
            message=f"增减结论有误：{detail}；{arithmetic}。请核对降幅和本年数。",
            message_en=f"Direction of change is inconsistent: {detail_en}; {arithmetic_en}. "
                       "Check the rate and this year's figure.",
            span=claim.rate.span, quote=claim.quote, stated=stated_text,
            expected=f"{g.text(places)}%", part=claim.section, related=_spans([cur]),
            blame=(cur.quantity,)))
        return
    a.report(ctx, Problem(
        code="N104",
        message=f"所述{word}{claim.rate.text}%与数字不符：{arithmetic}。请核对增幅或增减额。",
        message_en=(f"The stated rate {claim.rate.text}% does not follow from the figures: "
                    f"{arithmetic_en}. Check the rate or the change."),
        span=claim.rate.span, quote=claim.quote, stated=stated_text,
        expected=f"{g.text(places)}%", part=claim.section, related=_spans([cur]),
        blame=(cur.quantity,)))


def findings_for(ctx: AuditContext, code: str) -> Iterator[Finding]:
    """The findings of one narrative code, from the shared analysis."""
    r = REGISTRY[code]
    for p in analyse(ctx).problems:
        if p.code == code:
            yield ctx.finding(r, message=p.message, message_en=p.message_en, span=p.span,
                              quote=p.quote, stated=p.stated, expected=p.expected, part=p.part,
                              related=p.related)


# --------------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------------

_HEAD = "第三部分 情况说明\n\n"


@rule(
    code="N101",
    name="narrative.part-exceeds-total",
    family=Family.NARRATIVE,
    severity=Severity.ERROR,
    summary="分项（其中…）大于其所属的合计",
    summary_en="A part (其中 …) is larger than the total it belongs to",
    failing=_HEAD + "十、其他重要事项情况说明\n\n"
    "2024年度政府采购支出总额100.00万元，其中：政府采购货物支出120.00万元。\n",
    passing=_HEAD + "十、其他重要事项情况说明\n\n"
    "2024年度政府采购支出总额100.00万元，其中：政府采购货物支出80.00万元。\n",
)
def part_exceeds_total(ctx: AuditContext) -> Iterable[Finding]:
    """A part listed under a total (其中 / 主要用于 / 包括 / 分别为, the performance summary's
    fund types, counts such as 车辆 by category) whose whole rounding interval lies above the
    total's interval. Reported once per wrong part; the same total is then not checked again by
    the sum, share or growth rules."""
    return findings_for(ctx, "N101")


@rule(
    code="N102",
    name="narrative.parts-sum",
    family=Family.NARRATIVE,
    severity=Severity.ERROR,
    summary="列全的分项之和与合计不符（按舍入区间比较）",
    summary_en="Parts that claim to make up a total do not add up to it (within rounding)",
    failing=_HEAD + "二、收入决算情况说明\n\n"
    "2024年度收入合计100.00万元，其中：财政拨款收入70.00万元，占比70.00%；"
    "其他收入20.00万元，占比30.00%。\n",
    passing=_HEAD + "二、收入决算情况说明\n\n"
    "2024年度收入合计100.00万元，其中：财政拨款收入70.00万元，占比70.00%；"
    "其他收入30.00万元，占比30.00%。\n",
)
def parts_sum(ctx: AuditContext) -> Iterable[Finding]:
    """Money parts the parser judged exhaustive (shares adding to 100%, a 其他 residual part, a
    complete known set such as 货物/工程/服务 or the four budgets, or the same parts as an
    exhaustive list elsewhere) must add up to their total: the sum of the parts' intervals must
    intersect the total's interval (n parts of two decimals allow n × 0.005). Parts not claimed
    to be exhaustive are flagged only when they already add up to more than the total."""
    return findings_for(ctx, "N102")


@rule(
    code="N103",
    name="narrative.share",
    family=Family.NARRATIVE,
    severity=Severity.WARNING,
    summary="占比与金额不符：占比 ≠ 分项 ÷ 总额",
    summary_en="A share does not follow from its part and whole",
    failing=_HEAD + "二、收入决算情况说明\n\n"
    "2024年度收入合计200.00万元，其中：财政拨款收入150.00万元，占比70.00%；"
    "其他收入50.00万元，占比30.00%。\n",
    passing=_HEAD + "二、收入决算情况说明\n\n"
    "2024年度收入合计200.00万元，其中：财政拨款收入150.00万元，占比75.00%；"
    "其他收入50.00万元，占比25.00%。\n",
)
def share(ctx: AuditContext) -> Iterable[Finding]:
    """占比 p% (of the list's total) or 占…的 p% (of the named whole, looked up in the narrative):
    100 × part ÷ whole over the operands' intervals must intersect [p − ½ulp, p + ½ulp]."""
    return findings_for(ctx, "N103")


@rule(
    code="N104",
    name="narrative.growth",
    family=Family.NARRATIVE,
    severity=Severity.WARNING,
    summary="增长率与增减额不符：增长率 = 增减额 ÷ 上年数",
    summary_en="A growth rate does not follow from the change and this year's figure",
    failing=_HEAD + "一、收入支出决算总体情况说明\n\n"
    "2024年度收入总计150.00万元，支出总计150.00万元。与上年相比，收入总计增加50.00万元，"
    "增长40.00%。\n",
    passing=_HEAD + "一、收入支出决算总体情况说明\n\n"
    "2024年度收入总计150.00万元，支出总计150.00万元。与上年相比，收入总计增加50.00万元，"
    "增长50.00%。\n",
)
def growth(ctx: AuditContext) -> Iterable[Finding]:
    """与上年相比 / 比上年(度) / 较上年(决算) 增加/减少 D, 增长/下降 g%: last year = current ∓ D and
    g = 100 × D ÷ last year. The rate's range is computed exactly at the corners of the current
    figure's and the change's intervals; an increase not smaller than the current figure (a
    non-positive last year) is reported too."""
    return findings_for(ctx, "N104")


@rule(
    code="N105",
    name="narrative.direction",
    family=Family.NARRATIVE,
    severity=Severity.ERROR,
    summary="增减方向矛盾（增加却下降、下降100%而本年不为0等）",
    summary_en="The direction of a change contradicts itself (增加 with 下降, 下降100% "
    "while this year is not 0, …)",
    failing=_HEAD + "九、财政拨款“三公”经费支出决算情况说明\n\n"
    "公务接待费支出3.05万元，比上年度增加2.71万元，下降797.06%。\n",
    passing=_HEAD + "九、财政拨款“三公”经费支出决算情况说明\n\n"
    "公务接待费支出3.05万元，比上年度增加2.71万元，增长797.06%。\n",
)
def direction(ctx: AuditContext) -> Iterable[Finding]:
    """增加 goes with 增长 and 减少 with 下降. A fall of 100% means this year's figure is 0, and a
    figure that fell to 0 fell by 100%: when the stated rate is inconsistent with the figures
    (as N104 computes it, within rounding) and the error is of this kind, it is reported here
    instead of N104. Such an error changes the conclusion (statcheck's "decision error")."""
    return findings_for(ctx, "N105")


@rule(
    code="N106",
    name="narrative.completion",
    family=Family.NARRATIVE,
    severity=Severity.WARNING,
    summary="预算完成率与数字不符：完成率 = 决算 ÷ 预算",
    summary_en="A completion rate does not follow from the outturn and the budget",
    failing=_HEAD + "五、一般公共预算财政拨款支出决算情况说明\n\n"
    "卫生健康支出年初预算400.00万元，支出决算500.00万元，完成年初预算的120.00%。\n",
    passing=_HEAD + "五、一般公共预算财政拨款支出决算情况说明\n\n"
    "卫生健康支出年初预算400.00万元，支出决算500.00万元，完成年初预算的125.00%。\n",
)
def completion(ctx: AuditContext) -> Iterable[Finding]:
    """完成年初预算/全年预算的 p%: 100 × outturn ÷ budget over the intervals must intersect the
    stated rate. The message says when the error flips the over/under-budget conclusion."""
    return findings_for(ctx, "N106")


@rule(
    code="N109",
    name="narrative.outturn-vs-budget",
    family=Family.NARRATIVE,
    severity=Severity.ERROR,
    summary="“决算数大于/小于/等于预算数”的结论与所列预算、决算数不符",
    summary_en="A statement that the outturn is above, below or equal to the budget contradicts the figures",
    failing=_HEAD + "五、一般公共预算财政拨款支出决算情况说明\n\n"
    "行政单位离退休（项）。年初预算为54.53万元，支出决算为50.10万元，完成年初预算的91.88%。决算数同预算数持平。\n",
    passing=_HEAD + "五、一般公共预算财政拨款支出决算情况说明\n\n"
    "行政单位离退休（项）。年初预算为54.53万元，支出决算为50.10万元，完成年初预算的91.88%。决算数小于预算数的主要原因："
    "人员变动。\n",
)
def outturn_vs_budget(ctx: AuditContext) -> Iterable[Finding]:
    """决算数大于/小于预算数, 决算数同预算数持平, 与预算持平 — the conclusion a reader takes away —
    checked against the budget and outturn the same sentence states (Shanghai's template writes one
    after every 项). Getting it backwards is a decision error, so an error."""
    return findings_for(ctx, "N109")


@rule(
    code="N107",
    name="narrative.count-parts",
    family=Family.NARRATIVE,
    severity=Severity.ERROR,
    summary="数量分项之和与总数不符（车辆、批次、人次等）",
    summary_en="Counted parts (vehicles, visits, …) do not add up to the stated count",
    failing=_HEAD + "十、其他重要事项情况说明\n\n"
    "截至2024年12月31日，本部门共有车辆10辆。其中：执法执勤用车3辆，其他用车6辆。\n",
    passing=_HEAD + "十、其他重要事项情况说明\n\n"
    "截至2024年12月31日，本部门共有车辆10辆。其中：执法执勤用车3辆，其他用车7辆。\n",
)
def count_parts(ctx: AuditContext) -> Iterable[Finding]:
    """Counts are exact integers: exhaustive counted parts (with a 其他 residual category, or
    国内 + 国（境）外 receptions) must add up to the total exactly."""
    return findings_for(ctx, "N107")


@rule(
    code="N108",
    name="narrative.identity",
    family=Family.NARRATIVE,
    severity=Severity.ERROR,
    summary="叙述中的收入总计与支出总计不相等",
    summary_en="收入总计 and 支出总计 stated in the narrative are not equal",
    failing=_HEAD + "一、收入支出决算总体情况说明\n\n"
    "2024年度收入总计150.00万元，支出总计160.00万元。\n",
    passing=_HEAD + "一、收入支出决算总体情况说明\n\n"
    "2024年度收入总计150.00万元，支出总计150.00万元。\n",
)
def identity(ctx: AuditContext) -> Iterable[Finding]:
    """收入总计 = 支出总计 (and 财政拨款收入总计 = 财政拨款支出总计) when a sentence states both. Both
    are roundings of one true value: printed at the same precision they must be equal, at
    different precisions their intervals must intersect."""
    return findings_for(ctx, "N108")
