"""The project performance self-evaluation form (项目支出绩效自评表) as stated in a disclosure."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from juesuan.model.quantity import Quantity
from juesuan.model.spans import SourceSpan, StatedText


class FundRow(BaseModel):
    """One row of the form's fund table (项目资金预算安排及执行进度, 万元).

    The first row is the 资金总额 (total); the rows after it are fund sources such as 市县区财政资金 or
    单位自筹资金. A value the row does not state is ``None``; nothing is filled in by arithmetic.
    """

    model_config = ConfigDict(frozen=True)

    source: str
    """资金来源: ``资金总额`` for the total row, else the source as printed (typos kept)."""
    declared_budget: Quantity | None = None
    """目标申报数 (年初预算数, from the project's target declaration)."""
    initial_budget: Quantity | None = None
    """预算编制数 (年初预算数, from the budget expenditure detail table)."""
    annual_budget: Quantity | None = None
    """全年预算数 (预算编制数, or the adjusted budget where it was adjusted)."""
    executed: Quantity | None = None
    """全年执行数 (confirmed execution)."""
    balance: Quantity | None = None
    """资金结(转)余."""
    execution_rate: Quantity | None = None
    """执行率 in percent."""
    score: Quantity | None = None
    """得分 of the fund row (its 分值 is 10 under the national rules)."""
    deviation_reason: str | None = None
    """偏差原因, as printed (often truncated by the export)."""
    extra_values: list[Quantity] = Field(default_factory=list)
    """Figures beyond the seven the row defines (目标申报数 … 得分), kept rather than dropped (the
    export sometimes repeats a column), or all of a row's figures when too few survive to tell
    their columns; the parser records which layout it assumed in the form's notes."""
    span: SourceSpan

    def states_amounts(self) -> bool:
        """Whether any of the seven column figures was placed (not only ``extra_values``)."""
        return any(q is not None for q in (self.declared_budget, self.initial_budget,
                                           self.annual_budget, self.executed, self.balance,
                                           self.execution_rate, self.score))


class Indicator(BaseModel):
    """One performance indicator row (三级指标) with its targets, actual, weight and score."""

    model_config = ConfigDict(frozen=True)

    level1: str | None = None
    """一级指标: 产出指标, 效益指标, 满意度指标 (carried down from the row that states it)."""
    level2: str | None = None
    """二级指标: 数量指标, 质量指标, 时效指标, 成本指标, 社会效益, 服务对象满意度 …"""
    name: str | None = None
    """三级指标 as printed (often truncated by the export)."""
    initial_target: str | None = None
    """年初指标值, as printed (operators kept, e.g. ``≥90%``)."""
    adjusted_target: str | None = None
    """调整后指标值."""
    actual: str | None = None
    """实际完成值."""
    qualitative_note: str | None = None
    """定性值情况说明."""
    weight: Quantity | None = None
    """分值."""
    score: Quantity | None = None
    """得分."""
    deviation_reason: str | None = None
    """偏差原因分析及改进措施."""
    span: SourceSpan
    """The row's first label cell (its level or indicator name)."""


class AnalysisText(BaseModel):
    """One labelled analysis cell (自评结果分析 and the rest), text as printed."""

    model_config = ConfigDict(frozen=True)

    label: str
    text: str
    span: SourceSpan


class ParseNote(BaseModel):
    """Something the parser could not read as the standard layout, and what it did instead."""

    model_config = ConfigDict(frozen=True)

    line: int
    message: str


class ProjectEvaluation(BaseModel):
    """A 项目支出绩效自评表: header, fund table, goals, indicators, total, grade, analysis."""

    model_config = ConfigDict(frozen=True)

    name: str
    """项目名称 as printed on the form."""
    title: StatedText | None = None
    """The heading above the form (…项目支出绩效自评表/报告 (2024年度)), when present."""
    department_code: str | None = None
    """主管部门代码 (e.g. ``218``)."""
    department_name: str | None = None
    unit_code: str | None = None
    """预算单位代码 (six digits, e.g. ``218005``)."""
    unit_name: str | None = None
    unit_text: StatedText | None = None
    """The 预算单位 cell as printed (``218005-晋城市生态环境局城区分局``) with its location."""
    fund_total: FundRow | None = None
    """The 资金总额 row."""
    fund_sources: list[FundRow] = Field(default_factory=list)
    annual_goal: StatedText | None = None
    """年度目标."""
    actual_completion: StatedText | None = None
    """实际完成情况."""
    indicators: list[Indicator] = Field(default_factory=list)
    total_score: Quantity | None = None
    """总分."""
    grade: StatedText | None = None
    """等级 (优/良/中/差); ``None`` when the form states none."""
    analysis: list[AnalysisText] = Field(default_factory=list)
    span: SourceSpan
    """Where the form starts: the 项目名称 row."""
    end_line: int
    """The last line that belongs to the form (its notes included)."""
    notes: list[ParseNote] = Field(default_factory=list)

    @property
    def amounts(self) -> FundRow | None:
        """The form's own amounts (目标申报数 … 执行率, 得分): its 资金总额 row as stated, or — when
        the export lost that row and the form has exactly one fund source stating amounts — that
        source row, which then is the whole of the form's funds (``amounts_derived_from``).
        ``fund_total`` itself stays as stated (``None``): nothing is written into it."""
        if self.fund_total is not None:
            return self.fund_total
        return self.fund_sources[0] if self.amounts_derived_from is not None else None

    @property
    def amounts_derived_from(self) -> str | None:
        """``"fund_source"`` when :attr:`amounts` is the only source row standing in for a lost
        资金总额 row; ``None`` when the amounts are the 资金总额 row's or there are none."""
        if self.fund_total is not None or len(self.fund_sources) != 1:
            return None
        return "fund_source" if self.fund_sources[0].states_amounts() else None
