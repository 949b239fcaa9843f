#!/usr/bin/env bash
# npm run test:airflow-parity: parses the Airflow-style corpus (packages/cli/test/fixtures/
# airflow) with Apache Airflow itself and with Borda's parser, and checks that they agree
# on every DAG's task ids, dependencies, pools, pool slots, queues, retries and trigger
# rules (packages/python/tests/parity).
#
#   scripts/airflow-parity.sh
#   AIRFLOW_2_VERSION=2.10.5 AIRFLOW_3_VERSION=3.3.2 scripts/airflow-parity.sh
#
# Apache Airflow comes from PyPI, plain `pip install apache-airflow==<version>` (its
# constraints files live on GitHub, which need not be reachable), into one venv per major
# under packages/python/tests/parity/.venv/ (gitignored), kept between runs. A corpus file
# is compared under each major its first line names (`# airflow: 2, 3`).
#
# When PyPI cannot be reached or Airflow does not install, the suite is skipped with a
# message and this exits 0; AIRFLOW_PARITY_REQUIRED=1 makes that a failure (exit 3).
set -euo pipefail
cd "$(dirname "$0")/.."

versions=("2=${AIRFLOW_2_VERSION:-2.10.5}" "3=${AIRFLOW_3_VERSION:-3.3.2}")
venvs=packages/python/tests/parity/.venv

skip() {
  echo "airflow-parity: skipped: $1" >&2
  if [ "${AIRFLOW_PARITY_REQUIRED:-}" = "1" ]; then exit 3; fi
  exit 0
}

# Borda's side: the suites' venv (pytest), which scripts/python-venv.sh keeps.
status=0
scripts/python-venv.sh >/dev/null || status=$?
if [ "$status" -eq 3 ]; then skip "PyPI cannot be reached (for the test venv); run this again once it can."; fi
if [ "$status" -ne 0 ]; then exit "$status"; fi

pythons=()
for entry in "${versions[@]}"; do
  major=${entry%%=*}
  version=${entry#*=}
  venv="$venvs/airflow-$version"
  if [ ! -f "$venv/.installed" ]; then
    echo "airflow-parity: installing apache-airflow==$version into $venv (a minute or two)" >&2
    rm -rf "$venv"
    python3 -m venv "$venv"
    if ! "$venv/bin/pip" install --quiet --disable-pip-version-check "apache-airflow==$version" >&2; then
      reachable=yes
      "$venv/bin/pip" download --quiet --no-deps -d "$(mktemp -d)" pip >/dev/null 2>&1 || reachable=no
      rm -rf "$venv"
      if [ "$reachable" = no ]; then
        skip "PyPI cannot be reached to install apache-airflow==$version; run this again once it can."
      fi
      skip "apache-airflow==$version did not install with $(python3 --version) (see above); set AIRFLOW_${major}_VERSION to one that does."
    fi
    touch "$venv/.installed"
  fi
  pythons+=("$major=$PWD/$venv/bin/python")
done

export AIRFLOW_PARITY_PYTHONS
AIRFLOW_PARITY_PYTHONS=$(IFS=,; echo "${pythons[*]}")
cd packages/python
exec .venv/bin/pytest -q -rs tests/parity
