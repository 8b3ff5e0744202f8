"""Every displayed figure of a disclosure, in 万元 with two decimals, rounded once (舍位平衡).

Tables and narrative both quote these values, so they agree by construction; derived percentages
are computed from the displayed figures, as a reader of the published document would.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from juesuan.model.public_tables import FinalAccounts, FunctionRow
from juesuan.read.errors import InputError
from juesuan.render.rounding import balance, round_half_up, to_wan

ZERO = Decimal(0)
HUNDRED = Decimal(100)


def money(value: Decimal) -> str:
    """``47549.83`` → ``47,549.83``."""
    return f"{value.quantize(Decimal('0.01'), rounding=ROUND_HALF_UP):,.2f}"


def pct(numerator: Decimal, denominator: Decimal) -> str:
    """A share or rate in percent with two decimals (half up)."""
    return f"{round_half_up(numerator / denominator * HUNDRED):.2f}"


@dataclass(frozen=True)
class ClassFigures:
    row: FunctionRow
    total: Decimal
    basic: Decimal
    project: Decimal
    general: Decimal
    general_basic: Decimal
    general_project: Decimal
    budget: Decimal | None
    prior: Decimal | None


@dataclass(frozen=True)
class Figures:
    """Displayed figures (万元, two decimals)."""

    income_parts: list[tuple[str, Decimal]]
    income_year: Decimal
    balance_used: Decimal
    carryover_begin: Decimal
    income_total: Decimal
    classes: list[ClassFigures]
    expense_year: Decimal
    basic: Decimal
    project: Decimal
    surplus_distribution: Decimal
    carryover_end: Decimal
    expense_total: Decimal
    fiscal_income: Decimal
    fiscal_general: Decimal
    fiscal_fund: Decimal
    fiscal_capital: Decimal
    fiscal_carryover_begin: Decimal
    fiscal_carryover_end: Decimal
    fiscal_total: Decimal
    general: Decimal
    general_basic: Decimal
    general_project: Decimal
    general_budget: Decimal
    personnel: Decimal
    public: Decimal
    economic: list[tuple[str, str, str, Decimal]]
    prior_total: Decimal
    prior_fiscal_total: Decimal
    prior_general: Decimal
    three_public: list[tuple[str, Decimal, Decimal, Decimal]]
    """(item, budget, actual, prior)."""
    office_costs: Decimal
    office_costs_prior: Decimal
    procurement: tuple[Decimal, Decimal, Decimal]
    procurement_total: Decimal
    sme: Decimal
    small_micro: Decimal
    reception_foreign: Decimal
    overseas: Decimal


INCOME_LABELS = [
    ("fiscal", "财政拨款收入"), ("superior", "上级补助收入"), ("business", "事业收入"),
    ("operating", "经营收入"), ("affiliated", "附属单位上缴收入"), ("other", "其他收入"),
]


def _inconsistent(what_zh: str, what_en: str, a: Decimal, b: Decimal) -> InputError:
    return InputError("D004", f"数据不平衡：{what_zh}（{a} ≠ {b}）",
                      f"the data do not balance: {what_en} ({a} != {b})")


def compute(data: FinalAccounts) -> Figures:
    """Round every figure once and check the identities the tables must satisfy (D004)."""
    u = data.unit

    def w(value: Decimal) -> Decimal:
        return to_wan(value, u)

    inc = data.income
    fiscal_exact = inc.fiscal_general + inc.fiscal_fund + inc.fiscal_capital
    raw_income = [fiscal_exact, inc.superior, inc.business, inc.operating, inc.affiliated, inc.other]
    shown_income = balance([w(v) for v in raw_income])
    fiscal_split = balance([w(inc.fiscal_general), w(inc.fiscal_fund), w(inc.fiscal_capital)],
                           w(fiscal_exact))
    income_year = sum(shown_income, ZERO)
    balance_used, carryover_begin = (round_half_up(w(inc.non_fiscal_balance_used)),
                                     round_half_up(w(inc.carryover_begin)))
    income_total = income_year + balance_used + carryover_begin

    top = [r for r in data.functions if len(r.code) == 3]
    if not top:
        raise InputError("D003", "functions 中没有任何“类”级（3 位编码）科目",
                         "functions holds no 类-level (3-digit) row", "functions")
    class_total = balance([w(r.total) for r in top])
    class_basic = balance([w(r.basic) for r in top])
    class_general = balance([w(r.general_total) for r in top])
    class_gbasic = balance([w(r.general_basic) for r in top])
    budgets = [r.general_budget for r in top]
    shown_budgets: list[Decimal | None]
    if all(b is None for b in budgets):
        shown_budgets = [None] * len(top)
    else:
        balanced = balance([w(b or ZERO) for b in budgets])
        shown_budgets = [None if b is None else v for b, v in zip(budgets, balanced, strict=True)]
    classes = [
        ClassFigures(row=r, total=t, basic=b, project=t - b, general=g, general_basic=gb,
                     general_project=g - gb, budget=bud,
                     prior=None if r.general_prior is None else round_half_up(w(r.general_prior)))
        for r, t, b, g, gb, bud in zip(top, class_total, class_basic, class_general, class_gbasic,
                                       shown_budgets, strict=True)
    ]
    expense_year = sum(class_total, ZERO)
    basic = sum(class_basic, ZERO)
    surplus = round_half_up(w(data.surplus_distribution))
    exact_in = (sum(raw_income, ZERO) + inc.non_fiscal_balance_used + inc.carryover_begin)
    exact_out = (sum((r.total for r in top), ZERO) + data.surplus_distribution + data.carryover_end)
    if exact_in != exact_out:
        raise _inconsistent("收入总计应等于支出总计", "收入总计 must equal 支出总计", exact_in, exact_out)
    carryover_end = income_total - expense_year - surplus
    general = sum(class_general, ZERO)
    general_basic = sum(class_gbasic, ZERO)
    fiscal_in = inc.fiscal_general + inc.fiscal_carryover_begin
    fiscal_out = sum((r.general_total for r in top), ZERO) + data.fiscal_carryover_end
    if fiscal_in != fiscal_out:
        raise _inconsistent("一般公共预算财政拨款收入加年初结转应等于支出加年末结转",
                            "general-budget appropriation income + carry-over must equal "
                            "expenditure + carry-over", fiscal_in, fiscal_out)
    fiscal_carryover_begin = round_half_up(w(inc.fiscal_carryover_begin))
    fiscal_total = shown_income[0] + fiscal_carryover_begin
    fiscal_carryover_end = fiscal_total - general - fiscal_split[1] - fiscal_split[2]

    econ = data.economic
    if econ and sum((e.amount for e in econ), ZERO) != sum((r.general_basic for r in top), ZERO):
        raise _inconsistent("公开06表经济分类合计应等于一般公共预算财政拨款基本支出",
                            "table 06 must add up to the general-budget basic expenditure",
                            sum((e.amount for e in econ), ZERO),
                            sum((r.general_basic for r in top), ZERO))
    shown_econ = balance([w(e.amount) for e in econ], w(sum((r.general_basic for r in top), ZERO))) \
        if econ else []
    personnel = (sum((v for e, v in zip(econ, shown_econ, strict=True) if e.kind == "人员经费"), ZERO)
                 if econ else ZERO)
    tp = data.three_public
    items = tp.items()
    tp_budget = balance([w(i.budget) for _, i in items])
    tp_actual = balance([w(i.actual) for _, i in items])
    tp_prior = balance([w(i.prior) for _, i in items])
    pr = data.procurement
    proc = balance([w(pr.goods), w(pr.works), w(pr.services)])
    return Figures(
        income_parts=[(label, v) for (_, label), v in zip(INCOME_LABELS, shown_income, strict=True)],
        income_year=income_year, balance_used=balance_used, carryover_begin=carryover_begin,
        income_total=income_total, classes=classes, expense_year=expense_year, basic=basic,
        project=expense_year - basic, surplus_distribution=surplus, carryover_end=carryover_end,
        expense_total=income_total, fiscal_income=shown_income[0], fiscal_general=fiscal_split[0],
        fiscal_fund=fiscal_split[1], fiscal_capital=fiscal_split[2],
        fiscal_carryover_begin=fiscal_carryover_begin, fiscal_carryover_end=fiscal_carryover_end,
        fiscal_total=fiscal_total, general=general, general_basic=general_basic,
        general_project=general - general_basic,
        general_budget=sum((b for b in shown_budgets if b is not None), ZERO),
        personnel=personnel if econ else ZERO, public=(general_basic - personnel) if econ else ZERO,
        economic=[(e.code, e.name, e.kind, v) for e, v in zip(econ, shown_econ, strict=True)],
        prior_total=round_half_up(w(data.prior.total)),
        prior_fiscal_total=round_half_up(w(data.prior.fiscal_total)),
        prior_general=round_half_up(w(data.prior.general_total)),
        three_public=[(name, b, a, p) for (name, _), b, a, p
                      in zip(items, tp_budget, tp_actual, tp_prior, strict=True)],
        office_costs=round_half_up(w(data.office_costs)),
        office_costs_prior=round_half_up(w(data.office_costs_prior)),
        procurement=(proc[0], proc[1], proc[2]), procurement_total=sum(proc, ZERO),
        sme=round_half_up(w(pr.sme)), small_micro=round_half_up(w(pr.small_micro)),
        reception_foreign=round_half_up(w(tp.reception_foreign)),
        overseas=round_half_up(w(tp.overseas)),
    )
