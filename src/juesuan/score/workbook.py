"""Authoring self-evaluation forms in Excel: a template, reading it back, filling in the scores.

Each sheet is one project, laid out like the standard form (项目支出绩效自评表): the 项目名称 row,
the department rows, the fund table's 资金总额 row, the indicator table, then 总分 and 等级. Rows
are found by the label in column A, so a preparer may add indicator rows. The 运算符 column has a
dropdown (= ≥ ≤ > <) and applies when the target cell has no operator of its own; the 实际完成值
column offers the three qualitative tiers (any other value is allowed too). Filling writes 得分 where
it is empty, a 重算得分 and a 说明 for every item, the 总分 and the 等级, and marks missing data
in yellow.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from juesuan.model.evaluation import FundRow, Indicator, ProjectEvaluation
from juesuan.model.quantity import NumberFormatError, Quantity
from juesuan.model.spans import SourceSpan, StatedText
from juesuan.read.errors import InputError
from juesuan.score.engine import FormScore, Status, score_form
from juesuan.score.policy import Policy

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

TIERS = ("达成预期指标", "部分达成预期指标并具有一定效果", "未达成预期指标且效果较差")
OPERATORS = ("=", "≥", "≤", ">", "<")
FUND_HEADERS = ("资金总额", "目标申报数", "预算编制数", "全年预算数", "全年执行数", "资金结(转)余",
                "执行率(%)", "得分", "偏差原因")
INDICATOR_HEADERS = ("一级指标", "二级指标", "三级指标", "运算符", "年初指标值", "调整后指标值",
                     "实际完成值", "定性值情况说明", "分值", "得分", "偏差原因分析及改进措施",
                     "重算得分", "说明")
COL = {h: i + 1 for i, h in enumerate(INDICATOR_HEADERS)}
TEMPLATE_ROWS = 15
MISSING_FILL = "FFFF00"


@dataclass(frozen=True)
class Layout:
    fund_row: int
    header_row: int
    indicator_rows: list[int]
    total_row: int
    grade_row: int


def write_template(out: Path, projects: int = 1) -> None:
    """An empty workbook, one sheet per project, with the dropdowns."""
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for n in range(1, projects + 1):
        ws = wb.create_sheet(f"项目{n}")
        _write_sheet(ws, None)
    wb.save(out)


def write_forms(forms: list[ProjectEvaluation], out: Path) -> None:
    """A workbook holding ``forms`` as stated (the template layout filled from a disclosure)."""
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    assert first is not None
    wb.remove(first)
    for n, form in enumerate(forms, 1):
        ws = wb.create_sheet(f"项目{n}")
        _write_sheet(ws, form)
    wb.save(out)


def _write_sheet(ws: Worksheet, form: ProjectEvaluation | None) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    ws.append(["项目支出绩效自评表"])
    ws["A1"].font = Font(bold=True, size=14)
    ws.append(["项目名称", form.name if form else None])
    ws.append(["主管部门及代码", _dept(form), None, "预算单位", form.unit_text.text
               if form and form.unit_text else None])
    ws.append(["项目资金（万元）", *FUND_HEADERS[1:], "重算得分", "说明"])
    fund = form.fund_total if form else None
    ws.append(["资金总额", *[_q(getattr(fund, f)) if fund else None for f in
                           ("declared_budget", "initial_budget", "annual_budget", "executed",
                            "balance", "execution_rate", "score")],
               fund.deviation_reason if fund else None])
    ws.append([])
    ws.append(list(INDICATOR_HEADERS))
    header = ws.max_row
    indicators = form.indicators if form else []
    count = len(indicators) if form else TEMPLATE_ROWS
    for i in range(count):
        ind = indicators[i] if i < len(indicators) else None
        ws.append([ind.level1, ind.level2, ind.name, None, ind.initial_target, ind.adjusted_target,
                   ind.actual, ind.qualitative_note, _q(ind.weight), _q(ind.score),
                   ind.deviation_reason] if ind else [])
    last = header + count
    ws.append(["总分", None, None, None, None, None, None, None, 100, _q(form.total_score)
               if form else None])
    ws.append(["等级", form.grade.text if form and form.grade else None])
    ops = DataValidation(type="list", formula1='"' + ",".join(OPERATORS) + '"', allow_blank=True)
    tiers = DataValidation(type="list", formula1='"' + ",".join(TIERS) + '"', allow_blank=True,
                           showErrorMessage=False)
    ops.add(f"D{header + 1}:D{max(last, header + 1)}")
    tiers.add(f"G{header + 1}:G{max(last, header + 1)}")
    ws.add_data_validation(ops)
    ws.add_data_validation(tiers)
    for col, width in (("A", 16), ("B", 18), ("C", 24), ("F", 14), ("G", 18), ("M", 60)):
        ws.column_dimensions[col].width = width


def _dept(form: ProjectEvaluation | None) -> str | None:
    if form is None or not (form.department_code or form.department_name):
        return None
    return "-".join(p for p in (form.department_code, form.department_name) if p)


def _q(q: Quantity | None) -> Any:
    """A stated number into a cell: a number Excel can add when it prints as one."""
    if q is None:
        return None
    if q.decimals == 0:
        return int(q.value)
    return float(q.value)


def _layout(ws: Worksheet) -> Layout | None:
    rows: dict[str, int] = {}
    for r in range(1, ws.max_row + 1):
        label = ws.cell(r, 1).value
        if isinstance(label, str) and label.strip() in ("项目名称", "资金总额", "一级指标", "总分",
                                                        "等级"):
            rows.setdefault(label.strip(), r)
    if not {"资金总额", "一级指标", "总分"} <= rows.keys():
        return None
    header, total = rows["一级指标"], rows["总分"]
    indicator_rows = [r for r in range(header + 1, total)
                      if any(ws.cell(r, c).value not in (None, "") for c in (3, 6, 7, 9))]
    return Layout(rows["资金总额"], header, indicator_rows, total, rows.get("等级", total + 1))


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        value = Decimal(repr(value)).normalize()
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    return text.strip() or None


def _quantity(ws: Worksheet, row: int, col: int, where: str) -> Quantity | None:
    text = _cell_text(ws.cell(row, col).value)
    if text is None:
        return None
    try:
        return Quantity.parse(text, span=SourceSpan(file=where, line=row, cell=col))
    except NumberFormatError as exc:
        raise InputError("W001", f"工作表「{ws.title}」第 {row} 行第 {col} 列不是数字",
                         f"sheet {ws.title!r} row {row} column {col} is not a number: {text!r}",
                         where) from exc


def read_forms(path: Path) -> list[ProjectEvaluation]:
    """Every sheet laid out like the template, as a :class:`ProjectEvaluation`."""
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a bad file
        raise InputError("W002", "无法读取工作簿", f"cannot read the workbook ({exc})",
                         str(path)) from exc
    forms = []
    for ws in wb.worksheets:
        layout = _layout(ws)
        if layout is not None:
            forms.append(_read_sheet(ws, layout, f"{path.name}#{ws.title}"))
    if not forms:
        raise InputError("W003", "工作簿中没有按模板排版的自评表",
                         "no sheet is laid out like the template", str(path))
    return forms


def _read_sheet(ws: Worksheet, layout: Layout, where: str) -> ProjectEvaluation:
    def span(row: int, col: int = 1) -> SourceSpan:
        return SourceSpan(file=where, line=row, cell=col)

    f = layout.fund_row
    fund = FundRow(
        source="资金总额",
        declared_budget=_quantity(ws, f, 2, where), initial_budget=_quantity(ws, f, 3, where),
        annual_budget=_quantity(ws, f, 4, where), executed=_quantity(ws, f, 5, where),
        balance=_quantity(ws, f, 6, where), execution_rate=_quantity(ws, f, 7, where),
        score=_quantity(ws, f, 8, where), deviation_reason=_cell_text(ws.cell(f, 9).value),
        span=span(f))
    indicators = []
    level1 = level2 = None
    for r in layout.indicator_rows:
        level1 = _cell_text(ws.cell(r, COL["一级指标"]).value) or level1
        level2 = _cell_text(ws.cell(r, COL["二级指标"]).value) or level2
        op = _cell_text(ws.cell(r, COL["运算符"]).value) or ""
        initial = _cell_text(ws.cell(r, COL["年初指标值"]).value)
        adjusted = _cell_text(ws.cell(r, COL["调整后指标值"]).value)
        if op:
            initial = _with_op(op, initial)
            adjusted = _with_op(op, adjusted)
        indicators.append(Indicator(
            level1=level1, level2=level2, name=_cell_text(ws.cell(r, COL["三级指标"]).value),
            initial_target=initial, adjusted_target=adjusted,
            actual=_cell_text(ws.cell(r, COL["实际完成值"]).value),
            qualitative_note=_cell_text(ws.cell(r, COL["定性值情况说明"]).value),
            weight=_quantity(ws, r, COL["分值"], where), score=_quantity(ws, r, COL["得分"], where),
            deviation_reason=_cell_text(ws.cell(r, COL["偏差原因分析及改进措施"]).value),
            span=span(r)))
    name_row = next((r for r in range(1, layout.fund_row) if ws.cell(r, 1).value == "项目名称"),
                    None)
    name = _cell_text(ws.cell(name_row, 2).value) if name_row else None
    grade = _cell_text(ws.cell(layout.grade_row, 2).value)
    return ProjectEvaluation(
        name=name or ws.title, fund_total=fund, indicators=indicators,
        total_score=_quantity(ws, layout.total_row, COL["得分"], where),
        grade=StatedText(text=grade, span=span(layout.grade_row, 2)) if grade else None,
        span=span(name_row or 1), end_line=layout.grade_row)


def _with_op(op: str, value: str | None) -> str | None:
    if value is None or value[:1] in OPERATORS or value[:1] in "≧≦":
        return value
    return op + value


def fill_workbook(path: Path, out: Path, policy: Policy) -> list[FormScore]:
    """Score every form in ``path`` and write the workbook with scores, totals and grades to ``out``."""
    from openpyxl import load_workbook
    from openpyxl.styles import PatternFill

    forms = read_forms(path)
    wb = load_workbook(path)
    mark = PatternFill(start_color=MISSING_FILL, end_color=MISSING_FILL, fill_type="solid")
    scores: list[FormScore] = []
    form_iter = iter(forms)
    for ws in wb.worksheets:
        layout = _layout(ws)
        if layout is None:
            continue
        form = next(form_iter)
        result = score_form(form, policy)
        scores.append(result)
        fund_cell = ws.cell(layout.fund_row, 8)
        if fund_cell.value in (None, "") and result.execution.recomputed is not None:
            fund_cell.value = excel_number(result.execution.recomputed)
        if result.execution.status is Status.UNREADABLE:
            fund_cell.fill = mark
        ws.cell(layout.fund_row, 10, excel_number(result.execution.recomputed))
        ws.cell(layout.fund_row, 11, result.execution.reason)
        for r, item in zip(layout.indicator_rows, result.indicators, strict=True):
            score_cell = ws.cell(r, COL["得分"])
            if score_cell.value in (None, "") and item.recomputed is not None:
                score_cell.value = excel_number(item.recomputed)
            ws.cell(r, COL["重算得分"], excel_number(item.recomputed))
            ws.cell(r, COL["说明"], item.reason)
            if item.status is Status.UNREADABLE:
                for col in (COL["实际完成值"], COL["分值"]):
                    if ws.cell(r, col).value in (None, ""):
                        ws.cell(r, col).fill = mark
                ws.cell(r, COL["说明"]).fill = mark
        ws.cell(layout.total_row, COL["重算得分"], excel_number(result.recomputed_total))
        if ws.cell(layout.total_row, COL["得分"]).value in (None, ""):
            ws.cell(layout.total_row, COL["得分"], excel_number(result.recomputed_total))
        ws.cell(layout.grade_row, 2, result.recomputed_grade)
        if result.unreadable:
            ws.cell(layout.total_row, COL["说明"],
                    f"{len(result.unreadable)} 项数据缺失或无法读取（黄色标出），按填报分值计入")
    wb.save(out)
    return scores


def excel_number(value: Decimal | None) -> float | int | None:
    """A Decimal as an Excel number (the workbook boundary is the only place floats appear)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
