"""Performance-summary rules (S1xx) against the attached self-evaluation forms."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding
from juesuan.audit.registry import Family, Rule, all_rules
from juesuan.audit.rules.summary import forms_sum, grade_of
from juesuan.model.disclosure import Disclosure
from juesuan.model.evaluation import FundRow, ProjectEvaluation
from juesuan.model.quantity import Quantity
from juesuan.model.spans import SourceSpan, StatedText
from juesuan.parse import parse_document
from juesuan.parse.claims import parse_claims
from juesuan.read.document import Document
from juesuan.read.text import document_from_text

SUMMARY = [r for r in all_rules() if r.family is Family.SUMMARY and r.code.startswith("S1")]


def form(name: str, initial: str | None, annual: str | None = None, grade: str | None = None,
         line: int = 100) -> ProjectEvaluation:
    span = SourceSpan(line=line)

    def q(text: str | None) -> Quantity | None:
        return None if text is None else Quantity.parse(text, unit="万元", span=span)

    row = FundRow(source="资金总额", initial_budget=q(initial), annual_budget=q(annual),
                  span=span)
    return ProjectEvaluation(name=name, fund_total=row, span=span, end_line=line,
                             grade=StatedText(text=grade, span=span) if grade else None)


def narrative(count: int, funds: str, grades: str) -> str:
    return ("第三部分 情况说明\n\n十、其他重要事项情况说明\n\n（四）预算绩效情况说明\n\n"
            f"组织开展了绩效自评，涉及二级项目{count}个，资金{funds}万元，其中一般公共预算项目支出"
            f"{funds}万元。自评结果为：{grades}。\n")


def run(text: str, forms: list[ProjectEvaluation]) -> list[Finding]:
    doc = document_from_text(text, "t.txt")
    ctx = AuditContext(disclosure=Disclosure(source="t.txt", evaluations=forms),
                       claims=parse_claims(doc))
    out = [f for r in SUMMARY for f in r.check(ctx)]
    lines = text.split("\n")
    for f in out:
        assert f.line is not None and f.quoted_on(lines[f.line - 1])
    return out


GOOD = "1个项目自评等级为“优”，1个项目自评等级为“良”"


def test_consistent_summary_is_clean() -> None:
    forms = [form("甲", "60.00", grade="优"), form("乙", "40.00", grade="良")]
    assert run(narrative(2, "100.00", GOOD), forms) == []


def test_without_forms_only_the_internal_check_runs() -> None:
    assert run(narrative(2, "100.00", GOOD), []) == []
    bad = narrative(3, "100.00", GOOD)
    assert [f.code for f in run(bad, [])] == ["S104"]


def test_project_count() -> None:
    forms = [form("甲", "60.00", grade="优")]
    (f,) = [f for f in run(narrative(2, "60.00", GOOD), forms) if f.code == "S101"]
    assert f.stated == "2" and f.expected == "1" and f.quote == "涉及二级项目2个"


def test_funds_name_the_base_that_matches() -> None:
    forms = [form("甲", "60.00", annual="50.00", grade="优"),
             form("乙", "40.00", annual="40.00", grade="良")]
    (f,) = run(narrative(2, "90.00", GOOD), forms)
    assert f.code == "S102" and f.expected == "[99.99, 100.01]"
    assert "预算编制数" in f.message and "全年预算数" in f.message and "口径" in f.message
    assert "basis" in f.message_en


def test_funds_with_a_form_that_states_no_budget_use_a_lower_bound() -> None:
    forms = [form("甲", "60.00", grade="优"), form("乙", None, grade="良")]
    assert run(narrative(2, "100.00", GOOD), forms) == []  # 乙 may hold the missing 40
    (f,) = run(narrative(2, "50.00", GOOD), forms)
    assert f.code == "S102" and f.expected == "≥ 59.995" and "1张表" in f.message


def test_grade_counts_allow_for_forms_without_a_grade() -> None:
    forms = [form("甲", "60.00", grade="优"), form("乙", "40.00")]
    two_best = "2个项目自评等级为“优”"
    assert run(narrative(2, "100.00", two_best), forms) == []
    forms = [form("甲", "60.00", grade="优"), form("乙", "40.00", grade="中")]
    found = run(narrative(2, "100.00", two_best), forms)
    assert sorted((f.code, f.stated, f.expected) for f in found) == [
        ("S103", "0", "1"), ("S103", "2", "1")]


def test_grade_total_defers_to_n101_when_one_count_exceeds_the_total() -> None:
    assert run(narrative(2, "100.00", "3个项目自评等级为“优”"), []) == []


# -- the documented examples (through the real parser, forms included) --------------------------


@pytest.mark.parametrize("rule", SUMMARY, ids=[r.code for r in SUMMARY])
def test_examples(rule: Rule) -> None:
    for text, should in ((rule.failing, True), (rule.passing, False)):
        doc = document_from_text(text, "ex.txt")
        ctx = AuditContext(disclosure=parse_document(doc), claims=parse_claims(doc))
        assert (rule.code in [f.code for f in rule.check(ctx)]) is should, (rule.code, should)
        assert len(ctx.disclosure.evaluations) == (0 if rule.code == "S104" else 2)


# -- the reference -----------------------------------------------------------------------------


def test_reference(reference: Disclosure, reference_document: Document) -> None:
    ctx = AuditContext(disclosure=reference, claims=parse_claims(reference_document))
    assert [f for r in SUMMARY for f in r.check(ctx)] == []
    forms = reference.evaluations
    assert len(forms) == 64
    # 12,814.56 lies within Σ 预算编制数 over the 64 forms (many print whole numbers, so the
    # interval is wide); no form lacks the figure
    total, missing = forms_sum(forms, "initial_budget")
    assert missing == 0 and total.contains(Decimal("12814.56"))
    # 52/9/2/1 stated; the forms state 47 优, 8 良, 2 中, 1 差 and 6 forms no grade
    grades = [grade_of(f) for f in forms]
    assert grades.count(None) + grades.count("优") >= 52 >= grades.count("优")


def test_grade_total_not_repeated_when_the_forms_already_explain_it() -> None:
    forms = [form("甲", "60.00", grade="优"), form("乙", "40.00", grade="良")]
    found = run(narrative(3, "100.00", GOOD), forms)
    assert [f.code for f in found] == ["S101"]  # not also S104 for the same wrong count
