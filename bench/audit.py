"""Benchmark: time to audit the reference disclosure (parse excluded and included, whole process).

Usage: python bench/audit.py [PATH]
"""

from __future__ import annotations

import sys

import juesuan
from _common import juesuan_cmd, median_seconds, process_seconds, reference_path
from juesuan.audit import run_audit


def main() -> None:
    path = reference_path(sys.argv)
    disclosure = juesuan.read(path)
    findings = run_audit(disclosure)
    print(f"document: {path.name}: {len(findings)} findings")
    lo, med, hi = median_seconds(lambda: run_audit(disclosure), runs=20)
    print(f"in-process  audit (rules only):     median {med * 1000:7.1f} ms "
          f"(min {lo * 1000:.1f}, max {hi * 1000:.1f}, 20 runs)")
    lo, med, hi = median_seconds(lambda: run_audit(juesuan.read(path)), runs=20)
    print(f"in-process  read + parse + audit:   median {med * 1000:7.1f} ms "
          f"(min {lo * 1000:.1f}, max {hi * 1000:.1f}, 20 runs)")
    cmd = [*juesuan_cmd(), "audit", str(path), "--format", "json", "-o", "/dev/null"]
    lo, med, hi = process_seconds(cmd, runs=10)
    print(f"process     juesuan audit --format json: median {med * 1000:7.1f} ms "
          f"(min {lo * 1000:.1f}, max {hi * 1000:.1f}, 10 runs)")


if __name__ == "__main__":
    main()
