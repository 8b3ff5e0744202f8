"""The cross-document rules on generated years and on the rounding boundary."""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.audit.config import AuditConfig
from juesuan.audit.corpus import MemoryCorpus
from juesuan.audit.engine import run_audit
from juesuan.audit.finding import Finding
from juesuan.model.disclosure import Disclosure
from juesuan.parse import parse_document
from juesuan.read.text import document_from_text

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "jincheng-eeb-2024" / "data.yaml"
M101 = AuditConfig(select=["M101"])


def read(text: str, source: str) -> Disclosure:
    return parse_document(document_from_text(text, source))


def audited(current: Disclosure, *others: Disclosure, config: AuditConfig = M101) -> list[Finding]:
    return run_audit(current, config, related=MemoryCorpus(others), document_id=current.source)


@pytest.fixture(scope="module")
def years() -> tuple[Disclosure, Disclosure, Disclosure]:
    """A department's 2023 and 2024 disclosures rendered consistently, and a 2024 whose 上年收入总计
    is 123.45万元 off what 2023 states."""
    from juesuan.render import render_text
    from juesuan.render.data import load
    from juesuan.synth import PRIOR_SHIFT, follow, scaled

    base = load(EXAMPLE)
    first = scaled(base, 2).model_copy(update={"year": 2023, "forms": []})
    second = follow(scaled(base, 3).model_copy(update={"year": 2024, "forms": []}), first)
    wrong = second.model_copy(update={"prior": second.prior.model_copy(
        update={"total": second.prior.total + PRIOR_SHIFT})})
    return (read(render_text(first), "2023.txt"), read(render_text(second), "2024.txt"),
            read(render_text(wrong), "2024-wrong.txt"))


def test_consecutive_years_that_agree_give_no_finding(years: tuple[Disclosure, ...]) -> None:
    first, second, _ = years
    assert sum(c.kind == "change" for c in second.claims) >= 8  # totals, each 类, 三公, 机关运行经费
    assert audited(second, first) == []


def test_a_prior_year_figure_the_first_year_contradicts_is_reported(
        years: tuple[Disclosure, ...]) -> None:
    first, _, wrong = years
    findings = audited(wrong, first)
    assert {f.code for f in findings} == {"M101"}
    assert sorted(f.message[:4] for f in findings) == ["支出总计", "收入总计"]
    assert all(f.related and f.related[0].file == "2023.txt" for f in findings)
    assert "2023" in findings[0].message


def test_alone_or_without_last_year_nothing_is_reported(years: tuple[Disclosure, ...]) -> None:
    first, _, wrong = years
    assert run_audit(wrong, M101) == []                         # audited alone
    assert audited(wrong) == []                                 # no other document
    assert audited(wrong, wrong.model_copy(update={"source": "copy.txt"})) == []  # same year only
    assert audited(first, wrong) == []                          # next year is not last year


HEAD = "某市生态环境局\n{year}年度部门决算公开\n\n第三部分 情况说明\n\n一、收入支出决算总体情况说明\n\n"
LAST_YEAR = HEAD.format(year=2023) + "2023年度收入总计1,000.00万元，支出总计1,000.00万元。"


@pytest.mark.parametrize(("change", "reported"), [
    ("增加100.00万元", False),     # 1,100.00 − 100.00 = 1,000.00
    ("增加100.0万元", False),      # [999.945, 1000.055] holds 1,000.00
    ("增加100.01万元", False),     # [999.98, 1000.00] meets [999.995, 1000.005]
    ("增加100.02万元", True),      # [999.97, 999.99]: no rounding of 1,000.00 reaches it
    ("增加99.99万元", False),
    ("增加99.98万元", True),
    ("增长10.00%", False),         # 1,100.00 ÷ 1.1 = 1,000.00
    ("增长10.50%", True),          # ≈ 995.47
    ("减少100.00万元", True),      # last year 1,200.00
])
def test_within_rounding_agrees_beyond_it_is_reported(change: str, reported: bool) -> None:
    text = HEAD.format(year=2024) + f"2024年度收入总计1,100.00万元。与上年相比，收入总计{change}。"
    findings = audited(read(text, "2024.txt"), read(LAST_YEAR, "2023.txt"))
    assert bool(findings) is reported, [f.message for f in findings]


def test_another_department_is_not_last_year() -> None:
    text = HEAD.format(year=2024) + "2024年度收入总计1,100.00万元。与上年相比，收入总计增加150.00万元。"
    other = read(LAST_YEAR.replace("某市生态环境局", "某市财政局"), "2023.txt")
    assert audited(read(text, "2024.txt"), other) == []
    assert len(audited(read(text, "2024.txt"), read(LAST_YEAR, "2023.txt"))) == 1


def test_the_rule_set_lists_the_corpus_rules() -> None:
    from juesuan.audit.registry import Family, all_rules

    corpus = [r for r in all_rules() if r.family is Family.CORPUS]
    assert [r.code for r in corpus] == ["M101", "M102", "M103", "M104"]
    assert all(r.corpus for r in corpus)
