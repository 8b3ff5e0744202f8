"""Benchmark: time to render the bundled example (64 forms) to each format, and to read each
rendering back; the self-check's cost (render text + read + audit). Medians of in-process runs.

Usage: python bench/render.py [RUNS]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import juesuan
from _common import ROOT, median_seconds
from juesuan.audit import run_audit
from juesuan.parse import parse_document
from juesuan.read.text import document_from_text
from juesuan.render import render, render_text
from juesuan.render.data import load

EXAMPLE = ROOT / "examples" / "jincheng-eeb-2024" / "data.yaml"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    data = load(EXAMPLE)
    print(f"example: {EXAMPLE.relative_to(ROOT)}: {len(data.forms)} forms, {len(data.functions)} function rows")
    lo, med, hi = median_seconds(lambda: load(EXAMPLE), runs)
    print(f"load YAML                 median {med * 1000:8.1f} ms (min {lo * 1000:.1f}, max {hi * 1000:.1f})")

    def check() -> None:
        run_audit(parse_document(document_from_text(render_text(data))))

    lo, med, hi = median_seconds(check, runs)
    print(f"self-check (txt+read+audit) median {med * 1000:6.1f} ms (min {lo * 1000:.1f}, max {hi * 1000:.1f})")
    with tempfile.TemporaryDirectory() as tmp:
        for suffix in (".txt", ".html", ".docx", ".xlsx", ".pdf"):
            out = Path(tmp) / f"example{suffix}"
            try:
                lo, med, hi = median_seconds(lambda out=out: render(data, out), runs)
            except Exception as exc:  # PDF needs WeasyPrint/Pango: report and go on
                print(f"render {suffix:5}  skipped: {exc}")
                continue
            size = out.stat().st_size
            _, rmed, _ = median_seconds(lambda out=out: juesuan.read(out), runs)
            print(f"render {suffix:5}  median {med * 1000:8.1f} ms (min {lo * 1000:.1f}, max {hi * 1000:.1f}); "
                  f"{size / 1024:7.0f} KiB; read back median {rmed * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
