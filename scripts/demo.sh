#!/usr/bin/env bash
# The README's main-job command: install juesuan in a local virtual environment, render the bundled
# example (examples/jincheng-eeb-2024: the reference department's 2024 data) to text, HTML, DOCX and
# XLSX under out/ (render reads its output back and audits it), then audit the rendered text as a
# reviewer would. Exit 1 if either finds an error.
# The charts need a CJK font: fonts-noto-cjk is installed where the user may (root, apt-get);
# elsewhere one line says what to install and the rendering goes on without charts.
set -uo pipefail
cd "$(dirname "$0")/.."
. scripts/system-packages.sh
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e . || exit 2
charts=--charts
need_cjk_font "图表将省略" "the charts are left out" || charts=--no-charts
mkdir -p out
.venv/bin/juesuan render examples/jincheng-eeb-2024/data.yaml "$charts" \
  -o out/jincheng-eeb-2024.txt -o out/jincheng-eeb-2024.html \
  -o out/jincheng-eeb-2024.docx -o out/jincheng-eeb-2024.xlsx
rendered=$?
[ "$rendered" -ge 2 ] && exit "$rendered"
.venv/bin/juesuan audit out/jincheng-eeb-2024.txt "$@"
audited=$?
exit $(( rendered > audited ? rendered : audited ))
