#!/usr/bin/env bash
# Makes (once, then kept) a virtual environment with Apache Airflow and its edge3 provider
# for `npm run bench:airflow`, and prints the venv's bin directory on stdout:
#
#   bench/airflow/install.sh 3.3.2    # Airflow 3 with apache-airflow-providers-edge3 5.1.0
#   bench/airflow/install.sh 2.10.5   # the version of the first seed, with edge3 1.5.0
#
# Airflow's constraints files live on GitHub, which this machine cannot reach, so each
# version installs from its own lock file, bench/airflow/requirements-<version>.txt: what
# pip resolved from PyPI for `apache-airflow==<version> apache-airflow-providers-edge3
# psycopg2-binary` (and asyncpg, which Airflow 3's async database sessions use with
# PostgreSQL), frozen. The venvs live under .tools/airflow/ (gitignored).
# Exits 3 when PyPI cannot be reached (the benchmark cannot run here), 1 for any other failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

version=${1:-}
requirements="bench/airflow/requirements-$version.txt"
if [ -z "$version" ] || [ ! -f "$requirements" ]; then
  echo "usage: bench/airflow/install.sh 3.3.2|2.10.5" >&2
  exit 1
fi
venv=".tools/airflow/$version-$(sha256sum "$requirements" | cut -c1-12)"
# shellcheck source=scripts/pip-venv.sh
. scripts/pip-venv.sh
pip_venv "$venv" bench-airflow \
  "Airflow $version cannot be installed here; run npm run bench:airflow again once it can." \
  -r "$requirements"
echo "$PWD/$venv/bin"
