"""Airflow's Variables, Connections and hooks, and ``var`` and ``conn`` in templates: read
through the worker while a task runs (a real runner over a real Node IPC channel, the
worker's answers played by the test), never while the DAG file is imported."""

import json
from pathlib import Path
from typing import Any

import pytest

from support.parsing import NODE, DagsFolder, run_parse
from support.runner_session import RunnerSession, RunOutput, WorkerValues

pytestmark = pytest.mark.skipif(NODE is None, reason="the runner speaks Node's IPC: needs node")

DAG_FILE = """
    from datetime import datetime

    from airflow import DAG
    from airflow.decorators import task
    from airflow.hooks.base import BaseHook
    from airflow.models import Variable
    from airflow.models.connection import Connection
    from airflow.operators.bash import BashOperator
    from airflow.operators.python import PythonOperator
    from airflow.sdk import BaseHook as SdkBaseHook
    from airflow.sdk import Connection as SdkConnection
    from airflow.sdk import Variable as SdkVariable

    # Read while the file is imported, where no task runs: the default, and a file's own
    # fallback for a variable that does not exist.
    BUCKET = Variable.get("bucket", default_var="import-time-default")
    try:
        REGION = Variable.get("region")
    except KeyError:
        REGION = "fallback-region"


    class PlantHook(BaseHook):
        def __init__(self, conn_id):
            super().__init__()
            self.conn_id = conn_id

        def get_conn(self):
            conn = self.get_connection(self.conn_id)
            self.log.info("connecting to %s", conn.host)
            return conn


    def reads():
        plant = BaseHook.get_connection("plant_db")
        return {
            "same_classes": [
                isinstance(plant, Connection),
                SdkConnection is Connection,
                SdkBaseHook is BaseHook,
                SdkVariable is Variable,
            ],
            "host": plant.host,
            "port": plant.port,
            "login": plant.login,
            "schema": plant.schema,
            "sslmode": plant.extra_dejson["sslmode"],
            "uri": plant.get_uri(),
            "airflow_3": Connection.get("plant_db").login,
            "region": Variable.get("region"),
            "settings": Variable.get("settings", deserialize_json=True),
            "default_var": Variable.get("missing", default_var="dv"),
            "default": SdkVariable.get("missing", default="d3"),
            "at_import": [BUCKET, REGION],
        }


    def shared_helper(ctx):
        # A module written for Airflow, called by a TypeScript DAG's python() task.
        return [Variable.get("region"), BaseHook.get_connection("plant_db").host]


    with DAG("credentials", schedule=None, start_date=datetime(2024, 1, 1)):
        PythonOperator(task_id="reads", python_callable=reads)
        PythonOperator(
            task_id="hook", python_callable=lambda: PlantHook("plant_db").get_conn().port
        )
        PythonOperator(task_id="missing_variable", python_callable=lambda: Variable.get("missing"))
        PythonOperator(
            task_id="missing_connection",
            python_callable=lambda: BaseHook.get_connection("missing"),
        )
        PythonOperator(
            task_id="refused",
            python_callable=lambda: Variable.get("team_a_token", default_var="no default for this"),
        )
        PythonOperator(task_id="writes", python_callable=lambda: Variable.set("region", "us-east"))
        PythonOperator(
            task_id="keywords",
            python_callable=lambda var, conn: [var["value"].region, conn.plant_db.login],
        )
        BashOperator(
            task_id="templated",
            bash_command=(
                "echo {{ conn.plant_db.host }}:{{ conn.plant_db.port }} {{ var.value.region }}"
                " {{ var.json.settings.mode }} {{ var.value.get('missing', 'dflt') }}"
                " {{ conn.get('missing') }}"
            ),
        )
        BashOperator(task_id="template_missing", bash_command="echo {{ var.value.missing }}")
        BashOperator(task_id="at_import", bash_command=f"echo {BUCKET} {REGION}")

        @task
        def taskflow(var=None):
            return var["json"].settings

        taskflow()
"""

PLANT_DB = {
    "connId": "plant_db",
    "connType": "postgres",
    "description": None,
    "host": "historian.plant-7.internal",
    "port": 5432,
    "login": "etl_reader",
    "password": "s3cret",
    "schema": "telemetry",
    "extra": '{"sslmode": "require"}',
}
REFUSAL = (
    "Variable 'team_a_token' may be read only by tasks on queues matching team_a_*; task "
    "'refused' of DAG 'credentials' runs on queue 'team_b_etl'."
)
WORKER = WorkerValues(
    connections={"plant_db": PLANT_DB},
    variables={"region": "eu-west", "settings": '{"mode": "fast"}'},
    refused={("variable", "team_a_token"): REFUSAL},
)


@pytest.fixture(scope="module")
def runner(tmp_path_factory):
    root = tmp_path_factory.mktemp("credentials")
    dags = DagsFolder(root / "dags")
    dags.write("credentials.py", DAG_FILE)
    bundle = root / "credentials.zip"
    assert run_parse(dags.root, "credentials.py", bundle).report["error"] is None
    session = RunnerSession(NODE, bundle, root)
    assert session.next_message() == {"type": "loaded"}
    yield session
    session.close()


def run(
    runner: RunnerSession, task_id: str, function: str | None = None
) -> tuple[RunOutput, list[dict[str, Any]]]:
    context = {
        "dagId": "credentials",
        "runId": "manual__2024-03-10T06:30:00+00:00",
        "taskId": task_id,
        "tryNumber": 1,
        "logicalDate": "2024-03-10T06:30:00.000Z",
        "dataIntervalStart": None,
        "dataIntervalEnd": None,
        "params": {},
        "conf": {},
    }
    request = {
        "dagId": "credentials",
        "taskId": task_id,
        "context": context,
        "env": {},
        "python": {"entry": "credentials.py", "callable": function},
    }
    return runner.run_answering(request, WORKER.answer)


def returned(output: RunOutput) -> Any:
    assert output.outcome["kind"] == "returned", output.outcome
    return json.loads(output.outcome["json"])


def connection(conn_id: str) -> dict[str, str]:
    return {"kind": "connection", "connId": conn_id}


def variable(key: str) -> dict[str, str]:
    return {"kind": "variable", "key": key}


def test_hooks_and_variables_read_through_the_worker_when_the_task_runs(runner):
    ran, questions = run(runner, "reads")
    assert returned(ran) == {
        "same_classes": [True, True, True, True],
        "host": "historian.plant-7.internal",
        "port": 5432,
        "login": "etl_reader",
        "schema": "telemetry",
        "sslmode": "require",
        "uri": "postgres://etl_reader:s3cret@historian.plant-7.internal:5432/telemetry"
        "?sslmode=require",
        "airflow_3": "etl_reader",
        "region": "eu-west",
        "settings": {"mode": "fast"},
        "default_var": "dv",
        "default": "d3",
        # The import asked nothing: the default, and the file's own fallback.
        "at_import": ["import-time-default", "fallback-region"],
    }
    assert questions == [
        connection("plant_db"),
        connection("plant_db"),
        variable("region"),
        variable("settings"),
        variable("missing"),
        variable("missing"),
    ]


def test_what_a_file_reads_while_imported_is_the_same_when_its_tasks_run(runner):
    ran, questions = run(runner, "at_import")
    assert ran.outcome["command"] == "echo import-time-default fallback-region"
    assert questions == []


def test_a_hook_subclass_reads_its_connection_and_logs_to_the_task(runner):
    ran, questions = run(runner, "hook")
    assert returned(ran) == 5432
    assert "INFO - connecting to historian.plant-7.internal\n" in ran.stdout
    assert questions == [connection("plant_db")]


def test_a_missing_variable_is_airflows_key_error_and_a_missing_connection_its_not_found(runner):
    variable_error = run(runner, "missing_variable")[0].outcome["error"]
    assert variable_error.endswith(
        "KeyError: \"Variable 'missing' is not defined: not in this worker's environment "
        '(AIRFLOW_VAR_MISSING), nor the control plane."\n'
    )
    connection_error = run(runner, "missing_connection")[0].outcome["error"]
    assert connection_error.endswith(
        "airflow.exceptions.AirflowNotFoundException: Connection 'missing' is not defined: not "
        "in this worker's environment (AIRFLOW_CONN_MISSING), nor the control plane.\n"
    )


def test_a_refusal_fails_the_task_with_the_workers_reason_even_with_a_default(runner):
    error = run(runner, "refused")[0].outcome["error"]
    assert error.endswith(f"borda.LookupFailed: {REFUSAL}\n")


def test_tasks_cannot_write_variables(runner):
    error = run(runner, "writes")[0].outcome["error"]
    assert (
        "Variable.set() is outside Borda's Airflow-compatible subset (tasks cannot change "
        "variables: set them with `borda variables set`, the REST API or the UI's Variables "
        "page)"
    ) in error


def test_var_and_conn_are_context_keywords(runner):
    ran, questions = run(runner, "keywords")
    assert returned(ran) == ["eu-west", "etl_reader"]
    assert questions == [variable("region"), connection("plant_db")]
    taskflow, _ = run(runner, "taskflow")
    assert returned(taskflow) == {"mode": "fast"}


def test_templates_read_variables_and_connections_each_time_they_are_used(runner):
    ran, questions = run(runner, "templated")
    assert ran.outcome["command"] == "echo historian.plant-7.internal:5432 eu-west fast dflt None"
    assert questions == [
        connection("plant_db"),
        connection("plant_db"),
        variable("region"),
        variable("settings"),
        variable("missing"),
        connection("missing"),
    ]


def test_airflow_code_reads_through_a_borda_function_task_too(runner):
    ran, questions = run(runner, "py", function="shared_helper")
    assert returned(ran) == ["eu-west", "historian.plant-7.internal"]
    assert questions == [variable("region"), connection("plant_db")]


def test_a_template_reading_a_missing_variable_fails_naming_it(runner):
    ran, _ = run(runner, "template_missing")
    assert "KeyError: \"Variable 'missing' is not defined" in ran.outcome["error"]
    assert "Exception rendering Jinja template for task 'template_missing'" in ran.stderr


@pytest.mark.parametrize(
    ("source", "line", "message"),
    [
        (
            "from airflow.models import Variable\n\nBUCKET = Variable.get('bucket')\n",
            3,
            "Variable.get('bucket') while the DAG file is parsed is outside Borda's "
            "Airflow-compatible subset (variables are read when tasks run, not when the DAG "
            "file is parsed: give it a default (Variable.get('bucket', default_var=...)), or "
            "read it in the task's code or in a template ({{ var.value.bucket }})); see "
            "docs/coming-from-airflow.md#the-supported-subset.",
        ),
        (
            "from airflow.hooks.base import BaseHook\n\n\n"
            "HOST = BaseHook.get_connection('plant-db').host\n",
            4,
            "BaseHook.get_connection('plant-db') while the DAG file is parsed is outside Borda's "
            "Airflow-compatible subset (connections are read when tasks run, not when the DAG "
            "file is parsed: read it in the task's code (an operator's execute, a "
            "python_callable) or in a template ({{ conn.get('plant-db').host }})); see "
            "docs/coming-from-airflow.md#the-supported-subset.",
        ),
    ],
)
def test_reading_a_value_while_the_file_is_parsed_is_an_import_error_saying_when_to_read_it(
    dags_folder: DagsFolder, tmp_path: Path, source, line, message
):
    dags_folder.write("reads_at_parse.py", f"# a dag of airflow\n{source}")
    error = run_parse(dags_folder.root, "reads_at_parse.py", tmp_path / "b.zip").error
    assert error == {"message": message, "line": line + 1}
