"""An Airflow 3 user at a shell with airflowctl, Airflow's remote command line, on /api/v2.

`airflowctl auth login --username --password` signs in (POST /auth/token) and keeps the
token in a keyring: here keyrings.alt's plain-file keyring under a throwaway home, as on a
machine without a desktop keyring. Every later command reads the answer into airflowctl's
own pydantic models and prints it as JSON (every scalar as a string), which this script
checks. airflowctl 0.1.x has no commands for task instances, logs, clearing or marking;
the v2 session covers those.
Run by packages/cli/test/airflowClients.test.ts with the python of
`scripts/airflow-clients.sh ctl`; BORDA_URL, BORDA_USERNAME and BORDA_PASSWORD say where.
"""

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from steps import DAG_ID, PASSWORD, URL, USERNAME, step, wait_for

RUN_ID = "ctl_session"
AIRFLOWCTL = str(Path(sys.executable).with_name("airflowctl"))
home = tempfile.mkdtemp(prefix="airflowctl-")
# The keyring file there holds the session's token.
atexit.register(shutil.rmtree, home, ignore_errors=True)
ENV = {
    **os.environ,
    "AIRFLOW_HOME": home,
    "XDG_DATA_HOME": home,
    "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
}


def airflowctl(*args, output=True):
    """Runs one airflowctl command; its JSON answer (a list of objects) when `output`.

    Some commands say what they did first (`dags pause`: "Dag pause successful ..."), so the
    answer is the last line.
    """
    command = [AIRFLOWCTL, *args, *(["--output", "json"] if output else [])]
    done = subprocess.run(command, env=ENV, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} exited {done.returncode}:\n{done.stdout}{done.stderr}")
    if not output:
        return done.stdout
    try:
        return json.loads(done.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        sys.exit(f"{' '.join(args)} printed no JSON:\n{done.stdout}{done.stderr}")


with step("auth login with a username and password"):
    said = airflowctl(
        "auth", "login", "--api-url", URL, "--username", USERNAME, "--password", PASSWORD,
        output=False,
    )  # fmt: skip
    assert "Login successful" in said, said

with step("dags list and get"):
    ids = [d["dag_id"] for d in airflowctl("dags", "list")]
    assert DAG_ID in ids, ids
    [dag] = airflowctl("dags", "get", DAG_ID)
    assert dag["dag_id"] == DAG_ID, dag
    assert dag["is_paused"] == "False", dag

with step("dags pause and unpause"):
    [paused] = airflowctl("dags", "pause", DAG_ID)
    assert paused["is_paused"] == "True", paused
    [unpaused] = airflowctl("dags", "unpause", DAG_ID)
    assert unpaused["is_paused"] == "False", unpaused

# Without --conf: airflowctl 0.1.5 parses it with argparse's type=dict, which refuses
# every non-empty value.
with step("dags trigger"):
    [run] = airflowctl("dags", "trigger", DAG_ID, "--dag-run-id", RUN_ID)
    assert run["dag_run_id"] == RUN_ID, run

with step("dagrun get until the run succeeds, and dagrun list"):
    wait_for(
        "the run to succeed",
        lambda: airflowctl("dagrun", "get", DAG_ID, RUN_ID)[0]["state"],
        lambda state: state in ("success", "failed"),
    )
    [run] = airflowctl("dagrun", "get", DAG_ID, RUN_ID)
    assert run["state"] == "success", run
    # With --limit: without it airflowctl 0.1.5 sends an empty `limit=`.
    # airflowctl unwraps a collection only when it has one field left, and its
    # DAGRunCollectionResponse has cursors besides.
    [listed] = airflowctl("dagrun", "list", "--dag-id", DAG_ID, "--limit", "10")
    assert RUN_ID in [r["dag_run_id"] for r in listed["dag_runs"]], listed

with step("xcom list and get"):
    entries = airflowctl("xcom", "list", DAG_ID, RUN_ID, "greet")
    assert [e["key"] for e in entries] == ["return_value"], entries
    [entry] = airflowctl("xcom", "get", DAG_ID, RUN_ID, "greet", "return_value")
    assert "hello world" in str(entry["value"]), entry

with step("pools create, get, update, list, delete"):
    [created] = airflowctl(
        "pools", "create", "--name", "client_pool", "--slots", "3", "--description", "from ctl"
    )
    assert created["slots"] == "3", created
    [read] = airflowctl("pools", "get", "client_pool")
    assert read["description"] == "from ctl", read
    [updated] = airflowctl("pools", "update", "--pool", "client_pool", "--slots", "5")
    assert updated["slots"] == "5", updated
    names = [p["name"] for p in airflowctl("pools", "list")]
    assert {"default_pool", "client_pool"} <= set(names), names
    airflowctl("pools", "delete", "client_pool")
    assert "client_pool" not in [p["name"] for p in airflowctl("pools", "list")]

with step("variables create, get, update, list, delete"):
    airflowctl("variables", "create", "--key", "client_var", "--value", "one")
    [read] = airflowctl("variables", "get", "client_var")
    assert read["value"] == "one", read
    airflowctl("variables", "update", "--key", "client_var", "--value", "two")
    assert airflowctl("variables", "get", "client_var")[0]["value"] == "two"
    assert "client_var" in [v["key"] for v in airflowctl("variables", "list")]
    airflowctl("variables", "delete", "client_var")
    assert "client_var" not in [v["key"] for v in airflowctl("variables", "list")]

with step("connections create, get, update, list, delete"):
    airflowctl(
        "connections", "create", "--connection-id", "client_conn", "--conn-type", "postgres",
        "--host", "db.example.com", "--port", "5432", "--login", "reader",
        "--password", "s3cret-password",
    )  # fmt: skip
    [read] = airflowctl("connections", "get", "client_conn")
    assert (read["host"], read["port"]) == ("db.example.com", "5432"), read
    assert "s3cret-password" not in json.dumps(read), read
    airflowctl(
        "connections", "update", "--connection-id", "client_conn", "--conn-type", "postgres",
        "--host", "db2.example.com",
    )  # fmt: skip
    assert airflowctl("connections", "get", "client_conn")[0]["host"] == "db2.example.com"
    ids = [c["connection_id"] for c in airflowctl("connections", "list")]
    assert "client_conn" in ids, ids
    airflowctl("connections", "delete", "client_conn")
    ids = [c["connection_id"] for c in airflowctl("connections", "list")]
    assert "client_conn" not in ids, ids

print("session ctl: every step passed", flush=True)
