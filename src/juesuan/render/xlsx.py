"""XLSX output: the nine public tables, one sheet each (公开01表 … 公开09表), amounts as numbers
Excel can sum, shown as ``#,##0.00``."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from juesuan.render.blocks import Block, Paragraph, Table

_NUMBER = re.compile(r"^-?[\d,]+\.\d{2}$")
_SHEET = re.compile(r"^(公开\d{2}表)")


def write_xlsx(blocks: list[Block], path: str | Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    book.remove(book.active)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for b in blocks:
        if isinstance(b, Table) and b.kind == "table":
            caption, rows = b.caption, b.rows
        elif isinstance(b, Paragraph) and _SHEET.match(b.text):
            caption, rows = b.text, []
        else:
            continue
        match = _SHEET.match(caption)
        sheet = book.create_sheet(match.group(1) if match else f"表{len(book.sheetnames) + 1}")
        sheet.append([caption])
        sheet["A1"].font = Font(name="黑体", bold=True, size=12)
        for i, row in enumerate(rows):
            sheet.append([float(Decimal(c.replace(",", ""))) if _NUMBER.match(c) else c for c in row])
            for cell in sheet[sheet.max_row]:
                cell.border = border
                if isinstance(cell.value, float):
                    cell.number_format = "#,##0.00"
                if i < b.header_rows if isinstance(b, Table) else False:
                    cell.font = Font(bold=True)
                    cell.alignment = Alignment(horizontal="center")
        for column in "ABCDEFGH":
            sheet.column_dimensions[column].width = 18
        sheet.column_dimensions["B"].width = 30
    book.save(str(path))
