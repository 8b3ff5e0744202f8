"""Rules that use the scorer (score/): a stated indicator score the policy does not allow (F2xx).

The audit uses the national policy (score/policies/national.yaml); ``juesuan score --policy`` shows
the same comparison under a local policy. A qualitative indicator's stated score is accepted
anywhere inside its tier's range, so only scores no reviewer's judgement under the policy explains
are reported; values the scorer cannot read are never reported.

F201 is opt-in: it runs only when a configuration selects it (``select = ["F201"]``, or a prefix such
as ``"F"``), because what a form may deduct differs by province and year — a default audit should
not call a local rule an error. ``juesuan score`` always shows the comparison.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import REGISTRY, Family, rule
from juesuan.audit.rules.forms import example_form, form_part
from juesuan.score.engine import FormScore, Kind, Status, score_disclosure
from juesuan.score.policy import load_policy


def _scores(ctx: AuditContext) -> list[FormScore]:
    return ctx.memoized("score.national",
                        lambda: score_disclosure(ctx.disclosure, load_policy("national")))


def _allowed(lo: str, hi: str) -> str:
    return lo if lo == hi else f"{lo}–{hi}"


@rule(
    code="F201",
    name="forms.policy-score",
    family=Family.FORMS,
    severity=Severity.WARNING,
    summary="指标得分应在评分口径对其实际完成值允许的范围内（全国口径）",
    summary_en="an indicator's stated score must lie within what the national scoring policy "
               "allows for its stated actual",
    failing=example_form(s1="40", total="89", grade="良"),
    passing=example_form(),
    opt_in=True,
)
def indicator_score(ctx: AuditContext) -> Iterator[Finding]:
    """Recompute each indicator under the national policy (met → full points; unmet → proportional
    in the indicator's direction; qualitative tiers 100–80%, 80–60%, 60–0%); report a stated 得分
    outside the allowed points, with the reason the scorer gives."""
    me = REGISTRY["F201"]
    for result in _scores(ctx):
        for item in result.indicators:
            if item.status is not Status.DIFFERS or item.kind is Kind.MISSING_SCORE:
                continue
            if item.stated is None or item.allowed is None or item.indicator is None:
                continue
            lo, hi = (format(v.quantize(Decimal("0.01")).normalize(), "f")
                      for v in (item.allowed.lo, item.allowed.hi))
            allowed = _allowed(lo, hi)
            yield ctx.finding(
                me,
                message=(f"「{result.form.name}」指标「{item.name}」得分填报 {item.stated.text}，"
                         f"按全国口径应为 {allowed} 分：{item.reason}"),
                message_en=(f"'{result.form.name}' indicator '{item.name}': stated score "
                            f"{item.stated.text}, the national policy allows {allowed} "
                            f"({item.kind.value})"),
                span=item.stated.span,
                quote=item.stated.text,
                stated=item.stated.text,
                expected=allowed,
                part=form_part(result.form),
                related=[item.indicator.span],
            )
