"""Helpers shared by the benchmark scripts: locate the reference, time calls, print medians."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "corpus" / "jincheng-eeb-2024-final-accounts.txt"


def reference_path(argv: list[str]) -> Path:
    path = Path(argv[1]) if len(argv) > 1 else REFERENCE
    if not path.is_file():
        sys.exit(f"reference document not found: {path} (pass a path as the first argument)")
    return path


def median_seconds(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    """(min, median, max) wall seconds of ``fn`` over ``runs`` calls after one warm-up call."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), max(times)


def process_seconds(cmd: list[str], runs: int) -> tuple[float, float, float]:
    def once() -> None:
        subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    return median_seconds(once, runs)


def juesuan_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("juesuan")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "juesuan"]
