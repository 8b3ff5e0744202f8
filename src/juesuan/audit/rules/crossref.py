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

from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import Family, get_rule, rule
from juesuan.audit.rules.narrative import analyse, findings_for, show, stated
from juesuan.audit.rules.summary import EXAMPLE_FORM, FUND_BASES, form_figure
from juesuan.model.claims import Claim, Operand, PerformanceSummaryClaim
from juesuan.model.evaluation import ProjectEvaluation
from juesuan.model.quantity import Quantity


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
