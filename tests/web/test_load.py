"""A small bounded run of the load test (bench/web_load.py): a few users browse and upload for a few
seconds against a real server on loopback; no request fails and every upload is audited. The full
run (20 users, 60 s) is ``python bench/web_load.py``; its figures are in the README."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import juesuan
from juesuan.web import Settings, create_app
from juesuan.web.auth import create_user
from juesuan.web.db import Role

from .live import serving

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sample-2024-final-accounts.txt"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("web_load", ROOT / "bench" / "web_load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["web_load"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_small_load_run_loses_nothing(tmp_path: Path) -> None:
    bench = _bench()
    app = create_app(Settings(store=tmp_path / "store", secure_cookies=False))
    with app.state.sessions() as db:
        names = ["reviewer1", "reviewer2", "dept1"]
        create_user(db, names[0], bench.PASSWORD, Role.REVIEWER)
        create_user(db, names[1], bench.PASSWORD, Role.REVIEWER)
        create_user(db, names[2], bench.PASSWORD, Role.DEPARTMENT, "某县财政局")
    expected = len(juesuan.audit(juesuan.read(EXAMPLE)))
    with serving(app) as base:
        result = bench.run(base, names, seconds=3, upload_every=4, upload=EXAMPLE.read_bytes(),
                           expected_findings=expected, drain_limit=60)
    assert result.errors == [] and result.lost == []
    assert len(result.latencies) > 10 and result.batches and result.processed == len(result.batches)
    assert "0 lost" in result.report(len(names))
