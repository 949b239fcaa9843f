#!/usr/bin/env bash
# Fetches Airflow 3's REST API v2 specs, which the v2 conformance tests check Borda's
# answers against, without committing Airflow's files: the apache-airflow-core wheel from
# PyPI into .tools/airflow-spec/<version>/, then its two generated OpenAPI documents
# (the core REST API and the simple auth manager's POST /auth/token) extracted next to
# it. Prints that directory on stdout.
#
#   scripts/airflow-v2-spec.sh        # then: npx vitest run packages/server/test/apiV2*.test.ts
#
# Exits 3, saying how to run it later, when PyPI cannot be reached (the v2 conformance
# suites are then skipped), and 1 for any other failure.
set -euo pipefail
cd "$(dirname "$0")/.."
version=3.3.2
dir=.tools/airflow-spec/$version
rest=v2-rest-api-generated.yaml
auth=v2-simple-auth-manager-generated.yaml

if [ -s "$dir/$rest" ] && [ -s "$dir/$auth" ]; then
  echo "$PWD/$dir"
  exit 0
fi
mkdir -p "$dir"
# Debian's python3 may come without pip; a venv (as scripts/python-venv.sh makes) has one.
pip=(python3 -m pip)
if ! python3 -m pip --version >/dev/null 2>&1; then
  [ -x .tools/airflow-spec/venv/bin/pip ] || python3 -m venv .tools/airflow-spec/venv
  pip=(.tools/airflow-spec/venv/bin/pip)
fi
if ! ls "$dir"/apache_airflow_core-"$version"-*.whl >/dev/null 2>&1; then
  echo "airflow-v2-spec: downloading apache-airflow-core==$version from PyPI" >&2
  if ! "${pip[@]}" download --quiet --disable-pip-version-check --no-deps \
    -d "$dir" "apache-airflow-core==$version" >&2; then
    if ! "${pip[@]}" download --quiet --disable-pip-version-check --no-deps \
      -d "$(mktemp -d)" pip >/dev/null 2>&1; then
      echo "airflow-v2-spec: PyPI cannot be reached; the v2 conformance suites are skipped. Run scripts/airflow-v2-spec.sh again once it can." >&2
      exit 3
    fi
    echo "airflow-v2-spec: downloading apache-airflow-core==$version failed (see above)." >&2
    exit 1
  fi
fi
python3 - "$dir" "$version" "$rest" "$auth" <<'PY'
import glob
import sys
import zipfile

directory, version, *names = sys.argv[1:]
wheel = glob.glob(f"{directory}/apache_airflow_core-{version}-*.whl")[0]
with zipfile.ZipFile(wheel) as archive:
    for name in names:
        member = next(m for m in archive.namelist() if m.endswith("/" + name))
        with open(f"{directory}/{name}", "wb") as out:
            out.write(archive.read(member))
PY
echo "$PWD/$dir"
