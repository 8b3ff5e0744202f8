"""Every displayed figure of a disclosure, in 万元 with two decimals, rounded once (舍位平衡).

Tables and narrative both quote these values, so they agree by construction; derived percentages
are computed from the displayed figures, as a reader of the published document would.

The function-classification tables (公开02/03/05/08/09表) are balanced as a whole (rounding.py
``balance_tree``): every displayed 类 is the sum of its displayed 款, every 款 of its 项, the 合计 row
of its 类, in every column, and every row's 合计 column is the sum of its other columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from juesuan.model.public_tables import FinalAccounts, FunctionRow
from juesuan.read.errors import InputError
from juesuan.render.rounding import CENT, balance, balance_tree, round_half_up, to_wan

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
class TableRow:
    """One displayed row of a function-classification table (公开02/03/05/08/09表)."""

    code: str
    """科目编码; empty for the 合计 row."""
    name: str
    """科目名称 as input, or ``合计``."""
    values: tuple[Decimal, ...]
    """The amounts in the table's column order (see the ``Figures`` field holding the row)."""


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
    superior_remit: Decimal
    """上缴上级支出 (公开03表 合计)."""
    operating_expense: Decimal
    """经营支出 (公开03表 合计)."""
    subsidiary_grant: Decimal
    """对附属单位补助支出 (公开03表 合计)."""
    income_table: list[TableRow]
    """公开02表, 合计 first: 本年收入合计 and the six sources of ``income_parts``; only the 合计 row when
    no function row gives its income by source."""
    expense_table: list[TableRow]
    """公开03表, 合计 first: 本年支出合计, 基本支出, 项目支出, 上缴上级支出, 经营支出, 对附属单位补助支出."""
    general_table: list[TableRow]
    """公开05表, 合计 first: 本年支出合计, 基本支出, 项目支出 (一般公共预算财政拨款)."""
    fund_table: list[TableRow]
    """公开08表, 合计 first: 年初结转和结余, 本年收入, 本年支出合计, 基本支出, 项目支出, 年末结转和结余;
    empty when there are no such funds."""
    capital_table: list[TableRow]
    """公开09表, 合计 first: 本年支出合计, 基本支出, 项目支出; empty when there are no such funds."""


INCOME_LABELS = [
    ("fiscal", "财政拨款收入"), ("superior", "上级补助收入"), ("business", "事业收入"),
    ("operating", "经营收入"), ("affiliated", "附属单位上缴收入"), ("other", "其他收入"),
]
EXPENSE_LABELS = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]
ROOT = ""
"""The 合计 row's key in the function tree."""

_Amounts = Callable[[FunctionRow], tuple[Decimal, ...] | None]


@dataclass(frozen=True)
class _Group:
    """The amounts of one function-classification table, as input on each row."""

    table: str
    labels: list[str]
    amounts: _Amounts

    def of(self, row: FunctionRow) -> tuple[Decimal, ...]:
        return self.amounts(row) or tuple(ZERO for _ in self.labels)


INCOME = _Group("公开02表", [label for _, label in INCOME_LABELS], lambda r: r.income)
EXPENSE = _Group("公开03表", EXPENSE_LABELS, lambda r: r.expense)
GENERAL = _Group("公开05表", ["一般公共预算财政拨款基本支出", "一般公共预算财政拨款项目支出"],
                 lambda r: (r.general_basic, r.general_project))
FUND = _Group("公开08表", ["政府性基金预算财政拨款基本支出", "政府性基金预算财政拨款项目支出"],
              lambda r: (r.fund_basic, r.fund_project))
CAPITAL = _Group("公开09表", ["国有资本经营预算财政拨款基本支出", "国有资本经营预算财政拨款项目支出"],
                 lambda r: (r.capital_basic, r.capital_project))


def _inconsistent(what_zh: str, what_en: str, a: Decimal, b: Decimal) -> InputError:
    return InputError("D004", f"数据不平衡：{what_zh}（{a} ≠ {b}）",
                      f"the data do not balance: {what_en} ({a} != {b})")


@dataclass(frozen=True)
class _Tree:
    """The function rows as a tree under the 合计 row (``ROOT``), children in code order."""

    rows: dict[str, FunctionRow]
    children: dict[str, list[str]]

    def bottom_up(self) -> list[str]:
        order, stack = [], [ROOT]
        while stack:
            node = stack.pop()
            order.append(node)
            stack.extend(self.children[node])
        return order[::-1]

    def sums(self, group: _Group) -> dict[str, list[Decimal]]:
        """Each row's amounts in ``group`` as its leaves add them up (exact, input unit)."""
        out: dict[str, list[Decimal]] = {}
        for node in self.bottom_up():
            kids = self.children[node]
            if kids:
                out[node] = [sum(column, ZERO) for column in zip(*(out[k] for k in kids), strict=True)]
            else:
                out[node] = list(group.of(self.rows[node]))
        return out


def _tree(data: FinalAccounts) -> _Tree:
    rows = {r.code: r for r in data.functions}
    children: dict[str, list[str]] = {code: [] for code in [ROOT, *sorted(rows)]}
    for index, row in enumerate(data.functions):
        parent = row.parent_code
        if parent is not None and parent not in rows:
            level, above = ("款", "类") if len(row.code) == 5 else ("项", "款")
            raise InputError("D003", f"{level}级科目 {row.code}（{row.name}）缺少上级{above}级科目 {parent}",
                             f"the {level} row {row.code} has no parent {above} row {parent}",
                             f"functions.{index}.code")
        children[ROOT if parent is None else parent].append(row.code)
    for kids in children.values():
        kids.sort()
    if not children[ROOT]:
        raise InputError("D003", "functions 中没有任何“类”级（3 位编码）科目",
                         "functions holds no 类-level (3-digit) row", "functions")
    return _Tree(rows, children)


def _check_parents(tree: _Tree, group: _Group, sums: dict[str, list[Decimal]]) -> None:
    """A parent row that states amounts must state its children's sums (D004, naming the code)."""
    for code, row in tree.rows.items():
        own = group.amounts(row)
        if not tree.children[code] or own is None or not any(own):
            continue
        for label, stated, summed in zip(group.labels, own, sums[code], strict=True):
            if stated != summed:
                raise _inconsistent(f"{group.table}科目{code}（{row.name}）的{label}应等于其下级科目之和",
                                    f"{group.table} row {code}: {label} must equal the sum of its child rows",
                                    stated, summed)


def _balanced(tree: _Tree, group: _Group, unit: str, total: Decimal | None = None) -> dict[str, list[Decimal]]:
    leaves = {code: [to_wan(v, unit) for v in group.of(row)] for code, row in tree.rows.items()
              if not tree.children[code]}
    return balance_tree(tree.children, leaves, ROOT, total)


def _table(tree: _Tree, shown: dict[str, list[Decimal]], sums: dict[str, list[Decimal]],
           layout: Callable[[list[Decimal]], tuple[Decimal, ...]]) -> list[TableRow]:
    """合计 first, then the rows with any amount in the table and their parents, by code (类, its 款,
    their 项)."""
    listed = {code[:length] for code in tree.rows if any(sums[code]) for length in (3, 5, 7) if length <= len(code)}
    out = [TableRow(ROOT, "合计", layout(shown[ROOT]))]
    out += [TableRow(code, tree.rows[code].name, layout(shown[code])) for code in sorted(listed)]
    return out


def _with_total(values: list[Decimal]) -> tuple[Decimal, ...]:
    return (sum(values, ZERO), *values)


def _carry_cent(tree: _Tree, shown: dict[str, list[Decimal]], diff: Decimal) -> None:
    """Add ``diff`` to one column along one path 合计 → 类 → 款 → 项 (the largest amounts), so every
    parent still equals the sum of its children and every row its columns."""
    if not diff:
        return
    column = max(range(len(shown[ROOT])), key=lambda k: abs(shown[ROOT][k]))
    node = ROOT
    while True:
        shown[node][column] += diff
        kids = tree.children.get(node, [])
        if not kids:
            return
        node = max(kids, key=lambda k: abs(shown[k][column]))


def _balance_to(parts: list[Decimal], shown_total: Decimal) -> list[Decimal]:
    """``balance`` to a displayed total; one that took a carried cent (``_carry_cent``) may lie beyond
    the parts' reach, and then the largest part takes that cent too."""
    try:
        return balance(parts, shown_total)
    except ValueError:
        out = balance(parts)
        largest = max(range(len(out)), key=lambda i: abs(out[i]))
        out[largest] += shown_total - sum(out, ZERO)
        return out


def _ways(exact: Decimal) -> list[Decimal]:
    """The two roundings of ``exact`` to a cent (one if it is already a whole cent), nearest first."""
    down, up = exact.quantize(CENT, rounding=ROUND_FLOOR), exact.quantize(CENT, rounding=ROUND_CEILING)
    return sorted({down, up}, key=lambda v: abs(v - exact))


def _fiscal_row(begin: Decimal, income: Decimal, spent: Decimal, end: Decimal,
                shown_begin: Decimal | None, shown_end: Decimal | None) -> tuple[Decimal, Decimal, Decimal]:
    """公开04表's 一般公共预算 row, 年初 + 本年收入 = 本年支出 + 年末, with 本年收入 as 01 shows it: the
    roundings of the other three that keep the identity, each its exact value rounded down or up
    (so a true 0 stays 0.00). ``shown_begin``/``shown_end``: 01's display of the same carry-over when
    it is all 财政拨款 — one figure must print the same in both tables, so those are tried first."""
    def best(begins: list[Decimal], ends: list[Decimal]) -> tuple[Decimal, Decimal, Decimal] | None:
        fits = [(b, s, b + income - s) for b in begins for s in _ways(spent) if b + income - s in ends]
        return min(fits, key=lambda t: abs(t[0] - begin) + abs(t[1] - spent) + abs(t[2] - end)) if fits else None

    row = best([shown_begin] if shown_begin is not None else _ways(begin),
               [shown_end] if shown_end is not None else _ways(end))
    if row is not None:
        return row
    if shown_begin is not None and shown_end is not None:
        # The carry-overs as 01 prints them leave 本年支出 a cent beyond its rounding: one figure
        # printing the same in two tables matters more to a reader than that cent.
        return shown_begin, shown_begin + income - shown_end, shown_end
    # Free choice: one candidate always fits, 本年收入 as shown being within a cent of exact.
    row = best(_ways(begin), _ways(end))
    assert row is not None
    return row


def compute(data: FinalAccounts) -> Figures:
    """Round every figure once and check the identities the tables must satisfy (D004)."""
    u = data.unit

    def w(value: Decimal) -> Decimal:
        return to_wan(value, u)

    tree = _tree(data)
    sums = {group.table: tree.sums(group) for group in (INCOME, EXPENSE, GENERAL, FUND, CAPITAL)}
    for group in (INCOME, EXPENSE, GENERAL, FUND, CAPITAL):
        _check_parents(tree, group, sums[group.table])

    inc = data.income
    fiscal_exact = inc.fiscal_general + inc.fiscal_fund + inc.fiscal_capital
    raw_income = [fiscal_exact, inc.superior, inc.business, inc.operating, inc.affiliated, inc.other]
    income_by_function = any(r.income is not None for r in data.functions)
    exact_in = (sum(raw_income, ZERO) + inc.non_fiscal_balance_used + inc.carryover_begin)
    # 公开01表 is rounded from its 总计 down: 收入总计 → (本年收入合计, 使用非财政拨款结余, 年初结转和结余)
    # → the income items, so every displayed figure is its exact value rounded down or up and the
    # parts add up exactly (a residual "total − parts" could print −0.01 for a true 0).
    income_year, balance_used, carryover_begin = balance(
        [w(sum(raw_income, ZERO)), w(inc.non_fiscal_balance_used), w(inc.carryover_begin)], w(exact_in))
    if income_by_function:
        for label, stated, summed in zip(INCOME.labels, raw_income, sums[INCOME.table][ROOT], strict=True):
            if stated != summed:
                raise _inconsistent(f"公开02表各科目{label}之和应等于{label}",
                                    f"table 02: the rows' {label} must add up to the income's {label}",
                                    summed, stated)
        income_shown = _balanced(tree, INCOME, u, income_year)
        shown_income = income_shown[ROOT]
        income_table = _table(tree, income_shown, sums[INCOME.table], _with_total)
    else:
        shown_income = balance([w(v) for v in raw_income], income_year)
        income_table = [TableRow(ROOT, "合计", _with_total(shown_income))]
    # 财政拨款收入 as displayed in 01/02, split so its three parts add up to it
    fiscal_split = balance([w(inc.fiscal_general), w(inc.fiscal_fund), w(inc.fiscal_capital)], shown_income[0])
    income_total = income_year + balance_used + carryover_begin
    exact_expense = sum(sums[EXPENSE.table][ROOT], ZERO)
    exact_out = exact_expense + data.surplus_distribution + data.carryover_end
    if exact_in != exact_out:
        raise _inconsistent("收入总计应等于支出总计", "收入总计 must equal 支出总计", exact_in, exact_out)
    # The expenditure side the same way, to the same displayed 总计.
    expense_year, surplus, carryover_end = balance(
        [w(exact_expense), w(data.surplus_distribution), w(data.carryover_end)], income_total)
    expense_shown = _balanced(tree, EXPENSE, u, expense_year)
    # 公开04表's 一般公共预算 row: 年初 + 本年收入 (as 01 shows it) = 本年支出 + 年末, balanced likewise.
    exact_general_basic, exact_general_project = sums[GENERAL.table][ROOT]
    fiscal_in = inc.fiscal_general + inc.fiscal_carryover_begin
    fiscal_out = exact_general_basic + exact_general_project + data.fiscal_carryover_end
    if fiscal_in != fiscal_out:
        raise _inconsistent("一般公共预算财政拨款收入加年初结转应等于支出加年末结转",
                            "general-budget appropriation income + carry-over must equal "
                            "expenditure + carry-over", fiscal_in, fiscal_out)
    fiscal_carryover_begin, general_spent, fiscal_carryover_end = _fiscal_row(
        w(inc.fiscal_carryover_begin), fiscal_split[0], w(exact_general_basic + exact_general_project),
        w(data.fiscal_carryover_end),
        carryover_begin if inc.fiscal_carryover_begin == inc.carryover_begin else None,
        carryover_end if data.fiscal_carryover_end == data.carryover_end else None)
    try:
        general_shown = _balanced(tree, GENERAL, u, general_spent)
    except ValueError:  # no rounding of 05's rows reaches that total: one path of rows takes the cent
        general_shown = _balanced(tree, GENERAL, u)
        _carry_cent(tree, general_shown, general_spent - sum(general_shown[ROOT], ZERO))
    top = [tree.rows[code] for code in tree.children[ROOT]]
    budgets = [r.general_budget for r in top]
    shown_budgets: list[Decimal | None]
    if all(b is None for b in budgets):
        shown_budgets = [None] * len(top)
    else:
        balanced = balance([w(b or ZERO) for b in budgets])
        shown_budgets = [None if b is None else v for b, v in zip(budgets, balanced, strict=True)]
    classes = []
    for r, budget in zip(top, shown_budgets, strict=True):
        spent, appropriated = expense_shown[r.code], general_shown[r.code]
        classes.append(ClassFigures(
            row=r, total=sum(spent, ZERO), basic=spent[0], project=spent[1], general=sum(appropriated, ZERO),
            general_basic=appropriated[0], general_project=appropriated[1], budget=budget,
            prior=None if r.general_prior is None else round_half_up(w(r.general_prior))))
    expense_columns = expense_shown[ROOT]
    general_basic, general_project = general_shown[ROOT]
    general = general_basic + general_project
    fiscal_total = shown_income[0] + fiscal_carryover_begin

    fund_tables: list[list[TableRow]] = []
    for group, stated, shown_total, name_zh, name_en in (
            (FUND, inc.fiscal_fund, fiscal_split[1], "政府性基金预算财政拨款", "government-fund appropriation"),
            (CAPITAL, inc.fiscal_capital, fiscal_split[2], "国有资本经营预算财政拨款",
             "state-capital appropriation")):
        spent_exact = sum(sums[group.table][ROOT], ZERO)
        if spent_exact != stated:
            raise _inconsistent(f"{group.table}各科目{name_zh}支出之和应等于{name_zh}收入",
                                f"table {group.table[2:4]}: the rows' {name_en} expenditure must equal its income",
                                spent_exact, stated)
        if not stated and not any(any(v) for v in sums[group.table].values()):
            fund_tables.append([])
            continue
        shown = _balanced(tree, group, u, shown_total)
        fund_tables.append(_table(tree, shown, sums[group.table], _with_total))
    fund_table = [TableRow(r.code, r.name, (ZERO, r.values[0], *r.values, ZERO)) for r in fund_tables[0]]
    capital_table = fund_tables[1]

    econ = data.economic
    if not econ and exact_general_basic:
        raise InputError("D003", "有一般公共预算财政拨款基本支出，但 economic（公开06表的经济分类行）为空",
                         "there is general-budget basic expenditure but no economic rows for table 06",
                         "economic")
    if econ and sum((e.amount for e in econ), ZERO) != exact_general_basic:
        raise _inconsistent("公开06表经济分类合计应等于一般公共预算财政拨款基本支出",
                            "table 06 must add up to the general-budget basic expenditure",
                            sum((e.amount for e in econ), ZERO), exact_general_basic)
    shown_econ = _balance_to([w(e.amount) for e in econ], general_basic) if econ else []  # to 05's displayed
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
        income_total=income_total, classes=classes, expense_year=expense_year, basic=expense_columns[0],
        project=expense_columns[1], surplus_distribution=surplus, carryover_end=carryover_end,
        expense_total=income_total, fiscal_income=shown_income[0], fiscal_general=fiscal_split[0],
        fiscal_fund=fiscal_split[1], fiscal_capital=fiscal_split[2],
        fiscal_carryover_begin=fiscal_carryover_begin, fiscal_carryover_end=fiscal_carryover_end,
        fiscal_total=fiscal_total, general=general, general_basic=general_basic,
        general_project=general_project,
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
        superior_remit=expense_columns[2], operating_expense=expense_columns[3],
        subsidiary_grant=expense_columns[4],
        income_table=income_table, expense_table=_table(tree, expense_shown, sums[EXPENSE.table], _with_total),
        general_table=_table(tree, general_shown, sums[GENERAL.table], _with_total),
        fund_table=fund_table, capital_table=capital_table,
    )
