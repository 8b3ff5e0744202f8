"""Benchmark: a batch over generated disclosures plus every real one in ../shared/corpus.

Generates COUNT documents (juesuan.synth: departments × years × units, planted errors, text
variants of the reference and the real PDFs), then runs the whole batch — read, parse, audit, score,
write the warehouse, cross-document rules — once per worker count, each into a fresh warehouse, and
prints documents per second, the speed-up over one worker, and the peak memory (resident set of the
driver and its worker processes together, sampled every 0.1 s). Dask's start-up is included.

Usage: python bench/batch.py [COUNT] [WORKERS ...]      (default: 1000 documents, 1 and 2 workers)
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

from _common import ROOT
from juesuan.batch import BatchOptions, discover, run_batch
from juesuan.render.data import load
from juesuan.synth import generate
from juesuan.warehouse import open as open_warehouse

SHARED = ROOT.parent / "shared" / "corpus"


class PeakMemory:
    """The largest resident set of this process and its children, sampled in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                with contextlib.suppress(psutil.Error):  # a worker that just exited
                    total += p.memory_info().rss
            self.peak = max(self.peak, total)
            time.sleep(0.1)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    worker_counts = [int(a) for a in sys.argv[2:]] or [1, 2]
    real = sorted(SHARED.rglob("*.pdf")) + sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "corpus"
        started = time.perf_counter()
        made = generate(out, count, load(ROOT / "examples" / "jincheng-eeb-2024" / "data.yaml"),
                        variants_of=real)
        print(f"generated {len(made)} documents in {time.perf_counter() - started:.1f} s "
              f"({sum(1 for g in made if g.planted)} with a planted error)")
        files = discover([str(out), *(str(p) for p in real)])
        size = sum(p.stat().st_size for p in files)
        print(f"batch: {len(files)} files ({len(real)} real from {SHARED}), {size / 1e6:.1f} MB")
        speeds: dict[int, float] = {}
        for workers in worker_counts:
            target = Path(tmp) / f"w{workers}.duckdb"
            with PeakMemory() as memory, open_warehouse(target, read_only=False) as w:
                summary = run_batch(files, w, BatchOptions(workers=workers))
                refused, findings = w.con.execute(
                    "SELECT (SELECT count(*) FROM documents WHERE status <> 'ok'), "
                    "(SELECT count(*) FROM findings)").fetchall()[0]
            speeds[workers] = summary.documents_per_second
            print(f"{workers} worker(s): {summary.processed} documents in {summary.seconds:.1f} s = "
                  f"{summary.documents_per_second:.1f} documents/s (cross-document rules "
                  f"{summary.corpus_seconds:.1f} s, {summary.corpus_findings} findings); "
                  f"{refused} refused, {findings} findings; peak memory {memory.peak / 2**20:.0f} MiB; "
                  f"warehouse {target.stat().st_size / 2**20:.1f} MiB")
        if 1 in speeds:
            for workers, speed in speeds.items():
                if workers != 1:
                    print(f"speed-up {workers} workers / 1 worker: {speed / speeds[1]:.2f}x")


if __name__ == "__main__":
    main()
