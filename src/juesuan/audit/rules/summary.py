"""Performance-summary rules (S1xx): the 预算绩效情况说明 against the attached self-evaluation forms.

The summary restates, for all attached forms (domain.md §4): how many projects were
self-evaluated, the funds they cover (the reference's 12,814.56万元 is the sum of 预算编制数 over the
forms), the split by fund type and the grade counts. Each is checked as an interval: a sum over
forms is the sum of the forms' own rounding intervals; a form that does not state a figure widens
the recomputed range rather than being guessed. The fund-type split against the fund total is the
narrative rule N101/N102 (one finding, not two).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal

from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import Family, get_rule, rule
from juesuan.audit.rules.narrative import show, stated, total_of
from juesuan.model.claims import PerformanceSummaryClaim
from juesuan.model.evaluation import FundRow, ProjectEvaluation
from juesuan.model.quantity import Interval, Quantity

GRADES = ("优", "良", "中", "差")

FUND_BASES: list[tuple[str, str, str]] = [
    ("initial_budget", "预算编制数", "budgeted amount (预算编制数)"),
    ("annual_budget", "全年预算数", "full-year budget (全年预算数)"),
    ("declared_budget", "目标申报数", "declared amount (目标申报数)"),
    ("executed", "全年执行数", "execution (全年执行数)"),
]


def _summaries(ctx: AuditContext) -> Iterator[PerformanceSummaryClaim]:
    for c in ctx.claims:
        if isinstance(c, PerformanceSummaryClaim) and c.scope == "self_evaluation":
            yield c


def form_figure(form: ProjectEvaluation, field: str) -> list[Quantity] | None:
    """A form's fund figure for ``field``: its amounts (the 资金总额 row, or the only source row
    standing in for a lost one); else, with several sources and no total, their sum."""
    total: FundRow | None = form.amounts
    if total is not None:
        q = getattr(total, field)
        if isinstance(q, Quantity):
            return [q]
    sources = [getattr(r, field) for r in form.fund_sources]
    if sources and all(isinstance(q, Quantity) for q in sources):
        return [q for q in sources if isinstance(q, Quantity)]
    return None


def forms_sum(forms: list[ProjectEvaluation], field: str) -> tuple[Interval, int]:
    """The interval of Σ field over the forms and how many forms do not state it.

    A form without the figure contributes [0, ∞): the result's ``hi`` is then meaningless and the
    caller may only use ``lo``.
    """
    quantities: list[Quantity] = []
    missing = 0
    for form in forms:
        figs = form_figure(form, field)
        if figs is None:
            missing += 1
        else:
            quantities.extend(figs)
    return total_of(quantities), missing


def _consistent(stated_iv: Interval, computed: Interval, missing: int) -> bool:
    if missing:
        return stated_iv.hi >= computed.lo
    return stated_iv.intersects(computed)


EXAMPLE_FORM = (
    "第五部分 附件\n\n"
    "{name}项目支出绩效自评表 (2024年度)\n\n"
    "项目名称\t\t{name}\n"
    "主管部门及代码\t\t218-某局\t\t\t\t预算单位\t\t218001-某局\n"
    "项目资金预算安排及执行进度(万元)\t资金总额:\t年初预算数\t\t\t全年预算数\t全年执行数\t"
    "资金结(转)余\t执行率\t得分\t偏差原因\n"
    "\t\t目标申报数\t预算编制数\n"
    "\t资金总额:\t{funds}\t{funds}\t{funds}\t{funds}\t0\t100\t10\n"
    "市县区财政资金\t{funds}\t{funds}\t{funds}\t{funds}\t0\t100.00\t10.00\t无偏差\n"
    "绩效指标\t一级指标\t二级指标\t三级指标\t年初指标值\t调整后指标值\t实际完成值\t定性值情况说明\t"
    "分值\t得分\t偏差原因分析及改进措施\n"
    "\t产出指标\t数量指标\t完成项目数\t=1个\t=1个\t=1个\t\t90\t{points}\t\n"
    "总分\t\t\t\t\t\t\t\t\t{score}\t{grade}\n\n"
)


def _example(count: int, funds: str, grades: str) -> str:
    return (
        "第三部分 情况说明\n\n十、其他重要事项情况说明\n\n（四）预算绩效情况说明\n\n"
        f"组织对2024年项目开展了绩效自评，涉及二级项目{count}个，资金{funds}万元，"
        f"其中一般公共预算项目支出{funds}万元。自评结果为：{grades}。\n\n"
        "第四部分 名词解释\n\n"
        + EXAMPLE_FORM.format(name="甲项目", funds="60", points="85", score="95", grade="优")
        + EXAMPLE_FORM.format(name="乙项目", funds="40", points="75", score="85", grade="良")
    )


def _narrative_only(count: int, grades: str) -> str:
    return (
        "第三部分 情况说明\n\n十、其他重要事项情况说明\n\n（四）预算绩效情况说明\n\n"
        f"组织对2024年项目开展了绩效自评，涉及二级项目{count}个。自评结果为：{grades}。\n"
    )


@rule(
    code="S101",
    name="summary.project-count",
    family=Family.SUMMARY,
    severity=Severity.WARNING,
    summary="绩效自评说明中的项目个数与所附自评表个数不符",
    summary_en="The number of self-evaluated projects differs from the forms attached",
    failing=_example(3, "100.00", "2个项目自评等级为“优”，1个项目自评等级为“良”"),
    passing=_example(2, "100.00", "1个项目自评等级为“优”，1个项目自评等级为“良”"),
)
def project_count(ctx: AuditContext) -> Iterable[Finding]:
    """涉及(二级)项目 N 个 must equal the number of self-evaluation forms attached (counts are
    exact). Silent when no forms were read (completeness rules report missing attachments)."""
    forms = ctx.disclosure.evaluations
    r = get_rule("S101")
    if not forms or r is None:
        return
    for c in _summaries(ctx):
        if c.project_count is None:
            continue
        n = c.project_count.quantity
        if n.value == len(forms):
            continue
        yield ctx.finding(
            r,
            message=(f"绩效自评说明称涉及项目{n.text}个，但附件中有{len(forms)}张项目支出绩效自评表。"
                     "请核对项目个数，或检查是否漏附、多附了自评表。"),
            message_en=(f"The summary says {n.text} projects were self-evaluated, but "
                        f"{len(forms)} self-evaluation forms are attached. Check the count, or "
                        "whether a form is missing or extra."),
            span=n.span, quote=c.project_count.quote, stated=n.text, expected=str(len(forms)),
            part=c.section, related=[f.span for f in forms[:20]],
        )


@rule(
    code="S102",
    name="summary.funds",
    family=Family.SUMMARY,
    severity=Severity.WARNING,
    summary="绩效自评说明中的资金总额与各自评表预算编制数之和不符",
    summary_en="The funds the summary covers differ from the sum of the forms' budgets",
    failing=_example(2, "120.00", "1个项目自评等级为“优”，1个项目自评等级为“良”"),
    passing=_example(2, "100.00", "1个项目自评等级为“优”，1个项目自评等级为“良”"),
)
def funds(ctx: AuditContext) -> Iterable[Finding]:
    """资金 X 万元 in the summary against Σ 预算编制数 (``fund_total.initial_budget``; a form without a
    资金总额 row counts the sum of its source rows) over the attached forms, as intervals. When the
    预算编制数 base does not match, the message names any other base (全年预算数, 目标申报数,
    全年执行数) that does, so the reader sees whether it is a wrong figure or a different basis."""
    forms = ctx.disclosure.evaluations
    r = get_rule("S102")
    if not forms or r is None:
        return
    for c in _summaries(ctx):
        if c.funds is None:
            continue
        q = c.funds.quantity
        s_iv = stated(q)
        computed, missing = forms_sum(forms, "initial_budget")
        if _consistent(s_iv, computed, missing):
            continue
        others = []
        for field, zh, en in FUND_BASES[1:]:
            iv, miss = forms_sum(forms, field)
            if _consistent(s_iv, iv, miss):
                others.append((zh, en, iv))
        shown = show(computed) if not missing else f"≥ {show(Interval.point(computed.lo))}"
        note_zh = f"（另有{missing}张表未列预算编制数）" if missing else ""
        note_en = f" ({missing} forms state no 预算编制数)" if missing else ""
        alt_zh = ("；它与各表" + "、".join(zh for zh, _, _ in others) + "之和相符，可能是口径不同"
                  if others else "")
        alt_en = ("; it does match the forms' " + ", ".join(en for _, en, _ in others)
                  + ", so the basis may differ" if others else "")
        yield ctx.finding(
            r,
            message=(f"绩效自评说明所述资金{q.text}万元与{len(forms)}张自评表预算编制数之和{shown}"
                     f"不符{note_zh}{alt_zh}。请核对资金总额及其口径。"),
            message_en=(f"The summary's funds {q.text} differ from the sum of the "
                        f"{len(forms)} forms' budgeted amounts (预算编制数) {shown}{note_en}"
                        f"{alt_en}. Check the total and its basis."),
            span=q.span, quote=c.funds.quote, stated=q.text, expected=shown, part=c.section,
            related=[a.span for f in forms if (a := f.amounts) is not None][:20],
        )


def grade_of(form: ProjectEvaluation) -> str | None:
    if form.grade is None:
        return None
    text = form.grade.text.strip().strip("“”\"'")
    return next((g for g in GRADES if text.startswith(g)), None)


@rule(
    code="S103",
    name="summary.grade-counts",
    family=Family.SUMMARY,
    severity=Severity.WARNING,
    summary="绩效自评说明中各等级项目个数与自评表所列等级不符",
    summary_en="The grade counts in the summary differ from the grades on the forms",
    failing=_example(2, "100.00", "2个项目自评等级为“优”，0个项目自评等级为“良”"),
    passing=_example(2, "100.00", "1个项目自评等级为“优”，1个项目自评等级为“良”"),
)
def grade_counts(ctx: AuditContext) -> Iterable[Finding]:
    """For each grade (优/良/中/差), the count stated in the summary against the forms stating that
    grade. A form without a readable grade could be any grade, so a stated count is consistent
    when known ≤ stated ≤ known + forms without a grade (interval semantics for counts). A grade
    present on the forms but not named in the summary counts as stated 0."""
    forms = ctx.disclosure.evaluations
    r = get_rule("S103")
    if not forms or r is None:
        return
    known = {g: 0 for g in GRADES}
    ungraded = 0
    for f in forms:
        g = grade_of(f)
        if g is None:
            ungraded += 1
        else:
            known[g] += 1
    for c in _summaries(ctx):
        if not c.grades:
            continue
        by_grade = {g.label: g for g in c.grades}
        for grade in GRADES:
            op = by_grade.get(grade)
            n = op.quantity.value if op else Decimal(0)
            if known[grade] <= n <= known[grade] + ungraded:
                continue
            expected = (str(known[grade]) if not ungraded
                        else f"[{known[grade]}, {known[grade] + ungraded}]")
            extra_zh = f"（另有{ungraded}张表未列等级）" if ungraded else ""
            extra_en = f" ({ungraded} forms state no grade)" if ungraded else ""
            anchor = op or c.grades[0]
            quote = op.quote if op else c.grades[0].quote
            yield ctx.finding(
                r,
                message=(f"绩效自评说明称自评等级为“{grade}”的项目{n}个，但自评表中等级为“{grade}”的有"
                         f"{known[grade]}个{extra_zh}。请核对等级统计。"),
                message_en=(f"The summary says {n} projects were graded {grade}, but "
                            f"{known[grade]} forms state that grade{extra_en}. Check the count."),
                span=anchor.quantity.span, quote=quote, stated=str(n), expected=expected,
                part=c.section,
                related=[f.grade.span for f in forms if f.grade is not None
                         and grade_of(f) == grade][:20],
            )


@rule(
    code="S104",
    name="summary.grade-total",
    family=Family.SUMMARY,
    severity=Severity.ERROR,
    summary="各等级项目个数之和不等于自评项目总数",
    summary_en="The grade counts do not add up to the number of projects",
    failing=_narrative_only(3, "1个项目自评等级为“优”，1个项目自评等级为“良”"),
    passing=_narrative_only(2, "1个项目自评等级为“优”，1个项目自评等级为“良”"),
)
def grade_total(ctx: AuditContext) -> Iterable[Finding]:
    """Σ stated grade counts = 涉及项目 N 个, exactly. Not reported when one grade count alone is
    already larger than N (that is N101's finding), nor when the project count or a grade count
    was already reported against the forms (S101, S103): one wrong figure, one finding."""
    r = get_rule("S104")
    if r is None:
        return
    # a count already reported against the forms explains the mismatch: do not cascade
    explained: set[int] = set()
    for code, check in (("S101", project_count), ("S103", grade_counts)):
        other = get_rule(code)
        if other is not None and ctx.config.enabled(other):
            explained.update(f.line or 0 for f in check(ctx))
    for c in _summaries(ctx):
        if c.project_count is None or not c.grades:
            continue
        n = c.project_count.quantity.value
        counts = [g.quantity.value for g in c.grades]
        if sum(counts) == n or any(x > n for x in counts):
            continue
        lines = {o.quantity.span.line for o in (c.project_count, *c.grades) if o.quantity.span}
        if lines & explained:
            continue
        listed = "+".join(g.quantity.text for g in c.grades)
        yield ctx.finding(
            r,
            message=(f"各等级项目个数之和{listed}={sum(counts)}，与所述自评项目{c.project_count.quantity.text}"
                     "个不符。请核对等级统计或项目个数。"),
            message_en=(f"The grade counts {listed} = {sum(counts)} do not add up to the "
                        f"{c.project_count.quantity.text} projects stated. Check the counts."),
            span=c.project_count.quantity.span, quote=c.project_count.quote,
            stated=c.project_count.quantity.text, expected=str(sum(counts)), part=c.section,
            related=[g.quantity.span for g in c.grades if g.quantity.span is not None],
        )
