"""Benchmark: time to extract the reference disclosure, in-process and as a whole process.

Usage: python bench/extract.py [PATH] — prints min / median / max over the runs.
"""

from __future__ import annotations

import sys

import juesuan
from _common import juesuan_cmd, median_seconds, process_seconds, reference_path
from juesuan.report.json import dumps, extract_payload


def main() -> None:
    path = reference_path(sys.argv)
    disclosure = juesuan.read(path)
    print(f"document: {path.name}: {len(disclosure.evaluations)} forms, "
          f"{sum(len(e.indicators) for e in disclosure.evaluations)} indicators, "
          f"{len(disclosure.figures)} figures")
    lo, med, hi = median_seconds(lambda: juesuan.read(path), runs=20)
    print(f"in-process  juesuan.read:            median {med * 1000:7.1f} ms "
          f"(min {lo * 1000:.1f}, max {hi * 1000:.1f}, 20 runs)")
    lo, med, hi = median_seconds(lambda: dumps(extract_payload(juesuan.read(path))), runs=20)
    print(f"in-process  read + JSON:             median {med * 1000:7.1f} ms "
          f"(min {lo * 1000:.1f}, max {hi * 1000:.1f}, 20 runs)")
    cmd = [*juesuan_cmd(), "extract", str(path), "-o", "/dev/null"]
    lo, med, hi = process_seconds(cmd, runs=10)
    print(f"process     juesuan extract -o null: median {med * 1000:7.1f} ms "
          f"(min {lo * 1000:.1f}, max {hi * 1000:.1f}, 10 runs)")
    lo, med, hi = process_seconds([*juesuan_cmd(), "--version"], runs=10)
    print(f"process     juesuan --version:       median {med * 1000:7.1f} ms "
          f"(start-up alone, 10 runs)")


if __name__ == "__main__":
    main()
