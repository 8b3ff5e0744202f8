"""The rule registry: each rule is a small function with a stable code, documented examples.

Modelled on sqlfluff's rule classes and Arelle's plugin validations: a rule has a code that never
changes meaning, a readable name, a family, a default severity, a one-line summary in Chinese and
English, and a failing and a passing example. The examples are whole (tiny) disclosure texts; the
test-suite runs every rule's examples through read → parse → audit, so docs cannot drift from code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from juesuan.audit.finding import Finding, Severity

if TYPE_CHECKING:
    from juesuan.audit.context import AuditContext


class Family(StrEnum):
    NARRATIVE = "narrative"
    CROSSREF = "crossref"
    FORMS = "forms"
    SUMMARY = "summary"
    COMPLETENESS = "completeness"
    IDENTITY = "identity"
    TABLES = "tables"
    HYGIENE = "hygiene"
    CORPUS = "corpus"


RuleCheck = Callable[["AuditContext"], Iterable[Finding]]

CODE_RE = re.compile(r"^[A-Z]\d{3}$")


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: Family
    severity: Severity
    summary: str
    """One line, Chinese."""
    summary_en: str
    failing: str
    """A tiny disclosure text on which the rule reports at least one finding."""
    passing: str
    """A tiny disclosure text on which the rule reports nothing."""
    check: RuleCheck
    opt_in: bool = False
    """Runs only when a configuration selects it by code, prefix or name (``select``)."""
    corpus: tuple[str, ...] = ()
    """For a cross-document rule: the other disclosures (tiny texts) stored beside the example,
    which it compares the failing and the passing example with."""

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()


REGISTRY: dict[str, Rule] = {}


def rule(
    *,
    code: str,
    name: str,
    family: Family,
    severity: Severity,
    summary: str,
    summary_en: str,
    failing: str,
    passing: str,
    opt_in: bool = False,
    corpus: tuple[str, ...] = (),
) -> Callable[[RuleCheck], RuleCheck]:
    """Register a rule check function under a stable code (duplicates are a programming error)."""

    def register(check: RuleCheck) -> RuleCheck:
        if not CODE_RE.match(code):
            raise ValueError(f"rule code {code!r} must look like A123")
        if code in REGISTRY or any(r.name == name for r in REGISTRY.values()):
            raise ValueError(f"duplicate rule {code} / {name}")
        REGISTRY[code] = Rule(code, name, family, severity, summary, summary_en, failing,
                              passing, check, opt_in, corpus)
        return check

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code (importing the rule modules registers them)."""
    import juesuan.audit.rules  # noqa: F401  (import for the registration side effect)

    return [REGISTRY[c] for c in sorted(REGISTRY)]


def get_rule(code_or_name: str) -> Rule | None:
    all_rules()
    key = code_or_name.strip()
    if key.upper() in REGISTRY:
        return REGISTRY[key.upper()]
    return next((r for r in REGISTRY.values() if r.name == key), None)
