"""Identities: unit codes and names agree across all forms (I1xx)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import REGISTRY, Family, rule
from juesuan.audit.rules.forms import example_form, form_part
from juesuan.model.evaluation import ProjectEvaluation

_TWO_FORMS_SAME_CODE = example_form() + "\n" + example_form().replace(
    "218001-某市生态环境局\t", "218001-某市生态环境局城区分局\t").replace("示例项目", "另一项目")
_TWO_FORMS_OK = example_form() + "\n" + example_form().replace("示例项目", "另一项目")


def _group(forms: list[ProjectEvaluation], key: str, value: str) -> dict[str, dict[str, list[
        ProjectEvaluation]]]:
    out: dict[str, dict[str, list[ProjectEvaluation]]] = defaultdict(lambda: defaultdict(list))
    for form in forms:
        k, v = getattr(form, key), getattr(form, value)
        if k and v:
            out[k][v].append(form)
    return out


def _conflicts(ctx: AuditContext, code: str, key: str, value: str, what: str, what_en: str
               ) -> Iterator[Finding]:
    """One finding per key with several values (not one per form: Arelle's "report once")."""
    me = REGISTRY[code]
    for k, variants in _group(ctx.disclosure.evaluations, key, value).items():
        if len(variants) < 2:
            continue
        ranked = sorted(variants.items(), key=lambda kv: (-len(kv[1]), kv[1][0].span.line))
        listing = "；".join(f"「{v}」{len(fs)} 张（{'、'.join(f.name for f in fs[:3])}"
                           f"{'等' if len(fs) > 3 else ''}）" for v, fs in ranked)
        listing_en = "; ".join(f"'{v}' on {len(fs)} forms" for v, fs in ranked)
        # Anchor at the first form that departs from the most common variant.
        anchor = ranked[1][1][0]
        span = anchor.unit_text.span if anchor.unit_text else anchor.span
        quote = anchor.unit_text.text if anchor.unit_text else anchor.name
        yield ctx.finding(
            me,
            message=f"{what} {k} 在各自评表中不一致：{listing}",
            message_en=f"{what_en} {k} is inconsistent across the forms: {listing_en}",
            span=span,
            quote=quote,
            stated=" / ".join(v for v, _ in ranked),
            expected="一个单位名称" if key == "unit_code" else "一个代码",
            part=form_part(anchor),
            related=[f.unit_text.span if f.unit_text else f.span
                     for _, fs in ranked for f in fs if f is not anchor][:10],
        )


@rule(
    code="I101",
    name="identity.unit-code-names-one-unit",
    family=Family.IDENTITY,
    severity=Severity.ERROR,
    summary="同一预算单位代码在不同自评表中对应了不同的单位名称",
    summary_en="one 预算单位 code names different units across the forms",
    failing=_TWO_FORMS_SAME_CODE,
    passing=_TWO_FORMS_OK,
)
def unit_code_names_one_unit(ctx: AuditContext) -> Iterator[Finding]:
    """Each six-digit unit code stands for exactly one 预算单位 name."""
    yield from _conflicts(ctx, "I101", "unit_code", "unit_name", "预算单位代码", "unit code")


@rule(
    code="I102",
    name="identity.unit-has-one-code",
    family=Family.IDENTITY,
    severity=Severity.ERROR,
    summary="同一预算单位在不同自评表中使用了不同的代码",
    summary_en="one 预算单位 appears with different codes across the forms",
    failing=example_form() + "\n" + example_form().replace("218001-", "218002-")
    .replace("示例项目", "另一项目"),
    passing=_TWO_FORMS_OK,
)
def unit_has_one_code(ctx: AuditContext) -> Iterator[Finding]:
    """Each 预算单位 name carries exactly one code."""
    yield from _conflicts(ctx, "I102", "unit_name", "unit_code", "预算单位", "unit")


@rule(
    code="I103",
    name="identity.unit-under-department",
    family=Family.IDENTITY,
    severity=Severity.WARNING,
    summary="预算单位代码的前三位应为主管部门代码",
    summary_en="a unit code's first three digits must be its department's code",
    failing=example_form().replace("218001-", "219001-"),
    passing=example_form(),
)
def unit_under_department(ctx: AuditContext) -> Iterator[Finding]:
    """Unit 218005 belongs to department 218 (domain.md §1)."""
    me = REGISTRY["I103"]
    for form in ctx.disclosure.evaluations:
        if not form.unit_code or not form.department_code:
            continue
        if form.unit_code.startswith(form.department_code):
            continue
        yield ctx.finding(
            me,
            message=(f"「{form.name}」预算单位代码 {form.unit_code} 不以主管部门代码 "
                     f"{form.department_code} 开头"),
            message_en=(f"'{form.name}': unit code {form.unit_code} does not start with the "
                        f"department code {form.department_code}"),
            span=form.unit_text.span if form.unit_text else form.span,
            quote=form.unit_text.text if form.unit_text else form.name,
            stated=form.unit_code,
            expected=f"{form.department_code}xxx",
            part=form_part(form),
        )
