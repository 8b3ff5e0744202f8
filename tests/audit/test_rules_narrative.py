"""Narrative rules (N1xx) on the reference, on small texts, and as properties of rounding."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from juesuan.audit.config import AuditConfig
from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import Family, Rule, all_rules
from juesuan.audit.rules.narrative import growth_percent, ratio_percent, stated
from juesuan.model.disclosure import Disclosure
from juesuan.model.quantity import Interval, Quantity
from juesuan.parse.claims import parse_claims
from juesuan.read.document import Document
from juesuan.read.text import document_from_text

MINE = (Family.NARRATIVE, Family.CROSSREF, Family.SUMMARY)
RULES = [r for r in all_rules() if r.family in MINE]
NARRATIVE = [r for r in RULES if r.family is Family.NARRATIVE]
HEAD = "第三部分 情况说明\n\n"


def run(text: str, codes: tuple[str, ...] | None = None,
        config: AuditConfig | None = None) -> list[Finding]:
    doc = document_from_text(text, "t.txt")
    ctx = AuditContext(disclosure=Disclosure(source="t.txt"), claims=parse_claims(doc),
                       config=config or AuditConfig())
    out = [f for r in all_rules() if r.family is Family.NARRATIVE
           and (codes is None or r.code in codes) and ctx.config.enabled(r)
           for f in r.check(ctx)]
    lines = text.split("\n")
    for f in out:
        assert f.line is not None and f.quoted_on(lines[f.line - 1]), (f.quote, f.line)
    return out


def codes(text: str) -> list[str]:
    return sorted(f.code for f in run(text))


def money(value: Decimal, places: int = 2, rounding: str = ROUND_HALF_EVEN,
          commas: bool = False) -> str:
    q = value.quantize(Decimal(1).scaleb(-places), rounding=rounding)
    return format(q, ",f") if commas else format(q, "f")


# -- the reference -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ref_ctx(reference: Disclosure, reference_document: Document) -> AuditContext:
    return AuditContext(disclosure=reference, claims=parse_claims(reference_document))


def test_reference_findings(ref_ctx: AuditContext, reference_lines: list[str]) -> None:
    findings = [f for r in NARRATIVE for f in r.check(ref_ctx)]
    assert [(f.code, f.severity, f.line, f.quote) for f in findings] == [
        ("N101", Severity.ERROR, 256, "其中一般公共预算项目支出25416.8万元"),
    ]
    f = findings[0]
    assert f.stated == "25416.8" and f.expected == "≤ 12814.565"
    assert f.part == "第三部分/十/（四）/1"
    assert f.related and f.related[0].line == 256
    assert "25416.8" in f.message_en and "12,814.56" in f.message
    for finding in findings:
        assert finding.quoted_on(reference_lines[finding.line - 1])  # type: ignore[operator]


def test_reference_rounding_traps_are_not_flagged(ref_ctx: AuditContext) -> None:
    findings = [f for r in NARRATIVE for f in r.check(ref_ctx)]
    # 889.93 + 466.29 + 35,321.00 + 624.69 = 37,301.91 against 37,301.92 (lines 170–192)
    # 5,862.23 + 71.03 + 5,753.79 = 11,687.05 against 11,687.04 (line 246)
    assert not [f for f in findings if f.line in range(170, 193) or f.line == 246]


def test_the_summary_error_is_reported_once_only(ref_ctx: AuditContext) -> None:
    findings = [f for r in RULES for f in r.check(ref_ctx)]
    assert [f.code for f in findings if f.line == 256] == ["N101"]


# -- the documented examples -------------------------------------------------------------------


@pytest.mark.parametrize("rule", NARRATIVE, ids=[r.code for r in NARRATIVE])
def test_examples(rule: Rule) -> None:
    assert rule.code in [f.code for f in run(rule.failing, (rule.code,))]
    assert run(rule.passing, (rule.code,)) == []
    assert rule.doc and rule.summary and rule.summary_en
    assert rule.name.startswith("narrative.")


def test_example_texts_raise_nothing_else() -> None:
    for rule in NARRATIVE:
        assert {f.code for f in run(rule.failing)} == {rule.code}, rule.code
        assert run(rule.passing) == [], rule.code


# -- small texts --------------------------------------------------------------------------------


def test_hundred_percent_is_an_interval() -> None:
    # 99.6% printed as "100%" (no decimals) stands for [99.5, 100.5]
    text = HEAD + "（一）\n\n卫生健康支出年初预算500.00万元，支出决算498.00万元，完成年初预算的100%。\n"
    assert codes(text) == []
    text = HEAD + "（一）\n\n卫生健康支出年初预算500.00万元，支出决算498.00万元，完成年初预算的100.00%。\n"
    assert codes(text) == ["N106"]


def test_fall_to_zero_and_fall_of_hundred_percent() -> None:
    ok = HEAD + "公务用车运行维护费支出0万元，比上年度减少42.78万元，下降100%。\n"
    assert codes(ok) == []
    not_zero = HEAD + "公务用车运行维护费支出5.00万元，比上年度减少42.78万元，下降100%。\n"
    assert codes(not_zero) == ["N105"]
    zero = HEAD + "公务用车运行维护费支出0万元，比上年度减少42.78万元，下降90.00%。\n"
    assert codes(zero) == ["N105"]
    # a fall to a tiny amount that prints as 0.00 may be stated as 99.60%
    tiny = HEAD + "公务用车运行维护费支出0.00万元，比上年度减少1.00万元，下降99.60%。\n"
    assert codes(tiny) == []


def test_increase_larger_than_this_year() -> None:
    assert codes(HEAD + "机关运行经费支出5.00万元，比上年增加9.21万元。\n") == ["N104"]


def test_growth_of_797_percent_is_consistent() -> None:
    assert codes(HEAD + "公务接待费支出3.05万元，比上年度增加2.71万元，增长797.06%。\n") == []


def test_one_wrong_total_is_reported_once() -> None:
    # the total is a typo: the sum and both shares disagree with it, but only N102 is reported
    text = (HEAD + "二、收入\n\n2024年度收入合计150.00万元，其中：财政拨款收入80.00万元，占比80.00%；"
            "其他收入20.00万元，占比20.00%。\n")
    assert codes(text) == ["N102"]
    # with N102 switched off the shares are checked; the first failure makes the shared whole
    # suspect, so the second share (resting on the same whole) is not reported again
    assert codes_with(text, AuditConfig(ignore=["N102"])) == ["N103"]


def codes_with(text: str, config: AuditConfig) -> list[str]:
    return sorted(f.code for f in run(text, config=config))


def test_part_larger_than_total_not_also_reported_as_a_bad_sum() -> None:
    text = (HEAD + "十、\n\n2024年度政府采购支出总额100.00万元，其中：政府采购货物支出120.00万元、"
            "政府采购工程支出1.00万元、政府采购服务支出1.00万元。\n")
    assert codes(text) == ["N101"]


def test_selected_parts_that_already_exceed_the_total() -> None:
    text = (HEAD + "十、\n\n政府采购授予中小企业合同金额100.00万元，其中：授予小微企业合同金额60.00万元、"
            "授予其他企业合同金额50.00万元。\n")
    assert codes(text) == ["N102"]


def test_count_parts_are_exact() -> None:
    text = (HEAD + "十、\n\n本部门共有车辆94辆。其中：机要通信用车3辆、应急保障用车1辆、执法执勤用车21辆、"
            "特种专业技术用车23辆，其他用车45辆。\n")
    assert codes(text) == ["N107"]


def test_identity() -> None:
    assert codes(HEAD + "一、\n\n2024年度收入总计47,549.83万元，支出总计47,549.84万元。\n") == ["N108"]
    assert codes(HEAD + "一、\n\n2024年度收入总计47,549.83万元，支出总计47,549.8万元。\n") == []


def test_messages_say_stated_recomputed_and_what_to_check() -> None:
    (f,) = run(HEAD + "二、\n\n收入合计200.00万元，其中：财政拨款收入150.00万元，占比70.00%；"
                      "其他收入50.00万元，占比25.00%。\n")
    assert f.code == "N103" and f.stated == "70.00%" and f.expected == "[74.9956, 75.0044]%"
    assert "70.00%" in f.message and "请核对" in f.message
    assert "70.00%" in f.message_en and "Check" in f.message_en
    assert f.part == "第三部分/二" and len(f.related) == 2


# -- interval arithmetic as properties -----------------------------------------------------------

amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("1000000"), places=4,
                      allow_nan=False, allow_infinity=False)
big_amounts = st.decimals(min_value=Decimal("100"), max_value=Decimal("1000000"), places=4,
                          allow_nan=False, allow_infinity=False)
roundings = st.sampled_from([ROUND_HALF_EVEN, ROUND_HALF_UP])


def parts_text(printed_parts: list[str], total: str) -> str:
    labels = [f"第{i}项支出" for i in range(1, len(printed_parts))] + ["其他支出"]
    listed = "、".join(f"{label}{p}万元" for label, p in zip(labels, printed_parts, strict=True))
    return HEAD + f"三、\n\n2024年度支出合计{total}万元，其中：{listed}。\n"


@settings(max_examples=150, deadline=None)
@given(st.lists(amounts, min_size=2, max_size=6), roundings, st.booleans())
def test_rounded_parts_are_never_flagged(parts: list[Decimal], rounding: str,
                                         commas: bool) -> None:
    printed = [money(p, rounding=rounding, commas=commas) for p in parts]
    total = money(sum(parts, Decimal(0)), rounding=rounding, commas=commas)
    assert codes(parts_text(printed, total)) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(amounts, min_size=2, max_size=6), st.integers(min_value=0, max_value=50),
       st.booleans())
def test_parts_off_by_more_than_their_rounding_are_flagged(parts: list[Decimal], extra: int,
                                                           up: bool) -> None:
    printed = [money(p) for p in parts]
    n = len(parts)
    exact = sum((Decimal(p) for p in printed), Decimal(0))
    boundary = Decimal(n + 1) * Decimal("0.005")  # the slack of n parts and the total
    # just above the boundary the closed intervals touch: no finding (below it, parts printed
    # as 0.00 stand for [0, 0.005], not [-0.005, 0.005], so the boundary moves)
    edge = exact + boundary
    if up and (n + 1) % 2 == 0:
        assert codes(parts_text(printed, money(edge))) == []
    off = (boundary + Decimal("0.01") * (extra + 1)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    if off <= boundary:
        off += Decimal("0.01")
    total = exact + off if up else exact - off
    assume(total >= 0)
    found = codes(parts_text(printed, money(total)))
    # one N102 for the sum, or (when parts alone exceed the total) one N101 per such part
    assert found == ["N102"] or (found and set(found) == {"N101"}), found


@settings(max_examples=150, deadline=None)
@given(big_amounts, st.decimals(min_value=Decimal(0), max_value=Decimal(1), places=6),
       roundings, st.sampled_from([Decimal("-0.05"), Decimal("0"), Decimal("0.05")]))
def test_shares(whole: Decimal, fraction: Decimal, rounding: str, shift: Decimal) -> None:
    part = whole * fraction
    share = part * 100 / whole
    stated_share = Decimal(money(share, rounding=rounding)) + shift
    assume(stated_share >= 0)
    text = (HEAD + f"二、\n\n收入合计{money(whole, rounding=rounding)}万元，其中：财政拨款收入"
            f"{money(part, rounding=rounding)}万元，占比{stated_share:f}%。\n")
    assert codes(text) == ([] if shift == 0 else ["N103"])


@settings(max_examples=150, deadline=None)
@given(amounts, big_amounts, roundings, st.sampled_from([Decimal(-1), Decimal(0), Decimal(1)]))
def test_growth(current: Decimal, prior: Decimal, rounding: str, shift: Decimal) -> None:
    increase = current >= prior
    change = abs(current - prior)
    assume(change <= prior * 10)
    rate = change * 100 / prior
    stated_rate = Decimal(money(rate, rounding=rounding)) + shift
    assume(stated_rate >= 0)
    amount_word, rate_word = ("增加", "增长") if increase else ("减少", "下降")
    c = money(current, rounding=rounding)
    text = (HEAD + f"一、\n\n2024年度收入总计{c}万元，支出总计{c}万元。与上年相比，收入总计"
            f"{amount_word}{money(change, rounding=rounding)}万元，{rate_word}{stated_rate:f}%。\n")
    found = codes(text)
    if shift == 0:
        assert found == []
    else:
        assert len(found) == 1 and found[0] in ("N104", "N105")


@settings(max_examples=150, deadline=None)
@given(big_amounts, st.decimals(min_value=Decimal("0"), max_value=Decimal("3"), places=6),
       st.sampled_from([Decimal("-0.05"), Decimal("0"), Decimal("0.05")]))
def test_completion(budget: Decimal, ratio: Decimal, shift: Decimal) -> None:
    actual = budget * ratio
    stated_rate = Decimal(money(actual * 100 / budget)) + shift
    assume(stated_rate >= 0)
    text = (HEAD + f"五、\n\n卫生健康支出年初预算{money(budget)}万元，支出决算{money(actual)}万元，"
            f"完成年初预算的{stated_rate:f}%。\n")
    assert codes(text) == ([] if shift == 0 else ["N106"])


@settings(max_examples=300, deadline=None)
@given(amounts, big_amounts, st.integers(min_value=0, max_value=2))
def test_growth_interval_contains_the_true_rate(current: Decimal, prior: Decimal,
                                                places: int) -> None:
    """Soundness: whatever the true values, the computed range holds the true rate."""
    increase = current >= prior
    change = abs(current - prior)
    c = Quantity.parse(money(current, places))
    d = Quantity.parse(money(change, places))
    g = growth_percent(stated(c), stated(d), increase)
    assert g is not None
    rate = change * 100 / prior
    assert g.lo <= rate and (g.hi is None or rate <= g.hi)


@settings(max_examples=300, deadline=None)
@given(amounts, big_amounts)
def test_ratio_interval_contains_the_true_ratio(part: Decimal, whole: Decimal) -> None:
    iv = ratio_percent(stated(Quantity.parse(money(part))), stated(Quantity.parse(money(whole))))
    assert iv is not None and iv.contains(part * 100 / whole)


def test_ratio_of_a_possibly_zero_whole_is_unknown() -> None:
    assert ratio_percent(Interval.point(Decimal(1)), stated(Quantity.parse("0"))) is None


def test_stated_intervals() -> None:
    assert stated(Quantity.parse("100", unit="%")) == Interval(lo=Decimal("99.5"),
                                                                hi=Decimal("100.5"))
    assert stated(Quantity.parse("0", unit="万元")) == Interval(lo=Decimal(0), hi=Decimal("0.5"))
    assert stated(Quantity.parse("94", unit="辆")) == Interval.point(Decimal(94))
