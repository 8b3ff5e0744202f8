"""Rules on each 项目支出绩效自评表: fund-table arithmetic, scores, totals and grades (F1xx)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from juesuan.audit.arith import (
    HUNDRED,
    clamp,
    consistent,
    fmt,
    fmt_interval,
    ratio_percent,
    total_interval,
)
from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import REGISTRY, Family, rule
from juesuan.audit.rules.narrative import agree
from juesuan.model.evaluation import AnalysisText, FundRow, ProjectEvaluation
from juesuan.model.quantity import Interval, Quantity, parse_decimal
from juesuan.model.spans import SourceSpan
from juesuan.score.values import Numeric, Op, intended_operator, parse_value

_FORM_HEAD = (
    "第五部分 附件\n\n项目名称\t\t示例项目\t\t\t\n"
    "主管部门及代码\t\t218-某市生态环境局\t\t预算单位\t\t218001-某市生态环境局\t\n"
    "项目资金预算安排及执行进度(万元)\t年初预算数\t\t\t全年预算数\t全年执行数\t资金结(转)余\t执行率\t"
    "得分\t偏差原因\n"
    "\t目标申报数\t预算编制数\t\t\t\t\t\t\n"
)
_FORM_INDICATORS = (
    "绩效指标\t一级指标\t二级指标\t三级指标\t年初指标值\t调整后指标值\t实际完成值\t定性值情况说明\t分值\t"
    "得分\t偏差原因分析及改进措施\n"
    "\t产出指标\t数量指标\t完成数量\t=10个\t=10个\t=10个\t\t50\t{s1}\t\n"
    "\t效益指标\t社会效益\t环境改善\t\t提升\t达成预期指标\t\t30\t30\t\n"
    "\t满意度指标\t服务对象满意度\t群众满意度\t≥90%\t≥90%\t≥95%\t\t10\t10\t\n"
    "总分\t\t\t\t\t\t\t\t\t{total}\t{grade}\n"
)


def example_form(
    fund: str = "\t资金总额:\t100\t100\t100\t90\t10\t90\t9\t\n",
    s1: str = "50",
    total: str = "99",
    grade: str = "优",
) -> str:
    """A minimal, well-formed form for rule examples; each argument replaces one stated value."""
    return _FORM_HEAD + fund + _FORM_INDICATORS.format(s1=s1, total=total, grade=grade)


def form_part(form: ProjectEvaluation) -> str:
    """The ``part`` of a finding about one form: ``附件/<项目名称>`` (reports group by it)."""
    return f"附件/{form.name}"


def _cell(q: Quantity) -> str:
    return q.text


def _row_quote(row: FundRow) -> str:
    values = [q.text for q in (row.declared_budget, row.initial_budget, row.annual_budget,
                               row.executed, row.balance, row.execution_rate, row.score) if q]
    return values[0] if values else row.source


_GRADE_WORD_LETTER = {"优秀": "优", "良好": "良", "中等": "中", "较差": "差"}


def _grade_letter(stated: str) -> str:
    """优秀/良好/中等/较差 are the written-out 优/良/中/差; anything else is compared as printed."""
    return _GRADE_WORD_LETTER.get(stated, stated)


def _forms(ctx: AuditContext) -> Iterator[ProjectEvaluation]:
    yield from ctx.disclosure.evaluations


@rule(
    code="F101",
    name="forms.balance",
    family=Family.FORMS,
    severity=Severity.ERROR,
    summary="资金结(转)余应等于全年预算数减全年执行数",
    summary_en="资金结(转)余 (balance) must equal 全年预算数 − 全年执行数",
    failing=example_form(fund="\t资金总额:\t100\t100\t100\t90\t0\t90\t9\t\n"),
    passing=example_form(),
)
def balance(ctx: AuditContext) -> Iterator[Finding]:
    """The balance column restates budget minus execution; compared as intervals."""
    me = REGISTRY["F101"]
    for form in _forms(ctx):
        for row in _fund_rows(form):
            if row.annual_budget is None or row.executed is None or row.balance is None:
                continue
            computed = row.annual_budget.interval() - row.executed.interval()
            if not consistent(computed, row.balance):
                yield ctx.finding(
                    me,
                    message=(f"「{form.name}」{row.source}行：资金结(转)余填报 {row.balance.text}，"
                             f"全年预算数 {row.annual_budget.text} − 全年执行数 {row.executed.text} = "
                             f"{fmt_interval(computed, 3)}；请核对三列数字"),
                    message_en=(f"'{form.name}' {row.source} row: balance {row.balance.text} but "
                                f"budget {row.annual_budget.text} − executed {row.executed.text} = "
                                f"{fmt_interval(computed, 3)}"),
                    span=row.balance.span,
                    quote=_cell(row.balance),
                    stated=row.balance.text,
                    expected=fmt_interval(computed, 3),
                    part=form_part(form),
                    related=[q.span for q in (row.annual_budget, row.executed) if q.span],
                )


def _fund_rows(form: ProjectEvaluation) -> list[FundRow]:
    return [r for r in [form.fund_total, *form.fund_sources] if r is not None]


@rule(
    code="F102",
    name="forms.execution-rate",
    family=Family.FORMS,
    severity=Severity.ERROR,
    summary="执行率应等于全年执行数除以全年预算数",
    summary_en="执行率 must equal 全年执行数 ÷ 全年预算数",
    failing=example_form(fund="\t资金总额:\t100\t100\t100\t90\t10\t100\t10\t\n", total="100"),
    passing=example_form(),
)
def execution_rate(ctx: AuditContext) -> Iterator[Finding]:
    """执行率 = 全年执行数 / 全年预算数 × 100 (the form's own note 4); untestable when the budget is 0."""
    me = REGISTRY["F102"]
    for form in _forms(ctx):
        for row in _fund_rows(form):
            if row.annual_budget is None or row.executed is None or row.execution_rate is None:
                continue
            computed = ratio_percent(row.executed.interval(), row.annual_budget.interval())
            if row.annual_budget.value == 0:
                # Nothing to divide by; a stated rate other than 0 claims execution out of nothing.
                if row.executed.value == 0 or row.execution_rate.value == 0:
                    continue
                computed = None
            if computed is None and row.annual_budget.value != 0:
                continue
            if computed is not None and consistent(computed, row.execution_rate):
                continue
            expected = fmt_interval(computed) if computed is not None else "无法计算（全年预算数为0）"
            yield ctx.finding(
                me,
                message=(f"「{form.name}」{row.source}行：执行率填报 {row.execution_rate.text}%，"
                         f"按全年执行数 {row.executed.text} ÷ 全年预算数 {row.annual_budget.text} "
                         f"应为 {expected}%"),
                message_en=(f"'{form.name}' {row.source} row: execution rate "
                            f"{row.execution_rate.text}% but executed {row.executed.text} ÷ budget "
                            f"{row.annual_budget.text} gives {expected}%"),
                span=row.execution_rate.span,
                quote=_cell(row.execution_rate),
                stated=row.execution_rate.text,
                expected=expected,
                part=form_part(form),
                related=[q.span for q in (row.annual_budget, row.executed) if q.span],
            )


@rule(
    code="F103",
    name="forms.budget-score",
    family=Family.FORMS,
    severity=Severity.ERROR,
    summary="预算执行得分应等于执行率乘以其分值（不超过分值）",
    summary_en="the fund row's 得分 must equal 执行率 × its weight, capped at the weight",
    failing=example_form(fund="\t资金总额:\t100\t100\t100\t90\t10\t90\t10\t\n", total="100"),
    passing=example_form(),
)
def budget_score(ctx: AuditContext) -> Iterator[Finding]:
    """得分 of the 资金总额 row = min(执行率, 100%) × 分值 (10 under the national rules)."""
    me = REGISTRY["F103"]
    weight = ctx.config.fund_weight
    for form in _forms(ctx):
        row = form.amounts
        if row is None or row.execution_rate is None or row.score is None:
            continue
        rate = clamp(row.execution_rate.interval(), Decimal(0), Decimal(100))
        computed = (rate / HUNDRED)
        assert computed is not None
        computed = computed.scale(weight)
        if consistent(computed, row.score):
            continue
        yield ctx.finding(
            me,
            message=(f"「{form.name}」预算执行得分填报 {row.score.text}，按执行率 "
                     f"{row.execution_rate.text}% × {fmt(weight, 0)} 分应为 {fmt_interval(computed)}"),
            message_en=(f"'{form.name}': fund score {row.score.text} but rate "
                        f"{row.execution_rate.text}% × {fmt(weight, 0)} gives "
                        f"{fmt_interval(computed)}"),
            span=row.score.span,
            quote=_cell(row.score),
            stated=row.score.text,
            expected=fmt_interval(computed),
            part=form_part(form),
            related=[row.execution_rate.span] if row.execution_rate.span else [],
        )


@rule(
    code="F104",
    name="forms.score-exceeds-weight",
    family=Family.FORMS,
    severity=Severity.ERROR,
    summary="指标得分不得超过其分值",
    summary_en="an indicator's 得分 must not exceed its 分值 (weight)",
    failing=example_form(s1="55", total="104"),
    passing=example_form(),
)
def score_exceeds_weight(ctx: AuditContext) -> Iterator[Finding]:
    """Each indicator earns at most its weight; also a negative score is impossible."""
    me = REGISTRY["F104"]
    for form in _forms(ctx):
        for ind in form.indicators:
            if ind.score is None or ind.weight is None:
                continue
            if ind.score.interval().lo <= ind.weight.interval().hi and ind.score.value >= 0:
                continue
            yield ctx.finding(
                me,
                message=(f"「{form.name}」指标「{ind.name}」得分 {ind.score.text} 超出分值 "
                         f"{ind.weight.text}"),
                message_en=(f"'{form.name}' indicator '{ind.name}': score {ind.score.text} exceeds "
                            f"its weight {ind.weight.text}"),
                span=ind.score.span,
                quote=ind.score.text,
                stated=ind.score.text,
                expected=f"[0, {ind.weight.text}]",
                part=form_part(form),
                related=[ind.weight.span] if ind.weight.span else [],
            )


@rule(
    code="F105",
    name="forms.weights-sum",
    family=Family.FORMS,
    severity=Severity.ERROR,
    summary="指标分值与预算执行分值之和应为100",
    summary_en="indicator weights plus the fund row's weight must add up to 100",
    failing=example_form().replace("\t30\t30\t", "\t20\t30\t"),
    passing=example_form(),
)
def weights_sum(ctx: AuditContext) -> Iterator[Finding]:
    """Σ 分值 over the indicators + the fund row's 分值 (10) = 100.

    Weights are defined numbers, not roundings of a measured value, so they are summed exactly.
    """
    me = REGISTRY["F105"]
    for form in _forms(ctx):
        weights = [i.weight for i in form.indicators if i.weight is not None]
        if not weights or len(weights) < len(form.indicators):
            continue  # a missing weight is reported by the malformed-value rule, not summed here
        total = sum((w.value for w in weights), Decimal(0)) + ctx.config.fund_weight
        if total == ctx.config.total_weight:
            continue
        first = weights[0]
        yield ctx.finding(
            me,
            message=(f"「{form.name}」各指标分值合计 {fmt(total - ctx.config.fund_weight, 2)}，"
                     f"加预算执行 {fmt(ctx.config.fund_weight, 0)} 分为 {fmt(total, 2)}，应为 "
                     f"{fmt(ctx.config.total_weight, 0)}"),
            message_en=(f"'{form.name}': indicator weights add to "
                        f"{fmt(total - ctx.config.fund_weight, 2)}, with the fund row "
                        f"{fmt(total, 2)}, expected {fmt(ctx.config.total_weight, 0)}"),
            span=first.span,
            quote=first.text,
            stated=fmt(total, 2),
            expected=fmt(ctx.config.total_weight, 0),
            part=form_part(form),
            related=[w.span for w in weights[1:] if w.span],
        )


@rule(
    code="F106",
    name="forms.total-score",
    family=Family.FORMS,
    severity=Severity.ERROR,
    summary="总分应等于预算执行得分与各指标得分之和",
    summary_en="总分 must equal the fund row's score plus every indicator's score",
    failing=example_form(total="95"),
    passing=example_form(),
)
def total_score(ctx: AuditContext) -> Iterator[Finding]:
    """总分 = 得分(资金总额) + Σ 得分(指标).

    The form's total is the sum of its own printed score cells, so the cells are added exactly and
    only the total's printed precision widens the comparison (``100`` stands for [99.5, 100.5]).
    """
    me = REGISTRY["F106"]
    for form in _forms(ctx):
        fund = form.amounts
        if form.total_score is None or fund is None or fund.score is None:
            continue
        scores = [i.score for i in form.indicators if i.score is not None]
        if len(scores) < len(form.indicators) or not scores:
            continue
        computed = Interval.point(sum((q.value for q in scores), fund.score.value))
        if consistent(computed, form.total_score):
            continue
        yield ctx.finding(
            me,
            message=(f"「{form.name}」总分填报 {form.total_score.text}，预算执行得分 "
                     f"{fund.score.text} 加 {len(scores)} 项指标得分合计为 "
                     f"{fmt_interval(computed)}"),
            message_en=(f"'{form.name}': 总分 {form.total_score.text} but the fund score "
                        f"{fund.score.text} plus {len(scores)} indicator scores give "
                        f"{fmt_interval(computed)}"),
            span=form.total_score.span,
            quote=form.total_score.text,
            stated=form.total_score.text,
            expected=fmt_interval(computed),
            part=form_part(form),
            related=[q.span for q in (fund.score, *scores) if q.span],
        )


@rule(
    code="F107",
    name="forms.grade",
    family=Family.FORMS,
    severity=Severity.ERROR,
    summary="等级应与总分对应（优≥90，良≥80，中≥60，否则差）",
    summary_en="等级 must follow 总分 (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差; configurable)",
    failing=example_form(grade="良"),
    passing=example_form(),
)
def grade(ctx: AuditContext) -> Iterator[Finding]:
    """The grade band for the stated total under the configured thresholds (national 90/80/60)."""
    me = REGISTRY["F107"]
    for form in _forms(ctx):
        if form.total_score is None or form.grade is None:
            continue
        stated = form.grade.text.strip()
        expected = ctx.config.grade_for(form.total_score.value)
        if _grade_letter(stated) == expected:
            continue
        yield ctx.finding(
            me,
            message=(f"「{form.name}」总分 {form.total_score.text} 对应等级应为「{expected}」，"
                     f"表中填报「{stated}」"),
            message_en=(f"'{form.name}': total {form.total_score.text} is grade '{expected}', "
                        f"the form states '{stated}'"),
            span=form.grade.span,
            quote=form.grade.text,
            stated=stated,
            expected=expected,
            part=form_part(form),
            related=[form.total_score.span] if form.total_score.span else [],
        )


@rule(
    code="F108",
    name="forms.missing-total-or-grade",
    family=Family.FORMS,
    severity=Severity.WARNING,
    summary="自评表缺少总分或等级",
    summary_en="a self-evaluation form states no 总分 or no 等级",
    failing=example_form(grade=""),
    passing=example_form(),
)
def missing_total_or_grade(ctx: AuditContext) -> Iterator[Finding]:
    """A form must state both its 总分 and its 等级."""
    me = REGISTRY["F108"]
    for form in _forms(ctx):
        missing = [label for label, value in (("总分", form.total_score), ("等级", form.grade))
                   if value is None]
        if not missing:
            continue
        labels = "、".join(missing)
        labels_en = " and ".join("total" if m == "总分" else "grade" for m in missing)
        yield ctx.finding(
            me,
            message=f"「{form.name}」未填报{labels}",
            message_en=f"'{form.name}' states no {labels_en}",
            span=form.span,
            quote=form.name,
            stated=None,
            expected=labels,
            part=form_part(form),
        )


@rule(
    code="F109",
    name="forms.sources-sum",
    family=Family.FORMS,
    severity=Severity.WARNING,
    summary="各资金来源行之和应等于资金总额行",
    summary_en="the fund-source rows must add up to the 资金总额 row, column by column",
    failing=example_form(fund="\t资金总额:\t100\t100\t100\t90\t10\t90\t9\t\n"
                              "市县区财政资金\t100\t0\t0\t0\t0\t0.00\t0.00\t\n"),
    passing=example_form(fund="\t资金总额:\t100\t100\t100\t90\t10\t90\t9\t\n"
                              "市县区财政资金\t100\t100\t100\t90\t10\t90.00\t9.00\t无\n"),
)
def sources_sum(ctx: AuditContext) -> Iterator[Finding]:
    """For the money columns, Σ source rows = the 资金总额 row (rates and scores are not summed)."""
    me = REGISTRY["F109"]
    columns = (("declared_budget", "目标申报数"), ("initial_budget", "预算编制数"),
               ("annual_budget", "全年预算数"), ("executed", "全年执行数"),
               ("balance", "资金结(转)余"))
    for form in _forms(ctx):
        total_row = form.fund_total
        if total_row is None or not form.fund_sources:
            continue
        for attr, label in columns:
            total_q: Quantity | None = getattr(total_row, attr)
            parts: list[Quantity] = [getattr(r, attr) for r in form.fund_sources]
            if total_q is None or any(p is None for p in parts):
                continue
            computed = total_interval(parts)
            if consistent(computed, total_q):
                continue
            first = parts[0]
            yield ctx.finding(
                me,
                message=(f"「{form.name}」{label}：资金来源行合计 {fmt_interval(computed, 3)}，"
                         f"资金总额行为 {total_q.text}"),
                message_en=(f"'{form.name}' {label}: source rows add to "
                            f"{fmt_interval(computed, 3)}, the total row states {total_q.text}"),
                span=first.span,
                quote=first.text,
                stated=total_q.text,
                expected=fmt_interval(computed, 3),
                part=form_part(form),
                related=[total_q.span] if total_q.span else [],
            )
            break  # one finding per form: the columns usually fail together


_RATE_RE = re.compile(r"(?:预算)?执行率(?:为|达到|达)?\s*(\d+(?:\.\d+)?)\s*[%％]")

_RATE_BASES = (("initial_budget", "预算编制数", "budgeted amount (预算编制数)"),
               ("declared_budget", "目标申报数", "declared amount (目标申报数)"),
               ("annual_budget", "全年预算数", "full-year budget (全年预算数)"))
"""The budgets a form's text may divide 全年执行数 by; the table's 执行率 divides by 全年预算数."""


@dataclass(frozen=True, slots=True)
class StatedRate:
    """An execution rate the form's analysis text states, where it stands and what it is."""

    text: AnalysisText
    match: re.Match[str]
    quantity: Quantity

    def span(self) -> SourceSpan:
        line_offset = self.text.text[: self.match.start(1)].count("\n")
        return self.text.span.model_copy(update={"line": self.text.span.line + line_offset,
                                                 "column": None, "cell": None})


def stated_rates(form: ProjectEvaluation) -> Iterator[StatedRate]:
    for text in form.analysis:
        for match in _RATE_RE.finditer(text.text):
            value, decimals = parse_decimal(match.group(1))
            yield StatedRate(text, match, Quantity(value=value, decimals=decimals, unit="%",
                                                   text=match.group(1)))


def rate_bases(row: FundRow) -> list[tuple[str, str, Quantity, Interval]]:
    """(name, English name, budget, executed ÷ budget in percent) for each budget the row states."""
    out: list[tuple[str, str, Quantity, Interval]] = []
    if row.executed is None:
        return out
    for attr, zh, en in _RATE_BASES:
        budget: Quantity | None = getattr(row, attr)
        if budget is None:
            continue
        rate = ratio_percent(row.executed.interval(), budget.interval())
        if rate is not None:
            out.append((zh, en, budget, rate))
    return out


@rule(
    code="F110",
    name="forms.analysis-contradicts-table",
    family=Family.FORMS,
    severity=Severity.WARNING,
    summary="自评分析文字中的执行率与表中数字矛盾",
    summary_en="an execution rate stated in the form's analysis text contradicts its fund table",
    failing=example_form() + "项目绩效分析\t自评结果分析\t\t本项目预算执行率80%。\t\n",
    passing=example_form() + "项目绩效分析\t自评结果分析\t\t本项目预算执行率90%。\t\n",
)
def analysis_contradicts_table(ctx: AuditContext) -> Iterator[Finding]:
    """A rate in the analysis text must match the table's 执行率, or 全年执行数 divided by one of
    the budgets the table states (预算编制数, 目标申报数, 全年预算数).

    A rate that matches only another budget than the table's is not a contradiction: F112 names
    the base that explains it.
    """
    me = REGISTRY["F110"]
    for form in _forms(ctx):
        row = form.amounts
        if row is None or row.execution_rate is None:
            continue
        bases = rate_bases(row)
        initial = next((b for b in bases if b[0] == "预算编制数"), None)
        for rate in stated_rates(form):
            if consistent(row.execution_rate.interval(), rate.quantity) or any(
                consistent(b[3], rate.quantity) for b in bases
            ):
                continue
            stated_text = rate.match.group(1)
            yield ctx.finding(
                me,
                message=(f"「{form.name}」分析文字称执行率 {stated_text}%，表中执行率为 "
                         f"{row.execution_rate.text}%"
                         + (f"，按预算编制数计算为 {fmt_interval(initial[3])}%"
                            if initial is not None else "")),
                message_en=(f"'{form.name}': the analysis says execution rate "
                            f"{stated_text}%, the table states {row.execution_rate.text}%"),
                span=rate.span(),
                quote=rate.match.group(0),
                stated=stated_text,
                expected=row.execution_rate.text,
                part=form_part(form),
                related=[row.execution_rate.span] if row.execution_rate.span else [],
            )


@rule(
    code="F112",
    name="forms.analysis-rate-base",
    family=Family.FORMS,
    severity=Severity.INFO,
    summary="自评分析文字中的执行率与表中执行率不同，但与执行数除以另一口径的预算相符（同一项目公布了两个执行率）",
    summary_en="the analysis text's execution rate differs from the table's but matches 全年执行数 "
               "over another budget (two rates published for one project)",
    failing=example_form(fund="\t资金总额:\t100\t100\t90\t90\t0\t100\t10\t\n", total="100")
    + "项目绩效分析\t自评结果分析\t\t实际执行90万元，预算执行率90%。\t\n",
    passing=example_form(fund="\t资金总额:\t100\t100\t90\t90\t0\t100\t10\t\n", total="100")
    + "项目绩效分析\t自评结果分析\t\t实际执行90万元，预算执行率100%。\t\n",
)
def analysis_rate_base(ctx: AuditContext) -> Iterator[Finding]:
    """The table's 执行率 is 全年执行数 ÷ 全年预算数 (the form's own note); the analysis text often
    divides by the 年初 budget (预算编制数, or the 目标申报数) instead, so one project publishes two
    rates — 82% in the text, 94.07% in the table. Not an error (both are arithmetic), but a reader
    comparing them deserves to be told which base explains the text's figure: information.
    """
    me = REGISTRY["F112"]
    for form in _forms(ctx):
        row = form.amounts
        if row is None or row.execution_rate is None or row.executed is None:
            continue
        bases = rate_bases(row)
        for rate in stated_rates(form):
            if agree(rate.quantity, row.execution_rate):
                continue  # one rate printed twice: equal at one precision, meeting otherwise
            matching = [b for b in bases if consistent(b[3], rate.quantity)]
            if not matching:
                continue  # F110: no base explains it
            stated_text = rate.match.group(1)
            zh = "、".join(f"{b[0]} {b[2].text}" for b in matching)
            en = ", ".join(f"{b[1]} {b[2].text}" for b in matching)
            table_base = "" if row.annual_budget is None else \
                f"（全年执行数 {row.executed.text} ÷ 全年预算数 {row.annual_budget.text}）"
            yield ctx.finding(
                me,
                message=(f"「{form.name}」分析文字称执行率 {stated_text}%，表中执行率为 "
                         f"{row.execution_rate.text}%{table_base}；{stated_text}% 是全年执行数 "
                         f"{row.executed.text} ÷ {zh} = {fmt_interval(matching[0][3])}%："
                         f"同一项目公布了两个执行率，分母口径不同"),
                message_en=(f"'{form.name}': the analysis says execution rate {stated_text}%, the "
                            f"table states {row.execution_rate.text}%; {stated_text}% is executed "
                            f"{row.executed.text} ÷ {en} = {fmt_interval(matching[0][3])}%: two "
                            f"rates on different bases for one project"),
                span=rate.span(),
                quote=rate.match.group(0),
                stated=stated_text,
                expected=row.execution_rate.text,
                part=form_part(form),
                related=[q.span for q in (row.execution_rate, row.executed, *(b[2] for b in matching))
                         if q is not None and q.span is not None],
            )


_NUMBER_IN_VALUE = re.compile(r"\d")
_OPERATOR_ONLY = re.compile(r"^[=≥≤><＝]+\s*[%％]?\S{0,4}$")


@rule(
    code="F111",
    name="forms.malformed-value",
    family=Family.FORMS,
    severity=Severity.WARNING,
    summary="指标的调整后指标值或实际完成值缺失或只有运算符没有数字",
    summary_en="an indicator's adjusted target or actual value is missing, or an operator with no "
               "number",
    failing=example_form().replace("=10个\t=10个\t=10个", "=10个\t=10个\t=个"),
    passing=example_form(),
)
def malformed_value(ctx: AuditContext) -> Iterator[Finding]:
    """A scored indicator needs a readable target and actual: ``≥%`` or an empty actual is not one.

    The 年初指标值 column is not checked: in many exports it holds the template (``=次/天``) by design.
    """
    me = REGISTRY["F111"]
    for form in _forms(ctx):
        for ind in form.indicators:
            if ind.score is None:
                continue
            for label, label_en, value in (("调整后指标值", "adjusted target", ind.adjusted_target),
                                           ("实际完成值", "actual", ind.actual)):
                if value is None or not value.strip():
                    problem, problem_en = "为空", "is empty"
                elif _OPERATOR_ONLY.match(value.strip()) and not _NUMBER_IN_VALUE.search(value):
                    problem, problem_en = f"「{value}」只有运算符和单位，没有数值", \
                        f"'{value}' has an operator and unit but no number"
                else:
                    continue
                yield ctx.finding(
                    me,
                    message=f"「{form.name}」指标「{ind.name}」的{label}{problem}",
                    message_en=f"'{form.name}' indicator '{ind.name}': the {label_en} {problem_en}",
                    span=ind.span,
                    quote=ind.name or (value or ""),
                    stated=value,
                    expected=None,
                    part=form_part(form),
                )


_VALUE_COLUMNS = (("initial_target", "年初指标值", "initial target"),
                  ("adjusted_target", "调整后指标值", "adjusted target"),
                  ("actual", "实际完成值", "actual"))


@rule(
    code="F113",
    name="forms.mangled-operator",
    family=Family.FORMS,
    severity=Severity.WARNING,
    summary="指标值的运算符被导出损坏（如“W90%”“≠241家”），指标值无法读取",
    summary_en="an indicator value's operator was mangled by the export (W90%, ≠241家): the target "
               "cannot be read",
    failing=example_form().replace("≥90%\t≥90%\t≥95%", "W%\tW90%\tW95%"),
    passing=example_form().replace("≥90%\t≥90%\t≥95%", "＞＝90%\t＞＝90%\t＞＝95%"),
)
def mangled_operator(ctx: AuditContext) -> Iterator[Finding]:
    """A glyph standing where a comparison operator belongs: ``W`` (``W85%``: the reference's
    satisfaction targets), ``?``/``？`` or the replacement character before a figure, and ``≠``
    (``≠241家`` is no target). Spellings that read plainly (``＞＝``, ``≧``, ``>=``) are not reported.

    One finding per indicator, quoting its mangled target or actual (the 年初指标值 cell only when it
    alone is mangled) and listing every mangled cell. Where the reading is unambiguous the
    message says how the scorer reads it: a satisfaction indicator is higher-is-better, so ``≥``;
    an actual equal to the target is met whatever the operator; otherwise the target stays unread.
    """
    me = REGISTRY["F113"]
    for form in _forms(ctx):
        for ind in form.indicators:
            mangled: list[tuple[str, str, str, Numeric]] = []
            for attr, zh, en in _VALUE_COLUMNS:
                cell: str | None = getattr(ind, attr)
                value = parse_value(cell)
                if cell and isinstance(value, Numeric) and value.op is Op.UNKNOWN:
                    mangled.append((cell.strip(), zh, en, value))
            if not mangled:
                continue
            # Quote the target or actual the score rests on; the 年初 column only when alone.
            quote, zh, en, first = next((m for m in mangled if m[1] != "年初指标值"), mangled[0])
            target = parse_value(ind.adjusted_target)
            actual = parse_value(ind.actual)
            reading = intended_operator(first.glyph, ind.level1, ind.level2, ind.name)
            if reading is not None:
                how = f"；{reading[1]}，评分时读作「{reading[0].value}」"
                how_en = f"; read as '{reading[0].value}' when scoring (a satisfaction rate)"
            elif (isinstance(target, Numeric) and isinstance(actual, Numeric)
                  and target.value is not None and target.value == actual.value
                  and target.unit == actual.unit):
                how = "；实际完成值与指标值相同，无论原为何种运算符均为达成"
                how_en = "; the actual equals the target, met whatever the operator was"
            else:
                how = "；原运算符无法判断，该指标得分无法复核"
                how_en = "; the intended operator cannot be told, the score cannot be checked"
            cells = "、".join(f"{z}「{c}」" for c, z, _, _ in mangled)
            yield ctx.finding(
                me,
                message=(f"「{form.name}」指标「{ind.name or '（未命名）'}」的{cells}中，"
                         f"「{first.glyph}」不是比较运算符（导出损坏），指标值无法读取{how}"),
                message_en=(f"'{form.name}' indicator '{ind.name or '(unnamed)'}': the {en} "
                            f"'{quote}' has '{first.glyph}' where an operator belongs (mangled "
                            f"by the export){how_en}"),
                span=ind.span,
                quote=quote,
                stated=quote,
                expected=f"{reading[0].value}{quote[1:]}" if reading is not None else None,
                part=form_part(form),
            )
