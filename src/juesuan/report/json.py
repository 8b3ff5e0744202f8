"""JSON outputs: the ``extract`` and ``audit`` contracts (documented in the README)."""

from __future__ import annotations

import json
from typing import Any

from juesuan.audit.finding import Finding, Severity
from juesuan.model.disclosure import Disclosure
from juesuan.report.tables import evaluation_row, figures, stated_table

EXTRACT_SCHEMA_VERSION = 1
AUDIT_SCHEMA_VERSION = 1


def extract_payload(disclosure: Disclosure) -> dict[str, Any]:
    return {
        "schema_version": EXTRACT_SCHEMA_VERSION,
        "source": disclosure.source,
        "department": disclosure.department,
        "year": disclosure.year,
        "sections": [
            {
                "level": s.level,
                "number": s.number,
                "title": s.title,
                "line": s.span.line,
                "page": s.span.page,
                "end_line": s.end_line,
            }
            for s in disclosure.sections()
        ],
        "evaluations": [evaluation_row(f) for f in disclosure.evaluations],
        "figures": figures(disclosure),
        "notes": [n.model_dump() for n in disclosure.notes]
        + [{**n.model_dump(), "evaluation": f.name} for f in disclosure.evaluations
           for n in f.notes],
        "tables": [stated_table(t) for t in disclosure.tables],
    }


def summary(findings: list[Finding]) -> dict[str, Any]:
    by_code: dict[str, int] = {}
    for f in findings:
        by_code[f.code] = by_code.get(f.code, 0) + 1
    return {
        "errors": sum(f.severity is Severity.ERROR for f in findings),
        "warnings": sum(f.severity is Severity.WARNING for f in findings),
        "infos": sum(f.severity is Severity.INFO for f in findings),
        "by_code": dict(sorted(by_code.items())),
    }


def finding_row(f: Finding, lang: str = "zh") -> dict[str, Any]:
    row = f.model_dump(mode="json", exclude={"message_en"})
    row["message"] = f.text(lang)
    return row


def audit_payload(disclosure: Disclosure, findings: list[Finding], lang: str = "zh",
                  hidden_by_baseline: int = 0) -> dict[str, Any]:
    return {
        "schema_version": AUDIT_SCHEMA_VERSION,
        "source": disclosure.source,
        "findings": [finding_row(f, lang) for f in findings],
        "summary": {**summary(findings), "hidden_by_baseline": hidden_by_baseline,
                    "evaluations": len(disclosure.evaluations)},
    }


def dumps(payload: dict[str, Any]) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
