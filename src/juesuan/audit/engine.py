"""Run the enabled rules over a disclosure and return their findings in document order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from juesuan.audit.config import AuditConfig
from juesuan.audit.context import AuditContext
from juesuan.audit.finding import Finding
from juesuan.audit.registry import Family, all_rules
from juesuan.model.disclosure import Disclosure

if TYPE_CHECKING:
    from juesuan.audit.corpus import RelatedDocuments


def run_audit(disclosure: Disclosure, config: AuditConfig | None = None, *,
              related: RelatedDocuments | None = None, document_id: str | None = None,
              families: set[Family] | None = None) -> list[Finding]:
    """Run every enabled rule (only those of ``families`` when given). ``related`` gives the
    cross-document rules the other stored disclosures; ``document_id`` names this one among them."""
    ctx = AuditContext(disclosure=disclosure, config=config or AuditConfig(),
                       claims=list(disclosure.claims), related=related, document_id=document_id)
    findings: list[Finding] = []
    # The same check can fire twice on one quote with different facts (two missing parts anchored
    # at one heading, two empty cells of one indicator): only identical findings are duplicates.
    seen: set[tuple[str, int | None, str, str]] = set()
    for rule in all_rules():
        if not ctx.config.enabled(rule) or (families is not None and rule.family not in families):
            continue
        for finding in rule.check(ctx):
            key = (finding.code, finding.line, finding.quote, finding.message)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    return sort_findings(findings)


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.line if f.line is not None else 0, f.code))


def apply_baseline(findings: list[Finding], accepted: set[str]) -> list[Finding]:
    """Drop findings whose fingerprint a baseline recorded as accepted."""
    return [f for f in findings if f.fingerprint not in accepted]
