"""Every document in ../shared/corpus (the reference and the real published PDFs of other
templates) through extract, audit and score as a user runs them: no crash, no traceback, an exit
code from the contract, and a coded one-line refusal where the input is not a 决算 (a 预算公开)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
DOCUMENTS = sorted(p for p in CORPUS.rglob("*") if p.suffix.lower() in (".txt", ".pdf", ".docx", ".xlsx",
                                                                          ".xls", ".html", ".htm"))
REFUSED = {"shanghai-putuo-sifaju-2026-budget.pdf": "P002"}
"""Documents juesuan refuses, with the code it must give."""


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "juesuan", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", timeout=300, check=False)


@pytest.fixture(scope="module", params=DOCUMENTS or [None], ids=lambda p: p.name if p else "absent")
def document(request: pytest.FixtureRequest) -> Path:
    if request.param is None:
        pytest.skip(f"no corpus at {CORPUS} (../shared/corpus is absent)")
    path: Path = request.param
    return path


@pytest.mark.parametrize("command", ["extract", "audit", "score"])
def test_every_corpus_document_runs_cleanly(document: Path, command: str) -> None:
    result = run(command, document, "--format", "json")
    assert "Traceback" not in result.stderr
    refused = REFUSED.get(document.name)
    if refused is not None:
        assert result.returncode == 2
        assert re.search(rf"错误 {refused}:.* / error:", result.stderr), result.stderr
        return
    allowed = (0, 1) if command == "audit" else (0,)
    assert result.returncode in allowed, result.stderr
    payload = json.loads(result.stdout)
    assert payload["schema_version"] == 1


def _audit(name: str) -> list[dict[str, object]]:
    path = CORPUS / "real" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    findings: list[dict[str, object]] = json.loads(run("audit", path, "--format", "json").stdout)["findings"]
    return findings


def test_putuo_planning_bureau_narrative_disagrees_with_tables_05_and_06() -> None:
    """The two true narrative-vs-table errors: 基本支出 5377.64 against 公开05表's 5364.75, and
    人员经费 4896.98 against 公开06表's 4884.09 (checked by hand on pages 13, 14 and 24)."""
    x104 = [f for f in _audit("shanghai-putuo-guihuaziyuanju-2024-final-accounts.pdf") if f["code"] == "X104"]
    stated = {str(f["stated"]) for f in x104}
    assert {"5377.64", "4896.98"} <= {s.replace("万元", "") for s in stated}
