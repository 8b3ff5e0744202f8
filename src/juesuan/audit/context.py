"""What a rule sees: the disclosure, its claims, the configuration, and a finding factory."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from juesuan.audit.config import AuditConfig
from juesuan.audit.finding import Finding
from juesuan.model.disclosure import Disclosure
from juesuan.model.spans import SourceSpan

T = TypeVar("T")

if TYPE_CHECKING:
    from juesuan.audit.corpus import RelatedDocuments
    from juesuan.audit.registry import Rule
    from juesuan.model.claims import Claim


@dataclass
class AuditContext:
    disclosure: Disclosure
    config: AuditConfig = field(default_factory=AuditConfig)
    claims: list[Claim] = field(default_factory=list)
    """The narrative's typed claims (parse/claims.py), evaluated by the narrative rules."""
    related: RelatedDocuments | None = None
    """The other stored disclosures, for the cross-document (``corpus``) rules; ``None`` when the
    disclosure is audited alone, and then those rules report nothing."""
    document_id: str | None = None
    """This disclosure's identity among ``related`` (its content hash), so it is not compared
    with itself."""
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

    def memoized(self, key: str, compute: Callable[[], T]) -> T:
        """An analysis several rules share, computed once per audit run (never across runs)."""
        if key not in self._memo:
            self._memo[key] = compute()
        result: T = self._memo[key]
        return result

    def form_row_labels(self) -> dict[int, str]:
        """The label of each self-evaluation form row that holds figures, by line: the fund source
        (资金总额 for the total), the indicator's name, 总分."""
        def compute() -> dict[int, str]:
            labels: dict[int, str] = {}
            for form in self.disclosure.evaluations:
                for row in [form.fund_total, *form.fund_sources]:
                    if row is not None and row.source:
                        labels[row.span.line] = row.source.rstrip(":：")
                for ind in form.indicators:
                    if ind.name or ind.level2:
                        labels[ind.span.line] = ind.name or ind.level2 or ""
                if form.total_score is not None and form.total_score.span is not None:
                    labels[form.total_score.span.line] = "总分"
            return labels

        return self.memoized("form-row-labels", compute)

    def finding(
        self,
        rule: Rule,
        *,
        message: str,
        message_en: str,
        span: SourceSpan | None,
        quote: str,
        stated: object = None,
        expected: object = None,
        part: str | None = None,
        related: list[SourceSpan] | None = None,
    ) -> Finding:
        """Build a finding for ``rule``; severity comes from the config (default: the rule's).

        A bare cell of a self-evaluation form (``6``, ``100``) is quoted with its row's label
        (``作业频次 … 7.5``), the phrase a reviewer can search for; the fingerprint keeps the cell
        alone, so baselines written before stay valid."""
        severity = self.config.severity_for(rule)
        key = f"{rule.code}|{part or ''}|{quote}"
        label = self.form_row_labels().get(span.line) if span else None
        if label and quote and label not in quote:
            quote = f"{label} … {quote}"
        return Finding(
            code=rule.code,
            name=rule.name,
            severity=severity,
            message=message,
            message_en=message_en,
            line=span.line if span else None,
            page=span.page if span else None,
            column=span.column if span else None,
            quote=quote,
            stated=None if stated is None else str(stated),
            expected=None if expected is None else str(expected),
            part=part,
            related=related or [],
            fingerprint=hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
        )
