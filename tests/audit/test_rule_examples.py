"""Every rule's documented failing and passing examples, run through read → parse → audit.

The examples live on the rules themselves (``juesuan rules CODE`` prints them), so the docs
cannot drift from the behaviour: sqlfluff's YAML test cases, generated from one source.
"""

from __future__ import annotations

import pytest

from juesuan.audit.config import AuditConfig
from juesuan.audit.corpus import MemoryCorpus
from juesuan.audit.engine import run_audit
from juesuan.audit.registry import Rule, all_rules
from juesuan.parse import parse_document
from juesuan.read.text import document_from_text

RULES = all_rules()


def codes_on(text: str, rule: Rule) -> list[str]:
    doc = document_from_text(text, "example.txt")
    # A cross-document rule's example is audited beside the documents its ``corpus`` stores.
    related = MemoryCorpus(parse_document(document_from_text(other, f"corpus-{i}.txt"))
                           for i, other in enumerate(rule.corpus)) if rule.corpus else None
    findings = run_audit(parse_document(doc), AuditConfig(select=[rule.code]), related=related,
                         document_id="example.txt")
    lines = text.split("\n")
    for f in findings:  # quotes are verbatim on their line here too
        if f.line is not None:
            assert f.quoted_on(lines[f.line - 1]), (f.code, f.quote, lines[f.line - 1])
    return [f.code for f in findings]


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_failing_example_is_reported(rule: Rule) -> None:
    assert rule.code in codes_on(rule.failing, rule)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_passing_example_is_clean(rule: Rule) -> None:
    assert rule.code not in codes_on(rule.passing, rule)


def test_registry_is_documented() -> None:
    codes = [r.code for r in RULES]
    names = [r.name for r in RULES]
    assert len(set(codes)) == len(codes) and len(set(names)) == len(names)
    for r in RULES:
        assert r.summary and r.summary_en and r.doc, r.code
        assert r.name.startswith(r.family.value + "."), r.code
