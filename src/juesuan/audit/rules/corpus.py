"""Cross-document rules (M1xx): one disclosure against the others stored beside it.

A disclosure states last year's figures only implicitly (``比上年增加 D万元``: last year = this year
∓ D), sums its units' money, and carries its projects over from one year to the next; only the other
disclosures can confirm those statements. These rules ask the warehouse (or any
:class:`~juesuan.audit.corpus.RelatedDocuments`) for last year's disclosure of the same department,
the disclosures of its units and the forms of the same project; audited alone, they report nothing.
Every comparison is between intervals (a stated figure stands for every value its shown decimals
allow), so a figure that agrees within rounding is never reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.audit.context import AuditContext
from juesuan.audit.corpus import DocumentRef, RelatedDocuments, document_kind
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import REGISTRY, Family, rule
from juesuan.audit.rules.forms import example_form, form_part
from juesuan.audit.rules.narrative import show, stated
from juesuan.model.claims import MONEY_UNITS, ChangeClaim, Claim, Operand, normalize_label
from juesuan.model.disclosure import Disclosure
from juesuan.model.evaluation import FundRow, ProjectEvaluation
from juesuan.model.quantity import Interval, Quantity
from juesuan.model.spans import SourceSpan
from juesuan.model.stated_tables import find_table

HUNDRED = Decimal(100)
CARRYOVER = "上年结转"
"""A form's fund source for money carried over from last year (上年结转资金)."""


def _cover(department: str, year: int, kind: str = "部门决算") -> str:
    return f"{department}\n{year}年度{kind}公开\n\n"


_OVERALL = "第三部分 情况说明\n\n一、收入支出决算总体情况说明\n\n"
_GENERAL = "第三部分 情况说明\n\n五、一般公共预算财政拨款支出决算情况说明\n\n"
_DEPT = "某市生态环境局"
_UNIT = "某市生态环境局城区分局"
_CARRY_ROW = "上年结转资金\t0\t{0}\t{0}\t{0}\t0\t100\t10\t\n"
_FUND = "\t资金总额:\t100\t100\t100\t90\t10\t90\t9\t\n"


def _related(ctx: AuditContext) -> RelatedDocuments | None:
    """The other documents, when the disclosure is final accounts with a department and a year."""
    d = ctx.disclosure
    if ctx.related is None or d.year is None or document_kind(d) not in ("department", "unit"):
        return None
    return ctx.related


def _others(ctx: AuditContext, refs: list[DocumentRef]) -> list[DocumentRef]:
    """``refs`` without this disclosure itself (the same content, wherever it was read)."""
    return [r for r in refs if r.doc_id != ctx.document_id and r.source != ctx.disclosure.source]


def _where(ref: DocumentRef, span: SourceSpan | None) -> SourceSpan:
    """A span in another document: its source named, so reports can say which file."""
    return (span or SourceSpan(line=1)).model_copy(update={"file": ref.source})


def _operands(claim: Claim) -> Iterator[Operand]:
    for name in ("current", "total", "part", "whole", "actual", "left", "right"):
        value = getattr(claim, name, None)
        if isinstance(value, Operand):
            yield value
    for value in getattr(claim, "parts", []):
        yield value


def _comparable(a: Quantity, b: Quantity) -> bool:
    return a.unit == b.unit or (a.unit in MONEY_UNITS and b.unit in MONEY_UNITS)


def statements_of(disclosure: Disclosure, subject: str, like: Quantity) -> list[Quantity]:
    """Every figure the disclosure states for ``subject`` (compared after normalize_label), as
    this year's outturn, in a unit comparable with ``like``; narrative figures when no claim has it."""
    key = normalize_label(subject)
    found = [o.quantity for c in disclosure.claims for o in _operands(c)
             if o.role == "actual" and normalize_label(o.subject) == key
             and _comparable(o.quantity, like)]
    if not found:
        found = [f.quantity for f in disclosure.figures
                 if normalize_label(f.label) == key and _comparable(f.quantity, like)]
    return found


def implied_prior(claim: ChangeClaim) -> Interval | None:
    """Last year's figure as the sentence implies it: this year ∓ the change, or this year ÷
    (1 ± the rate) when only a rate is stated; ``None`` when nothing is implied."""
    if claim.current is None:
        return None
    current = stated(claim.current.quantity)
    if claim.direction == "unchanged":
        return current
    if claim.change is not None and claim.direction in ("increase", "decrease"):
        change = stated(claim.change)
        return current - change if claim.direction == "increase" else current + change
    if claim.rate is not None and claim.rate_direction is not None:
        rate = stated(claim.rate).scale(Decimal("0.01"))
        one = Interval.point(Decimal(1))
        return current / (one + rate if claim.rate_direction == "increase" else one - rate)
    return None


@rule(
    code="M101",
    name="corpus.prior-year",
    family=Family.CORPUS,
    severity=Severity.ERROR,
    summary="所述与上年相比的增减与上年决算公开中的上年数不符",
    summary_en="a change against last year contradicts last year's disclosure of the department",
    failing=_cover(_DEPT, 2024) + _OVERALL
    + "2024年度收入总计1,100.00万元。与上年相比，收入总计增加150.00万元，增长15.79%。",
    passing=_cover(_DEPT, 2024) + _OVERALL
    + "2024年度收入总计1,100.00万元。与上年相比，收入总计增加100.0万元，增长10.00%。",
    corpus=(_cover(_DEPT, 2023) + _OVERALL + "2023年度收入总计1,000.00万元，支出总计1,000.00万元。",),
)
def prior_year(ctx: AuditContext) -> Iterator[Finding]:
    """This year ∓ the stated change (or this year ÷ (1 ± the rate)) must reproduce what last
    year's disclosure of the same department stated for the same item, within rounding: with
    ``1,100.00万元`` and ``增加100.0万元`` last year lies in [999.945, 1000.055] and a stated
    ``1,000.00`` agrees; ``增加150.00万元`` implies 950.00, which no rounding of 1,000.00 reaches."""
    related = _related(ctx)
    d = ctx.disclosure
    if related is None or d.year is None or d.department is None:
        return
    priors = _others(ctx, related.documents(department=d.department, year=d.year - 1))
    if not priors:
        return
    ref = priors[0]
    prior_doc = related.disclosure(ref)
    me = REGISTRY["M101"]
    for claim in ctx.claims:
        if not isinstance(claim, ChangeClaim) or claim.current is None:
            continue
        implied = implied_prior(claim)
        if implied is None:
            continue
        said = statements_of(prior_doc, claim.current.subject, claim.current.quantity)
        if not said or any(stated(q).intersects(implied) for q in said):
            continue
        first = said[0]
        places = max(first.decimals, claim.current.quantity.decimals)
        yield ctx.finding(
            me,
            message=(f"{claim.current.subject}{claim.basis}的增减推算上年数为 {show(implied, places)}，"
                     f"而 {ref.year} 年决算公开（{ref.source}）所列为 {first.text}"
                     f"{first.unit or ''}。请核对增减额、增幅或上年数。"),
            message_en=(f"{claim.current.subject}: the change stated {claim.basis} implies last "
                        f"year's figure was {show(implied, places)}, but the {ref.year} disclosure "
                        f"({ref.source}) states {first.text}. Check the change, the rate or last "
                        "year's figure."),
            span=claim.span, quote=claim.quote, stated=show(implied, places), expected=first.text,
            part=claim.section, related=[_where(ref, q.span) for q in said][:5])


def general_spending(disclosure: Disclosure) -> Quantity | None:
    """一般公共预算财政拨款支出: 公开05表's 合计, else the narrative's statement of it."""
    table = find_table(disclosure.tables, 5)
    row = table.total_row() if table else None
    if row is not None:
        first = next((q for q in row.amounts() if q is not None), None)
        if first is not None:
            unit = table.unit if table else None
            return first.model_copy(update={"unit": unit or first.unit or "万元"})
    like = Quantity.parse("0", unit="万元")
    said = statements_of(disclosure, "一般公共预算财政拨款支出", like)
    return said[0] if said else None


@rule(
    code="M102",
    name="corpus.unit-totals",
    family=Family.CORPUS,
    severity=Severity.ERROR,
    summary="所属单位的一般公共预算财政拨款支出之和超过部门决算所列",
    summary_en="the units' general-budget appropriation spending adds up to more than the department's",
    failing=_cover(_DEPT, 2024) + _GENERAL + "2024年一般公共预算财政拨款支出500.00万元。",
    passing=_cover(_DEPT, 2024) + _GENERAL + "2024年一般公共预算财政拨款支出900.00万元。",
    corpus=(_cover(_UNIT, 2024, "单位决算") + _GENERAL + "2024年一般公共预算财政拨款支出600.00万元。\n\n"
            + example_form().replace("218001-某市生态环境局\t", f"218005-{_UNIT}\t"),),
)
def unit_totals(ctx: AuditContext) -> Iterator[Finding]:
    """A department's 决算 consolidates its units' (所属单位). 财政拨款 money reaches each unit from
    the treasury directly, so no internal transfer is netted out of it: the department's
    一般公共预算财政拨款支出 (公开05表 合计) is at least the sum of the units' that are stored, each
    widened to its rounding interval."""
    related = _related(ctx)
    d = ctx.disclosure
    if related is None or document_kind(d) != "department" or d.department is None:
        return
    units = _others(ctx, related.documents(parent=d.department, year=d.year))
    mine = general_spending(d)
    if not units or mine is None:
        return
    theirs = [(r, general_spending(related.disclosure(r))) for r in units]
    stated_units = [(r, q) for r, q in theirs if q is not None]
    if not stated_units:
        return
    total = Interval.point(Decimal(0))
    for _, q in stated_units:
        total = total + stated(q)
    if total.lo <= stated(mine).hi:
        return
    listing = "、".join(f"{r.department} {q.text}" for r, q in stated_units)
    yield ctx.finding(
        REGISTRY["M102"],
        message=(f"所属单位决算公开的一般公共预算财政拨款支出合计 {show(total, 2)}万元（{listing}），"
                 f"超过本部门所列 {mine.text}{mine.unit or ''}。请核对部门决算或单位决算。"),
        message_en=(f"The units' disclosures add up to {show(total, 2)} 万元 of general-budget "
                    f"appropriation spending, more than the department's {mine.text}. Check the "
                    "department's or the units' final accounts."),
        span=mine.span, quote=mine.text, stated=mine.text, expected=f">= {show(total, 2)}",
        related=[_where(r, q.span) for r, q in stated_units][:10])


def _carryover(form: ProjectEvaluation) -> FundRow | None:
    return next((r for r in form.fund_sources if CARRYOVER in r.source), None)


def _balance(form: ProjectEvaluation) -> Interval | None:
    """A form's 资金结(转)余: as stated, else 全年预算数 − 全年执行数."""
    row = form.fund_total
    if row is None:
        return None
    if row.balance is not None:
        return stated(row.balance)
    if row.annual_budget is not None and row.executed is not None:
        return stated(row.annual_budget) - stated(row.executed)
    return None


@rule(
    code="M103",
    name="corpus.project-carryover",
    family=Family.CORPUS,
    severity=Severity.ERROR,
    summary="项目的上年结转资金超过该项目上年自评表所列的资金结(转)余",
    summary_en="a project's carried-over money exceeds the balance its form stated last year",
    failing=_cover(_DEPT, 2024) + example_form(fund=_FUND + _CARRY_ROW.format(30)),
    passing=_cover(_DEPT, 2024) + example_form(fund=_FUND + _CARRY_ROW.format(10)),
    corpus=(_cover(_DEPT, 2023) + example_form(),),
)
def project_carryover(ctx: AuditContext) -> Iterator[Finding]:
    """A project whose form lists 上年结转资金 this year cannot carry over more than the same
    project's form (same 项目名称 and 预算单位代码) left unspent last year: the carried-over 全年预算数
    must not exceed last year's 资金结(转)余, both widened to their rounding intervals."""
    related = _related(ctx)
    d = ctx.disclosure
    if related is None or d.year is None:
        return
    for form in d.evaluations:
        carried = _carryover(form)
        amount = None if carried is None else carried.annual_budget or carried.initial_budget
        if carried is None or amount is None:
            continue
        for ref, index in related.forms_named(form.name, d.year - 1, form.unit_code):
            if not _others(ctx, [ref]):
                continue
            before = related.disclosure(ref).evaluations[index]
            balance = _balance(before)
            if balance is None or stated(amount).lo <= balance.hi:
                continue
            yield ctx.finding(
                REGISTRY["M103"],
                message=(f"「{form.name}」上年结转资金 {amount.text}万元，超过该项目 {ref.year} 年自评表"
                         f"（{ref.source}）的资金结(转)余 {show(balance, 2)}万元。请核对结转资金。"),
                message_en=(f"'{form.name}': {amount.text} 万元 carried over from last year exceeds "
                            f"the balance of {show(balance, 2)} 万元 on the project's {ref.year} form "
                            f"({ref.source}). Check the carried-over money."),
                span=amount.span or carried.span, quote=amount.text, stated=amount.text,
                expected=f"<= {show(balance, 2)}", part=form_part(form),
                related=[_where(ref, before.fund_total.span if before.fund_total else before.span)])
            break


@rule(
    code="M104",
    name="corpus.unit-identity",
    family=Family.CORPUS,
    severity=Severity.ERROR,
    summary="同一年度的其他决算公开对同一预算单位代码（或单位）使用了不同的名称（或代码）",
    summary_en="another disclosure of the same year names a unit code differently (or a unit with another code)",
    failing=_cover(_UNIT, 2024, "单位决算")
    + example_form().replace("218001-某市生态环境局\t", f"218001-{_UNIT}\t"),
    passing=_cover(_UNIT, 2024, "单位决算") + example_form(),
    corpus=(_cover(_DEPT, 2024) + example_form(),),
)
def unit_identity(ctx: AuditContext) -> Iterator[Finding]:
    """A six-digit 预算单位 code names one unit in every disclosure of a year (the department's,
    its units', each form), and each unit carries one code (I101/I102 check one document)."""
    related = _related(ctx)
    d = ctx.disclosure
    if related is None or d.year is None or not d.evaluations:
        return
    mine_codes = {f.unit_code for f in d.evaluations if f.unit_code}
    mine_names = {f.unit_name for f in d.evaluations if f.unit_name}
    others = [m for m in related.units(d.year, mine_codes, mine_names)
              if m.ref.doc_id != ctx.document_id and m.ref.source != d.source]
    by_code: dict[str, set[str]] = {}
    by_name: dict[str, set[str]] = {}
    for m in others:
        by_code.setdefault(m.code, set()).add(m.name)
        by_name.setdefault(m.name, set()).add(m.code)
    reported: set[tuple[str, str]] = set()
    for form in d.evaluations:
        code, name = form.unit_code, form.unit_name
        if not code or not name or (code, name) in reported:
            continue
        names = sorted(by_code.get(code, set()) - {name})
        codes = sorted(by_name.get(name, set()) - {code})
        if not names and not codes:
            continue
        reported.add((code, name))
        clash = [m for m in others if (m.code == code and m.name != name)
                 or (m.name == name and m.code != code)]
        where = "、".join(sorted({m.ref.source for m in clash}))
        said = (f"代码 {code} 被称为「{'」「'.join(names)}」" if names else "") + (
            f"{'；' if names else ''}「{name}」使用代码 {'、'.join(codes)}" if codes else "")
        yield ctx.finding(
            REGISTRY["M104"],
            message=f"预算单位「{code}-{name}」与同年度其他决算公开不一致：{said}（{where}）。请核对单位代码和名称。",
            message_en=(f"Unit {code} '{name}' differs from other disclosures of {d.year} ({where}): "
                        + "; ".join([*(f"code {code} is named '{n}'" for n in names),
                                     *(f"'{name}' has code {c}" for c in codes)])),
            span=form.unit_text.span if form.unit_text else form.span,
            quote=form.unit_text.text if form.unit_text else form.name,
            stated=f"{code}-{name}", expected=" / ".join(names + codes), part=form_part(form),
            related=[_where(m.ref, SourceSpan(line=m.line)) for m in clash][:10])
