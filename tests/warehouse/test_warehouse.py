"""The warehouse file: its schema version and migrations, the contract rows it stores, queries."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from juesuan.audit import run_audit
from juesuan.read.errors import InputError
from juesuan.report.json import extract_payload
from juesuan.score import load_policy, score_disclosure
from juesuan.warehouse import SCHEMA_VERSION, TABLES
from juesuan.warehouse import open as open_warehouse
from juesuan.warehouse.rows import document_rows, record

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample-2024-final-accounts.txt"


@pytest.fixture
def sample_rows():  # type: ignore[no-untyped-def]
    import juesuan

    d = juesuan.read(SAMPLE)
    return d, document_rows("sample", str(SAMPLE), SAMPLE.stat().st_size, d, run_audit(d),
                            score_disclosure(d, load_policy("national")), "national")


def test_a_new_file_gets_every_table_and_the_version(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with open_warehouse(path, read_only=False) as w:
        assert w.schema_version == SCHEMA_VERSION
    with open_warehouse(path) as w:
        names = {r[0] for r in w.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert names == {t.name for t in TABLES} | {"meta"}
        assert w.con.execute("SELECT value FROM meta").fetchall() == [(str(SCHEMA_VERSION),)]


def test_a_newer_or_foreign_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    with open_warehouse(path, read_only=False) as w:
        w.con.execute("UPDATE meta SET value = '99'")
    with pytest.raises(InputError) as newer:
        open_warehouse(path)
    assert newer.value.code == "V002"
    foreign = tmp_path / "other.duckdb"
    con = duckdb.connect(str(foreign))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    for bad in (foreign, tmp_path / "missing.duckdb", SAMPLE):
        with pytest.raises(InputError) as refused:
            open_warehouse(bad)
        assert refused.value.code == "V001"


def test_the_rows_are_the_extract_contract(sample_rows, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    disclosure, result = sample_rows
    extract = extract_payload(disclosure)
    with open_warehouse(tmp_path / "w.duckdb", read_only=False) as w:
        w.write([result])
        w.write([result])  # the same content again: stored once
        forms = w.df("SELECT * FROM forms ORDER BY ord")
        assert len(forms) == len(extract["evaluations"]) > 0
        for row, form in zip(forms.to_dict("records"), extract["evaluations"], strict=True):
            for key in ("name", "unit_code", "annual_budget", "executed", "total_score", "grade", "line"):
                assert row[key] == form[key], key
        figures = w.table("figures").order("ord").fetchall()
        assert [f[2] for f in figures] == [f["value"] for f in extract["figures"]]
        assert w.con.execute("SELECT count(*) FROM documents").fetchall() == [(1,)]
        # stored whole but for the raw text lines, which only the wording rules read
        assert w.disclosure_of("sample") == disclosure.model_copy(update={"lines": []})


def test_a_field_without_a_column_flows_into_extra() -> None:
    row = {"doc_id": "d", "ord": 0, "name": "项目", "line": 3, "fund_type": "一般公共预算"}
    values = dict(zip(next(t for t in TABLES if t.name == "forms").names, record("forms", row),
                      strict=True))
    assert values["name"] == "项目"
    assert json.loads(values["extra"]) == {"fund_type": "一般公共预算"}


def test_read_only_does_not_write(tmp_path: Path) -> None:
    path = tmp_path / "w.duckdb"
    open_warehouse(path, read_only=False).close()
    with open_warehouse(path) as w, pytest.raises(duckdb.Error):
        w.con.execute("DELETE FROM documents")


@pytest.mark.parametrize("code", ["M101", "M102", "M103", "M104"])
def test_the_warehouse_answers_the_corpus_rules_like_memory(code: str, tmp_path: Path) -> None:
    """Each cross-document rule's failing example, stored beside its corpus in a warehouse, gives
    the same findings through the warehouse as through MemoryCorpus."""
    from juesuan.audit import AuditConfig
    from juesuan.audit.corpus import MemoryCorpus
    from juesuan.audit.registry import get_rule
    from juesuan.batch import corpus_audit
    from juesuan.parse import parse_document
    from juesuan.read.text import document_from_text

    rule = get_rule(code)
    assert rule is not None
    texts = {f"corpus-{i}.txt": t for i, t in enumerate(rule.corpus)} | {"failing.txt": rule.failing}
    docs = {name: parse_document(document_from_text(text, name)) for name, text in texts.items()}
    config = AuditConfig(select=[code])
    with open_warehouse(tmp_path / "w.duckdb", read_only=False) as w:
        w.write([document_rows(name, name, len(texts[name]), d, [], [], "national")
                 for name, d in docs.items()])
        assert corpus_audit(w, config) >= 1
        stored = w.con.execute("SELECT doc_id, code, message FROM findings WHERE scope = 'corpus' "
                               "ORDER BY doc_id, ord").fetchall()
        counts = w.con.execute("SELECT errors FROM documents WHERE doc_id = 'failing.txt'").fetchall()
    memory = MemoryCorpus(docs.values())
    expected = [(name, f.code, f.message) for name, d in sorted(docs.items())
                for f in run_audit(d, config, related=memory, document_id=name)]
    assert stored == expected
    assert counts[0][0] == sum(1 for name, *_ in expected if name == "failing.txt")


COLUMNS_OF_VERSION = {1: "e6633d4304b94cfadc09bb845e06b1a7287a12c86f5d9751e7e006144276a007"}
"""Each released schema version's tables and columns (SHA-256 of their description): changing
TABLES without bumping SCHEMA_VERSION and adding a migration would strand existing warehouses."""


def test_a_schema_change_comes_with_a_new_version_and_its_migration(tmp_path: Path) -> None:
    import hashlib

    from juesuan.warehouse.schema import MIGRATIONS

    described = ";".join(f"{t.name}({','.join(f'{c} {k}' for c, k in t.columns)})" for t in TABLES)
    assert COLUMNS_OF_VERSION.get(SCHEMA_VERSION) == hashlib.sha256(described.encode()).hexdigest(), (
        "TABLES changed: bump SCHEMA_VERSION, add MIGRATIONS[new version], pin its columns here")
    assert sorted(MIGRATIONS) == list(range(2, SCHEMA_VERSION + 1))
    with open_warehouse(tmp_path / "w.duckdb", read_only=False) as w:  # what a new file gets
        columns = w.con.execute("SELECT table_name, column_name FROM information_schema.columns "
                                "WHERE table_name <> 'meta' ORDER BY table_name, ordinal_position"
                                ).fetchall()
    assert columns == sorted(((t.name, c) for t in TABLES for c in t.names),
                             key=lambda tc: (tc[0], next(t for t in TABLES if t.name == tc[0])
                                             .names.index(tc[1])))
