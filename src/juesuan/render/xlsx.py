"""XLSX output: the whole disclosure as a workbook, in document order.

One sheet per part (第一部分 部门概况, 第三部分 情况说明, 第四部分 名词解释, 第五部分 附件) and one per
public table (公开01表 … 公开09表, after a 第二部分 sheet holding the part's heading). Headings and
paragraphs are one-cell rows; table amounts are numbers Excel can sum, shown with the decimals they
are printed with (``#,##0.00``), so the workbook reads back with juesuan to the same figures as the
text, HTML, DOCX and PDF renderings. Charts are left out (the data behind them is in the tables).
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.render.blocks import Block, Chart, Heading, Paragraph, Table

_NUMBER = re.compile(r"^-?(\d{1,3}(,\d{3})+|\d+)(\.(\d+))?$")
_TABLE_SHEET = re.compile(r"^(公开\d{2}表)")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31  # Excel's limit


def _number(text: str, thousands: bool) -> tuple[float, str] | None:
    """A printed number as a cell value and the format that shows it exactly as printed (with
    thousands separators throughout a public table, as money is printed there)."""
    match = _NUMBER.match(text)
    if match is None:
        return None
    places = len(match.group(4) or "")
    pattern = ("#,##0" if match.group(2) or thousands else "0") + ("." + "0" * places if places else "")
    return float(Decimal(text.replace(",", ""))), pattern


def _as_text(cell: Any) -> None:
    """A text starting with ``=`` (a target such as ``=1份``) is text, not a formula: stored as a
    string and quote-prefixed so Excel shows it as typed."""
    if isinstance(cell.value, str) and cell.value.startswith("="):
        cell.data_type = "s"
        cell.quotePrefix = True


def _sheet_name(text: str, taken: list[str]) -> str:
    name = _BAD_SHEET_CHARS.sub("", text)[:MAX_SHEET_NAME].strip() or "Sheet"
    base, n = name, 2
    while name in taken:
        suffix = f"({n})"
        name, n = base[:MAX_SHEET_NAME - len(suffix)] + suffix, n + 1
    return name


def write_xlsx(blocks: list[Block], path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet: Worksheet | None = None

    def new_sheet(title: str) -> Worksheet:
        created = book.create_sheet(_sheet_name(title, book.sheetnames))
        created.column_dimensions["A"].width = 24
        for column in "BCDEFGHIJK":
            created.column_dimensions[column].width = 16
        return created

    def line(text: str, bold: bool = False) -> None:
        assert sheet is not None
        sheet.append([text])
        cell = sheet.cell(row=sheet.max_row, column=1)
        _as_text(cell)
        cell.font = Font(name="黑体" if bold else "仿宋", bold=bold, size=12 if bold else 11)

    for b in blocks:
        if isinstance(b, Heading) and b.level == 1:
            sheet = new_sheet(b.text.split(" ")[0] if b.text.startswith("第") else b.text)
            line(b.text, bold=True)
            continue
        if sheet is None:  # the cover title and year line come before any part
            sheet = new_sheet("封面")
        caption = b.caption if isinstance(b, Table) and b.kind == "table" else \
            b.text if isinstance(b, Paragraph) else ""
        if (match := _TABLE_SHEET.match(caption)) is not None:
            sheet = new_sheet(match.group(1))
        if isinstance(b, Heading):
            line(b.text, bold=True)
        elif isinstance(b, Paragraph):
            line(b.text)
            sheet.cell(row=sheet.max_row, column=1).alignment = wrap
        elif isinstance(b, Table):
            if b.caption:
                line(b.caption, bold=True)
            _table(sheet, b, border)
        elif isinstance(b, Chart):
            continue
    book.save(str(path))


def _table(sheet: Any, table: Table, border: Any) -> None:
    from openpyxl.styles import Alignment, Font

    form = table.kind == "form"
    # 科目编码 (208, 2080505) are codes, not amounts: kept as text so Excel neither sums nor formats them.
    code_columns = {c for c, label in enumerate(table.rows[0]) if "编码" in label or "代码" in label} \
        if table.rows and not form else set()
    for i, row in enumerate(table.rows):
        values: list[Any] = []
        formats: list[str | None] = []
        for c, text in enumerate(row):
            number = None if (form and not text) or c in code_columns else _number(text, thousands=not form)
            values.append(number[0] if number else text or None)
            formats.append(number[1] if number else None)
        sheet.append(values)
        r = sheet.max_row
        for c, pattern in enumerate(formats, start=1):
            cell = sheet.cell(row=r, column=c)
            cell.border = border
            _as_text(cell)
            if pattern:
                cell.number_format = pattern
            if i < table.header_rows:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(horizontal="center", wrap_text=True)
        if form:
            _merge_cells(sheet, r, table, i)


def _merge_cells(sheet: Any, r: int, table: Table, row: int) -> None:
    """A form's merged cells (``Table.spans``) as merged ranges; juesuan's XLSX reader gives a
    merged range's text to its first cell, so the row reads back unchanged."""
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergedCellRange

    for first, span, _ in table.cells(row):
        if span > 1:
            # Added to the range set directly: ``merge_cells`` checks each new range against every
            # earlier one (quadratic: 10 s for the example's 3,300 merges); these never overlap, and
            # the merged-over cells are already empty.
            sheet.merged_cells.ranges.add(MergedCellRange(sheet, CellRange(
                min_col=first + 1, min_row=r, max_col=first + span, max_row=r).coord))
