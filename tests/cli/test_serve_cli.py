"""``juesuan serve``'s unusable arguments: one bilingual line and exit 2, never a traceback."""

from __future__ import annotations

from pathlib import Path

from .test_cli import assert_one_line_error, run


def test_serve_refuses_a_store_that_is_a_file(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.write_text("not a directory", encoding="utf-8")
    result = run("serve", "--store", store)
    assert_one_line_error(result)
    assert "A001" in result.stderr


def test_serve_refuses_an_unusable_database_url(tmp_path: Path) -> None:
    result = run("serve", "--store", tmp_path / "store", "--database-url", "nosuchdb://x")
    assert_one_line_error(result)
    assert "A002" in result.stderr


def test_serve_refuses_a_short_admin_password(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "juesuan", "serve", "--store", str(tmp_path / "s"), "--admin",
                             "root"], capture_output=True, text=True, timeout=120, check=False,
                            env={**os.environ, "JUESUAN_ADMIN_PASSWORD": "short"})
    assert_one_line_error(result)
    assert "A003" in result.stderr
