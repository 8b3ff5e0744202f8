"""``juesuan batch``: every file stored once, bad files as rows, planted cross-document errors
found where planted and nowhere else, resumable after a kill, the same on an existing cluster."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from batch.conftest import juesuan, snapshot
from juesuan.synth import Generated

PLANTED_CODE = {"prior-year": "M101", "unit-totals": "M102", "carryover": "M103", "unit-name": "M104"}


def test_every_file_is_stored_once_and_bad_files_are_rows(
        corpus: tuple[Path, list[Generated]], stored: Path) -> None:
    from juesuan.warehouse import open as open_warehouse

    _, made = corpus
    with open_warehouse(stored) as w:
        rows = w.con.execute("SELECT source, status, error_code FROM documents").fetchall()
        assert len(rows) == len(made) == 32
        refused = {Path(s).name: code for s, status, code in rows if status != "ok"}
        assert refused == {"bad-empty.txt": "R001", "bad-legacy.doc": "R005"}
        # The stored rows are the extract contract's: every form, indicator and finding counted.
        forms, indicators = w.con.execute(
            "SELECT (SELECT count(*) FROM forms), (SELECT count(*) FROM indicators)").fetchall()[0]
        disclosures = [w.disclosure_of(d) for (d,) in w.con.execute(
            "SELECT doc_id FROM documents WHERE status = 'ok'").fetchall()]
        assert forms == sum(len(d.evaluations) for d in disclosures)
        assert indicators == sum(len(f.indicators) for d in disclosures for f in d.evaluations)


def test_planted_cross_document_errors_are_found_where_planted(
        corpus: tuple[Path, list[Generated]], stored: Path) -> None:
    from juesuan.warehouse import open as open_warehouse

    _, made = corpus
    with open_warehouse(stored) as w:
        found = {(s, c) for s, c in w.con.execute(
            "SELECT d.source, f.code FROM findings f JOIN documents d USING (doc_id) "
            "WHERE f.scope = 'corpus'").fetchall()}
        document_errors = w.con.execute(
            "SELECT count(*) FROM findings WHERE scope = 'document'").fetchall()[0][0]
    planted = {(g.path, PLANTED_CODE[p]) for g in made for p in g.planted if p in PLANTED_CODE}
    assert {code for _, code in planted} == set(PLANTED_CODE.values())
    assert planted <= found
    # A unit named differently is reported on both sides: the unit's and the department's disclosure.
    departments = {g.path for g in made if g.kind == "department"}
    assert found - planted <= {(path, "M104") for path in departments}
    assert document_errors == 0  # the rendered families are consistent within each document


def test_a_rerun_skips_what_is_stored(corpus: tuple[Path, list[Generated]], stored: Path,
                                      tmp_path: Path) -> None:
    before = snapshot(stored)
    result = juesuan("batch", str(corpus[0]), "-o", str(stored), "--workers", "1", "-q")
    assert result.returncode == 1, result.stderr  # the corpus holds refused files and planted errors
    assert "已在仓库 32" in result.stdout
    assert snapshot(stored) == before


def test_killed_halfway_then_rerun_gives_the_same_warehouse(
        corpus: tuple[Path, list[Generated]], stored: Path, tmp_path: Path) -> None:
    target, log = tmp_path / "resumed.duckdb", tmp_path / "log.jsonl"
    cmd = [sys.executable, "-m", "juesuan", "batch", str(corpus[0]), "-o", str(target),
           "--workers", "1", "--commit-every", "1", "--log", str(log), "-q"]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)  # its own group: the workers die with it
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if log.exists() and len(log.read_text(encoding="utf-8").splitlines()) >= 3:
                break
            time.sleep(0.01)
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    written = len(log.read_text(encoding="utf-8").splitlines())
    assert 3 <= written < 32, f"the batch was not killed halfway ({written} documents logged)"
    from juesuan.warehouse import open as open_warehouse

    with open_warehouse(target) as w:  # what a kill leaves is whole documents, readable
        kept = w.con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
        assert 3 <= kept < 32
    result = juesuan("batch", str(corpus[0]), "-o", str(target), "--workers", "1", "-q")
    assert result.returncode == 1, result.stderr
    assert f"已在仓库 {kept}" in result.stdout
    assert snapshot(target) == snapshot(stored)
    logged = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert len({entry["doc_id"] for entry in logged}) == len(logged)


def test_an_existing_dask_cluster_gives_the_same_warehouse(
        corpus: tuple[Path, list[Generated]], stored: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    target = tmp_path / "cluster.duckdb"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        result = juesuan("batch", str(corpus[0]), "-o", str(target), "--scheduler",
                         cluster.scheduler_address, "-q")
    assert result.returncode == 1, result.stderr
    assert "新写入 32" in result.stdout
    assert snapshot(target) == snapshot(stored)


@pytest.mark.parametrize(("args", "code"), [
    (["batch", "no-such-dir", "-o", "x.duckdb"], "G001"),
    (["batch", "no-*-match", "-o", "x.duckdb"], "G001"),
    (["batch", "@no-such-list.txt", "-o", "x.duckdb"], "G002"),
    (["batch", ".", "-o", "x.duckdb", "--scheduler", "tcp://127.0.0.1:9", "-q"], "G003"),
    (["report", "pyproject.toml", "-o", "x.html"], "V001"),
    (["report", "x.duckdb", "-o", "x.pdf"], "O004"),
])
def test_bad_arguments_exit_2_with_a_coded_line(args: list[str], code: str, tmp_path: Path) -> None:
    cwd = Path(__file__).resolve().parents[2]
    if args[0] == "batch" and args[1] == ".":
        args = ["batch", str(cwd / "examples" / "sample-2024-final-accounts.txt"), *args[2:]]
    args = [str(tmp_path / a) if a.endswith(".duckdb") else a for a in args]
    result = juesuan(*args, cwd=cwd, timeout=120)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert f"错误 {code}" in result.stderr and "error:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_audit_with_the_warehouse_runs_the_cross_document_rules(
        corpus: tuple[Path, list[Generated]], stored: Path) -> None:
    planted = next(g for g in corpus[1] if "prior-year" in g.planted)
    alone = juesuan("audit", planted.path, "-f", "json")
    beside = juesuan("audit", planted.path, "-f", "json", "--warehouse", str(stored))
    assert alone.returncode == 0, alone.stderr
    assert beside.returncode == 1, beside.stderr
    codes = [f["code"] for f in json.loads(beside.stdout)["findings"]]
    assert codes.count("M101") == 2 and not [f for f in json.loads(alone.stdout)["findings"]]
    missing = juesuan("audit", planted.path, "--warehouse", str(stored) + ".missing")
    assert missing.returncode == 2 and "V001" in missing.stderr


def test_the_report_summarises_the_warehouse(stored: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    xlsx, html = tmp_path / "summary.xlsx", tmp_path / "summary.html"
    result = juesuan("report", str(stored), "-o", str(xlsx), "-o", str(html))
    assert result.returncode == 0, result.stderr
    book = load_workbook(xlsx)
    assert book.sheetnames == ["逐年", "按部门年度", "按规则", "部门规则明细", "错误最多部门", "无法读取"]
    years = list(book["逐年"].iter_rows(values_only=True))
    assert years[0][:4] == ("年度", "文件数", "错误", "警告")
    assert [(r[0], r[1]) for r in years[1:3]] == [(2023, 15), (2024, 15)]
    assert len(book["逐年"]._charts) == 2
    by_rule = {r[0]: r[5] for r in book["按规则"].iter_rows(min_row=2, values_only=True)}
    assert {"M101", "M102", "M103", "M104"} <= set(by_rule)
    refused = [r[1] for r in book["无法读取"].iter_rows(min_row=2, values_only=True)]
    assert sorted(refused) == ["R001", "R005"]
    page = html.read_text(encoding="utf-8")
    assert page.count("<svg") == 3 and "逐年变化" in page and "M103" in page


def test_a_batch_killed_before_its_cross_document_rules_reruns_them(
        corpus: tuple[Path, list[Generated]], stored: Path, tmp_path: Path) -> None:
    """Stored documents whose cross-document findings were never computed (a kill after the last
    write) are caught by the warehouse's stale flag: the re-run computes them, nothing else."""
    import shutil

    from juesuan.warehouse import open as open_warehouse

    copy = tmp_path / "stale.duckdb"
    shutil.copy(stored, copy)
    with open_warehouse(copy, read_only=False) as w:
        w.con.execute("DELETE FROM findings WHERE scope = 'corpus'")
        w.con.execute("UPDATE meta SET value = 'true' WHERE key = 'corpus_stale'")
    result = juesuan("batch", str(corpus[0]), "-o", str(copy), "--workers", "1", "-q")
    assert result.returncode == 1, result.stderr
    assert "新写入 0" in result.stdout
    assert snapshot(copy) == snapshot(stored)
