#!/usr/bin/env bash
# Runs a command with BORDA_TEST_DATABASE_URL pointing at a local PostgreSQL server, so the
# PostgreSQL behaviour suite runs. Installs Debian's postgresql when missing (as root),
# creates and starts a cluster with pg_ctlcluster, and a `borda` superuser for tests
# (each test creates and drops a database of its own).
#
#   scripts/with-postgres.sh npm test
#
# With BORDA_TEST_DATABASE_URL already set, it just runs the command.
set -euo pipefail

if [ -n "${BORDA_TEST_DATABASE_URL:-}" ]; then
  exec "$@"
fi

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: PostgreSQL is not installed; run: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "with-postgres: installing PostgreSQL (apt-get install postgresql)..." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi

cluster=$(pg_lsclusters --no-header | head -n 1 || true)
if [ -z "$cluster" ]; then
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  echo "with-postgres: creating cluster $version/main..." >&2
  pg_createcluster "$version" main >/dev/null
  cluster=$(pg_lsclusters --no-header | head -n 1)
fi
read -r version name port status _ <<<"$cluster"
if [ "$status" != "online" ]; then
  echo "with-postgres: starting PostgreSQL $version/$name on port $port..." >&2
  pg_ctlcluster "$version" "$name" start
fi

run_psql() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qtAc "$1"
  else
    sudo -u postgres psql -p "$port" -v ON_ERROR_STOP=1 -qtAc "$1"
  fi
}
if [ "$(run_psql "select 1 from pg_roles where rolname = 'borda'")" != "1" ]; then
  run_psql "create role borda login superuser password 'borda'"
fi

export BORDA_TEST_DATABASE_URL="postgres://borda:borda@127.0.0.1:${port}/postgres"
echo "with-postgres: BORDA_TEST_DATABASE_URL=postgres://borda:***@127.0.0.1:${port}/postgres" >&2
exec "$@"
