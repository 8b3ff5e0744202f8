#!/usr/bin/env bash
# The project's one test command (README "Quick start"; .ci/run calls it too):
# a local virtual environment with the dev extras, then ruff, mypy and pytest.
# The CJK font some tests need is installed where the user may (root, apt-get); elsewhere one line
# says so and those tests skip, each with its reason (.ci/run installs every package they need).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/system-packages.sh
need_cjk_font "依赖它的测试将跳过" "the tests that need one skip" || true
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
.venv/bin/python -m ruff check src tests bench examples
.venv/bin/python -m mypy
.venv/bin/python -m pytest "$@"
