#!/usr/bin/env bash
# Makes (once, then kept) a virtual environment with one of Apache Airflow's official
# clients, for the suite that drives Borda's REST API with them
# (packages/cli/test/airflowClients.test.ts), and prints the venv's python on stdout:
#
#   scripts/airflow-clients.sh v1    # apache-airflow-client 2.x, for /api/v1
#   scripts/airflow-clients.sh v2    # apache-airflow-client 3.x, for /api/v2
#   scripts/airflow-clients.sh ctl   # apache-airflow-ctl (the airflowctl command)
#
# The venvs live under .tools/airflow-clients/ (gitignored), one per pinned package, so a
# new pin makes a new venv. Exits 3, saying how to run it later, when PyPI cannot be
# reached (the suite is then skipped), and 1 for any other failure.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  v1) package=apache-airflow-client==2.10.0 ;;
  v2) package=apache-airflow-client==3.3.2 ;;
  # airflowctl keeps its token in a keyring; keyrings.alt gives it a file-backed one,
  # since a test machine has no desktop keyring service.
  ctl) package="apache-airflow-ctl==0.1.5 keyrings.alt==5.0.2" ;;
  *)
    echo "usage: scripts/airflow-clients.sh v1|v2|ctl" >&2
    exit 1
    ;;
esac

venv=".tools/airflow-clients/$1-$(echo "$package" | tr -s ' =' '+-')"
# shellcheck source=scripts/pip-venv.sh
. scripts/pip-venv.sh
# shellcheck disable=SC2086 # $package is a list of requirements.
pip_venv "$venv" airflow-clients \
  "The official-client suite is skipped. Run scripts/airflow-clients.sh $1 again once it can." \
  $package
echo "$PWD/$venv/bin/python"
