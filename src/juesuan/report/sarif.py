"""SARIF 2.1.0 output so CI systems and code-review tools can show findings inline."""

from __future__ import annotations

from typing import Any

from juesuan.audit.finding import Finding, Severity
from juesuan.audit.registry import all_rules

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_payload(findings: list[Finding], source: str, version: str, lang: str = "zh"
                  ) -> dict[str, Any]:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "juesuan",
                "version": version,
                "rules": [{
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": {"text": r.summary_en if lang == "en" else r.summary},
                    "defaultConfiguration": {"level": _LEVEL[r.severity]},
                } for r in rules],
            }},
            "results": [_result(f, index, source, lang) for f in findings],
        }],
    }


def _result(f: Finding, index: dict[str, int], source: str, lang: str) -> dict[str, Any]:
    """One result. SARIF regions have no pages: for paged input (PDF) the page is in the message,
    in the location's message and in the region's ``properties`` (``startLine`` is the reader's line,
    the ``line`` of the JSON output)."""
    page = "" if f.page is None else f"（第{f.page}页）" if lang != "en" else f" (page {f.page})"
    location: dict[str, Any] = {"physicalLocation": {
        "artifactLocation": {"uri": source},
        "region": {"startLine": f.line or 1,
                   **({"startColumn": f.column} if f.column else {}),
                   "snippet": {"text": f.quote},
                   **({"properties": {"page": f.page}} if f.page is not None else {})},
    }}
    if f.page is not None:
        location["message"] = {"text": f"第{f.page}页 / page {f.page}"}
    return {
        "ruleId": f.code,
        "ruleIndex": index.get(f.code, -1),
        "level": _LEVEL[f.severity],
        "message": {"text": f.text(lang) + page},
        "partialFingerprints": {"juesuan/v1": f.fingerprint},
        "locations": [location],
    }
