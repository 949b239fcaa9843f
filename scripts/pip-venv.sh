# Sourced, not run: pip_venv, which makes (once, then kept) a virtual environment with pinned
# packages, for the scripts that need a Python tool from PyPI (scripts/airflow-clients.sh,
# bench/airflow/install.sh). A venv that installed completely has a .installed stamp; a
# failed install removes it, so the next run starts clean.
#
#   pip_venv VENV WHO RETRY PIP_ARGS...
#
# WHO prefixes the messages; RETRY says what to run once PyPI can be reached. Exits 3 when
# PyPI cannot be reached (the caller's work is then skipped), and 1 for any other failure.
pip_venv() {
  local venv=$1 who=$2 retry=$3
  shift 3
  [ -f "$venv/.installed" ] && return 0
  echo "$who: installing $* into $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  if ! "$venv/bin/pip" install --quiet --disable-pip-version-check "$@" >&2; then
    local reachable=yes
    "$venv/bin/pip" download --quiet --no-deps -d "$(mktemp -d)" pip >/dev/null 2>&1 || reachable=no
    rm -rf "$venv"
    if [ "$reachable" = no ]; then
      echo "$who: PyPI cannot be reached. $retry" >&2
      exit 3
    fi
    echo "$who: installing $* failed (see above)." >&2
    exit 1
  fi
  touch "$venv/.installed"
}
