"""Benchmark: start-up and whole-process audit time, as ratios measured in one run.

* ``juesuan --help`` against ``python -c pass`` (target: within 3×);
* ``juesuan audit`` of the reference text against a process that only reads and tokenises it with
  juesuan's reader (``read_document``: decoding, lines, tab-separated cells) (target: within 5×).
  For scale it also prints the reading alone, inside that process (no start-up or imports), and
  the audit's ratio to it: the price of Python's and the libraries' start-up plus parse and audit.

Every process is started the same number of times, the commands taking turns, so a busy machine
slows them alike; medians are printed. ``--src DIR`` puts another checkout's ``src`` first on the
path (e.g. the code before a change, to print the "before" figures with the same script).

Usage: python bench/startup.py [PATH] [--runs N] [--src DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from _common import REFERENCE, juesuan_cmd

HELP_TARGET, AUDIT_TARGET = 3.0, 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=REFERENCE)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--src", type=Path, help="a checkout's src/ to run instead of the installed one")
    args = parser.parse_args()
    if not args.path.is_file():
        sys.exit(f"reference document not found: {args.path} (pass a path as the first argument)")
    env = dict(os.environ)
    if args.src:
        env["PYTHONPATH"] = str(args.src.resolve())
    path = str(args.path.resolve())
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "juesuan --help": [*juesuan_cmd(), "--help"],
        "read + tokenise (process)": [sys.executable, "-c",
                                      f"from juesuan.read import read_document; read_document({path!r})"],
        "juesuan audit": [*juesuan_cmd(), "audit", path],
    }
    inside = [sys.executable, "-c", "import time; from juesuan.read import read_document; "
              f"t = time.perf_counter(); read_document({path!r}); print(time.perf_counter() - t)"]
    times: dict[str, list[float]] = {name: [] for name in commands}
    reading: list[float] = []
    for run in range(args.runs + 1):
        for name, cmd in commands.items():
            start = time.perf_counter()
            subprocess.run(cmd, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if run:  # the first round warms the disk cache and .pyc files
                times[name].append(time.perf_counter() - start)
        seconds = subprocess.run(inside, env=env, check=True, capture_output=True, text=True).stdout
        if run:
            reading.append(float(seconds))
    median = {name: statistics.median(t) * 1000 for name, t in times.items()}
    print(f"code: {args.src or 'installed'}; document: {args.path.name}; {args.runs} runs each, medians")
    for name, ms in median.items():
        print(f"  {name:28s} {ms:8.1f} ms  (min {min(times[name]) * 1000:.1f}, max {max(times[name]) * 1000:.1f})")
    read_ms = statistics.median(reading) * 1000
    print(f"  {'read + tokenise (in-process)':28s} {read_ms:8.1f} ms")
    help_ratio = median["juesuan --help"] / median["python -c pass"]
    audit_ratio = median["juesuan audit"] / median["read + tokenise (process)"]
    print(f"ratio  juesuan --help / python -c pass:        {help_ratio:5.2f}  (target ≤ {HELP_TARGET:g})")
    print(f"ratio  juesuan audit / read + tokenise:        {audit_ratio:5.2f}  (target ≤ {AUDIT_TARGET:g})")
    print(f"ratio  juesuan audit / reading in-process:     {median['juesuan audit'] / read_ms:5.2f}  (for scale)")


if __name__ == "__main__":
    main()
