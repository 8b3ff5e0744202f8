"""Readers for spreadsheets of the public tables: XLSX (openpyxl, read-only) and legacy XLS (xlrd).

Each sheet's rows become Document lines in order: a row with one filled cell is a paragraph (a
table's title or a note), any other row a ROW line. Numbers are written as the sheet shows them —
``2310.55`` formatted ``#,##0.00`` reads ``2,310.55`` — because a stated number's precision comes
from its printed digits. Merged cells give their text to the top-left cell only.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from juesuan.read.document import Document, DocumentBuilder
from juesuan.read.errors import InputError
from juesuan.read.limits import MAX_CELLS, corrupt, open_zip, read_bytes, too_many

_DECIMALS = re.compile(r"0\.(0+)")


def format_number(value: float | int | Decimal, number_format: str = "General") -> str:
    """A number as a spreadsheet shows it under ``number_format`` (decimals, thousands, percent)."""
    fmt = number_format.split(";")[0] if number_format else "General"
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if not number.is_finite():
        return str(value)
    percent = "%" in fmt
    if percent:
        number *= 100
    match = _DECIMALS.search(fmt)
    if fmt == "General" or not re.search(r"[0#?]", fmt):
        if number == number.to_integral_value():
            text = f"{number.quantize(Decimal(1)):f}"
        else:
            text = f"{Decimal(repr(float(number))).normalize():f}" if abs(number) < Decimal(10) ** 15 \
                else f"{number:f}"
    else:
        places = len(match.group(1)) if match else 0
        quantum = Decimal(1).scaleb(-places)
        rounded = number.quantize(quantum)
        text = f"{rounded:,f}" if "," in fmt else f"{rounded:f}"
    return text + ("%" if percent else "")


def _value(value: Any, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        return format_number(value, number_format)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def _add_rows(builder: DocumentBuilder, rows: Iterable[list[str]]) -> None:
    for cells in rows:
        builder.row(cells)


def read_xlsx(path: str | Path, data: bytes | None = None) -> Document:
    name = str(path)
    if data is None:
        data = read_bytes(path, "xlsx")
    archive = open_zip(data, "XLSX", name)
    if "xl/workbook.xml" not in archive.namelist():
        raise corrupt("XLSX", name, "no xl/workbook.xml")
    builder = DocumentBuilder(name, encoding="xlsx")
    try:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        seen = 0
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                seen += len(row)
                if seen > MAX_CELLS:
                    raise too_many("单元格", "cells", seen, MAX_CELLS, name)
                builder.row([_value(getattr(c, "value", None), getattr(c, "number_format", "General"))
                             for c in row])
        book.close()
    except InputError:
        raise
    except Exception as exc:  # openpyxl raises many types on damaged files
        raise corrupt("XLSX", name, type(exc).__name__) from None
    return builder.doc


def read_xls(path: str | Path, data: bytes | None = None) -> Document:
    name = str(path)
    if data is None:
        data = read_bytes(path, "xls")
    builder = DocumentBuilder(name, encoding="xls")
    try:
        import xlrd

        try:
            book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
        except NotImplementedError:
            book = xlrd.open_workbook(file_contents=data, on_demand=True)
        seen = 0
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            seen += sheet.nrows * sheet.ncols
            if seen > MAX_CELLS:
                raise too_many("单元格", "cells", seen, MAX_CELLS, name)
            for r in range(sheet.nrows):
                cells: list[str] = []
                for c in range(sheet.ncols):
                    cell = sheet.cell(r, c)
                    fmt = "General"
                    if cell.ctype == xlrd.XL_CELL_NUMBER:
                        try:
                            fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
                        except (AttributeError, IndexError, KeyError, TypeError):
                            fmt = "General"
                        cells.append(format_number(cell.value, fmt))
                    elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                        cells.append("")
                    elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                        cells.append("TRUE" if cell.value else "FALSE")
                    else:
                        cells.append(str(cell.value).strip())
                builder.row(cells)
            book.unload_sheet(index)
    except InputError:
        raise
    except Exception as exc:  # xlrd raises many types on damaged files
        raise corrupt("XLS", name, type(exc).__name__) from None
    return builder.doc
