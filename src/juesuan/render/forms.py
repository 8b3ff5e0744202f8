"""项目支出绩效自评表 in the reference's form layout: the derived cells are computed.

资金结(转)余 = 全年预算数 − 全年执行数; 执行率 = 全年执行数 ÷ 全年预算数; the fund row's 得分 =
执行率 × 10 capped at 10; 总分 = fund 得分 + Σ indicator 得分; 等级 from 总分 (优 ≥ 90, 良 ≥ 80,
中 ≥ 60, else 差). Everything else is the preparer's, verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from juesuan.model.public_tables import FormInput, FundRowInput
from juesuan.render.blocks import Block, Heading, Paragraph, Table
from juesuan.render.rounding import round_half_up

ZERO = Decimal(0)
TEN = Decimal(10)
WIDTH = 12


def plain(value: Decimal | None) -> str:
    """A form figure as printed in forms: ``198.5``, ``0``, ``79.891`` (no exponent, no separator)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


@dataclass(frozen=True)
class FundFigures:
    balance: Decimal | None
    rate: Decimal | None
    score: Decimal | None


def fund_figures(row: FundRowInput) -> FundFigures:
    if row.annual_budget is None or row.executed is None:
        return FundFigures(None, None, None)
    balance = row.annual_budget - row.executed
    if row.annual_budget == 0:  # nothing to execute: printed as 0 and 0 (the reference's forms)
        return FundFigures(balance, ZERO, ZERO)
    rate = round_half_up(row.executed / row.annual_budget * 100)
    score = min(round_half_up(rate / 100 * TEN), TEN)
    return FundFigures(balance, rate, score)


@dataclass(frozen=True)
class ComputedForm:
    form: FormInput
    fund: FundFigures
    total: Decimal
    grade: str
    initial: Decimal


def grade_of(total: Decimal) -> str:
    return "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"


def computed(form: FormInput) -> ComputedForm:
    fund = fund_figures(form.total)
    total = (fund.score or ZERO) + sum((i.score or ZERO for i in form.indicators), ZERO)
    return ComputedForm(form, fund, total, grade_of(total), form.total.initial_budget or ZERO)


def cell_text(text: str) -> str:
    """A cell's text on one line: a tab or line break inside a cell would split it in the text
    rendering (and in every reader of tab-separated rows), so they become spaces."""
    return " ".join(text.split()) if any(ch in text for ch in "\t\r\n") else text


Cell = str | tuple[str, int]
"""A form cell: its text, or its text and the number of columns it covers."""


def _laid(*cells: Cell) -> tuple[list[str], tuple[int, ...]]:
    """One form row as text cells (a merged cell's text in its first column, the columns it covers
    empty) and the columns each cell covers, padded to the form's ``WIDTH`` with empty cells."""
    texts: list[str] = []
    spans: list[int] = []
    for cell in cells:
        text, span = (cell, 1) if isinstance(cell, str) else cell
        texts += [cell_text(text)] + [""] * (span - 1)
        spans.append(span)
    spans += [1] * (WIDTH - len(texts))
    texts += [""] * (WIDTH - len(texts))
    return texts, tuple(spans)


# The form's twelve columns. The fund table: the row label (资金总额 or a fund source), 年初预算数 over
# 目标申报数 | 预算编制数 (which the reference's layout prints twice), 全年预算数, 全年执行数, 资金结(转)余,
# 执行率, 得分, 偏差原因. The indicator table: 一级 … 三级指标, the three values, 定性值情况说明, 分值, 得分,
# 偏差原因分析及改进措施; 总分 stands under 得分. Every row of a block keeps the same column boundaries.
_REASON = 3
"""Columns under the fund table's 偏差原因 (the rest of the row)."""


def form_blocks(form: FormInput, year: int) -> list[Block]:
    c = computed(form)
    laid: list[tuple[list[str], tuple[int, ...]]] = [
        _laid(("项目名称", 2), (form.name, 10)),
        _laid(("主管部门及代码", 2), (f"{form.department_code}-{form.department_name}", 4), "预算单位",
              (f"{form.unit_code}-{form.unit_name}", 5)),
        _laid("项目资金预算安排及执行进度(万元)", ("年初预算数", 3), "全年预算数", "全年执行数",
              "资金结(转)余", "执行率", "得分", ("偏差原因", _REASON)),
        _laid("", "目标申报数", ("预算编制数", 2), "", "", "", "", "", ("", _REASON)),
    ]

    def fund_row(label: str, row: FundRowInput, f: FundFigures) -> tuple[list[str], tuple[int, ...]]:
        # The label stands in the first column for the total as for each source, so every figure
        # falls under its header. The reference's layout repeats 预算编制数 (under 年初预算数).
        return _laid(label, plain(row.declared_budget), plain(row.initial_budget), plain(row.initial_budget),
                     plain(row.annual_budget), plain(row.executed), plain(f.balance), plain(f.rate),
                     plain(f.score), (row.deviation_reason, _REASON))

    laid.append(fund_row("资金总额:", form.total, c.fund))
    for source in form.sources:
        laid.append(fund_row(source.source, source, fund_figures(source)))
    laid.append(_laid("年度绩效目标", ("年度目标", 5), ("实际完成情况", 6)))
    laid.append(_laid("", (form.annual_goal, 5), (form.actual_completion, 6)))
    laid.append(_laid("绩效指标", "一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值",
                      "实际完成值", "定性值情况说明", "分值", "得分", ("偏差原因分析及改进措施", 2)))
    for ind in form.indicators:
        laid.append(_laid("", ind.level1, ind.level2, ind.name, ind.initial_target, ind.adjusted_target,
                          ind.actual, ind.qualitative_note, plain(ind.weight), plain(ind.score),
                          (ind.deviation_reason, 2)))
    laid.append(_laid(("总分", 9), plain(c.total), (c.grade, 2)))
    for n, (label, text) in enumerate(form.analysis):
        laid.append(_laid(("项目绩效分析" if n == 0 else "", 2), (label, 2), (text, 8)))
    return [Heading(4, f"{form.name}项目支出绩效自评 ({year}年度)"),
            Table([r for r, _ in laid], header_rows=0, kind="form", spans=tuple(s for _, s in laid)),
            Paragraph("备注:1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系。"
                      "2.“全年预算数”的取数规则:如果年初预算未调整,取预算编制数;如果有调整,取调整后的预算数。")]
