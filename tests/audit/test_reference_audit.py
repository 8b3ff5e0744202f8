"""The audit on the real reference document: what a reviewer must see, and no false alarms."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.audit import AuditConfig, Finding, Severity, run_audit
from juesuan.model.disclosure import Disclosure


@pytest.fixture(scope="module")
def findings(reference: Disclosure) -> list[Finding]:
    return run_audit(reference)


def test_every_quote_is_verbatim_at_its_line(findings: list[Finding],
                                             reference_lines: list[str]) -> None:
    assert findings
    for f in findings:
        assert f.line is not None, f
        assert f.quote and f.quoted_on(reference_lines[f.line - 1]), (f.code, f.line, f.quote)


def test_part_larger_than_total_in_performance_summary(findings: list[Finding]) -> None:
    hits = [f for f in findings if "25416.8" in f.quote and f.severity is Severity.ERROR]
    assert len(hits) == 1, hits
    assert hits[0].line == 256


def test_grade_contradicts_total(findings: list[Finding]) -> None:
    grade = [f for f in findings if f.code == "F107"]
    assert [(f.part, f.stated, f.expected) for f in grade] == [
        ("附件/晋城市重点行业环保绩效评级", "良", "中")]


def test_public_tables_missing(findings: list[Finding]) -> None:
    empty = [f for f in findings if f.code == "C102"]
    assert [(f.line, f.severity) for f in empty] == [(138, Severity.ERROR)]
    assert "没有任何表格" in empty[0].message


def test_rounding_is_never_an_alarm(findings: list[Finding]) -> None:
    """37,301.91 vs 37,301.92 (类 sum) and 11,687.05 vs 11,687.04 (procurement) hold in rounding."""
    for f in findings:
        assert f.line not in (170, 172, 174, 176, 178, 246) or f.severity is Severity.INFO, f


def test_unit_code_conflicts_reported_once_each(findings: list[Finding]) -> None:
    """218006 and 218008 each name both 阳城分局 and 泽州分局: one finding per code and per unit."""
    identity = [f for f in findings if f.code in ("I101", "I102")]
    assert len(identity) == 4 and len({f.message for f in identity}) == 4
    assert sum("218006" in f.message.split("在")[0] for f in identity) == 1


def test_configured_grade_thresholds_change_the_verdict(reference: Disclosure) -> None:
    # A local policy with 良 from 65 makes 69.75 → 良 correct, and nothing else becomes an error.
    local = AuditConfig(select=["F107"], grades={"优": Decimal(90), "良": Decimal(65),
                                                 "中": Decimal(60)})
    assert [f for f in run_audit(reference, local) if f.part and "重点行业" in f.part] == []


def test_severity_override_and_ignore(reference: Disclosure) -> None:
    cfg = AuditConfig(select=["F"], ignore=["F105"], severity={"F107": Severity.WARNING})
    out = run_audit(reference, cfg)
    assert all(f.code.startswith("F") and f.code != "F105" for f in out)
    assert {f.severity for f in out if f.code == "F107"} == {Severity.WARNING}


def test_analysis_rates_on_another_base(findings: list[Finding]) -> None:
    """F112 (info): ten analysis sentences state 全年执行数 ÷ the 年初 budget while the table's 执行率
    divides by 全年预算数. Each checked by hand — all true: two rates for one project.

    1689 82% (400.18 ÷ 488.1 = 81.99%; table 94.07%), 1901 86% (36.3 ÷ 42.4), 2029 94.4%
    (64.548 ÷ 68.37), 2081 and 2086 84% (47.91 ÷ 56.8), 2683 95.19% (47.595 ÷ 50), 3067 99%
    (184.043 ÷ 185.78), 3253 96.2% (21.934 ÷ 22.8), 3504 99% (1.046 ÷ 1.056 = 99.05%; the
    table's 100 is 1.046 ÷ 1.046), 3554 92.71% (975.13 ÷ 1,051.8). 2120's 18% matches no base:
    that one stays the F110 warning.
    """
    rates = [(f.line, f.stated, f.expected, f.severity) for f in findings if f.code == "F112"]
    assert rates == [
        (1689, "82", "94.07", Severity.INFO), (1901, "86", "100", Severity.INFO),
        (2029, "94.4", "100", Severity.INFO), (2081, "84", "100", Severity.INFO),
        (2086, "84", "100", Severity.INFO), (2683, "95.19", "100", Severity.INFO),
        (3067, "99", "100.00", Severity.INFO), (3253, "96.2", "100.00", Severity.INFO),
        (3504, "99", "100", Severity.INFO), (3554, "92.71", "100", Severity.INFO)]
    assert all("预算编制数" in f.message for f in findings if f.code == "F112")
    assert [(f.line, f.stated) for f in findings if f.code == "F110"] == [(2120, "18")]


def test_mangled_operators(findings: list[Finding]) -> None:
    """F113 (warning): seven indicator rows print W or ≠ where an operator belongs. All true.

    781/782 聘用人员绩效 W95% and 1307–1309 满意度 W85%/W80%: ≥ lost in export (the satisfaction
    rows say the scorer reads ≥; all seven state actual = target, so no score changes);
    513 ≠241家 and 517 ≠排 (年初 column only): ≠ is no target's operator.
    """
    # a form cell's quote is its row's label, then the cell (``餐饮饭店在线监 … ≠241家``)
    mangled = [(f.line, f.quote.split(" … ")[-1]) for f in findings if f.code == "F113"]
    assert mangled == [(513, "≠241家"), (517, "≠排"), (781, "W95%"), (782, "W95%"),
                       (1307, "W85%"), (1308, "W80%"), (1309, "W85%")]
    satisfaction = [f for f in findings if f.code == "F113" and f.line in (1307, 1308, 1309)]
    assert all("读作「≥」" in f.message and f.expected in ("≥85%", "≥80%")
               for f in satisfaction)


def test_no_hygiene_finding_on_the_reference(findings: list[Finding]) -> None:
    """No placeholder, template note, stale year or doubled punctuation in the reference."""
    assert [f for f in findings if f.code.startswith("H")] == []
