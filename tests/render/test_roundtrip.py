"""Render the bundled example, read it back with juesuan, audit it, compare figures with the input."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

import juesuan
from juesuan.audit import run_audit
from juesuan.model.disclosure import Disclosure
from juesuan.model.evaluation import FundRow, ProjectEvaluation
from juesuan.model.public_tables import FinalAccounts, FormInput, FundRowInput
from juesuan.model.quantity import Quantity
from juesuan.render.blocks import Table
from juesuan.render.document import build
from juesuan.render.figures import compute
from juesuan.render.forms import cell_text, computed, fund_figures

_AMOUNT = re.compile(r"-?[\d,]+\.\d{2}")

def _figures(d: Disclosure) -> Counter[tuple[str, Decimal]]:
    return Counter((f.label, f.quantity.value) for f in d.figures)


def _value(q: Quantity | None) -> Decimal | None:
    return None if q is None else q.value


def _same_fund(read: FundRow | None, row: FundRowInput) -> None:
    assert read is not None
    c = fund_figures(row)
    assert (_value(read.declared_budget), _value(read.initial_budget), _value(read.annual_budget),
            _value(read.executed)) == (row.declared_budget, row.initial_budget, row.annual_budget, row.executed)
    assert (_value(read.balance), _value(read.execution_rate), _value(read.score)) == (c.balance, c.rate, c.score)
    assert (read.deviation_reason or "") == row.deviation_reason


def _no_space(text: str) -> str:
    return "".join(text.split())


def _same_form(read: ProjectEvaluation, form: FormInput) -> None:
    """Every cell of the form reads back as it was input, every computed cell as computed."""
    c = computed(form)
    assert (read.name, read.unit_code, read.unit_name, read.department_code) == \
        (form.name, form.unit_code, form.unit_name, form.department_code)
    _same_fund(read.fund_total, form.total)
    assert len(read.fund_sources) == len(form.sources)
    for got, source in zip(read.fund_sources, form.sources, strict=True):
        assert got.source == source.source
        _same_fund(got, source)
    assert [(i.level1 or "", i.level2 or "", i.name or "", i.initial_target or "", i.adjusted_target or "",
             i.actual or "", _value(i.weight), _value(i.score)) for i in read.indicators] == \
        [(i.level1, i.level2, i.name, i.initial_target, i.adjusted_target, i.actual, i.weight, i.score)
         for i in form.indicators]
    assert read.total_score is not None and read.total_score.value == c.total
    assert read.grade is not None and read.grade.text == c.grade
    # Prose compared without spaces: a PDF has no space characters, only gaps, and a gap after a
    # half-width comma is as wide as the comma's own side bearing (``,2024年`` vs ``, 2024年``).
    assert [(a.label, _no_space(a.text)) for a in read.analysis] == \
        [(label, _no_space(cell_text(text))) for label, text in form.analysis if text]


def _table_cells(d: Disclosure) -> Counter[tuple[int | None, str | None, str | None, str, str, Decimal]]:
    return Counter((t.standard, r.side, r.code, r.name, label, q.value)
                   for t in d.tables for r in t.rows for label, q in r.values if q is not None)


def _amounts_by_table(d: Disclosure) -> Counter[tuple[int | None, Decimal]]:
    return Counter((t.standard, q.value) for t in d.tables for r in t.rows for _, q in r.values if q is not None)


def _rendered_amounts(data: FinalAccounts) -> Counter[tuple[int | None, Decimal]]:
    """Every amount the renderer printed in each public table (公开NN表), from its blocks."""
    out: Counter[tuple[int | None, Decimal]] = Counter()
    for b in build(data, charts=False):
        if isinstance(b, Table) and b.kind == "table":
            n = int(b.caption[2:4])
            out.update((n, Decimal(c.replace(",", ""))) for row in b.rows[b.header_rows:] for c in row
                       if _AMOUNT.fullmatch(c))
    return out


def _check(d: Disclosure, data: FinalAccounts) -> None:
    assert _amounts_by_table(d) == _rendered_amounts(data)  # every cell of the nine tables
    assert [(t.standard, t.empty_note is not None) for t in d.tables] == \
        [(n, n in (8, 9)) for n in range(1, 10)]
    f = compute(data)
    stated = {f.label: f.quantity.value for f in d.figures}
    assert stated["收入总计"] == f.income_total == Decimal("47549.83")
    assert stated["财政拨款收入"] == f.fiscal_income
    assert stated["基本支出"] == f.basic and stated["项目支出"] == f.project
    assert stated["节能环保支出"] == f.classes[2].general
    assert len(d.evaluations) == len(data.forms) == 64
    for form, read in zip(data.forms, d.evaluations, strict=True):
        _same_form(read, form)


def _findings(d: Disclosure) -> list[str]:
    return [f"{f.code} {f.line}: {f.message}" for f in run_audit(d)]


@pytest.fixture(scope="module")
def from_text(rendered: dict[str, Path]) -> Disclosure:
    return juesuan.read(rendered[".txt"])


def test_text_round_trip(from_text: Disclosure, example: FinalAccounts) -> None:
    _check(from_text, example)
    assert _findings(from_text) == []
    assert from_text.department == "晋城市生态环境局" and from_text.year == 2024


@pytest.mark.parametrize("suffix", [".html", ".docx", ".xlsx"])
def test_html_docx_and_xlsx_read_back_like_the_text(suffix: str, rendered: dict[str, Path],
                                                    from_text: Disclosure, example: FinalAccounts) -> None:
    d = juesuan.read(rendered[suffix])
    _check(d, example)
    assert _figures(d) == _figures(from_text)
    assert _table_cells(d) == _table_cells(from_text)
    assert _findings(d) == []


def test_a_workbook_of_the_tables_alone_is_audited(rendered: dict[str, Path], tmp_path: Path) -> None:
    """Many units publish the nine tables as a workbook of their own: it reads and audits (the
    completeness rules stand aside, it is not a whole disclosure: C106 says only which parts it
    lacks), and one wrong cell is found."""
    from openpyxl import load_workbook

    book = load_workbook(rendered[".xlsx"])
    for name in book.sheetnames:
        if not name.startswith("公开"):
            del book[name]
    alone = tmp_path / "tables.xlsx"
    book.save(alone)
    d = juesuan.read(alone)
    assert len(d.tables) == 9 and not d.parts
    assert [f[:4] for f in _findings(d)] == ["C106"] and "情况说明" in _findings(d)[0]
    sheet = book["公开03表"]
    assert sheet["A4"].value == "208" and sheet["B4"].value == "社会保障和就业支出"  # codes stay text
    sheet["D4"] = sheet["D4"].value + 1  # 208 基本支出 one 万元 more
    book.save(alone)
    assert {f.code for f in run_audit(juesuan.read(alone))} == {"C106", "T102", "T103"}


def test_xlsx_is_the_whole_disclosure_with_one_sheet_per_table(rendered: dict[str, Path]) -> None:
    from openpyxl import load_workbook

    book = load_workbook(rendered[".xlsx"])
    assert book.sheetnames == ["封面", "第一部分", "第二部分", *[f"公开{n:02d}表" for n in range(1, 10)],
                               "第三部分", "第四部分", "第五部分"]
    rows = [list(r) for r in book["公开01表"].iter_rows(values_only=True)]
    assert rows[-1] == ["收入总计", 47549.83, "支出总计", 47549.83]
    assert book["公开01表"]["B4"].number_format == "#,##0.00"
    forms = book["第五部分"]
    assert forms.merged_cells.ranges  # text cells span their empty neighbours, as on paper
    targets = [c.value for row in forms.iter_rows() for c in row if isinstance(c.value, str) and c.value[:1] == "="]
    assert targets and all(not isinstance(v, float) for v in targets)  # ``=1份`` stays text, not a formula


def test_narrative_keeps_every_reference_figure_but_the_documented_ones(
        from_text: Disclosure, reference: Disclosure) -> None:
    """The rendered narrative states the reference's figures, except where README.md of the
    example says why (a cent given to the largest row, grades recomputed, a wrong fund split)."""
    ref = Counter((label, value.normalize()) for label, value in _figures(reference))
    got = Counter((label, value.normalize()) for label, value in _figures(from_text))
    changed = {label for label, _ in (ref - got)}
    assert changed <= {
        "节能环保支出", "节能环保支出 增加", "节能环保支出 年初预算", "政府采购货物支出",
        "一般公共预算项目支出", "项目自评等级为中", "项目自评等级为优", "项目自评等级为良",
        "国有资金经营预算项目支出", "国有资金经营预算支出", "政府性基金预算支出", "社会保险基金预算支出",
    }


def test_pdf_embeds_the_cjk_font_and_reads_back(rendered_pdf: Path, from_text: Disclosure,
                                                example: FinalAccounts) -> None:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    fonts = subprocess.run(["pdffonts", str(rendered_pdf)], capture_output=True, text=True,
                           check=True).stdout
    cjk = [line for line in fonts.splitlines() if "CJK" in line]
    assert cjk and all(" yes yes " in line for line in cjk)  # embedded and subset
    assert any("Serif-CJK" in line for line in cjk) and any("Sans-CJK" in line for line in cjk)  # body, headings
    d = juesuan.read(rendered_pdf)
    _check(d, example)  # narrative figures and all 64 forms' totals, grades and execution
    narrative = Counter((f.label, f.quantity.value) for f in d.figures if "第三部分" in (f.section or ""))
    expected = Counter((f.label, f.quantity.value) for f in from_text.figures if "第三部分" in (f.section or ""))
    assert narrative == expected
    assert _table_cells(d) == _table_cells(from_text)
    assert _findings(d) == []


def test_docx_styles_toc_and_page_numbers(rendered: dict[str, Path]) -> None:
    from docx import Document

    doc = Document(str(rendered[".docx"]))
    xml = doc.element.xml
    assert 'TOC \\o "1-3"' in xml
    assert "PAGE" in doc.sections[0].footer.paragraphs[0]._p.xml
    assert doc.styles["Normal"].font.name == "仿宋"
    assert doc.styles["Heading 1"].font.name == "黑体"
    from juesuan.render.charts import cjk_font

    # the two charts; none without a CJK font to draw them with (render says so: tests/render/test_fonts.py)
    assert len(doc.inline_shapes) == (2 if cjk_font() else 0)
    assert all(t.style.name == "Table Grid" for t in doc.tables)


def test_html_prints_on_a4_with_page_numbers(rendered: dict[str, Path]) -> None:
    html = rendered[".html"].read_text(encoding="utf-8")
    assert "@page" in html and "counter(page)" in html and "size: A4" in html
    from juesuan.render.charts import cjk_font

    assert html.count("data:image/png;base64,") == (2 if cjk_font() else 0)  # no charts of boxes
    assert "<td>城区分局背街小巷洒水降尘服务费</td>" not in html  # form names span their cells
    assert 'colspan="' in html
