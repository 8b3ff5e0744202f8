"""Public-table rules (T1xx): the identities (勾稽关系) within and between 公开01–09表.

The tables are read by :mod:`juesuan.parse.public_tables`; these rules recompute every total the
tables print from its parts (domain.md §2): 收入总计 = 支出总计; each classification total is the sum
of the rows under it (合计 = Σ 类, 类 = Σ 款, 款 = Σ 项); each total column the sum of its part
columns; 公开01表's totals from its items; one figure printed in two tables agrees; the 三公 table
adds up. As everywhere in juesuan, a printed amount is the interval its decimals allow (narrative
rules, Arelle calc 1.1): n parts printed to 0.01 may miss their printed total by n × 0.005, so a
correctly rounded table (舍位平衡) never raises an alarm, while a wrong digit does. One printed figure
that restates one other (收入总计 and 支出总计, 01's 本年支出合计 and 03's 合计, a 类 with a single 款)
is one value rounded once, so at equal precision the two must be equal (:func:`agree`), not merely
touch. An empty cell counts as zero; a cell that holds no amount (``八百``, ``见附注``) is not zero but
unknown: every identity that needs it is skipped, and T107 reports the cell once. A finding quotes
the printed total cell and names the parts it was compared with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import REGISTRY, Family, rule
from juesuan.audit.rules.narrative import agree, show, stated
from juesuan.model.quantity import CANONICAL_FACTOR, Interval, Quantity
from juesuan.model.stated_tables import (
    EXPENDITURE_SIDE,
    INCOME_SIDE,
    PERSONNEL,
    PUBLIC,
    TOTAL_ROW_NAMES,
    StatedRow,
    StatedTable,
    UnreadableCell,
    find_table,
    is_breakdown,
    kind_of_code,
    norm_name,
)

ZERO = Decimal(0)

TOTAL_COLUMNS = frozenset({"合计", "小计", "总计", "本年收入合计", "本年支出合计", "收入合计", "支出合计",
                           "本年收入小计", "本年支出小计"})
"""Column labels (last part, normalised) that name the total of their sibling columns."""
EXPENSE_PARTS = frozenset({"基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"})
INCOME_PARTS = frozenset({"财政拨款收入", "财政拨款", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入",
                          "其他收入"})
FUNDS = ("一般公共预算", "政府性基金预算", "国有资本经营预算")
"""The three fund types of 财政拨款 (公开04表's rows)."""
FUND_PARTS = frozenset(f"{fund}{suffix}" for fund in FUNDS for suffix in ("", "财政拨款", "财政拨款收入"))
BASIC_PARTS = frozenset({PERSONNEL, PUBLIC})
KNOWN_PARTS = EXPENSE_PARTS | INCOME_PARTS | FUND_PARTS | BASIC_PARTS
FISCAL_WHOLE = frozenset({"财政拨款收入", "财政拨款"})
"""A column or row of all 财政拨款: the fund types beside it are its breakdown, not siblings."""

BALANCE_ROLES: tuple[tuple[str, frozenset[str], int], ...] = (
    ("begin", frozenset({"年初结转和结余", "年初财政拨款结转和结余", "年初结余"}), 1),
    ("income", frozenset({"本年收入", "本年财政拨款收入", "本年收入合计"}), 1),
    ("expense", frozenset({"本年支出", "本年财政拨款支出", "本年支出合计"}), -1),
    ("end", frozenset({"年末结转和结余", "年末财政拨款结转和结余", "年末结余"}), 0),
)
"""年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余 (公开04表, and 08 where it prints them)."""
BALANCE_NAMES = frozenset(name for _, names, _ in BALANCE_ROLES for name in names)
"""Columns that are no part of a total column beside them (公开08表 prints them with 基本支出 …)."""

INCOME_TOTAL = frozenset({"收入总计", "总计"})
INCOME_YEAR = frozenset({"本年收入合计", "收入合计", "本年收入小计"})
EXPENSE_TOTAL = frozenset({"支出总计", "总计"})
EXPENSE_YEAR = frozenset({"本年支出合计", "支出合计", "本年支出小计"})
MAIN_COLUMNS = ("决算数", "合计", "小计", "金额", "本年支出合计", "本年收入合计", "决算金额")
_LIST_MAX = 8

# --------------------------------------------------------------------------------------------
# Interval helpers and how parts are named in messages
# --------------------------------------------------------------------------------------------

Amount = Quantity | UnreadableCell | None
"""A cell: its printed amount, the cell when it holds no amount, or None when empty (zero)."""
Term = tuple[str, Amount, int]
"""(what it is, the printed amount, the unreadable cell or None for an empty cell, +1 / −1)."""


def amount(q: Amount) -> Interval:
    """The interval a cell stands for; an empty cell is zero (an unreadable one too: callers
    check :func:`readable` first)."""
    return stated(q) if isinstance(q, Quantity) else Interval.point(ZERO)


def readable(terms: Iterable[Term]) -> bool:
    """No term is a cell without an amount (then the identity cannot be judged)."""
    return not any(isinstance(q, UnreadableCell) for _, q, _ in terms)


def combine(terms: Iterable[Term]) -> Interval:
    acc = Interval.point(ZERO)
    for _, q, sign in terms:
        acc = acc + amount(q) if sign > 0 else acc - amount(q)
    return acc


def printed_sum(terms: Sequence[Term]) -> str:
    """The sum of the printed amounts, in their unit (万元 when they mix units)."""
    present = [(q, sign) for _, q, sign in terms if isinstance(q, Quantity)]
    if not present:
        return "0"
    units = {q.unit for q, _ in present}
    places = max(q.decimals for q, _ in present)
    if len(units) == 1:
        total = sum((q.value * sign for q, sign in present), ZERO)
        unit = units.pop() or ""
    else:
        total = sum((q.value * CANONICAL_FACTOR.get(q.unit or "", Decimal(1)) * sign
                     for q, sign in present), ZERO)
        unit, places = "万元", places + 4
    return f"{format(total.quantize(Decimal(1).scaleb(-places)), ',f')}{unit}"


def listing(terms: Sequence[Term]) -> str:
    """``节能环保支出 90.00 + 住房保障支出 10.00`` (the first few, then how many more)."""
    out = ""
    for i, (what, q, sign) in enumerate(terms[:_LIST_MAX]):
        op = ("" if sign > 0 else "−") if i == 0 else (" + " if sign > 0 else " − ")
        out += f"{op}{what} {q.text if q is not None else '（空）'}"
    if len(terms) > _LIST_MAX:
        out += f" 等{len(terms)}项"
    return out


def where(table: StatedTable, row: StatedRow) -> str:
    return f"{table.label}/{row.name or row.code or '?'}"


def report(ctx: AuditContext, code: str, *, table: StatedTable, row: StatedRow, column: str,
           total: Quantity, terms: Sequence[Term], what: str, what_en: str) -> Finding:
    """A finding at the printed ``total`` cell that its ``terms`` (``what``) do not reproduce;
    ``column`` is the total cell's column label ("" in a one-amount-per-row table)."""
    unit = total.unit or ""
    computed = combine(terms)
    single = len(terms) == 1 and terms[0][2] > 0
    shown = listing(terms) if single else f"{listing(terms)} = {printed_sum(terms)}"
    name = row.name or row.code or ""
    row_zh = f"“{name}”行" if name else ""
    row_en = f" row '{name}'" if name else ""
    column_zh = f"“{column}”列" if column else ""
    column_en = f" column '{column}'" if column else ""
    if single and amount(total).intersects(computed):  # failed agree(): equal decimals, other value
        why, why_en = "（同一数字以相同小数位列示两次，应完全相等）", "(one figure printed twice at the same precision)"
    else:
        why, why_en = "（按各数字的舍入区间比较也不相等）", "(not even allowing for rounding)"
    return ctx.finding(
        REGISTRY[code],
        message=(f"{table.label}{row_zh}{column_zh}为{total.text}{unit}，与{what}不符：{shown}"
                 f"{why}。请核对该数字与相关各项。"),
        message_en=(f"{table.label}{row_en}{column_en} prints {total.text}, which does not match "
                    f"{what_en}: {shown} {why_en}. Check the figure and the ones it rests on."),
        span=total.span, quote=total.text, stated=total.text, expected=show(computed),
        part=where(table, row),
        related=[q.span for _, q, _ in terms if q is not None and q.span is not None][:20],
    )


def holds(total: Quantity | UnreadableCell, terms: Sequence[Term]) -> bool:
    """``total`` agrees with its ``terms``, or cannot be judged (a cell without an amount).

    One term is one printed figure restating another: :func:`agree` (equal at equal precision).
    Several terms are a sum of independently rounded figures: the intervals must meet."""
    if isinstance(total, UnreadableCell) or not readable(terms):
        return True  # unknown, not zero: T107 reports the cell
    if len(terms) == 1 and terms[0][2] > 0 and isinstance(terms[0][1], Quantity):
        return agree(total, terms[0][1])
    return amount(total).intersects(combine(terms))


# --------------------------------------------------------------------------------------------
# Reading rows and columns by meaning
# --------------------------------------------------------------------------------------------


def last_part(label: str) -> str:
    return norm_name(label.rsplit("/", 1)[-1])


def parent_part(label: str) -> str:
    return label.rsplit("/", 1)[0] if "/" in label else ""


def top_part(label: str) -> str:
    return norm_name(label.split("/", 1)[0])


def at(row: StatedRow, index: int | None) -> Amount:
    """The cell at ``index`` of the row's values: its amount, the unreadable cell, or None."""
    if index is None or not 0 <= index < len(row.values):
        return None
    q = row.values[index][1]
    return q if q is not None else row.unreadable_at(index)


def column_index(row: StatedRow, label: str) -> int | None:
    """The first column whose label (or its last part) is ``label`` (as :meth:`StatedRow.value`)."""
    want = norm_name(label)
    return next((i for i, (column, _) in enumerate(row.values)
                 if norm_name(column) == want or last_part(column) == want), None)


def value(row: StatedRow, label: str) -> Amount:
    """The cell under the column labelled ``label``."""
    return at(row, column_index(row, label))


def main_index(row: StatedRow) -> int | None:
    """Where the row's amount is, where the table has one amount column per row (01's 决算数)."""
    if len(row.values) == 1:
        return 0
    for label in MAIN_COLUMNS:
        i = column_index(row, label)
        if at(row, i) is not None:
            return i
    return next((i for i in range(len(row.values)) if at(row, i) is not None), None)


def main_amount(row: StatedRow) -> Amount:
    return at(row, main_index(row))


def total_index(row: StatedRow) -> int | None:
    """Where the row's (first) total column is; its only column when it has one."""
    for i, (label, _) in enumerate(row.values):
        if last_part(label) in TOTAL_COLUMNS and "/" not in label:
            return i
    for i, (label, _) in enumerate(row.values):
        if last_part(label) in TOTAL_COLUMNS:
            return i
    return 0 if len(row.values) == 1 else None


def total_column(row: StatedRow) -> Amount:
    """The row's value in its (first) total column; its only value when it has one."""
    return at(row, total_index(row))


def role_index(row: StatedRow, names: Iterable[str]) -> int | None:
    """Where the column named one of ``names`` (or its 小计/合计 sub-column) is."""
    wanted = {norm_name(n) for n in names}
    return next((i for i, (label, _) in enumerate(row.values)
                 if top_part(label) in wanted and ("/" not in label or last_part(label) in TOTAL_COLUMNS)), None)


def role_value(row: StatedRow, names: Iterable[str]) -> Amount:
    """The value under a column named one of ``names`` (or its 小计/合计 sub-column)."""
    return at(row, role_index(row, names))


def sides(table: StatedTable) -> tuple[list[StatedRow], list[StatedRow]]:
    """公开01表's income and expenditure rows: by side, else split after 收入总计."""
    if any(r.side == INCOME_SIDE for r in table.rows):
        return ([r for r in table.rows if r.side == INCOME_SIDE],
                [r for r in table.rows if r.side == EXPENDITURE_SIDE])
    cut = next((i for i, r in enumerate(table.rows) if r.key == "收入总计"), None)
    if cut is None:
        return table.rows, []
    return table.rows[: cut + 1], table.rows[cut + 1:]


def find_in(rows: list[StatedRow], names: frozenset[str]) -> int | None:
    return next((i for i, r in enumerate(rows) if r.key in names), None)


def items(rows: list[StatedRow]) -> list[StatedRow]:
    """The item rows of a list: named, not a 其中 line; fund types under an all-财政拨款 row, or
    under a 结转和结余 line (公开04表's 年初财政拨款结转和结余 by fund), dropped."""
    out: list[StatedRow] = []
    carried = False
    for r in rows:
        if not r.name or is_breakdown(r.name) or (carried and r.key in FUND_PARTS):
            continue
        carried = carried or r.key.endswith("结转和结余")
        out.append(r)
    if any(r.key in FISCAL_WHOLE for r in out):
        out = [r for r in out if r.key not in FUND_PARTS]
    return out


# --------------------------------------------------------------------------------------------
# Classification hierarchy (T102)
# --------------------------------------------------------------------------------------------

Parentage = tuple[StatedRow, list[StatedRow], str]
"""(parent row, its child rows, what the children are: 类 / 款 / 项 / 行)."""

_LEVEL_ZH = {1: "类", 2: "款", 3: "项"}


def _tree(rows: list[StatedRow]) -> tuple[list[StatedRow], dict[int, list[StatedRow]]]:
    """Top-level classified rows, and each classified row's children (by ``id``).

    A coded row's parent is the row with the longest code that is a prefix of its own, wherever
    it is printed (公开06表's blocks interleave the classes line by line); a row with only a
    （类）/（款）/（项） marker belongs to the last row of a higher level above it.
    """
    top: list[StatedRow] = []
    children: dict[int, list[StatedRow]] = {}
    by_code = {r.code: r for r in rows if r.code is not None and r.level is not None}
    stack: list[StatedRow] = []
    for r in rows:
        level = r.level
        if level is None or is_breakdown(r.name):
            continue
        parent: StatedRow | None = None
        if r.code is not None:
            parent = next((by_code[r.code[:n]] for n in range(len(r.code) - 1, 0, -1)
                           if r.code[:n] in by_code), None)
        else:
            while stack and (stack[-1].level or 0) >= level:
                stack.pop()
            parent = stack[-1] if stack else None
        if parent is not None:
            children.setdefault(id(parent), []).append(r)
        else:
            top.append(r)
        stack.append(r)
    return top, children


def _kind(row: StatedRow) -> str | None:
    for text in (row.category, row.side, row.name):
        if text:
            for kind in (PERSONNEL, PUBLIC):
                if kind in text:
                    return kind
    return kind_of_code(row.code) if row.code else None


def _kind_total(row: StatedRow) -> str | None:
    """人员经费 / 公用经费 for a 人员经费合计-style row (no code)."""
    if row.code is not None:
        return None
    key = row.key
    for kind in (PERSONNEL, PUBLIC):
        if key in (kind, f"{kind}合计", f"{kind}小计"):
            return kind
    return None


def _expand(kids: list[StatedRow], children: dict[int, list[StatedRow]]) -> list[StatedRow]:
    """Children, with a child that prints no amount at all replaced by its own children: such a
    row is a heading for the rows under it, not a zero."""
    out: list[StatedRow] = []
    for kid in kids:
        below = children.get(id(kid))
        if below and kid.blank:
            out.extend(_expand(below, children))
        else:
            out.append(kid)
    return out


def families(table: StatedTable) -> list[Parentage]:
    """Every (parent, children) pair to check, 合计 rows first."""
    out: list[Parentage] = []
    by_block: dict[str | None, list[StatedRow]] = {}
    for r in table.rows:  # 公开06表's blocks are one hierarchy; other side-by-side blocks are not
        by_block.setdefault(r.side if table.standard != 6 else None, []).append(r)
    for rows in by_block.values():
        top, children = _tree(rows)
        loose = [r for r in rows if r.level is None and r.key and r.key not in TOTAL_ROW_NAMES
                 and not is_breakdown(r.name) and _kind_total(r) is None]
        kind_totals = {k: r for r in rows if (k := _kind_total(r)) is not None}
        grand = next((r for r in rows if r.code is None and r.key in TOTAL_ROW_NAMES), None)
        if kind_totals and table.standard == 6:
            for kind, total in kind_totals.items():
                members = _expand([r for r in top if _kind(r) == kind], children)
                if members:
                    out.append((total, members, "类"))
            if grand is not None and len(kind_totals) == 2:
                out.append((grand, list(kind_totals.values()), "行"))
        elif grand is not None and top and not loose:
            out.append((grand, _expand(top, children), _LEVEL_ZH.get(top[0].level or 0, "行")))
        for r in rows:
            kids = children.get(id(r))
            if kids:
                out.append((r, _expand(kids, children), _LEVEL_ZH.get(kids[0].level or 0, "行")))
    return out


# --------------------------------------------------------------------------------------------
# Columns within a row (T103)
# --------------------------------------------------------------------------------------------


def _classify(labels: list[str], candidates: list[int]) -> list[int] | None:
    """The part columns among ``candidates``, or None when one is not a known part."""
    lasts = {j: last_part(labels[j]) for j in candidates}
    whole = any(last in FISCAL_WHOLE for last in lasts.values())
    parts: list[int] = []
    for j in candidates:
        if "其中" in labels[j]:
            continue
        last = lasts[j]
        if last in FUND_PARTS and whole:
            continue  # 一般公共预算 … beside 财政拨款收入: its breakdown
        if last not in KNOWN_PARTS:
            return None
        parts.append(j)
    return parts if len(parts) >= 2 else None


def _beside(total: str, label: str) -> bool:
    """A column printed beside the total column ``total`` that is known to be no part of it: a
    balance column (年初结转和结余, 本年收入, 年末结转和结余 in 公开08表), or a column of the other
    direction (an income column beside 本年支出合计, an expense column beside 本年收入合计)."""
    top, last = top_part(label), last_part(label)
    if top in BALANCE_NAMES or last in BALANCE_NAMES:
        return True
    if "支出" in total:
        return last in INCOME_PARTS or "收入" in last
    if "收入" in total:
        return last in EXPENSE_PARTS or "支出" in last
    return False


def column_sums(labels: list[str]) -> list[tuple[int, list[int]]]:
    """(total column, its part columns) for each total column whose parts are all known."""
    out: list[tuple[int, list[int]]] = []
    for i, label in enumerate(labels):
        last = last_part(label)
        if last not in TOTAL_COLUMNS:
            continue
        parent = parent_part(label)
        stem = last.removesuffix("合计").removesuffix("小计")
        grouped = [j for j, other in enumerate(labels) if stem and parent_part(other)
                   and norm_name(parent_part(other).rsplit("/", 1)[-1]) == stem]
        if grouped:  # 本年支出合计 over 本年支出/基本支出, 本年支出/项目支出 …
            sub_totals = [j for j in grouped if last_part(labels[j]) in TOTAL_COLUMNS]
            if sub_totals:
                out.append((i, sub_totals[:1]))
                continue
            candidates = grouped
        else:
            candidates = [j for j, other in enumerate(labels) if j != i and parent_part(other) == parent
                          and not _beside(last, labels[j])]
            if any(last_part(labels[j]) in TOTAL_COLUMNS for j in candidates):
                continue
        parts = _classify(labels, candidates)
        if parts is not None:
            out.append((i, parts))
    return out


def balance_columns(labels: list[str]) -> list[tuple[str, list[int], int]] | None:
    """(role, columns, sign) for 年初 + 收入 − 支出 = 年末, when every column has one of the roles
    or is a known part (基本支出, 项目支出 … beside 本年支出合计 in 公开08表: T103's column sums)."""
    found: dict[str, list[int]] = {}
    for j, label in enumerate(labels):
        top = top_part(label)
        role = next(((name, sign) for name, names, sign in BALANCE_ROLES if top in names), None)
        if role is None and (last_part(label) in KNOWN_PARTS or "其中" in label):
            continue  # a part of the 本年收入 / 本年支出 column beside it
        if role is None:
            return None  # an adjustment column the identity does not know: do not guess
        found.setdefault(role[0], []).append(j)
    if len(found) != len(BALANCE_ROLES):
        return None
    out: list[tuple[str, list[int], int]] = []
    for name, _, sign in BALANCE_ROLES:
        columns = found[name]
        totals = [j for j in columns if "/" not in labels[j] or last_part(labels[j]) in TOTAL_COLUMNS]
        out.append((name, totals[:1] if totals else columns, sign))
    return out


# --------------------------------------------------------------------------------------------
# The 三公 table (T106)
# --------------------------------------------------------------------------------------------

THREE_TOTAL = "合计"
ABROAD = "因公出国（境）费"
VEHICLES = "公务用车购置及运行维护费"
PURCHASE = "公务用车购置费"
OPERATION = "公务用车运行维护费"
RECEPTION = "公务接待费"


def three_public_item(text: str) -> str | None:
    """Which 三公 item a row or column label names."""
    key = norm_name(text).replace("“", "").replace("”", "")
    if not key:
        return None
    if key in TOTAL_ROW_NAMES or key in ("三公经费合计", "三公经费", "三公经费支出", "合计数"):
        return THREE_TOTAL
    if "因公出国" in key:
        return ABROAD
    if "购置及运行" in key:
        return VEHICLES
    if "公务用车购置" in key:
        return PURCHASE
    if "公务用车运行" in key:
        return OPERATION
    if key.startswith("公务接待"):
        return RECEPTION
    return None


def basis_of(label: str) -> str:
    """预算数 or 决算数 for a column label; the label itself when it says neither."""
    for part in label.split("/"):
        if "预算" in part:
            return "预算数"
        if "决算" in part:
            return "决算数"
    return label


Cells = dict[str, dict[str, tuple[Amount, StatedRow, str]]]
"""basis → item → (amount, row, column label)."""


def three_public_cells(table: StatedTable) -> Cells:
    """The 三公 amounts of 公开07表, printed with items as rows or as columns."""
    cells: Cells = {}
    for row in table.rows:
        row_item = three_public_item(row.name)
        for k, (label, _) in enumerate(row.values):
            q = at(row, k)
            item, basis = row_item, basis_of(label)
            if item is None:  # items as columns: 预算数/因公出国（境）费, 决算数/…/小计
                named = [three_public_item(p) for p in label.split("/")]
                item = next((n for n in reversed(named) if n is not None and n != THREE_TOTAL), None)
                if item is None and THREE_TOTAL in named:
                    item = THREE_TOTAL
                if item is None:
                    continue
                if basis == label:  # the basis is the row's (a 预算数 row, a 决算数 row) or unstated
                    basis = basis_of(row.name) if row.name else ""
            cells.setdefault(basis, {}).setdefault(item, (q, row, label))
    return cells


# --------------------------------------------------------------------------------------------
# Cross-table links (T105)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """One figure printed in two tables (or one table's figure and other tables' parts)."""

    what: str
    what_en: str
    terms: list[Term]
    table: StatedTable
    row: StatedRow
    column: str
    """The label of the column ``value`` stands in."""
    value: Quantity | UnreadableCell


def fund_row(table: StatedTable, fund: str, side: str | None = None) -> StatedRow | None:
    return next((r for r in table.rows if r.key.startswith(fund) and (side is None or r.side == side)), None)


def fund_income(t4: StatedTable, fund: str) -> tuple[StatedRow, Amount, str] | None:
    """公开04表's 本年收入 of a fund type: its row's 本年收入 column, or its income-side row."""
    row = fund_row(t4, fund, None if not any(r.side for r in t4.rows) else INCOME_SIDE)
    if row is None:
        return None
    q = role_value(row, ("本年收入", "本年财政拨款收入"))
    if q is None and row.side == INCOME_SIDE:
        q = main_amount(row)
    return row, q, "本年收入"


def fund_expense(t4: StatedTable, fund: str) -> tuple[StatedRow, Amount, str] | None:
    """公开04表's 本年支出 of a fund type: its row's 本年支出 column, or the 本年支出合计 row's column."""
    row = fund_row(t4, fund)
    if row is not None and row.side != INCOME_SIDE:
        q = role_value(row, ("本年支出", "本年财政拨款支出"))
        if q is not None:
            return row, q, "本年支出"
    year = next((r for r in t4.rows if r.key in EXPENSE_YEAR), None)
    if year is None:
        return None
    for k, (label, _) in enumerate(year.values):
        if norm_name(label).rsplit("/", 1)[-1].startswith(fund):
            return year, at(year, k), label
    return None


def kind_totals(t6: StatedTable) -> dict[str, list[Amount]]:
    """人员经费 and 公用经费 of 公开06表: their 合计 rows, the 合计 row's columns, or Σ their rows."""
    out: dict[str, list[Amount]] = {}
    for r in t6.rows:
        kind = _kind_total(r)
        if kind is not None and kind not in out:
            out[kind] = [main_amount(r)]
    if len(out) == 2:
        return out
    grand = t6.total_row()
    if grand is not None and value(grand, PERSONNEL) is not None:
        return {PERSONNEL: [value(grand, PERSONNEL)], PUBLIC: [value(grand, PUBLIC)]}
    top, _ = _tree(t6.rows)
    if not top:
        return {}
    sums: dict[str, list[Amount]] = {PERSONNEL: [], PUBLIC: []}
    for r in top:
        kind = _kind(r)
        if kind is not None:
            sums[kind].append(main_amount(r))
    return sums


def expense_classes(t1: StatedTable) -> list[StatedRow]:
    """公开01表's expenditure items (by function 类) above 本年支出合计."""
    _, expense = sides(t1)
    cut = find_in(expense, EXPENSE_YEAR)
    return items(expense[:cut]) if cut is not None else []


def _from_01(row: StatedRow) -> tuple[str, str, list[Term]]:
    return f"公开01表“{row.name}”", f"公开01表's {row.name}", [(f"公开01表{row.name}", main_amount(row), 1)]


def cell(row: StatedRow, index: int | None) -> tuple[str, Quantity | UnreadableCell] | None:
    """(column label, printed cell) at ``index``, or None when there is no such cell or it is empty."""
    q = at(row, index)
    return None if q is None or index is None else (row.values[index][0], q)


def links(tables: list[StatedTable]) -> Iterator[Link]:
    """The figures the national tables share (domain.md §2: 财政拨款 figures agree across tables)."""
    t1, t2, t3, t4, t5, t6, t8, t9 = (find_table(tables, n) for n in (1, 2, 3, 4, 5, 6, 8, 9))
    income: list[StatedRow] = []
    expense: list[StatedRow] = []
    if t1 is not None:
        income, expense = sides(t1)
    income_year = find_in(income, INCOME_YEAR)
    expense_year = find_in(expense, EXPENSE_YEAR)
    total2 = t2.total_row() if t2 is not None else None
    total3 = t3.total_row() if t3 is not None else None
    found2 = cell(total2, total_index(total2)) if total2 is not None else None
    if t2 is not None and total2 is not None and income_year is not None and found2 is not None:
        yield Link(*_from_01(income[income_year]), t2, total2, *found2)
    found3 = cell(total3, total_index(total3)) if total3 is not None else None
    if t3 is not None and total3 is not None and expense_year is not None and found3 is not None:
        yield Link(*_from_01(expense[expense_year]), t3, total3, *found3)
    if t1 is not None and t3 is not None:
        by_name = {r.key: r for r in t3.rows if r.level == 1}
        for r1 in expense_classes(t1):
            r3 = by_name.get(r1.key)
            if r3 is not None and (found3 := cell(r3, total_index(r3))) is not None:
                yield Link(*_from_01(r1), t3, r3, *found3)
    if t4 is not None:
        for fund in FUNDS:
            fund_01 = next((r for r in income if r.key.startswith(fund)), None)
            found = fund_income(t4, fund)
            if fund_01 is not None and found is not None and found[1] is not None:
                yield Link(*_from_01(fund_01), t4, found[0], found[2], found[1])
        for fund, downstream in zip(FUNDS, (t5, t8, t9), strict=True):
            spent = fund_expense(t4, fund)
            total = downstream.total_row() if downstream is not None else None
            if spent is None or downstream is None or total is None:
                continue
            at_spent = role_index(total, ("本年支出", "本年财政拨款支出"))
            found_total = cell(total, at_spent) or cell(total, total_index(total))
            if found_total is not None:
                row4, q4, column = spent
                yield Link(f"公开04表{fund}财政拨款{column}", f"公开04表's {fund} {column}",
                           [(f"公开04表{row4.name}{column}", q4, 1)], downstream, total, *found_total)
    total5 = t5.total_row() if t5 is not None else None
    if t5 is not None and total5 is not None and t6 is not None:
        basic = cell(total5, column_index(total5, "基本支出"))
        kinds = kind_totals(t6)
        if basic is not None and len(kinds) == 2:
            terms: list[Term] = [(f"公开06表{kind}", q, 1) for kind in (PERSONNEL, PUBLIC) for q in kinds[kind]]
            yield Link("公开06表人员经费与公用经费之和", "公开06表's 人员经费 + 公用经费", terms, t5, total5, *basic)


# --------------------------------------------------------------------------------------------
# The rules
# --------------------------------------------------------------------------------------------

_HEAD = "第二部分 部门决算表\n\n"


def _t01(income_total: str = "105.00", other: str = "20.00") -> str:
    return (_HEAD + "公开01表 收入支出决算表（单位：万元）\n"
            "收入项目\t决算数\t支出项目\t决算数\n"
            "一般公共预算财政拨款收入\t80.00\t节能环保支出\t90.00\n"
            f"其他收入\t{other}\t本年支出合计\t90.00\n"
            "本年收入合计\t100.00\t结余分配\t0.00\n"
            "使用非财政拨款结余\t0.00\t年末结转和结余\t15.00\n"
            "年初结转和结余\t5.00\t\t\n"
            f"收入总计\t{income_total}\t支出总计\t105.00\n")


def _t03(total: str = "100.00", basic: str = "60.00", project: str = "40.00") -> str:
    return (_HEAD + "公开03表 支出决算表（单位：万元）\n"
            "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
            f"\t合计\t{total}\t{basic}\t{project}\n"
            "211\t节能环保支出\t100.00\t60.00\t40.00\n"
            "21101\t环境保护管理事务\t100.00\t60.00\t40.00\n"
            "2110101\t行政运行\t60.00\t60.00\t0.00\n"
            "2110199\t其他环境保护管理事务支出\t40.00\t0.00\t40.00\n")


def _t07(total: str = "3.05", vehicles: str = "1.00") -> str:
    return (_HEAD + "公开07表 一般公共预算财政拨款“三公”经费支出决算表（单位：万元）\n"
            "项目\t预算数\t决算数\n"
            f"合计\t3.05\t{total}\n"
            "因公出国（境）费\t0.00\t0.00\n"
            f"公务用车购置及运行维护费\t1.00\t{vehicles}\n"
            "公务用车购置费\t0.00\t0.00\n"
            "公务用车运行维护费\t1.00\t1.00\n"
            "公务接待费\t2.05\t2.05\n")


def _t01_t03(class_amount: str = "90.00") -> str:
    return (_t01() + "\n公开03表 支出决算表（单位：万元）\n"
            "科目编码\t科目名称\t本年支出合计\t基本支出\t项目支出\n"
            f"\t合计\t{class_amount}\t50.00\t{Decimal(class_amount) - 50:.2f}\n"
            f"211\t节能环保支出\t{class_amount}\t50.00\t{Decimal(class_amount) - 50:.2f}\n")


def _amount_columns(year: StatedRow) -> range:
    """The amount columns T104 checks: 公开01表's one 决算数, or each column of a side printed with
    several (公开04表's expenditure side: 合计, 一般公共预算财政拨款 …): every column adds up."""
    return range(len(year.values))


@rule(
    code="T101",
    name="tables.income-equals-expenditure",
    family=Family.TABLES,
    severity=Severity.ERROR,
    summary="公开01表（及财政拨款收支总表）的收入总计不等于支出总计",
    summary_en="收入总计 and 支出总计 of 公开01表 (or the 财政拨款 summary table) differ",
    failing=_t01(income_total="110.00"),
    passing=_t01(),
)
def income_equals_expenditure(ctx: AuditContext) -> Iterator[Finding]:
    """收入总计 = 支出总计 in 公开01表 (收入支出决算表), and in a two-sided 公开04表
    (财政拨款收入支出决算总表): both are one figure printed twice, so printed with the same decimals
    they must be equal (0.01 apart is an error even though the rounding intervals touch); printed
    with different decimals, their intervals must meet."""
    for table in ctx.disclosure.tables:
        if table.standard not in (1, 4):
            continue
        income, expense = sides(table)
        i, e = find_in(income, INCOME_TOTAL), find_in(expense, EXPENSE_TOTAL)
        if i is None or e is None or income[i] is expense[e]:
            continue
        total, other = main_amount(income[i]), main_amount(expense[e])
        if not isinstance(total, Quantity) or not isinstance(other, Quantity) or agree(total, other):
            continue
        yield report(ctx, "T101", table=table, row=expense[e], column="", total=other,
                     terms=[(income[i].name, total, 1)], what="收入总计（二者应相等）",
                     what_en="收入总计 (the two must be equal)")


@rule(
    code="T102",
    name="tables.classification-sums",
    family=Family.TABLES,
    severity=Severity.ERROR,
    summary="表中合计、类、款不等于其下各行之和（合计 = Σ类，类 = Σ款，款 = Σ项）",
    summary_en="A 合计, 类 or 款 row is not the sum of the rows under it",
    failing=_t03(total="110.00", basic="70.00", project="40.00"),
    passing=_t03(),
)
def classification_sums(ctx: AuditContext) -> Iterator[Finding]:
    """In the tables by classification (公开02/03/05/08/09表, and 06 by economic class): the 合计 row
    = Σ its 类 rows, a 类 = Σ its 款, a 款 = Σ its 项, in every amount column. The hierarchy comes
    from the codes (3/5/7 digits; economic 3/5) or, without codes, from （类）/（款）/（项） markers.
    In 公开06表 each of 人员经费合计 and 公用经费合计 is the sum of its rows and the 合计 their sum.
    A 合计 is not checked when some row has neither a code nor a marker (its place is unknown). A
    parent with a single child restates it: at equal precision the two must be equal."""
    for table in ctx.disclosure.tables:
        if table.standard in (1, 4, 7):
            continue
        for parent, kids, word in families(table):
            for k, (label, q) in enumerate(parent.values):
                if q is None:
                    continue
                terms: list[Term] = [(kid.name, at(kid, k), 1) for kid in kids]
                if not holds(q, terms):
                    yield report(ctx, "T102", table=table, row=parent, column=label, total=q, terms=terms,
                                 what=f"其下各{word}之和", what_en=f"the sum of the {word} rows under it")


@rule(
    code="T103",
    name="tables.row-columns",
    family=Family.TABLES,
    severity=Severity.ERROR,
    summary="同一行中合计列不等于各分项列之和（如本年支出合计 ≠ 基本支出 + 项目支出；年初 + 收入 − 支出 ≠ 年末）",
    summary_en="Within a row, a total column is not the sum of its part columns",
    failing=_t03(total="100.00", basic="60.00", project="30.00").replace(
        "211\t节能环保支出\t100.00\t60.00\t40.00", "211\t节能环保支出\t100.00\t60.00\t30.00"),
    passing=_t03(),
)
def row_columns(ctx: AuditContext) -> Iterator[Finding]:
    """Within each row: a total column (合计, 小计, 本年收入合计, 本年支出合计) = Σ its part columns —
    基本支出 + 项目支出 + 上缴上级支出 + 经营支出 + 对附属单位补助支出 where present (公开03/05表),
    the income sources (公开02表: 财政拨款收入 + 上级补助收入 + 事业收入 + 经营收入 + 附属单位上缴收入 +
    其他收入), 人员经费 + 公用经费; a 其中 column, and fund types beside an all-财政拨款 column, are
    breakdowns and not added; columns known to be no part of the total beside it are left out (the
    balance columns 年初结转和结余, 本年收入, 年末结转和结余 of 公开08表, income columns beside 本年支出合计
    and expense columns beside 本年收入合计). A total whose siblings include a column not known to be a
    part is not checked. And 年初结转和结余 + 本年收入 − 本年支出 = 年末结转和结余 (公开04表, and any
    table whose columns are these four groups and known parts of them, as 公开08表 with 本年支出合计,
    基本支出 and 项目支出)."""
    for table in ctx.disclosure.tables:
        for row in table.rows:
            labels = [label for label, _ in row.values]
            for total_at, part_cols in column_sums(labels):
                total = row.values[total_at][1]
                if total is None:
                    continue
                terms: list[Term] = [(labels[j], at(row, j), 1) for j in part_cols]
                if not holds(total, terms):
                    yield report(ctx, "T103", table=table, row=row, column=labels[total_at], total=total,
                                 terms=terms, what="同一行各分项列之和",
                                 what_en="the sum of the row's part columns")
            roles = balance_columns(labels)
            if roles is None:
                continue
            end = [row.values[j][1] for j in roles[-1][1]]
            if len(end) != 1 or end[0] is None:
                continue
            flow: list[Term] = [(labels[j], at(row, j), sign) for _, cols, sign in roles[:-1] for j in cols]
            if not holds(end[0], flow):
                yield report(ctx, "T103", table=table, row=row, column=labels[roles[-1][1][0]],
                             total=end[0], terms=flow, what="年初结转和结余 + 本年收入 − 本年支出",
                             what_en="opening balance + income − expenditure")


@rule(
    code="T104",
    name="tables.summary-totals",
    family=Family.TABLES,
    severity=Severity.ERROR,
    summary="公开01表（及财政拨款收支总表）的本年收入合计、收入总计、本年支出合计或支出总计与其组成项之和不符",
    summary_en="A total of 公开01表 or the 财政拨款 summary table (本年收入合计, 收入总计, 本年支出合计, 支出总计) "
               "is not the sum of its items",
    failing=_t01(other="30.00"),
    passing=_t01(),
)
def summary_totals(ctx: AuditContext) -> Iterator[Finding]:
    """公开01表: 本年收入合计 = Σ the income items above it (一般公共预算/政府性基金/国有资本经营预算
    财政拨款收入 or 财政拨款收入, 上级补助收入, 事业收入, 经营收入, 附属单位上缴收入, 其他收入); 收入总计 =
    本年收入合计 + the lines between them (使用非财政拨款结余, 年初结转和结余); 本年支出合计 = Σ the
    expenditure items above it (by 类); 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余. 其中 lines
    are breakdowns and not added. The same for a two-sided 公开04表 (财政拨款收入支出决算总表: fund
    types → 本年收入合计 → + 年初财政拨款结转和结余 = 收入总计; 类 → 本年支出合计 → + 年末财政拨款结转和
    结余 = 支出总计; the fund lines under a 结转和结余 line are its breakdown), in each amount column
    (合计, 一般公共预算财政拨款 …)."""
    for table in ctx.disclosure.tables:
        if table.standard not in (1, 4):
            continue
        income, expense = sides(table)
        for rows, year_names, total_names, kind in ((income, INCOME_YEAR, INCOME_TOTAL, "收入"),
                                                     (expense, EXPENSE_YEAR, EXPENSE_TOTAL, "支出")):
            year_at = find_in(rows, year_names)
            if year_at is None:
                continue
            year = rows[year_at]
            listed = items(rows[:year_at])
            total_at = find_in(rows, total_names)
            has_total = total_at is not None and total_at > year_at
            between = items(rows[year_at + 1: total_at]) if total_at is not None else []
            for k in _amount_columns(year):
                column = "" if len(year.values) == 1 else year.values[k][0]
                year_q = at(year, k)
                terms = [(r.name, at(r, k), 1) for r in listed]
                if isinstance(year_q, Quantity) and listed and not holds(year_q, terms):
                    yield report(ctx, "T104", table=table, row=year, column=column, total=year_q,
                                 terms=terms, what=f"其上所列各{kind}项目之和",
                                 what_en=f"the sum of the {'income' if kind == '收入' else 'expenditure'} items "
                                         "above it")
                if not has_total or total_at is None:
                    continue
                total_q = at(rows[total_at], k)
                terms = [(r.name, at(r, k), 1) for r in (year, *between)]
                if isinstance(total_q, Quantity) and not holds(total_q, terms):
                    yield report(ctx, "T104", table=table, row=rows[total_at], column=column, total=total_q,
                                 terms=terms, what=f"本年{kind}合计与其后各项之和",
                                 what_en=f"本年{kind}合计 plus the lines after it")


@rule(
    code="T105",
    name="tables.cross-table",
    family=Family.TABLES,
    severity=Severity.ERROR,
    summary="同一数字在不同公开表中不一致（如公开01表本年支出合计 ≠ 公开03表合计）",
    summary_en="One figure printed in two public tables differs (e.g. 01's 本年支出合计 vs 03's 合计)",
    failing=_t01_t03("95.00"),
    passing=_t01_t03("90.00"),
)
def cross_table(ctx: AuditContext) -> Iterator[Finding]:
    """Figures the tables share must agree (as intervals): 公开01表 本年收入合计 = 公开02表 合计;
    01 本年支出合计 = 03 合计; each 类 of 01's expenditure side = its 类 row in 03; 01's
    一般公共预算 / 政府性基金预算 / 国有资本经营预算财政拨款收入 = 04's 本年收入 of that fund; 04's
    一般公共预算 本年支出 = 05 合计 (政府性基金 = 08, 国有资本经营 = 09); 05 合计's 基本支出 = 06's
    人员经费 + 公用经费. One figure restating one other must be equal at equal precision (0.01 apart
    is an error); the sum 人员经费 + 公用经费 may differ by its rounding. Reported at the later table's
    cell, naming its column."""
    for link in links(ctx.disclosure.tables):
        if holds(link.value, link.terms) or not isinstance(link.value, Quantity):
            continue
        yield report(ctx, "T105", table=link.table, row=link.row, column=link.column, total=link.value,
                     terms=link.terms, what=link.what, what_en=link.what_en)


@rule(
    code="T106",
    name="tables.three-public",
    family=Family.TABLES,
    severity=Severity.ERROR,
    summary="“三公”经费表中合计不等于各项之和，或公务用车购置及运行维护费 ≠ 购置费 + 运行维护费",
    summary_en="The 三公 table's total is not the sum of its items, or vehicle costs do not add up",
    failing=_t07(vehicles="1.50"),
    passing=_t07(),
)
def three_public(ctx: AuditContext) -> Iterator[Finding]:
    """公开07表, for 预算数 and 决算数 alike: 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 +
    公务接待费, and 公务用车购置及运行维护费 = 公务用车购置费 + 公务用车运行维护费 (without the
    combined line, 合计 = 出国 + 购置 + 运行维护 + 接待). Items may be rows or columns (the table is
    printed both ways). Lines such as 会议费 or 培训费 are not part of the identity."""
    for table in ctx.disclosure.tables:
        if table.standard != 7:
            continue
        for cells in three_public_cells(table).values():
            def term(item: str, cells: dict[str, tuple[Amount, StatedRow, str]] = cells) -> Term:
                return (item, cells[item][0], 1)

            vehicles = cells.get(VEHICLES)
            if vehicles is not None and isinstance(vehicles[0], Quantity) and PURCHASE in cells and OPERATION in cells:
                terms = [term(PURCHASE), term(OPERATION)]
                if not holds(vehicles[0], terms):
                    yield report(ctx, "T106", table=table, row=vehicles[1], column=vehicles[2],
                                 total=vehicles[0], terms=terms, what="公务用车购置费与运行维护费之和",
                                 what_en="vehicle purchase plus operation")
            total = cells.get(THREE_TOTAL)
            if total is None or not isinstance(total[0], Quantity) or ABROAD not in cells or RECEPTION not in cells:
                continue
            if vehicles is not None:
                middle = [term(VEHICLES)]
            elif PURCHASE in cells and OPERATION in cells:
                middle = [term(PURCHASE), term(OPERATION)]
            else:
                continue
            terms = [term(ABROAD), *middle, term(RECEPTION)]
            if not holds(total[0], terms):
                yield report(ctx, "T106", table=table, row=total[1], column=total[2], total=total[0],
                             terms=terms, what="各项“三公”经费之和", what_en="the sum of the 三公 items")


@rule(
    code="T107",
    name="tables.unreadable-amount",
    family=Family.TABLES,
    severity=Severity.WARNING,
    summary="公开表的金额单元格不是可读的金额（如“八百”“见附注”“12.3%”），涉及该格的勾稽关系无法核对",
    summary_en="An amount cell of a public table holds no readable amount (e.g. 八百, 见附注, 12.3%)",
    failing=_t03().replace("2110101\t行政运行\t60.00\t60.00\t0.00", "2110101\t行政运行\t60.00\t六十\t0.00"),
    passing=_t03(),
)
def unreadable_amount(ctx: AuditContext) -> Iterator[Finding]:
    """Every amount cell of the public tables holds an amount: digits with optional thousands
    separators (commas, or spaces / thin spaces between groups of three) and decimals, optionally
    followed by the table's own unit (``1,234.50万元`` in a 万元 table); empty or a dash means none.
    Anything else — Chinese numerals (``八百``), a remark (``见附注``), a percentage, an amount in
    another unit than the table's — is reported once per cell. Such a cell is not read as zero: the
    identities that need it (T101–T106, X104) are skipped, so this warning says what went unchecked."""
    me = REGISTRY["T107"]
    for table in ctx.disclosure.tables:
        for row in table.rows:
            name = row.name or row.code or ""
            for raw in row.unreadable:
                yield ctx.finding(
                    me,
                    message=(f"{table.label}“{name}”行“{raw.column}”列为“{raw.text}”，不是可读的金额"
                             f"（应为以{table.unit}计的阿拉伯数字，如 1,234.56；无数据时留空或填“—”）。"
                             "涉及该格的勾稽关系均未核对，请更正该格。"),
                    message_en=(f"{table.label} row '{name}' column '{raw.column}' holds '{raw.text}', which is "
                                f"not an amount (digits in {table.unit} such as 1,234.56; empty or a dash for "
                                "none). The identities that need this cell were not checked; correct the cell."),
                    span=raw.span, quote=raw.text, stated=raw.text, expected=f"金额（{table.unit}）",
                    part=where(table, row), related=[row.span],
                )


_CAPTION_NUMBER_RE = re.compile(r"公开\s*\S{1,2}\s*号?表")
_T05_HEAD = (_HEAD + "公开05表 一般公共预算财政拨款支出决算表（单位：万元）\n"
             "科目编码\t科目名称\t合计\t基本支出\t项目支出\n")


@rule(
    code="T108",
    name="tables.no-rows",
    family=Family.TABLES,
    severity=Severity.WARNING,
    summary="公开表只有表头、没有数据行，也未注明“本年度无此项收支”",
    summary_en="A public table prints its header but no rows, and does not say 本年度无此项收支",
    failing=_T05_HEAD,
    passing=_T05_HEAD + "\t合计\t0.00\t0.00\t0.00\n",
)
def no_rows(ctx: AuditContext) -> Iterator[Finding]:
    """A table printed under its caption has rows, or says it has none (本年度无此项收支 in the
    caption or a line under it, domain.md §1). A caption followed by a header alone leaves the
    reader unsure whether the rows were lost or there were none: reported at the caption (C102
    covers a part with no tables at all, C105 a table that is missing)."""
    me = REGISTRY["T108"]
    for table in ctx.disclosure.tables:
        if table.rows or table.empty_note is not None:
            continue
        m = _CAPTION_NUMBER_RE.search(table.caption)
        quote = table.name or (m.group(0) if m is not None else table.caption)
        yield ctx.finding(
            me,
            message=(f"{table.label}只有表头、没有数据行，也未注明“本年度无此项收支”。"
                     "请补全该表的数据行，或注明本年度无此项收支。"),
            message_en=(f"{table.label} prints its header but no rows, and does not say 本年度无此项收支. "
                        "Print its rows, or say that there were none this year."),
            span=table.span, quote=quote, stated="（无数据行）", expected="数据行或“本年度无此项收支”",
            part=table.label,
        )
