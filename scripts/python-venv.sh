#!/usr/bin/env bash
# Makes (or refreshes) the Python virtual environment the Python suites use,
# packages/python/.venv, with the pinned packages of packages/python/requirements-dev.txt
# (pytest, ruff, and what Airflow-style DAG files import: jinja2, pendulum). Prints the
# venv's python on stdout.
#
#   scripts/python-venv.sh            # then: packages/python/.venv/bin/pytest ...
#
# Exits 3, saying how to run it later, when PyPI cannot be reached (the suites that need
# these packages are then skipped), and 1 for any other failure.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=packages/python/.venv
requirements=packages/python/requirements-dev.txt
stamp="$venv/.requirements"

if [ ! -x "$venv/bin/python" ]; then
  echo "python-venv: creating $venv ($(python3 --version))" >&2
  python3 -m venv "$venv"
fi
if ! cmp -s "$requirements" "$stamp" 2>/dev/null; then
  echo "python-venv: installing $requirements" >&2
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2; then
    if ! "$venv/bin/pip" download --quiet --no-deps -d "$(mktemp -d)" pip >/dev/null 2>&1; then
      echo "python-venv: PyPI cannot be reached; the Python suites are skipped. Run scripts/python-venv.sh again once it can." >&2
      exit 3
    fi
    echo "python-venv: installing the Python test packages failed (see above)." >&2
    exit 1
  fi
  cp "$requirements" "$stamp"
fi
echo "$PWD/$venv/bin/python"
