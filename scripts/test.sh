#!/usr/bin/env bash
# Install thidua with its test extras and run every quality gate:
# ruff (lint and format), mypy --strict over src/, pytest with doctests and
# hypothesis, and the Sphinx docs build with warnings as errors.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e '.[tests]'
echo "== chromium (for the browser tests of the HTML report)"
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    echo "chromium is missing and we are not root: not installing it; browser tests skip (they fail when CI=true)"
  fi
fi
echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy"
mypy --strict src/thidua
echo "== docs"
sphinx-build -W --keep-going -q -b html docs docs/_build/html
echo "== pytest"
HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}" python -m pytest -p no:cacheprovider
