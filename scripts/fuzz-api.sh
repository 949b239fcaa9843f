#!/usr/bin/env bash
# Fuzzes Borda's HTTP APIs from their own OpenAPI documents with schemathesis: starts a
# real `borda server` (a fresh database, the example DAGs, one triggered run), then lets
# schemathesis send a bounded number of generated requests to every operation each
# document describes. It fails on any 5xx, on any answer whose status, content type or
# body the document does not declare. SQLite always; PostgreSQL too when
# BORDA_TEST_DATABASE_URL names a server it may create a database on.
#
#   scripts/fuzz-api.sh                       # every document below, seed 1, 10 examples
#   FUZZ_SEED=7 FUZZ_MAX_EXAMPLES=50 scripts/fuzz-api.sh
#   scripts/with-postgres.sh scripts/fuzz-api.sh
#
# schemathesis (pinned in scripts/fuzz-api.requirements.txt) lives in a venv under the
# ignored .tools/, made once and reused. Exits 3, saying how to run it later, when PyPI
# cannot be reached to make it; 1 when schemathesis found a failure or anything else broke.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

# One line per document: where the server serves it, which of its paths to fuzz, and how
# those paths authenticate (basic: the admin user; worker: a worker token). A new API
# version is one more line.
documents=(
  "/api/v1/openapi.json ^/api/v1/ basic"
  "/api/v1/openapi.json ^/edge/v1/ worker"
  "/api/v1/openapi.json ^/api/v2/ basic"
)
seed=${FUZZ_SEED:-1}
max_examples=${FUZZ_MAX_EXAMPLES:-10}

venv=.tools/schemathesis/.venv  # a .venv, which the linters skip
requirements=scripts/fuzz-api.requirements.txt
stamp="$venv/.requirements"
if ! cmp -s "$requirements" "$stamp" 2>/dev/null; then
  echo "fuzz-api: installing $requirements into $venv" >&2
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$requirements" >&2; then
    if ! "$venv/bin/pip" download --quiet --no-deps -d "$(mktemp -d)" pip >/dev/null 2>&1; then
      echo "fuzz-api: PyPI cannot be reached to install schemathesis; the API fuzzing is skipped. Run scripts/fuzz-api.sh again once it can." >&2
      exit 3
    fi
    echo "fuzz-api: installing schemathesis failed (see above)." >&2
    exit 1
  fi
  cp "$requirements" "$stamp"
fi

echo "fuzz-api: building the CLI (tsc -b packages/cli)" >&2
npx tsc -b packages/cli

work=$(mktemp -d)
server_pid=
database=
stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
  if [ -n "$database" ]; then
    psql "$BORDA_TEST_DATABASE_URL" -qc "drop database if exists $database" >/dev/null || true
    database=
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

# Starts `borda server` on the backend named ($1: sqlite, or postgres on a database made
# here) with the example DAGs and one triggered run, fuzzes every document, stops it.
fuzz_backend() {
  local backend=$1 database_url=
  if [ "$backend" = postgres ]; then
    database="borda_fuzz_$$"
    psql "$BORDA_TEST_DATABASE_URL" -qc "create database $database" >/dev/null || return 1
    database_url="${BORDA_TEST_DATABASE_URL%/*}/$database"
  fi
  local port base password admin
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  base="http://127.0.0.1:$port"
  password=$(python3 -c 'import secrets; print(secrets.token_urlsafe(18))')
  rm -rf "$work/home"

  api() { curl --silent --show-error --fail-with-body --user "$admin:$password" "$@"; }
  # Starts the server on the one database, signed in to by a new Admin ($1): fuzzing one
  # document may change its Admin's password (PATCH /users/{username}) or lock it out, and
  # the next document must still sign in.
  start_server() {
    admin=$1
    BORDA_ADMIN_USER="$admin" BORDA_ADMIN_PASSWORD="$password" BORDA_LOG_LEVEL=warn \
      BORDA_DATABASE_URL="$database_url" \
      node packages/cli/dist/main.js server --host 127.0.0.1 --port "$port" \
      --home "$work/home" --dags examples/dags >>"$work/server.log" 2>&1 &
    server_pid=$!
    # Ready when it answers and has parsed the example DAGs (the fuzzer then draws real ids).
    local ready=false
    for _ in $(seq 1 120); do
      if api "$base/api/v1/dags?limit=1" 2>/dev/null | grep -q '"total_entries":[1-9]'; then
        ready=true
        break
      fi
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 1
    done
    if [ "$ready" != true ]; then
      echo "fuzz-api: the server ($backend) did not start serving the example DAGs; its log:" >&2
      cat "$work/server.log" >&2
      return 1
    fi
  }
  start_server fuzz_admin_0 || return 1
  # (errexit does not reach into a function called with ||: each step says when it failed.)
  api -X PATCH -H 'content-type: application/json' -d '{"is_paused":false}' \
    "$base/api/v1/dags/count_to_twenty" >/dev/null || return 1
  api -X POST -H 'content-type: application/json' -d '{"dag_run_id":"fuzz_run"}' \
    "$base/api/v1/dags/count_to_twenty/dagRuns" >/dev/null || return 1

  local status=0 index=0 document location paths auth token credentials
  for document in "${documents[@]}"; do
    index=$((index + 1))
    read -r location paths auth <<<"$document"
    if [ "$index" -gt 1 ]; then
      kill "$server_pid" 2>/dev/null || true
      wait "$server_pid" 2>/dev/null || true
      start_server "fuzz_admin_$index" || return 1
    fi
    case "$auth" in
      basic) credentials=(--auth "$admin:$password") ;;
      # A fresh token for each document: fuzzing the REST API may revoke earlier ones.
      worker)
        token=$(api -X POST -H 'content-type: application/json' \
          -d "{\"name\":\"fuzz-$index\",\"queues\":[\"*\"]}" "$base/api/v1/edge/tokens" |
          python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])') || return 1
        credentials=(--header "Authorization: Bearer $token")
        ;;
      *) echo "fuzz-api: unknown authentication '$auth'" >&2; return 1 ;;
    esac
    echo "== schemathesis ($backend): $location, paths $paths (seed $seed, $max_examples examples)"
    # The checks: no 5xx, and every answer's status, content type and body as documented.
    # One worker: the machines this runs on are small and shared. From the temporary
    # directory: schemathesis keeps its replay cache where it runs.
    (cd "$work" && "$repo/$venv/bin/schemathesis" --no-color run "$base$location" \
      --include-path-regex "$paths" "${credentials[@]}" \
      --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
      --phases examples,coverage,fuzzing --max-examples "$max_examples" --seed "$seed" \
      --workers 1 --request-timeout 60) || status=1
  done
  if [ "$status" -ne 0 ]; then
    echo "fuzz-api: schemathesis found failures on $backend (above); the server's log:" >&2
    tail -n 50 "$work/server.log" >&2
  fi
  stop_server
  return "$status"
}

# PostgreSQL too when there is one (scripts/with-postgres.sh): integer ranges and NUL in
# text fail there and nowhere else.
backends=(sqlite)
if [ -n "${BORDA_TEST_DATABASE_URL:-}" ]; then backends+=(postgres); fi
status=0
for backend in "${backends[@]}"; do
  fuzz_backend "$backend" || status=1
done
exit "$status"
