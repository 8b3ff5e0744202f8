#!/usr/bin/env bash
# The README's main-job command: install juesuan in a local virtual environment, render the bundled
# example (examples/jincheng-eeb-2024: the reference department's 2024 data) to text, HTML, DOCX and
# XLSX under out/, then audit the rendered text (examples/jincheng-eeb-2024/juesuan.toml reports the
# forms' inherited data problems as warnings). Exit 1 only if the audit finds error-level findings.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e . || exit 2
mkdir -p out
.venv/bin/juesuan render examples/jincheng-eeb-2024/data.yaml \
  -o out/jincheng-eeb-2024.txt -o out/jincheng-eeb-2024.html \
  -o out/jincheng-eeb-2024.docx -o out/jincheng-eeb-2024.xlsx || exit 2
.venv/bin/juesuan audit out/jincheng-eeb-2024.txt --config examples/jincheng-eeb-2024/juesuan.toml "$@"
