"""Narrative claims: the reference's 情况说明 read into typed claims, and small texts."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

import pytest

from juesuan.model.claims import (
    CLAIM_ADAPTER,
    ChangeClaim,
    Claim,
    CompletionClaim,
    CountClaim,
    IdentityClaim,
    PerformanceSummaryClaim,
    ShareClaim,
    TotalClaim,
    claim_operands,
)
from juesuan.parse.claims import (
    extraction_coverage,
    find_narrative,
    narrative_numbers,
    parse_claims,
)
from juesuan.read.document import Document
from juesuan.read.text import document_from_text

HEAD = "第三部分 情况说明\n\n"


def claims_of(body: str) -> list[Claim]:
    return parse_claims(document_from_text(HEAD + body, "t.txt"))


def by_kind(claims: list[Claim], cls: type[Claim]) -> list[Claim]:
    return [c for c in claims if isinstance(c, cls)]


@pytest.fixture(scope="module")
def ref_claims(reference_document: Document) -> list[Claim]:
    return parse_claims(reference_document)


# -- the reference ----------------------------------------------------------------------------


def test_finds_the_narrative(reference_document: Document) -> None:
    assert find_narrative(reference_document) == range(142, 262)


def test_claim_counts_by_kind(ref_claims: list[Claim]) -> None:
    counts = Counter(c.kind for c in ref_claims)
    assert counts == {
        "total": 11, "count": 5, "share": 11, "change": 15, "completion": 7, "identity": 2,
        "performance": 2,
    }


def test_quotes_are_verbatim_on_their_line(ref_claims: list[Claim],
                                           reference_lines: list[str]) -> None:
    for c in ref_claims:
        assert c.quote and c.quote in reference_lines[c.span.line - 1], c.quote
        for q in c.operands():
            assert q.span is not None
            line = reference_lines[q.span.line - 1]
            assert q.span.column is not None
            assert line[q.span.column - 1:].startswith(q.text), (q.text, line)
        for group in ("total", "part", "whole", "current", "actual", "budget", "left", "right",
                      "funds", "project_count"):
            op = getattr(c, group, None)
            if op is not None:
                assert op.quote in reference_lines[op.quantity.span.line - 1], op.quote


def test_income_total_and_shares(ref_claims: list[Claim]) -> None:
    total = next(c for c in by_kind(ref_claims, TotalClaim) if c.total.quantity.text == "47,348.67")
    assert isinstance(total, TotalClaim)
    assert [p.quantity.text for p in total.parts] == ["37,301.92", "10,046.75"]
    assert [p.subject for p in total.parts] == ["财政拨款收入", "其他收入"]
    assert total.exhaustive and total.section == "第三部分/二"
    shares = [c for c in by_kind(ref_claims, ShareClaim) if c.span.line == 150]
    assert [(s.part.quantity.text, s.whole.quantity.text, s.share.text)
            for s in shares if isinstance(s, ShareClaim)] == [
        ("37,301.92", "47,348.67", "78.78"), ("10,046.75", "47,348.67", "21.22")]


def test_share_of_a_named_whole_in_another_section(ref_claims: list[Claim]) -> None:
    share = next(c for c in by_kind(ref_claims, ShareClaim)
                 if isinstance(c, ShareClaim) and c.share.text == "78.45")
    assert isinstance(share, ShareClaim)
    assert share.whole.quantity.text == "47,545.91" and share.whole.quantity.span is not None
    assert share.whole.quantity.span.line == 154
    assert share.whole_label == "本年支出合计"


def test_class_lists_with_budget_and_outturn(ref_claims: list[Claim]) -> None:
    lists = [c for c in by_kind(ref_claims, TotalClaim)
             if isinstance(c, TotalClaim) and c.section == "第三部分/五/（三）"]
    assert {c.total.role for c in lists} == {"initial_budget", "actual"}
    initial = next(c for c in lists if c.total.role == "initial_budget")
    assert [p.quantity.text for p in initial.parts] == ["833.74", "457.71", "23,394.23", "651.11"]
    assert initial.exhaustive and initial.exhaustive_reason and "（二）" in initial.exhaustive_reason
    structure = next(c for c in by_kind(ref_claims, TotalClaim)
                     if isinstance(c, TotalClaim) and c.connective == "主要用于以下方面")
    assert [p.quantity.text for p in structure.parts] == ["889.93", "466.29", "35,321.00",
                                                         "624.69"]


def test_changes_including_797_percent_and_a_fall_to_zero(ref_claims: list[Claim]) -> None:
    changes = [c for c in ref_claims if isinstance(c, ChangeClaim)]
    fall = next(c for c in changes if c.rate is not None and c.rate.text == "100")
    assert fall.direction == "decrease" and fall.rate_direction == "decrease"
    assert fall.current is not None and fall.current.quantity.value == 0
    big = next(c for c in changes if c.rate is not None and c.rate.text == "797.06")
    assert big.change is not None and big.change.text == "2.71"
    assert big.current is not None and big.current.quantity.text == "3.05"
    same = [c for c in changes if c.direction == "unchanged"]
    assert len(same) == 2
    split = next(c for c in changes if c.span.line == 158 and c.current is not None
                 and c.current.subject == "财政拨款支出总计")
    assert split.rate is not None and split.rate.span is not None
    assert split.rate.span.line == 160  # 增 / 长27.38% broken over lines 158 and 160
    cls = next(c for c in changes if c.basis == "较上年决算" and c.span.line == 184)
    assert cls.current is not None and cls.current.quantity.text == "889.93"
    machine = next(c for c in changes if c.basis == "比2023年")
    assert machine.current is not None and machine.current.quantity.text == "752.02"


def test_completion_rates(ref_claims: list[Claim]) -> None:
    rates = [c for c in ref_claims if isinstance(c, CompletionClaim)]
    assert [c.rate.text for c in rates] == ["147.22", "106.74", "101.87", "150.98", "95.94",
                                            "100.00", "100.00"]
    no_budget = rates[-1]
    assert no_budget.budget is None and no_budget.basis == "全年预算"


def test_identities(ref_claims: list[Claim]) -> None:
    ids = [c for c in ref_claims if isinstance(c, IdentityClaim)]
    assert [(c.left.subject, c.right.subject) for c in ids] == [
        ("收入总计", "支出总计"), ("财政拨款收入总计", "财政拨款支出总计")]


def test_counts(ref_claims: list[Claim]) -> None:
    counts = [c for c in ref_claims if isinstance(c, CountClaim)]
    cars = next(c for c in counts if c.total.quantity.text == "94")
    assert [p.quantity.text for p in cars.parts] == ["3", "1", "21", "23", "46"]
    assert cars.exhaustive
    visits = [c for c in counts if c.span.line == 236]
    assert {c.total.quantity.text for c in visits} == {"6", "152"}


def test_performance_summary(ref_claims: list[Claim]) -> None:
    summaries = [c for c in ref_claims if isinstance(c, PerformanceSummaryClaim)]
    own = next(c for c in summaries if c.scope == "self_evaluation")
    assert own.project_count is not None and own.project_count.quantity.text == "64"
    assert own.funds is not None and own.funds.quantity.text == "12,814.56"
    assert [p.quantity.text for p in own.fund_parts] == ["25416.8", "0", "0", "0"]
    assert own.fund_parts_exhaustive
    assert [(g.label, g.quantity.text) for g in own.grades] == [
        ("优", "52"), ("良", "9"), ("中", "2"), ("差", "1")]
    assert own.section == "第三部分/十/（四）/1"
    dept = next(c for c in summaries if c.scope == "department_evaluation")
    assert dept.project == "晋城市大气污染防治能力建设项目"
    assert dept.funds is not None and dept.funds.quantity.text == "1225.1"


def test_extraction_coverage(reference_document: Document, ref_claims: list[Claim]) -> None:
    cov = extraction_coverage(reference_document, ref_claims)
    assert cov.numbers == 128 and cov.used == 119
    assert cov.recall > Decimal("0.9")
    unused = {(q.text, q.unit, q.span.line if q.span else 0) for q in cov.unused}
    # the restatements in 九（二） carry no checkable relation; 100万元 is a threshold
    assert unused == {("0", "万元", 230), ("0", "个", 230), ("0", "人次", 230),
                      ("0", "万元", 232), ("0", "辆", 232), ("0", "万元", 234), ("0", "辆", 234),
                      ("100", "万元", 250), ("33", "台（套）", 250)}
    # years, dates and the list markers 1. 2. 3. are not counted as figures
    texts = [q.text for q in narrative_numbers(reference_document)]
    assert "2024" not in texts and "2023" not in texts and "31" not in texts


def test_claim_operands_are_unique_and_ordered(ref_claims: list[Claim]) -> None:
    ops = claim_operands(ref_claims)
    places = [(q.span.line, q.span.column) for q in ops if q.span]
    assert len(places) == len(set(places)) == 119
    assert places == sorted(places)  # type: ignore[type-var]


def test_json_round_trip(ref_claims: list[Claim]) -> None:
    data = CLAIM_ADAPTER.dump_json(ref_claims)
    assert CLAIM_ADAPTER.validate_json(data) == ref_claims


# -- small texts -------------------------------------------------------------------------------


def test_no_narrative_means_no_claims() -> None:
    assert parse_claims(document_from_text("第一部分 概况\n\n收入100.00万元，占比50.00%。\n")) == []


def test_explicit_line_range() -> None:
    doc = document_from_text("前言\n\n收入合计100.00万元，其中：A收入60.00万元，B收入40.00万元。\n")
    claims = parse_claims(doc, range(1, 4))
    assert [c.kind for c in claims] == ["total"]


def test_single_part_is_not_exhaustive() -> None:
    (claim,) = claims_of("政府采购授予中小企业合同金额90.00万元。其中：授予小微企业合同金额40.00万元。\n")
    assert isinstance(claim, TotalClaim) and not claim.exhaustive


def test_share_given_as_zhan_and_completion_of_full_year_budget() -> None:
    claims = claims_of(
        "九、“三公”经费\n\n2024年度“三公”经费支出全年预算10.00万元，支出决算8.00万元，"
        "完成全年预算的80.00%，比上年度减少2.00万元，下降20.00%。\n"
    )
    completion = next(c for c in claims if isinstance(c, CompletionClaim))
    assert completion.budget is not None and completion.budget.role == "annual_budget"
    assert completion.actual is not None and completion.actual.quantity.text == "8.00"
    change = next(c for c in claims if isinstance(c, ChangeClaim))
    assert change.current is not None and change.current.quantity.text == "8.00"
    assert change.direction == "decrease" and change.rate is not None


def test_rate_written_as_zengzhanglv_and_share_written_as_zhan() -> None:
    claims = claims_of("收入合计200.00万元，其中：财政拨款收入150.00万元，占75.00%；"
                       "其他收入50.00万元，占25.00%。与上年相比，收入合计增加20.00万元，"
                       "增长率为11.11%。\n")
    assert len([c for c in claims if isinstance(c, ShareClaim)]) == 2
    change = next(c for c in claims if isinstance(c, ChangeClaim))
    assert change.rate is not None and change.rate.text == "11.11"


def test_full_width_digits_and_percent() -> None:
    claims = claims_of("收入合计１００.００万元，其中：财政拨款收入６０.００万元，占比６０.００％；"
                       "其他收入４０.００万元，占比４０.００％。\n")
    total = next(c for c in claims if isinstance(c, TotalClaim))
    assert total.total.quantity.value == Decimal("100.00") and total.exhaustive


def test_list_of_items_ends_at_the_full_stop() -> None:
    claims = claims_of(
        "五、支出\n\n2024年度支出100.00万元，主要用于以下方面：\n\n甲支出(类)60.00万元，占比60.00%；\n\n"
        "乙支出(类)40.00万元，占比40.00%。\n\n另有往来款5.00万元。\n"
    )
    total = next(c for c in claims if isinstance(c, TotalClaim))
    assert [p.quantity.text for p in total.parts] == ["60.00", "40.00"]
