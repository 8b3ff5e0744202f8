"""Cross-reference rules (X1xx): one quantity stated in several places, and related quantities.

The narrative restates a figure in several sections (一般公共预算财政拨款支出 in 五(一), (二) and
(三); 公务接待费 in 九(一) and 九(二)). A figure is identified by what it is of (its resolved subject,
with year prefixes, 本年, 决算 and (类) removed), its role (决算, 年初预算, 全年预算) and its unit.
Statements of the same figure must agree as intervals (Arelle: equal at the same precision,
intersecting at different precisions). Figures the accounts nest (财政拨款收入 within 财政拨款收入总计
within 收入总计 …) must respect that order. A project the narrative names (a 部门评价 of one project)
must state funds its self-evaluation form supports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from juesuan.audit.arith import ratio_percent
from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import REGISTRY, Family, get_rule, rule
from juesuan.audit.rules.narrative import agree, analyse, claim_figures, findings_for, show, stated
from juesuan.audit.rules.summary import EXAMPLE_FORM, FUND_BASES, form_figure
from juesuan.audit.rules.tables import (
    EXPENSE_TOTAL,
    EXPENSE_YEAR,
    FISCAL_WHOLE,
    FUND_PARTS,
    FUNDS,
    INCOME_TOTAL,
    INCOME_YEAR,
    Amount,
    Term,
    combine,
    find_in,
    items,
    kind_totals,
    listing,
    main_amount,
    printed_sum,
    readable,
    role_value,
    sides,
    three_public_cells,
    three_public_item,
    total_column,
    value,
)
from juesuan.model.claims import Claim, Operand, PerformanceSummaryClaim
from juesuan.model.disclosure import Section
from juesuan.model.evaluation import ProjectEvaluation
from juesuan.model.quantity import Quantity
from juesuan.model.stated_tables import PERSONNEL, PUBLIC, StatedRow, StatedTable, find_table, norm_name


@rule(
    code="X101",
    name="crossref.same-figure",
    family=Family.CROSSREF,
    severity=Severity.ERROR,
    summary="同一数字在叙述的不同位置表述不一致",
    summary_en="The same figure is stated differently in different places",
    failing="第三部分 情况说明\n\n五、一般公共预算财政拨款支出决算情况说明\n\n"
    "（一）一般公共预算财政拨款支出决算总体情况\n\n"
    "2024年一般公共预算财政拨款支出100.00万元。与上年相比，一般公共预算财政拨款支出增加"
    "10.00万元，增长11.11%。\n\n"
    "（二）一般公共预算财政拨款支出决算结构情况\n\n"
    "2024年度一般公共预算财政拨款支出110.00万元，主要用于以下方面：\n\n"
    "节能环保支出(类)110.00万元，占比100.00%。\n",
    passing="第三部分 情况说明\n\n五、一般公共预算财政拨款支出决算情况说明\n\n"
    "（一）一般公共预算财政拨款支出决算总体情况\n\n"
    "2024年一般公共预算财政拨款支出100.00万元。与上年相比，一般公共预算财政拨款支出增加"
    "10.00万元，增长11.11%。\n\n"
    "（二）一般公共预算财政拨款支出决算结构情况\n\n"
    "2024年度一般公共预算财政拨款支出100.00万元，主要用于以下方面：\n\n"
    "节能环保支出(类)100.00万元，占比100.00%。\n",
)
def same_figure(ctx: AuditContext) -> Iterable[Finding]:
    """Every statement of one figure (same resolved subject, role and unit) must agree with the
    others: equal when printed at the same precision, intersecting intervals otherwise. The
    value most statements agree with is the reference (on a tie: a statement that no arithmetic
    check already failed, then the first stated), and each disagreeing statement is reported
    once, at its own place. When the odd statement also breaks a sum or a part-of-total check
    (and the agreed value would not), only this finding is reported: it names the figure."""
    return findings_for(ctx, "X101")


@rule(
    code="X103",
    name="crossref.nested-figures",
    family=Family.CROSSREF,
    severity=Severity.ERROR,
    summary="被包含的数字大于包含它的数字（如财政拨款收入大于收入合计）",
    summary_en="A figure is larger than a figure that contains it (e.g. 财政拨款收入 > 收入合计)",
    failing="第三部分 情况说明\n\n一、收入支出决算总体情况说明\n\n"
    "2024年度收入总计100.00万元，支出总计100.00万元。\n\n"
    "四、财政拨款收支决算总体情况说明\n\n"
    "2024年度财政拨款收入总计120.00万元，支出总计120.00万元。\n",
    passing="第三部分 情况说明\n\n一、收入支出决算总体情况说明\n\n"
    "2024年度收入总计100.00万元，支出总计100.00万元。\n\n"
    "四、财政拨款收支决算总体情况说明\n\n"
    "2024年度财政拨款收入总计80.00万元，支出总计80.00万元。\n",
)
def nested_figures(ctx: AuditContext) -> Iterable[Finding]:
    """Pairs the accounts nest wherever the narrative states both, e.g. 财政拨款收入 ≤ 收入合计,
    财政拨款收入总计 ≤ 收入总计, 一般公共预算财政拨款支出 ≤ 财政拨款支出总计 ≤ 支出总计,
    财政拨款基本支出 ≤ 基本支出. Only inclusions that hold in every package are checked (equal
    figures in one package, such as 财政拨款收入 = 财政拨款收入总计 when nothing was carried over,
    are not required to be equal)."""
    return findings_for(ctx, "X103")


def _name(text: str) -> str:
    return re.sub(r"[“”\"'‘’\s（）()]|(?:项目)+$", "", text)


def _find_form(name: str, forms: list[ProjectEvaluation]) -> ProjectEvaluation | None:
    want = _name(name)
    if len(want) < 4:
        return None
    exact = [f for f in forms if _name(f.name) == want]
    if exact:
        return exact[0]
    loose = [f for f in forms if len(_name(f.name)) >= 4
             and (_name(f.name) in want or want in _name(f.name))]
    return loose[0] if len(loose) == 1 else None


_X102_FORM = EXAMPLE_FORM.format(name="大气监测能力建设项目", funds="60", points="85", score="95",
                          grade="优")


def _named_funds(ctx: AuditContext) -> Iterator[tuple[str, Operand, Claim]]:
    for c in ctx.claims:
        if isinstance(c, PerformanceSummaryClaim) and c.project and c.funds is not None:
            yield c.project, c.funds, c


@rule(
    code="X102",
    name="crossref.project-funds",
    family=Family.CROSSREF,
    severity=Severity.WARNING,
    summary="叙述中点名项目的资金与该项目自评表不符",
    summary_en="Funds the narrative states for a named project differ from its form",
    failing="第三部分 情况说明\n\n十、其他重要事项情况说明\n\n（四）预算绩效情况说明\n\n"
    "组织对大气监测能力建设项目开展了部门评价，涉及资金90.00万元。\n\n第四部分 名词解释\n\n"
    + _X102_FORM,
    passing="第三部分 情况说明\n\n十、其他重要事项情况说明\n\n（四）预算绩效情况说明\n\n"
    "组织对大气监测能力建设项目开展了部门评价，涉及资金60.00万元。\n\n第四部分 名词解释\n\n"
    + _X102_FORM,
)
def project_funds(ctx: AuditContext) -> Iterable[Finding]:
    """A project the narrative names with its funds (e.g. a 部门评价 涉及资金 X万元) is matched to its
    self-evaluation form by name; X must agree, as an interval, with at least one of the form's
    fund figures (目标申报数, 预算编制数, 全年预算数, 全年执行数 of the 资金总额 row, or the sum of
    its source rows), since the narrative does not say which it means. Silent when the project
    has no form or the form states no funds."""
    r = get_rule("X102")
    forms = ctx.disclosure.evaluations
    if r is None or not forms:
        return
    suspect = analyse(ctx)
    for project, op, claim in _named_funds(ctx):
        if not suspect.clean([op.quantity]):
            continue
        form = _find_form(project, forms)
        if form is None:
            continue
        figures: list[tuple[str, Quantity | list[Quantity]]] = []
        for field, zh, _ in FUND_BASES:
            figs = form_figure(form, field)
            if figs is not None:
                figures.append((zh, figs if len(figs) > 1 else figs[0]))
        if not figures:
            continue
        s_iv = stated(op.quantity)
        texts = []
        ok = False
        for zh, fig in figures:
            qs = fig if isinstance(fig, list) else [fig]
            iv = stated(qs[0])
            for q in qs[1:]:
                iv = iv + stated(q)
            ok = ok or s_iv.intersects(iv)
            texts.append(f"{zh}{show(iv)}")
        if ok:
            continue
        listed = "，".join(texts)
        yield ctx.finding(
            r,
            message=(f"叙述称“{project}”涉及资金{op.quantity.text}万元，但其自评表中{listed}万元，"
                     "均不相符。请核对该项目资金及口径。"),
            message_en=(f"The narrative gives {op.quantity.text} for {project}, but its form "
                        f"states {listed}; none matches. Check the project's funds and basis."),
            span=op.quantity.span, quote=op.quote, stated=op.quantity.text,
            expected="; ".join(texts), part=claim.section, related=[form.span],
        )


# --------------------------------------------------------------------------------------------
# X104: the narrative against the public tables
# --------------------------------------------------------------------------------------------

_BUDGET_RELATIONS = frozenset({"年初预算", "全年预算", "调整后预算"})
_OVERALL = ("收入总计", "支出总计", "收入合计", "支出合计")
"""Whole-department figures: only outside the 财政拨款 sections (else they are 财政拨款 totals)."""
_JOINT_TOTALS = {"收入支出总计": "收入总计", "收支总计": "收入总计", "收、支总计": "收入总计",
                 "财政拨款收入支出总计": "财政拨款收入总计", "财政拨款收支总计": "财政拨款收入总计"}
"""One figure for both totals (Shanghai: ``2024年度收入支出总计2995.39万元``): 收入总计 = 支出总计 in the
tables (T101), so it is the income side's."""
_INCOME_LINES = frozenset({"上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入",
                           "使用非财政拨款结余", "年初结转和结余"})
_EXPENSE_LINES = frozenset({"结余分配", "年末结转和结余"})
"""公开01表's lines the narrative restates by name outside the 财政拨款 sections (``其他收入6.2万元``,
``年初结转和结余0.55万元``)."""
_OWNER_RE = re.compile(r"^(?:.*?\d{4}\s*年度?|本部门|本单位)")
"""What may stand before a figure's subject: the department and the year (``上海市普陀区财政局2024年度
收入支出总计``), or 本部门 / 本单位."""


@dataclass(frozen=True)
class TableFigure:
    """A quantity the tables print (one cell, or a sum of cells), as the narrative names it."""

    what: str
    terms: list[Term]


def _titles(parts: list[Section]) -> dict[str, str]:
    """Section path (``第三部分/五/（二）``, as figures record it) → the titles along it."""
    out: dict[str, str] = {}

    def walk(sections: list[Section], path: str, titles: str) -> None:
        for s in sections:
            here = f"{path}/{s.number}" if path else s.number
            out[here] = f"{titles} {s.title}"
            walk(s.children, here, out[here])

    walk(parts, "", "")
    return out


def _one(what: str, table: StatedTable | None, row: StatedRow | None, q: Amount) -> TableFigure | None:
    if table is None or row is None or q is None:
        return None
    return TableFigure(f"{table.label}{what}", [(f"{table.label}{row.name}", q, 1)])


def _fiscal_totals(t4: StatedTable) -> tuple[TableFigure | None, TableFigure | None]:
    """财政拨款收入总计 and 财政拨款支出总计 from 公开04表: its 收入总计/支出总计 lines (two-sided
    layout), else Σ over the fund rows of 年初结转和结余 + 本年收入 and 本年支出 + 年末结转和结余."""
    income, expense = sides(t4)
    i, e = find_in(income, INCOME_TOTAL), find_in(expense, EXPENSE_TOTAL)
    if i is not None and e is not None and any(r.side for r in t4.rows):
        return (_one("收入总计", t4, income[i], main_amount(income[i])),
                _one("支出总计", t4, expense[e], main_amount(expense[e])))
    rows = [r for r in t4.rows if any(r.key.startswith(f) for f in FUNDS)]
    inflow: list[Term] = []
    outflow: list[Term] = []
    for row in rows:
        for names, acc in ((("年初结转和结余", "年初财政拨款结转和结余"), inflow),
                           (("本年收入", "本年财政拨款收入"), inflow),
                           (("本年支出", "本年财政拨款支出"), outflow),
                           (("年末结转和结余", "年末财政拨款结转和结余"), outflow)):
            q = role_value(row, names)
            if q is None and not any(label.split("/", 1)[0] in names for label, _ in row.values):
                return None, None  # a column missing: the total cannot be formed
            acc.append((f"{row.name}{names[0]}", q, 1))
    if not rows:
        return None, None
    return (TableFigure("公开04表各项财政拨款的年初结转和结余与本年收入之和", inflow),
            TableFigure("公开04表各项财政拨款的本年支出与年末结转和结余之和", outflow))


def table_figures(tables: list[StatedTable]) -> dict[str, TableFigure]:
    """The table quantities the narrative restates, keyed as :func:`narrative_key` names them."""
    out: dict[str, TableFigure | None] = {}
    t1, t2, t3, t4, t5, t6, t7 = (find_table(tables, n) for n in range(1, 8))
    if t1 is not None:
        income, expense = sides(t1)
        for key, rows, names in (("收入总计", income, INCOME_TOTAL), ("支出总计", expense, EXPENSE_TOTAL),
                                 ("收入合计", income, INCOME_YEAR), ("支出合计", expense, EXPENSE_YEAR)):
            at = find_in(rows, names)
            out[key] = _one(rows[at].name, t1, rows[at], main_amount(rows[at])) if at is not None else None
        for rows, names in ((income, _INCOME_LINES), (expense, _EXPENSE_LINES)):
            for r in rows:
                if r.key in names and r.key not in out:
                    out[r.key] = _one(r.name, t1, r, main_amount(r))
        fiscal = [r for r in items(income) if r.key in FISCAL_WHOLE or r.key in FUND_PARTS]
        if fiscal:
            out["财政拨款收入"] = TableFigure("公开01表财政拨款收入",
                                        [(f"公开01表{r.name}", main_amount(r), 1) for r in fiscal])
    if t2 is not None and (total := t2.total_row()) is not None:
        out.setdefault("收入合计", _one("合计", t2, total, total_column(total)))
        q = value(total, "财政拨款收入") or value(total, "财政拨款")
        if q is not None:
            out["财政拨款收入"] = _one("合计行财政拨款收入", t2, total, q)
    if t3 is not None and (total := t3.total_row()) is not None:
        out.setdefault("支出合计", _one("合计", t3, total, total_column(total)))
        out["基本支出"] = _one("合计行基本支出", t3, total, value(total, "基本支出"))
        out["项目支出"] = _one("合计行项目支出", t3, total, value(total, "项目支出"))
    if t4 is not None:
        out["财政拨款收入总计"], out["财政拨款支出总计"] = _fiscal_totals(t4)
    if t5 is not None and (total := t5.total_row()) is not None:
        out["一般公共预算财政拨款支出"] = _one("合计", t5, total, total_column(total))
        out["财政拨款基本支出"] = _one("合计行基本支出", t5, total, value(total, "基本支出"))
        out["财政拨款项目支出"] = _one("合计行项目支出", t5, total, value(total, "项目支出"))
        for row in t5.rows:
            if row.level == 1:
                out[f"类:{row.key}"] = _one(f"“{row.name}”", t5, row, total_column(row))
    if t6 is not None:
        for kind, qs in kind_totals(t6).items():
            if qs:
                out[kind] = TableFigure(f"公开06表{kind}", [(f"公开06表{kind}", q, 1) for q in qs])
    if t7 is not None:  # an empty cell in a printed row is zero, as in the table rules
        for basis, cells in three_public_cells(t7).items():
            for item, (q, _, _) in cells.items():
                out[f"三公:{item}:{basis}"] = TableFigure(f"公开07表{item}（{basis}）", [(item, q, 1)])
    return {k: v for k, v in out.items() if v is not None}


def narrative_key(label: str, titles: str) -> str | None:
    """The :func:`table_figures` key a narrative figure's label names in a section with ``titles``."""
    subject, _, relation = label.rpartition(" ") if " " in label else ("", "", label)
    if subject and relation not in _BUDGET_RELATIONS:
        return None  # a change, a share, a rate: not a level the tables print
    subject = subject or relation
    budget = relation in _BUDGET_RELATIONS and bool(subject) and subject != relation
    subject = _OWNER_RE.sub("", norm_name(subject)).removeprefix("本年")
    subject = _JOINT_TOTALS.get(subject, subject)
    if "三公" in titles:
        item = three_public_item(subject.replace("财政拨款", "").removesuffix("支出"))
        if item is None and subject.endswith("支出"):
            item = three_public_item(subject.removesuffix("支出") + "费")
        return f"三公:{item}:{'预算数' if budget else '决算数'}" if item is not None else None
    if budget:
        return None
    if subject in _OVERALL or subject in _INCOME_LINES or subject in _EXPENSE_LINES:
        return subject if "财政拨款" not in titles else None
    if subject in ("基本支出", "项目支出"):
        if "财政拨款" in titles and "基本支出" in titles:
            return f"财政拨款{subject}"
        return subject if "支出决算" in titles and "财政拨款" not in titles else None
    if subject in (PERSONNEL, PUBLIC):
        return subject if "基本支出" in titles else None
    if subject in ("一般公共预算财政拨款基本支出", "一般公共预算财政拨款项目支出"):
        return subject.removeprefix("一般公共预算")
    if subject in ("财政拨款收入", "财政拨款收入总计", "财政拨款支出总计", "一般公共预算财政拨款支出",
                   "财政拨款基本支出", "财政拨款项目支出"):
        return subject
    if "一般公共预算财政拨款支出" in titles and subject.endswith("支出"):
        return f"类:{subject}"
    return None


@rule(
    code="X104",
    name="crossref.narrative-vs-tables",
    family=Family.CROSSREF,
    severity=Severity.ERROR,
    summary="情况说明中的数字与公开表不一致（收入总计、本年收支合计、财政拨款、基本支出、各类支出、三公经费等）",
    summary_en="A narrative figure differs from the public table that prints it",
    failing="第二部分 部门决算表\n\n公开01表 收入支出决算表（单位：万元）\n"
    "收入项目\t决算数\t支出项目\t决算数\n"
    "一般公共预算财政拨款收入\t100.00\t节能环保支出\t100.00\n"
    "本年收入合计\t100.00\t本年支出合计\t100.00\n"
    "收入总计\t100.00\t支出总计\t100.00\n\n"
    "第三部分 情况说明\n\n一、收入支出决算总体情况说明\n\n"
    "2024年度收入总计105.00万元，支出总计105.00万元。\n",
    passing="第二部分 部门决算表\n\n公开01表 收入支出决算表（单位：万元）\n"
    "收入项目\t决算数\t支出项目\t决算数\n"
    "一般公共预算财政拨款收入\t100.00\t节能环保支出\t100.00\n"
    "本年收入合计\t100.00\t本年支出合计\t100.00\n"
    "收入总计\t100.00\t支出总计\t100.00\n\n"
    "第三部分 情况说明\n\n一、收入支出决算总体情况说明\n\n"
    "2024年度收入总计100.00万元，支出总计100.00万元。\n",
)
def narrative_vs_tables(ctx: AuditContext) -> Iterable[Finding]:
    """A narrative figure that restates a table quantity must agree with it — equal when it restates
    one table cell printed with the same decimals (47,549.84 against 47,549.83 is an error although
    the rounding intervals touch), the intervals meeting otherwise (other decimals, other units, a
    sum of cells):
    收入总计 / 支出总计 (or one 收入支出总计), 本年收入合计 / 本年支出合计 and the lines of 公开01表 named
    outside the 财政拨款 sections (其他收入, 年初结转和结余 …), 财政拨款收入 (02 or 01), 财政拨款收入总计 /
    支出总计 (or 财政拨款收入支出总计; 04), 基本支出 / 项目支出 (03 合计, in 三、支出决算), 一般公共预算财政
    拨款支出 and each 类 in 五（一）–（三） (05), 财政拨款基本支出 (05), 人员经费 / 公用经费 (06, in 六、
    基本支出), and the 三公 total and items, 决算 and 预算 (07, in 九; an empty cell of a printed row is
    zero). A department and year before the subject (``上海市普陀区财政局2024年度收入支出总计``) are
    dropped. Which quantity a figure is comes from its label
    (parse/figures.py) and its section's title, so a 基本支出 in the 财政拨款 section is not compared
    with all funds. Reported at the narrative figure, once per statement."""
    r = REGISTRY["X104"]
    tables = ctx.disclosure.tables
    if not tables:
        return
    targets = table_figures(tables)
    titles = _titles(ctx.disclosure.parts)
    quotes = {(op.quantity.span.line, op.quantity.span.column): op.quote
              for c in ctx.claims for op in claim_figures(c) if op.quantity.span is not None}
    for fig in ctx.disclosure.figures:
        q = fig.quantity
        if q.unit not in ("万元", "元", "千元", "亿元") or q.span is None:
            continue
        key = narrative_key(fig.label, titles.get(fig.section or "", ""))
        target = targets.get(key) if key is not None else None
        if target is None or not readable(target.terms):
            continue  # no target, or a table cell without an amount (T107 reports it)
        one = target.terms[0][1] if len(target.terms) == 1 else None
        if agree(q, one) if isinstance(one, Quantity) else stated(q).intersects(combine(target.terms)):
            continue
        why, why_en = "（按各数字的舍入区间比较也不相等）", "(not even allowing for rounding)"
        if isinstance(one, Quantity):  # one cell: its figure, not its label again
            shown = f"{one.text}{one.unit or ''}"
            if stated(q).intersects(stated(one)):
                why, why_en = "（同一数字以相同小数位列示，应完全相等）", "(the same figure at the same precision)"
        else:
            shown = listing(target.terms)
            if len(target.terms) > 1:
                shown += f" = {printed_sum(target.terms)}"
        yield ctx.finding(
            r,
            message=(f"情况说明中“{fig.label}”为{q.text}{q.unit}，而{target.what}为{shown}"
                     f"{why}。情况说明应与公开表一致，请核对。"),
            message_en=(f"The narrative states {fig.label} as {q.text}{q.unit}, but {target.what} is "
                        f"{shown} {why_en}. The narrative must agree with the public tables; check "
                        "which is right."),
            span=q.span, quote=quotes.get((q.span.line, q.span.column), q.text), stated=q.text,
            expected=show(combine(target.terms)), part=fig.section,
            related=[t.span for _, t, _ in target.terms if t is not None and t.span is not None][:20],
        )


_X105_TABLE = ("公开07表 一般公共预算财政拨款“三公”经费支出决算表（单位：万元）\n"
               "项目\t预算数\t决算数\n合计\t4.00\t3.05\n因公出国（境）费\t0.00\t0.00\n"
               "公务用车购置及运行维护费\t0.00\t0.00\n公务用车购置费\t0.00\t0.00\n"
               "公务用车运行维护费\t0.00\t0.00\n公务接待费\t4.00\t3.05\n")


@rule(
    code="X105",
    name="crossref.completion-vs-table-budget",
    family=Family.CROSSREF,
    severity=Severity.WARNING,
    summary="情况说明中“三公”经费某项的预算完成率与公开07表的预算数不符",
    summary_en="A 三公 item's stated completion rate does not follow from the budget in 公开07表",
    failing="第二部分 部门决算表\n\n" + _X105_TABLE + "\n第三部分 情况说明\n\n"
    "九、财政拨款“三公”经费支出决算情况说明\n\n公务接待费支出3.05万元，完成全年预算的100.00%。\n",
    passing="第二部分 部门决算表\n\n" + _X105_TABLE + "\n第三部分 情况说明\n\n"
    "九、财政拨款“三公”经费支出决算情况说明\n\n公务接待费支出3.05万元，完成全年预算的76.25%。\n",
)
def completion_vs_table_budget(ctx: AuditContext) -> Iterable[Finding]:
    """九（一） states each 三公 item's outturn and its completion rate (完成全年预算的 p%) without
    restating the budget, which only 公开07表's 预算数 holds: the rate must equal 决算 ÷ that 预算数,
    as intervals from the printed decimals (N106 checks a rate whose budget the sentence states)."""
    r = REGISTRY["X105"]
    t7 = find_table(ctx.disclosure.tables, 7)
    if t7 is None:
        return
    budgets = three_public_cells(t7).get("预算数", {})
    for claim in ctx.claims:
        if claim.kind != "completion" or claim.budget is not None or claim.actual is None \
                or "年初" in claim.basis:  # 公开07表's 预算数 is the full-year budget, not the year-start one
            continue
        item = three_public_item(claim.actual.subject or claim.actual.label)
        cell = budgets.get(item) if item is not None else None
        budget = cell[0] if cell is not None else None
        if not isinstance(budget, Quantity):
            continue  # no such row, or no readable amount in it (T107 reports that)
        computed = ratio_percent(stated(claim.actual.quantity), stated(budget))
        if computed is None or computed.intersects(stated(claim.rate)):
            continue
        places = claim.rate.decimals + 2
        yield ctx.finding(
            r,
            message=(f"所述完成{claim.basis}的{claim.rate.text}%与公开07表不符：决算{claim.actual.quantity.text}"
                     f"{claim.actual.quantity.unit or ''} ÷ 公开07表预算数{budget.text}{budget.unit or ''} = "
                     f"{show(computed, places)}%。请核对完成率或预算数。"),
            message_en=(f"The stated completion rate {claim.rate.text}% does not follow from 公开07表: "
                        f"{claim.actual.quantity.text} / {budget.text} (its 预算数) = {show(computed, places)}%."),
            span=claim.rate.span, quote=claim.quote, stated=f"{claim.rate.text}%",
            expected=f"{show(computed, places)}%", part=claim.section,
            related=[s for s in (claim.actual.quantity.span, budget.span) if s is not None],
        )
