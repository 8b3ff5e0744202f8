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


def _pad(cells: list[str]) -> list[str]:
    return [cell_text(c) for c in cells] + [""] * (WIDTH - len(cells))


def form_blocks(form: FormInput, year: int) -> list[Block]:
    c = computed(form)
    rows: list[list[str]] = [
        _pad(["项目名称", "", form.name]),
        _pad(["主管部门及代码", "", f"{form.department_code}-{form.department_name}", "", "", "",
              "预算单位", f"{form.unit_code}-{form.unit_name}"]),
        _pad(["项目资金预算安排及执行进度(万元)", "年初预算数", "", "", "全年预算数", "全年执行数",
              "资金结(转)余", "执行率", "得分", "偏差原因"]),
        _pad(["", "目标申报数", "预算编制数"]),
    ]

    def fund_row(label: str, first: str, row: FundRowInput, f: FundFigures) -> list[str]:
        # The reference's layout repeats 预算编制数 in a third 年初预算数 column.
        return _pad([first, *([label] if label else []), plain(row.declared_budget),
                     plain(row.initial_budget), plain(row.initial_budget), plain(row.annual_budget),
                     plain(row.executed),
                     plain(f.balance), plain(f.rate), plain(f.score), row.deviation_reason])

    rows.append(fund_row("资金总额:", "", form.total, c.fund))
    for source in form.sources:
        rows.append(fund_row("", source.source, source, fund_figures(source)))
    rows.append(_pad(["年度绩效目标", "年度目标", "", "", "", "", "实际完成情况"]))
    rows.append(_pad(["", form.annual_goal, "", "", "", "", form.actual_completion]))
    rows.append(_pad(["绩效指标", "一级指标", "二级指标", "三级指标", "年初指标值", "调整后指标值",
                      "实际完成值", "定性值情况说明", "分值", "得分", "偏差原因分析及改进措施"]))
    for ind in form.indicators:
        rows.append(_pad(["", ind.level1, ind.level2, ind.name, ind.initial_target, ind.adjusted_target,
                          ind.actual, ind.qualitative_note, plain(ind.weight), plain(ind.score),
                          ind.deviation_reason]))
    rows.append(_pad(["总分", *[""] * 8, plain(c.total), c.grade]))
    for n, (label, text) in enumerate(form.analysis):
        rows.append(_pad(["项目绩效分析" if n == 0 else "", "", label, "", text]))
    return [Heading(4, f"{form.name}项目支出绩效自评 ({year}年度)"),
            Table(rows, header_rows=0, kind="form"),
            Paragraph("备注:1.“年初预算数”项下的“目标申报数”和“预算编制数”为并列关系。"
                      "2.“全年预算数”的取数规则:如果年初预算未调整,取预算编制数;如果有调整,取调整后的预算数。")]
