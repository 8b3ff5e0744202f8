"""The warehouse summary as a workbook: one sheet per view, native Excel charts year over year."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from juesuan.warehouse.summary import GRADES, Summary

if TYPE_CHECKING:
    import pandas as pd

SHEETS = (("逐年", "years"), ("按部门年度", "by_department"), ("按规则", "by_rule"),
          ("部门规则明细", "by_department_rule"), ("错误最多部门", "top_departments"),
          ("无法读取", "refused"))


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):  # numpy scalars → Python numbers Excel can sum
        return value.item()
    return value if isinstance(value, int | float | str) else str(value)


def _sheet(book: Any, title: str, frame: pd.DataFrame) -> Any:
    sheet = book.create_sheet(title)
    sheet.append([str(c) for c in frame.columns])
    for record in frame.itertuples(index=False):
        sheet.append([_cell(v) for v in record])
    for i, column in enumerate(frame.columns, start=1):
        width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)]) + 2
        sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = min(60, width * 1.6)
    sheet.freeze_panes = "A2"
    return sheet


def write_xlsx(summary: Summary, out: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference

    book = Workbook()
    default = book.active
    if default is not None:
        book.remove(default)
    for title, attribute in SHEETS:
        _sheet(book, title, getattr(summary, attribute))
    years = book["逐年"]
    n = len(summary.years)
    if n:
        columns = list(summary.years.columns)
        categories = Reference(years, min_col=1, min_row=2, max_row=n + 1)
        findings = BarChart()
        findings.title, findings.y_axis.title = "各年度审核发现", "发现数"
        for name in ("错误", "警告"):
            col = columns.index(name) + 1
            findings.add_data(Reference(years, min_col=col, min_row=1, max_row=n + 1), titles_from_data=True)
        findings.set_categories(categories)
        years.add_chart(findings, f"A{n + 4}")
        grades = BarChart()
        grades.type, grades.grouping, grades.overlap = "col", "stacked", 100
        grades.title, grades.y_axis.title = "各年度自评表等级", "自评表"
        first = columns.index(GRADES[0]) + 1
        grades.add_data(Reference(years, min_col=first, max_col=first + len(GRADES) - 1, min_row=1,
                                  max_row=n + 1), titles_from_data=True)
        grades.set_categories(categories)
        years.add_chart(grades, f"J{n + 4}")
    book.save(out)
