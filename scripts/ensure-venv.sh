#!/usr/bin/env bash
# Creates .venv with MLflow 3.18 and the project's Python packages (see scripts/requirements/).
# Make calls it when a requirements file is newer than .venv/.installed.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
  echo "MLTrack needs Python >= 3.10 for MLflow; found: $("$python" --version 2>&1 || echo none). Set PYTHON=/path/to/python3." >&2
  exit 1
fi

[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check \
  -r scripts/requirements/python.txt -c scripts/requirements/constraints.txt
# See scripts/requirements/mlflow.txt for why mlflow goes in without its declared dependencies.
.venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -r scripts/requirements/mlflow.txt
.venv/bin/mlflow --version
touch .venv/.installed
