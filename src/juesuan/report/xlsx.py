"""XLSX outputs with the Chinese headers a finance officer recognises (openpyxl).

The extract workbook is here; the audit workbook a reviewer works in is ``review.py``.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from juesuan.model.disclosure import Disclosure
from juesuan.report.tables import evaluations, figures, indicators, table_cells

EVALUATION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "项目名称"),
    ("department_code", "主管部门代码"),
    ("department_name", "主管部门"),
    ("unit_code", "预算单位代码"),
    ("unit_name", "预算单位"),
    ("declared_budget", "目标申报数（万元）"),
    ("initial_budget", "预算编制数（万元）"),
    ("annual_budget", "全年预算数（万元）"),
    ("executed", "全年执行数（万元）"),
    ("balance", "资金结(转)余（万元）"),
    ("execution_rate", "执行率（%）"),
    ("budget_score", "预算执行得分"),
    ("amounts_derived_from", "金额取自"),
    ("indicator_count", "指标个数"),
    ("total_score", "总分"),
    ("grade", "等级"),
    ("line", "所在行"),
    ("page", "所在页"),
)
INDICATOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("evaluation", "项目名称"),
    ("level1", "一级指标"),
    ("level2", "二级指标"),
    ("name", "三级指标"),
    ("initial_target", "年初指标值"),
    ("adjusted_target", "调整后指标值"),
    ("actual", "实际完成值"),
    ("weight", "分值"),
    ("score", "得分"),
    ("deviation_reason", "偏差原因分析及改进措施"),
    ("line", "所在行"),
    ("page", "所在页"),
)
FIGURE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("section", "所在章节"),
    ("label", "项目"),
    ("value", "数值"),
    ("unit", "单位"),
    ("text", "原文数字"),
    ("line", "所在行"),
    ("page", "所在页"),
)
TABLE_CELL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("table", "公开表"),
    ("table_name", "表名"),
    ("unit", "单位"),
    ("side", "栏"),
    ("code", "科目编码"),
    ("name", "科目名称/项目"),
    ("category", "类别"),
    ("column", "列"),
    ("value", "数值"),
    ("text", "原文数字"),
    ("line", "所在行"),
    ("page", "所在页"),
)
_NUMERIC = {"declared_budget", "initial_budget", "annual_budget", "executed", "balance",
            "execution_rate", "budget_score", "total_score", "weight", "score", "value"}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}


def _cell(key: str, value: Any) -> Any:
    # Numbers go in as numbers so Excel can sum them; Decimal keeps the stated digits exactly.
    if key in _NUMERIC and isinstance(value, str):
        return Decimal(value)
    return value


def _write(path: Path, sheets: Sequence[tuple[str, Sequence[tuple[str, str]],
                                            list[dict[str, Any]]]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for title, columns, rows in sheets:
        ws = wb.create_sheet(title)
        ws.append([header for _, header in columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_cell(key, row.get(key)) for key, _ in columns])
        ws.freeze_panes = "A2"
        for i, (_, header) in enumerate(columns, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(10, len(header) * 2 + 2)
    wb.save(path)


def write_extract_xlsx(disclosure: Disclosure, path: Path) -> None:
    sheets: list[tuple[str, Sequence[tuple[str, str]], list[dict[str, Any]]]] = [
        ("自评表", EVALUATION_COLUMNS, evaluations(disclosure)),
        ("绩效指标", INDICATOR_COLUMNS, indicators(disclosure)),
        ("说明数字", FIGURE_COLUMNS, figures(disclosure)),
    ]
    cells = table_cells(disclosure)
    if cells:  # only documents that print the public tables get the sheet: the others keep their three
        sheets.append(("公开表", TABLE_CELL_COLUMNS, cells))
    _write(path, sheets)
