#!/usr/bin/env bash
# The README's main-job command: install juesuan in a local virtual environment and audit the
# bundled example disclosure. The example has planted errors, so the audit exits 1 by design.
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e . || exit 2
.venv/bin/juesuan audit examples/sample-2024-final-accounts.txt "$@"
