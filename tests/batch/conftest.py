"""A small generated corpus (juesuan.synth) and its warehouse, shared by the batch tests.

Five departments × two years × (the department and two units) plus two files juesuan refuses:
32 documents, one planted cross-document error per department but the first.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from juesuan.synth import Generated

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "jincheng-eeb-2024" / "data.yaml"
TABLE_ORDER = {
    "documents": "doc_id", "sources": "doc_id, path", "sections": "doc_id, ord",
    "public_tables": "doc_id, ord", "table_cells": "doc_id, table_ord, row_ord, ord",
    "figures": "doc_id, ord", "claims": "doc_id, ord", "forms": "doc_id, ord",
    "fund_sources": "doc_id, form_ord, ord", "indicators": "doc_id, form_ord, ord",
    "notes": "doc_id, ord", "findings": "doc_id, scope, ord", "scores": "doc_id, ord",
    "meta": "key",
}


def snapshot(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in key order: two warehouses are the same when these are."""
    from juesuan.warehouse import open as open_warehouse

    with open_warehouse(path) as w:
        return {t: w.con.execute(f"SELECT * FROM {t} ORDER BY {order}").fetchall()
                for t, order in TABLE_ORDER.items()}


def juesuan(*args: str, timeout: float = 180, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, text=True,
                          timeout=timeout, check=False, env={**os.environ, "PYTHONWARNINGS": "ignore"},
                          **kw)


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Generated]]:
    from juesuan.render.data import load
    from juesuan.synth import generate

    out = tmp_path_factory.mktemp("corpus")
    made = generate(out, 32, load(EXAMPLE), years=(2023, 2024), units=2)
    return out, made


@pytest.fixture(scope="session")
def stored(corpus: tuple[Path, list[Generated]], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus batched in one uninterrupted run on two local worker processes."""
    from juesuan.batch import BatchOptions, discover, run_batch
    from juesuan.warehouse import open as open_warehouse

    path = tmp_path_factory.mktemp("warehouse") / "results.duckdb"
    with open_warehouse(path, read_only=False) as w:
        run_batch(discover([str(corpus[0])]), w, BatchOptions(workers=2))
    return path
