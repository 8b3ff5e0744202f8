#!/usr/bin/env bash
# The project's one test command (README "Quick start"; .ci/run calls it too):
# a local virtual environment with the dev extras, then ruff, mypy and pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
.venv/bin/python -m ruff check src tests bench examples
.venv/bin/python -m mypy
.venv/bin/python -m pytest "$@"
