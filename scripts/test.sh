#!/usr/bin/env bash
# Install thidua with its test extras and run every quality gate:
# ruff (lint and format), mypy --strict over src/, the Sphinx docs build with
# warnings as errors (these three on the editable install in .venv), then the
# release checks: build the sdist and the wheel (the wheel from the sdist),
# twine check, check-manifest (the sdist holds what git holds), install the
# WHEEL with its test extras into a fresh venv (.venv-wheel), run `thidua demo`
# from it, build the office's page from the wheel (build/site; needs node and
# npm), and run pytest (the tests, the page's tests in headless Chromium, the
# README and the doctests of the installed modules, Hypothesis) against that
# installed package: the tests refuse to run if thidua is imported from src/
# (tests/conftest.py).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
start=$SECONDS
python3 -m venv .venv
. .venv/bin/activate
python -m pip install --quiet --upgrade pip
python -m pip install --quiet -e '.[tests,release]'
echo "== chromium (for the browser tests of the HTML report and the office's page), node and npm (to build the page)"
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
if [ "${#missing[@]}" != 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "missing: ${missing[*]}, and we are not root: not installing; browser tests skip (they fail when CI=true)"
  fi
fi
echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy"
mypy --strict src/thidua
echo "== docs"
sphinx-build -W --keep-going -q -b html docs docs/_build/html

echo "== build: the sdist, then the wheel from it"
rm -rf dist
log="$(mktemp)"
if ! python -m build --outdir dist . >"$log" 2>&1; then
  cat "$log"
  exit 1
fi
rm -f "$log"
ls -l dist
echo "== twine check"
twine check --strict dist/*
echo "== check-manifest (the sdist and git ls-files agree)"
check-manifest
wheels=(dist/thidua-*-py3-none-any.whl)
if [ "${#wheels[@]}" != 1 ]; then
  echo "expected one wheel in dist/, found: ${wheels[*]}"
  exit 1
fi

echo "== the office's page, built from the wheel (scripts/build_site.py)"
site_start=$SECONDS
site_env=()
if command -v node >/dev/null && command -v npm >/dev/null; then
  python scripts/build_site.py build/site --wheel "${wheels[0]}"
  site_env=(THIDUA_SITE="$root/build/site")
  echo "site built in $((SECONDS - site_start)) s"
else
  echo "node or npm is missing: the page is not built; its tests skip (they fail when CI=true)"
fi
deactivate

echo "== the wheel, installed with its test extras in a fresh venv"
python3 -m venv --clear .venv-wheel
.venv-wheel/bin/python -m pip install --quiet --upgrade pip
.venv-wheel/bin/python -m pip install --quiet "${wheels[0]}[tests]"
.venv-wheel/bin/thidua --version
demo="$(mktemp -d)"
(cd "$demo" && "$root/.venv-wheel/bin/thidua" demo)
test -s "$demo/thidua-demo/report.html"
rm -rf "$demo"

echo "== pytest (against the installed wheel, with the doctests of its modules)"
# --pyargs thidua collects the doctests of the installed package, not of src/
env "${site_env[@]}" THIDUA_TEST_INSTALLED=wheel THIDUA_DIST="$root/dist" HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}" \
  .venv-wheel/bin/python -m pytest -p no:cacheprovider tests README.md --pyargs thidua
echo "== all gates passed in $((SECONDS - start)) s"
