"""Cross-reference rules (X1xx): one figure stated in several places, nested figures, projects."""

from __future__ import annotations

import pytest

from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding
from juesuan.audit.registry import Family, Rule, all_rules
from juesuan.audit.rules.crossref import _find_form
from juesuan.audit.rules.narrative import figure_statements
from juesuan.model.claims import PerformanceSummaryClaim
from juesuan.model.disclosure import Disclosure
from juesuan.parse import parse_document
from juesuan.parse.claims import parse_claims
from juesuan.read.document import Document
from juesuan.read.text import document_from_text

CROSSREF = [r for r in all_rules() if r.family is Family.CROSSREF and r.code.startswith("X1")]
HEAD = "第三部分 情况说明\n\n"


def run(text: str) -> list[Finding]:
    doc = document_from_text(text, "t.txt")
    ctx = AuditContext(disclosure=parse_document(doc), claims=parse_claims(doc))
    out = [f for r in CROSSREF for f in r.check(ctx)]
    lines = text.split("\n")
    for f in out:
        assert f.line is not None and f.quoted_on(lines[f.line - 1])
    return out


def gpb(first: str, second: str, third: str | None = None) -> str:
    text = (HEAD + "五、一般公共预算财政拨款支出决算情况说明\n\n（一）总体情况\n\n"
            f"2024年一般公共预算财政拨款支出{first}万元。与上年相比，一般公共预算财政拨款支出"
            "增加10.00万元。\n\n（二）结构情况\n\n"
            f"2024年度一般公共预算财政拨款支出{second}万元，主要用于以下方面：\n\n"
            f"节能环保支出(类){second}万元，占比100.00%。\n")
    if third is not None:
        text += ("\n（三）具体情况\n\n"
                 f"2024年度一般公共预算财政拨款支出年初预算{third}万元，支出决算{third}万元，"
                 "完成年初预算的100.00%。\n")
    return text


@pytest.mark.parametrize("rule", CROSSREF, ids=[r.code for r in CROSSREF])
def test_examples(rule: Rule) -> None:
    assert rule.code in [f.code for f in run(rule.failing)]
    assert [f for f in run(rule.passing) if f.code == rule.code] == []


def test_same_precision_must_be_equal_different_precision_must_intersect() -> None:
    assert run(gpb("100.00", "100.01")) != []
    assert run(gpb("100.0", "100.04")) == []
    assert run(gpb("100.0", "100.06")) != []


def test_the_odd_one_out_is_reported() -> None:
    (f,) = run(gpb("110.00", "100.00", "100.00"))
    assert f.code == "X101" and f.stated == "110.00" and f.expected == "100.00"
    assert f.part == "第三部分/五/（一）" and f.line == 7
    assert "110.00" in f.message and "100.00" in f.message_en


def test_nested_figures() -> None:
    text = (HEAD + "一、\n\n2024年度收入总计100.00万元，支出总计100.00万元。\n\n二、\n\n"
            "2024年度收入合计100.00万元，其中：财政拨款收入90.00万元，占比90.00%；其他收入10.00万元，"
            "占比10.00%。\n\n四、\n\n2024年度财政拨款收入总计120.00万元，支出总计120.00万元。\n")
    (f,) = run(text)
    assert (f.code, f.stated, f.expected) == ("X103", "120.00", "≤ 100.005")
    # a part larger than its own total is N101's finding, not also X103's
    text = HEAD + "二、收入\n\n2024年度收入合计100.00万元，其中：财政拨款收入120.00万元。\n"
    assert run(text) == []


def test_reference(reference: Disclosure, reference_document: Document) -> None:
    claims = parse_claims(reference_document)
    ctx = AuditContext(disclosure=reference, claims=claims)
    assert [f for r in CROSSREF for f in r.check(ctx)] == []
    groups = figure_statements(claims)
    # the same figure stated in several places is really compared
    gpb_actual = groups[("一般公共预算财政拨款支出", "actual", "万元")]
    assert len(gpb_actual) == 3  # 五（一）, （二） and （三）
    assert len(groups[("公务接待费支出", "actual", "万元")]) == 2
    # the 部门评价 project is matched to its form (its funds 1,225.1 agree)
    dept = next(c for c in claims if isinstance(c, PerformanceSummaryClaim) and c.project)
    assert dept.project is not None
    found = _find_form(dept.project, reference.evaluations)
    assert found is not None and found.name == "晋城市大气污染防治能力建设项目"


@pytest.mark.parametrize(
    ("line", "old", "new", "code", "at"),
    [
        (172, "889.93", "989.93", "X101", 172),  # one 类 figure changed in 五（二）
        (176, "35,321.00", "45,321.00", "X101", 176),  # also larger than its total: still one
        (170, "37,301.92", "37,310.92", "X101", 170),  # the total of a list
        (250, "46辆", "64辆", "N107", 250),
        (218, "支出决算3.05", "支出决算4.05", "N106", 218),  # growth on it is not re-reported
    ],
)
def test_one_planted_error_gives_one_finding(reference: Disclosure, reference_lines: list[str],
                                              line: int, old: str, new: str, code: str,
                                              at: int) -> None:
    lines = list(reference_lines)
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    text = "\n".join(lines)
    doc = document_from_text(text, "planted.txt")
    ctx = AuditContext(disclosure=reference, claims=parse_claims(doc))
    rules = [r for r in all_rules() if r.family in (Family.NARRATIVE, Family.CROSSREF)]
    found = [(f.code, f.line) for r in rules for f in r.check(ctx)
             if (f.code, f.line) != ("N101", 256)]  # the reference's own error
    assert found == [(code, at)]
