"""Every value of a rendered self-evaluation form stands under its header — by position, not text.

Reading a form back gives the same text whatever column a value sits in (the reader takes a row's
cells in order), so the round trip cannot see a row shifted by one column. Here each format's own
geometry is read: grid columns in HTML (``colspan``), DOCX (``w:gridSpan``) and XLSX (merged
ranges), x coordinates of the ruled cells in the PDF. A value is under a header when its cell's
middle lies inside the header cell's span.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from juesuan.model.public_tables import FinalAccounts, FormInput, FundRowInput
from juesuan.render.forms import computed, fund_figures, plain

Cell = tuple[float, float, str]
"""A cell as laid out: left edge, right edge (grid columns or PDF points), its text."""
Grid = list[list[Cell]]
"""A form's rows, each its non-empty cells."""

FUND_HEADERS = ("全年预算数", "全年执行数", "资金结(转)余", "执行率", "得分")
INDICATOR_HEADERS = ("三级指标", "实际完成值", "分值", "得分")


def _norm(text: str) -> str:
    return "".join(text.split())


def _under(row: list[Cell], header: Cell) -> str | None:
    """The text of the cell of ``row`` whose middle lies inside ``header``'s span."""
    hits = [_norm(text) for x0, x1, text in row if header[0] <= (x0 + x1) / 2 <= header[1]]
    assert len(hits) <= 1, (header, row)
    return hits[0] if hits else None


def _header(rows: Grid, *names: str) -> tuple[int, dict[str, Cell]]:
    """The first row holding all ``names`` (its index, and each name's cell)."""
    for n, row in enumerate(rows):
        found = {_norm(text): (x0, x1, text) for x0, x1, text in row}
        if all(name in found for name in names):
            return n, {name: found[name] for name in names}
    raise AssertionError(f"no header row with {names}")


def _row_starting(rows: Grid, label: str, after: int) -> list[Cell]:
    return next(row for row in rows[after:] if row and _norm(row[0][2]) == _norm(label))


def _fund_values(row: FundRowInput) -> dict[str, str]:
    f = fund_figures(row)
    return dict(zip(FUND_HEADERS, (plain(row.annual_budget), plain(row.executed), plain(f.balance),
                                   plain(f.rate), plain(f.score)), strict=True))


def assert_form_aligned(rows: Grid, form: FormInput, indicators: int | None = None) -> None:
    """The 资金总额 row and each fund source, each indicator (up to ``indicators``) and 总分 stand
    under their headers."""
    at, fund_header = _header(rows, *FUND_HEADERS)
    for label, fund in (("资金总额:", form.total), *((s.source, s) for s in form.sources)):
        row = _row_starting(rows, label, at + 1)
        got = {name: _under(row, cell) for name, cell in fund_header.items()}
        assert got == _fund_values(fund), (form.name, label)
    at, ind_header = _header(rows, *INDICATOR_HEADERS)
    shown = form.indicators[:indicators] if indicators is not None else form.indicators
    for offset, ind in enumerate(shown, start=1):
        row = rows[at + offset]
        got = {name: _under(row, cell) for name, cell in ind_header.items()}
        want = (ind.name, ind.actual, plain(ind.weight), plain(ind.score))
        assert got == {h: _norm(v) or None for h, v in zip(INDICATOR_HEADERS, want, strict=True)}, \
            (form.name, ind.name)
    if indicators is None:
        total = _row_starting(rows, "总分", at + 1)
        assert _under(total, ind_header["得分"]) == plain(computed(form).total)


def _grid_rows(rows: list[list[tuple[int, int, str]]]) -> Grid:
    """Cells given as (first column, columns covered, text): the non-empty ones as spans."""
    return [[(float(first), float(first + span - 1), text) for first, span, text in row if text.strip()]
            for row in rows]


# ------------------------------------------------------------------------------------------------ the formats


def _html_forms(path: Path) -> list[Grid]:
    import lxml.html

    root = lxml.html.fromstring(path.read_bytes())
    forms = []
    for table in root.xpath("//table[contains(concat(' ', @class, ' '), ' form ')]"):
        rows = []
        for tr in table.xpath(".//tr"):
            column, cells = 0, []
            for td in tr.xpath("./td|./th"):
                span = int(td.get("colspan", "1"))
                cells.append((column, span, td.text_content()))
                column += span
            rows.append(cells)
        forms.append(_grid_rows(rows))
    return forms


def _docx_forms(path: Path) -> list[Grid]:
    from docx import Document

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    forms = []
    for table in Document(str(path)).tables:
        if table.rows[0].cells[0].text != "项目名称":
            continue
        rows = []
        for tr in table._tbl.iterchildren(f"{w}tr"):
            column, cells = 0, []
            for tc in tr.iterchildren(f"{w}tc"):
                grid_span = tc.find(f"{w}tcPr/{w}gridSpan")
                span = int(grid_span.get(f"{w}val")) if grid_span is not None else 1
                cells.append((column, span, "".join(t.text or "" for t in tc.iter(f"{w}t"))))
                column += span
            rows.append(cells)
        forms.append(_grid_rows(rows))
    return forms


def _xlsx_forms(path: Path) -> list[Grid]:
    from openpyxl import load_workbook

    sheet = load_workbook(path)["第五部分"]
    spans = {(r.min_row, r.min_col): r.max_col - r.min_col + 1 for r in sheet.merged_cells.ranges}
    forms: list[Grid] = []
    rows: list[list[tuple[int, int, str]]] = []
    for r, row in enumerate(sheet.iter_rows(), start=1):
        texts = [(c.column - 1, spans.get((r, c.column), 1), _text(c.value)) for c in row if c.value is not None]
        if texts and texts[0][2] == "项目名称":
            rows = []
            forms.append(rows)  # type: ignore[arg-type]  # filled in below, converted at the end
        if forms and len(texts) > 1:
            rows.append(texts)
    return [_grid_rows(f) for f in forms]  # type: ignore[arg-type]


def _text(value: Any) -> str:
    """A cell's value as the form prints it (amounts are stored as numbers)."""
    if isinstance(value, float):
        return plain(Decimal(repr(value)))
    return str(value)


def _pdf_form(path: Path, form: FormInput) -> Grid:
    """The first page showing ``form``'s fund table: each ruled row's cells with their x span."""
    import pdfplumber
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        page_no = next(n for n in range(len(pdf))
                       if "资金总额" in (text := _norm(pdf[n].get_textpage().get_text_range()))
                       and _norm(form.name) in text)
    finally:
        pdf.close()
    with pdfplumber.open(str(path), pages=[page_no + 1]) as doc:
        page = doc.pages[0]
        table = max(page.find_tables(), key=lambda t: len(t.rows))
        rows: Grid = []
        for row in table.rows:
            cells = []
            for bbox in row.cells:
                if bbox is None:
                    continue
                text = page.crop(bbox).extract_text() or ""
                if _norm(text):
                    cells.append((bbox[0], bbox[2], _norm(text)))
            rows.append(cells)
    return rows


# ------------------------------------------------------------------------------------------------ the tests


@pytest.mark.parametrize("suffix", [".html", ".docx", ".xlsx"])
def test_every_form_value_stands_under_its_header(suffix: str, rendered: dict[str, Path],
                                                  example: FinalAccounts) -> None:
    reader = {".html": _html_forms, ".docx": _docx_forms, ".xlsx": _xlsx_forms}[suffix]
    forms = reader(rendered[suffix])
    assert len(forms) == len(example.forms) == 64
    for grid, form in zip(forms, example.forms, strict=True):
        assert_form_aligned(grid, form)


def test_pdf_form_values_stand_under_their_headers(rendered_pdf: Path, example: FinalAccounts) -> None:
    form = example.forms[0]
    grid = _pdf_form(rendered_pdf, form)
    assert_form_aligned(grid, form, indicators=3)


def test_a_shifted_row_is_caught() -> None:
    """The check itself: the 资金总额 row one column right (the old layout) fails it."""
    from juesuan.render.blocks import Table
    from juesuan.render.forms import form_blocks

    form = FormInput.model_validate({
        "name": "示例项目", "department_code": "218", "department_name": "某局", "unit_code": "218001",
        "unit_name": "某局",
        "total": {"source": "资金总额", "initial_budget": "100", "annual_budget": "100", "executed": "90"},
        "indicators": [{"level1": "产出指标", "level2": "数量指标", "name": "完成数量", "actual": "=10个",
                        "weight": "90", "score": "90"}],
    })
    table = next(b for b in form_blocks(form, 2024) if isinstance(b, Table))
    grid = _grid_rows([table.cells(i) for i in range(len(table.rows))])
    assert_form_aligned(grid, form)
    at = next(n for n, row in enumerate(grid) if row and row[0][2] == "资金总额:")
    grid[at] = [(x0 + 1, x1 + 1, t) for x0, x1, t in grid[at]]  # label in the second column, as it was
    with pytest.raises(AssertionError):
        assert_form_aligned(grid, form)
