"""The scorer on synthetic indicators and on the reference (the issue's must-show forms)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.model.disclosure import Disclosure
from juesuan.model.evaluation import FundRow, Indicator
from juesuan.model.quantity import Quantity
from juesuan.model.spans import SourceSpan
from juesuan.report.score import score_payload, summary
from juesuan.score import Status, load_policy, score_disclosure
from juesuan.score.engine import Kind, score_execution, score_indicator

SPAN = SourceSpan(line=1)
NATIONAL = load_policy("national")
LOCAL = load_policy("example-local")


def ind(target: str, actual: str | None, weight: str = "10", score: str | None = None,
        level2: str = "数量指标") -> Indicator:
    return Indicator(level1="产出指标", level2=level2, name="指标", adjusted_target=target,
                     actual=actual, weight=Quantity.parse(weight),
                     score=Quantity.parse(score) if score else None, span=SPAN)


@pytest.mark.parametrize(("target", "actual", "level2", "points"), [
    ("≥90%", "≥95%", "质量指标", "10"),
    ("≥90%", "81%", "质量指标", "9"),             # 81 ÷ 90 × 10
    ("≤100万元", "125万元", "成本指标", "8"),      # 100 ÷ 125 × 10
    ("≤100万元", "80万元", "成本指标", "10"),
    ("=100万元", "1200000元", "成本指标", "8.33"),  # units folded: 100 ÷ 120 × 10
    ("=8次/天", "=10次/天", "数量指标", "10"),      # national: no over-achievement penalty
    ("=4台", "=3台", "数量指标", "7.5"),
    ("6月底前", "2024年5月", "时效指标", "10"),
])
def test_quantitative_points(target: str, actual: str, level2: str, points: str) -> None:
    item = score_indicator(ind(target, actual, level2=level2), NATIONAL)
    assert item.recomputed is not None
    assert item.recomputed.quantize(Decimal("0.01")) == Decimal(points).quantize(Decimal("0.01"))


def test_qualitative_stated_score_inside_tier_is_reproduced() -> None:
    inside = score_indicator(ind("保障", "部分达成预期指标并具有一定效果", score="7"), NATIONAL)
    assert inside.status is Status.AGREES and inside.recomputed == 7 and "区间内" in inside.reason
    outside = score_indicator(ind("保障", "期指标并具", score="9"), NATIONAL)
    assert outside.status is Status.DIFFERS and outside.recomputed == 8
    assert outside.kind is Kind.QUALITATIVE


def test_over_achievement_under_local_policy() -> None:
    item = score_indicator(ind("=8次/天", "=10次/天", score="7.5"), LOCAL)
    assert item.status is Status.AGREES and item.kind is Kind.OVER_ACHIEVEMENT
    national = score_indicator(ind("=8次/天", "=10次/天", score="7.5"), NATIONAL)
    assert national.status is Status.DIFFERS and national.kind is Kind.OVER_ACHIEVEMENT


def test_cannot_read_is_never_guessed() -> None:
    for target, actual in (("≥90%", None), ("024年1、2", "达标x1"), ("W85%", "W80%"),
                           ("≥5台", "5套")):
        item = score_indicator(ind(target, actual, score="10"), NATIONAL)
        assert item.status is Status.UNREADABLE and item.recomputed is None
        assert "cannot read" in item.reason


def test_execution_rate_times_weight_capped() -> None:
    row = FundRow(source="资金总额", execution_rate=Quantity.parse("96.13"),
                  score=Quantity.parse("9.61"), span=SPAN)
    item = score_execution(row, NATIONAL)
    assert item.status is Status.AGREES and item.recomputed == Decimal("9.61")
    over = FundRow(source="资金总额", annual_budget=Quantity.parse("100"),
                   executed=Quantity.parse("120"), score=Quantity.parse("12"), span=SPAN)
    capped = score_execution(over, NATIONAL)
    assert capped.status is Status.DIFFERS and capped.recomputed == 10


MUST_SHOW = {
    "城区分局背街小巷洒水降尘服务费": ("92.5", LOCAL),
    "高平分局高平市入河排污口排查及溯源调查报告": ("99.61", NATIONAL),
    "道路清扫保洁能力提升项目": ("76", LOCAL),
}


@pytest.mark.parametrize("name", sorted(MUST_SHOW))
def test_must_show_totals_reproduced(reference: Disclosure, name: str) -> None:
    total, policy = MUST_SHOW[name]
    form = next(f for f in reference.evaluations if f.name == name)
    [result] = score_disclosure(reference.model_copy(update={"evaluations": [form]}), policy)
    assert result.recomputed_total == Decimal(total)
    assert result.reproduced
    assert result.recomputed_grade == result.stated_grade
    assert all(item.reason for item in result.items)  # explained point by point


def test_local_policy_reproduces_all_three_and_national_the_execution_form(
        reference: Disclosure) -> None:
    local = {s.form.name: s for s in score_disclosure(reference, LOCAL)}
    assert all(local[n].reproduced for n in MUST_SHOW)
    national = {s.form.name: s for s in score_disclosure(reference, NATIONAL)}
    assert national["高平分局高平市入河排污口排查及溯源调查报告"].reproduced
    # national reads 作业频次 (=8, actual 10) as met: full points, so 95 not 92.5
    assert national["城区分局背街小巷洒水降尘服务费"].recomputed_total == 95


def test_reference_summary_is_stable(reference: Disclosure) -> None:
    scores = score_disclosure(reference, NATIONAL)
    data = summary(scores)
    assert data["forms"] == 64
    assert data["reproduced"] + data["reproduced_with_unreadable"] + data["not_reproduced"] == 64
    assert data["reproduced"] >= 20
    assert {"arithmetic", "over_achievement", "qualitative", "proportional"} <= set(data["reasons"])
    payload = score_payload("ref.txt", "national", scores)
    ev = payload["evaluations"][0]
    assert {"name", "stated_total", "recomputed_total", "stated_grade", "recomputed_grade",
            "indicators", "execution"} <= set(ev)
    assert {"name", "weight", "stated_score", "recomputed_score", "reason"} <= set(
        ev["indicators"][0])


def test_mangled_operator_read_as_ge_only_for_a_satisfaction_rate() -> None:
    """The reference prints 满意度 targets as W85% (≥ lost in export). A satisfaction rate is
    higher-is-better, so the scorer reads W as ≥ and says so; elsewhere it stays unread."""
    satisfied = Indicator(level1="满意度指标", level2="服务对象满意度", name="人民满意度",
                          adjusted_target="W85%", actual="90%", weight=Quantity.parse("3"),
                          score=Quantity.parse("3"), span=SPAN)
    item = score_indicator(satisfied, NATIONAL)
    assert item.status is Status.AGREES and item.recomputed == Decimal(3)
    assert "运算符「W」无法识别" in item.reason and "读作「≥」" in item.reason
    short = score_indicator(satisfied.model_copy(update={"actual": "80%"}), NATIONAL)
    assert "未达成" in short.reason and "94.12% × 3" in short.reason   # 80 ÷ 85 × 3
    for glyph in ("W", "≠"):
        other = score_indicator(ind(f"{glyph}85%", "90%", score="10"), NATIONAL)
        assert other.status is Status.UNREADABLE
    ne = score_indicator(satisfied.model_copy(update={"adjusted_target": "≠85%"}), NATIONAL)
    assert ne.status is Status.UNREADABLE  # ≠ may be a lost = as well as a lost ≥
