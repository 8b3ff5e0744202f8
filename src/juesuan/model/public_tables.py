"""The input to ``juesuan render``: the nine public tables (公开01–09表) and everything else a
final-accounts disclosure states, as structured data.

Money is ``Decimal`` in the unit named by ``FinalAccounts.unit`` (元 or 万元); the renderer shows it
in 万元 with two decimals and balances the rounding (舍位平衡). Totals are never input: every total
is the sum of its rows, so the tables and the narrative cannot disagree.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

ZERO = Decimal(0)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FunctionRow(_Model):
    """One row of the function classification (类/款/项) in 公开02/03/05/08/09表, with what the
    narrative's section 五（三） needs for a 类.

    Amounts are input on the deepest rows. A 类 or 款 with child rows takes its amounts from them:
    its own amounts of a table may be left at zero (or None); if it states any, all of that table's
    columns must equal its children's sums.
    """

    code: str
    """政府收支分类科目 code: 3 digits for a 类, 5 for a 款, 7 for a 项."""
    name: str
    """科目名称 without the trailing (类), e.g. ``节能环保支出``."""
    basic: Decimal = ZERO
    """基本支出 (all funds, 公开03表)."""
    project: Decimal = ZERO
    """项目支出 (all funds, 公开03表)."""
    superior_remit: Decimal = ZERO
    """上缴上级支出 (公开03表)."""
    operating_expense: Decimal = ZERO
    """经营支出 (公开03表)."""
    subsidiary_grant: Decimal = ZERO
    """对附属单位补助支出 (公开03表)."""
    general_basic: Decimal = ZERO
    """一般公共预算财政拨款基本支出 (公开05表)."""
    general_project: Decimal = ZERO
    """一般公共预算财政拨款项目支出 (公开05表)."""
    fund_basic: Decimal = ZERO
    """政府性基金预算财政拨款基本支出 (公开08表)."""
    fund_project: Decimal = ZERO
    """政府性基金预算财政拨款项目支出 (公开08表)."""
    capital_basic: Decimal = ZERO
    """国有资本经营预算财政拨款基本支出 (公开09表)."""
    capital_project: Decimal = ZERO
    """国有资本经营预算财政拨款项目支出 (公开09表)."""
    income_fiscal: Decimal | None = None
    """财政拨款收入 of this 科目 (公开02表; all three budgets). The six income_* fields are optional:
    when no row gives any of them, 公开02表 shows only its 合计 row."""
    income_superior: Decimal | None = None
    """上级补助收入 of this 科目 (公开02表)."""
    income_business: Decimal | None = None
    """事业收入 of this 科目 (公开02表)."""
    income_operating: Decimal | None = None
    """经营收入 of this 科目 (公开02表)."""
    income_affiliated: Decimal | None = None
    """附属单位上缴收入 of this 科目 (公开02表)."""
    income_other: Decimal | None = None
    """其他收入 of this 科目 (公开02表)."""
    general_budget: Decimal | None = None
    """年初预算 of the 一般公共预算财政拨款 (needed for a 类 row with spending)."""
    general_prior: Decimal | None = None
    """上年决算 of the 一般公共预算财政拨款."""
    purpose: str = ""
    """用于… wording of 五（三）, verbatim."""
    reason: str = ""
    """主要原因 of the change vs last year, verbatim."""

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not value.isdigit() or len(value) not in (3, 5, 7):
            raise ValueError(f"科目编码应为 3、5 或 7 位数字 / a function code has 3, 5 or 7 digits: {value!r}")
        return value

    @property
    def parent_code(self) -> str | None:
        """The code of the 类 above a 款, or of the 款 above a 项; None for a 类."""
        return self.code[:-2] if len(self.code) > 3 else None

    @property
    def expense(self) -> tuple[Decimal, Decimal, Decimal, Decimal, Decimal]:
        """公开03表 columns: 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出."""
        return (self.basic, self.project, self.superior_remit, self.operating_expense, self.subsidiary_grant)

    @property
    def total(self) -> Decimal:
        """本年支出合计 (all funds, 公开03表)."""
        return sum(self.expense, ZERO)

    @property
    def general_total(self) -> Decimal:
        return self.general_basic + self.general_project

    @property
    def income(self) -> tuple[Decimal, ...] | None:
        """公开02表 columns (财政拨款收入 … 其他收入, a missing one as 0); None when none is given."""
        values = (self.income_fiscal, self.income_superior, self.income_business, self.income_operating,
                  self.income_affiliated, self.income_other)
        if all(v is None for v in values):
            return None
        return tuple(ZERO if v is None else v for v in values)


class EconomicRow(_Model):
    """One row of 公开06表 (一般公共预算财政拨款基本支出, by economic classification)."""

    code: str
    name: str
    amount: Decimal
    kind: Literal["人员经费", "公用经费"]


class Income(_Model):
    """公开01/02表 income side."""

    fiscal_general: Decimal = ZERO
    """财政拨款收入: 一般公共预算."""
    fiscal_fund: Decimal = ZERO
    """政府性基金预算财政拨款收入; spent within the year (no carry-over of it is modelled), so it equals
    the functions' fund_basic + fund_project (公开08表)."""
    fiscal_capital: Decimal = ZERO
    """国有资本经营预算财政拨款收入; equals the functions' capital_basic + capital_project (公开09表)."""
    superior: Decimal = ZERO
    """上级补助收入."""
    business: Decimal = ZERO
    """事业收入."""
    operating: Decimal = ZERO
    """经营收入."""
    affiliated: Decimal = ZERO
    """附属单位上缴收入."""
    other: Decimal = ZERO
    """其他收入."""
    non_fiscal_balance_used: Decimal = ZERO
    """使用非财政拨款结余."""
    carryover_begin: Decimal = ZERO
    """年初结转和结余."""
    fiscal_carryover_begin: Decimal = ZERO
    """其中财政拨款年初结转和结余 (公开04表)."""


class Prior(_Model):
    """Last year's figures the year-on-year statements need."""

    total: Decimal
    """上年收入总计 (= 支出总计)."""
    fiscal_total: Decimal
    """上年财政拨款收入总计 (= 支出总计)."""
    general_total: Decimal
    """上年一般公共预算财政拨款支出."""


class Reasons(_Model):
    """The preparer's reasons (主要原因), inserted verbatim; empty means none stated."""

    total: str = ""
    fiscal: str = ""
    general: str = ""


class ThreePublicItem(_Model):
    budget: Decimal = ZERO
    actual: Decimal = ZERO
    prior: Decimal = ZERO
    reason: str = ""
    """主要原因 of the change, verbatim."""
    use: str = ""
    """主要用于… (四（二）), verbatim."""


class ThreePublic(_Model):
    """公开07表 and section 九: 因公出国（境）, 公务用车购置, 公务用车运行维护, 公务接待."""

    abroad: ThreePublicItem = Field(default_factory=ThreePublicItem)
    vehicle_purchase: ThreePublicItem = Field(default_factory=ThreePublicItem)
    vehicle_operation: ThreePublicItem = Field(default_factory=ThreePublicItem)
    reception: ThreePublicItem = Field(default_factory=ThreePublicItem)
    reason: str = ""
    """主要原因 of the total's change."""
    abroad_groups: int = 0
    abroad_persons: int = 0
    vehicles_bought: int = 0
    vehicles_held: int = 0
    reception_foreign: Decimal = ZERO
    """外事接待费 (inside 国内接待费) ."""
    reception_batches: int = 0
    reception_persons: int = 0
    foreign_batches: int = 0
    foreign_persons: int = 0
    overseas: Decimal = ZERO
    """国（境）外接待费."""
    overseas_batches: int = 0
    overseas_persons: int = 0
    overseas_use: str = ""

    def items(self) -> list[tuple[str, ThreePublicItem]]:
        return [("因公出国（境）费", self.abroad), ("公务用车购置费", self.vehicle_purchase),
                ("公务用车运行维护费", self.vehicle_operation), ("公务接待费", self.reception)]


class Procurement(_Model):
    goods: Decimal = ZERO
    works: Decimal = ZERO
    services: Decimal = ZERO
    sme: Decimal = ZERO
    """授予中小企业合同金额."""
    small_micro: Decimal = ZERO
    """其中授予小微企业合同金额."""


class VehicleCount(_Model):
    category: str
    count: int


class Assets(_Model):
    as_of: str
    """e.g. ``2024年12月31日``."""
    vehicles: list[VehicleCount] = Field(default_factory=list)
    other_vehicles_use: str = ""
    equipment_over_1m: int = 0


class Performance(_Model):
    """Section 十（四）: the figures derive from the forms; the text around them is verbatim."""

    measures: str = ""
    """改进管理措施 for 中/差 projects, verbatim."""
    department_evaluation: str = ""
    """二是… wording of a 部门评价, verbatim (empty: none)."""
    other_matters: str = "无"


class OverviewSection(_Model):
    title: str
    text: str = ""


class Term(_Model):
    term: str
    definition: str


class FundRowInput(_Model):
    source: str
    declared_budget: Decimal | None = None
    initial_budget: Decimal | None = None
    annual_budget: Decimal | None = None
    executed: Decimal | None = None
    deviation_reason: str = ""


class IndicatorInput(_Model):
    level1: str = ""
    level2: str = ""
    name: str = ""
    initial_target: str = ""
    adjusted_target: str = ""
    actual: str = ""
    qualitative_note: str = ""
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_reason: str = ""


class FormInput(_Model):
    """One 项目支出绩效自评表; its 资金结(转)余, 执行率, fund 得分, 总分 and 等级 are computed."""

    name: str
    fund_type: Literal["一般公共预算", "政府性基金预算", "国有资本经营预算", "社会保险基金预算"] = "一般公共预算"
    """资金性质: which budget the project's money comes from (十（四） sums the forms' funds by it)."""
    department_code: str = ""
    department_name: str = ""
    unit_code: str = ""
    unit_name: str = ""
    total: FundRowInput
    sources: list[FundRowInput] = Field(default_factory=list)
    annual_goal: str = ""
    actual_completion: str = ""
    indicators: list[IndicatorInput] = Field(default_factory=list)
    analysis: list[tuple[str, str]] = Field(default_factory=list)
    """(label, text) of the 项目绩效分析 cells, verbatim."""


class FinalAccounts(_Model):
    """Everything a 部门决算公开 states, from which ``juesuan render`` writes it."""

    department: str
    year: int
    unit: Literal["元", "万元"] = "万元"
    overview: list[OverviewSection] = Field(default_factory=list)
    income: Income
    surplus_distribution: Decimal = ZERO
    carryover_end: Decimal = ZERO
    fiscal_carryover_end: Decimal = ZERO
    functions: list[FunctionRow]
    """公开02/03/05/08/09表 rows: 类, and optionally their 款 and 项 (a 款 or 项 needs its parent row)."""
    economic: list[EconomicRow] = Field(default_factory=list)
    personnel_items: str = ""
    """人员经费主要包括… wording, verbatim."""
    public_items: str = ""
    """公用经费主要包括… wording, verbatim."""
    general_budget_note: str = ""
    prior: Prior
    reasons: Reasons = Field(default_factory=Reasons)
    three_public: ThreePublic = Field(default_factory=ThreePublic)
    office_costs: Decimal = ZERO
    """机关运行经费."""
    office_costs_prior: Decimal = ZERO
    office_costs_reason: str = ""
    procurement: Procurement = Field(default_factory=Procurement)
    assets: Assets | None = None
    performance: Performance = Field(default_factory=Performance)
    glossary: list[Term] = Field(default_factory=list)
    forms: list[FormInput] = Field(default_factory=list)

    @field_validator("functions")
    @classmethod
    def _unique_codes(cls, rows: list[FunctionRow]) -> list[FunctionRow]:
        seen: set[str] = set()
        for row in rows:
            if row.code in seen:
                raise ValueError(f"科目编码重复 / duplicate function code {row.code}")
            seen.add(row.code)
        return rows
