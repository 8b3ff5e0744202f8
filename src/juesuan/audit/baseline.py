"""Baselines (基线): findings a reviewer has accepted, matched by their location-independent fingerprint.

A baseline file is ``{"accepted": [{"fingerprint", "code", "part", "quote", …}]}``; only the
fingerprint is read back (the other keys are for the person reading the file), so a writer may add
keys — the web workspace adds each dismissal's reason — and ``juesuan audit --baseline`` still accepts it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from juesuan.audit.finding import Finding


def baseline_entry(finding: Finding) -> dict[str, Any]:
    return {"fingerprint": finding.fingerprint, "code": finding.code, "part": finding.part,
            "quote": finding.quote}


def baseline_payload(entries: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """The file's content for ``entries`` (each at least ``fingerprint``), one per fingerprint."""
    seen: set[str] = set()
    accepted = []
    for entry in entries:
        if entry["fingerprint"] not in seen:
            seen.add(str(entry["fingerprint"]))
            accepted.append(dict(entry))
    return {"accepted": accepted}


def baseline_fingerprints(data: Any) -> set[str]:
    """The accepted fingerprints of a parsed baseline file; KeyError/TypeError when it is not one."""
    return {str(item["fingerprint"]) for item in data["accepted"]}
