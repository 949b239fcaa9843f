"""Airflow's sensors under Borda: what they declare (the spec's ``sensor``), and what one
poke does in the real Python runner (each run of a sensor task is one poke; the worker
pokes again or reschedules, see docs/scheduling.md)."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest

import borda
from airflow import DAG
from airflow.decorators import task
from airflow.sensors.base import PokeReturnValue
from airflow.sensors.external_task import ExternalTaskSensor
from airflow.sensors.filesystem import FileSensor
from airflow.sensors.python import PythonSensor
from borda import DagDefinitionError
from borda._registry import collecting
from borda._sensor import poke_outcome
from support.parsing import NODE, DagsFolder, run_parse
from support.runner_session import RunnerSession, WorkerValues


def declared(build):
    with collecting() as dags:
        build()
    return {registered.dag_id: registered.to_spec() for registered in dags}


def sensors_of(spec):
    return {t["taskId"]: (t["operator"], t.get("sensor")) for t in spec["tasks"]}


def test_each_sensor_declares_its_policy_with_airflows_defaults():
    def build():
        with DAG("sensing", schedule=None, default_args={"poke_interval": 5}):
            FileSensor(task_id="file", filepath="/data/x", mode="reschedule", timeout=600)
            PythonSensor(
                task_id="python",
                python_callable=lambda: True,
                soft_fail=True,
                exponential_backoff=True,
                poke_interval=timedelta(minutes=2),
            )
            ExternalTaskSensor(task_id="external", external_dag_id="other")

            @task.sensor(poke_interval=30, timeout=3600, mode="reschedule")
            def ready():
                return True

            ready()

    week = 7 * 24 * 3600 * 1000
    assert sensors_of(declared(build)["sensing"]) == {
        "file": ("FileSensor", _policy("reschedule", 5_000, 600_000)),
        "python": ("PythonSensor", _policy("poke", 120_000, week, soft=True, backoff=True)),
        "external": ("ExternalTaskSensor", _policy("poke", 5_000, week)),
        "ready": ("@task.sensor", _policy("reschedule", 30_000, 3_600_000)),
    }


def test_the_python_sdk_and_airflow_decorators_give_the_same_sensor_spec():
    def airflow_style():
        with DAG("waits", schedule=None):

            @task.sensor(poke_interval=10, timeout=60, mode="reschedule", soft_fail=True)
            def ready():
                return PokeReturnValue(True, "v")

            ready()

    def borda_style():
        @borda.dag(dag_id="waits")
        def waits():
            @borda.task.sensor(poke_interval=10, timeout=60, mode="reschedule", soft_fail=True)
            def ready(ctx):
                return borda.PokeReturnValue(True, "v")

            ready()

        waits()

    airflow_spec = declared(airflow_style)["waits"]
    borda_spec = declared(borda_style)["waits"]
    assert airflow_spec == borda_spec
    assert airflow_spec["tasks"][0]["sensor"] == _policy("reschedule", 10_000, 60_000, soft=True)


def test_a_sensor_refuses_what_borda_does_not_do_and_a_bad_mode():
    with pytest.raises(DagDefinitionError, match="deferrable="), DAG("d", schedule=None):
        FileSensor(task_id="f", filepath="/x", deferrable=True)
    with (
        pytest.raises(DagDefinitionError, match="mode 'smart' is not one of"),
        DAG("d2", schedule=None),
    ):
        FileSensor(task_id="f", filepath="/x", mode="smart")
    with (
        pytest.raises(DagDefinitionError, match="timeout must be longer than 0"),
        DAG("d3", schedule=None),
    ):
        FileSensor(task_id="f", filepath="/x", timeout=0)


def _policy(mode, interval, timeout, soft=False, backoff=False):
    return {
        "mode": mode,
        "pokeIntervalMs": interval,
        "timeoutMs": timeout,
        "softFail": soft,
        "exponentialBackoff": backoff,
    }


SENSORS = """
from datetime import datetime, timedelta

from airflow import DAG
from airflow.decorators import task
from airflow.providers.http.sensors.http import HttpSensor
from airflow.sensors.base import BaseSensorOperator, PokeReturnValue
from airflow.sensors.external_task import ExternalTaskSensor
from airflow.sensors.filesystem import FileSensor
from airflow.sensors.python import PythonSensor

with DAG("sensing", schedule=None, start_date=datetime(2024, 1, 1)):
    FileSensor(task_id="file", filepath="{{ params.folder }}/*.csv")
    FileSensor(task_id="file_in_conn", filepath="ready", fs_conn_id="landing")
    PythonSensor(task_id="truthy", python_callable=lambda params: params.get("rows"))
    PythonSensor(
        task_id="valued",
        python_callable=lambda ds: PokeReturnValue(True, xcom_value="seen " + ds),
    )

    @task.sensor(poke_interval=1, timeout=10)
    def counted(params=None):
        return PokeReturnValue(params["rows"] > 2, xcom_value=params["rows"])

    counted()
    ExternalTaskSensor(
        task_id="external",
        external_dag_id="upstream",
        external_task_id="load",
        execution_delta=timedelta(hours=1),
        failed_states=["failed"],
    )
    ExternalTaskSensor(
        task_id="external_checked",
        external_dag_id="upstream",
        external_task_ids=["load", "report"],
        check_existence=True,
        failed_states=["failed"],
        soft_fail=True,
    )
    ExternalTaskSensor(
        task_id="external_run",
        external_dag_id="upstream",
        execution_date_fn=lambda dt: [dt, dt - timedelta(days=1)],
    )
    HttpSensor(
        task_id="http",
        http_conn_id="api",
        endpoint="status",
        request_params={"job": "{{ ds }}"},
        response_check=lambda response: PokeReturnValue(
            response.json()["ready"], xcom_value=response.json()
        ),
    )
    HttpSensor(task_id="http_plain", http_conn_id="api", endpoint="missing")

    class Ticking(BaseSensorOperator):
        def poke(self, context):
            self.log.info("tick")
            return False

    Ticking(task_id="custom")
"""


class Answers(WorkerValues):
    """The worker's answers: another DAG's states by (dag, task, logical date), and which
    DAGs and tasks (dag, task or None) exist."""

    def __init__(
        self,
        states: dict[tuple[str, str | None, str], str] | None = None,
        existing: set[tuple[str, str | None]] | None = None,
        **kw: Any,
    ):
        super().__init__(**kw)
        self.states = states or {}
        self.existing = existing or set()
        self.asked: list[dict[str, Any]] = []

    def answer(self, question: dict[str, Any]) -> dict[str, Any]:
        self.asked.append(question)
        if question["kind"] == "externalState":
            key = (question["dagId"], question["taskId"], question["logicalDate"])
            value: dict[str, Any] = {"state": self.states.get(key)}
            if question.get("checkExistence"):
                value["exists"] = (question["dagId"], question["taskId"]) in self.existing
            return {"value": value}
        return super().answer(question)


@pytest.fixture
def runner(dags_folder: DagsFolder, tmp_path: Path):
    dags_folder.write("sensing.py", SENSORS)
    bundle = tmp_path / "sensing.zip"
    assert run_parse(dags_folder.root, "sensing.py", bundle).report["error"] is None
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    session = RunnerSession(NODE, bundle, cwd)
    assert session.next_message() == {"type": "loaded"}
    yield session
    session.close()


def poke(runner: RunnerSession, task_id: str, answers: Answers | None = None, **params: Any):
    """One poke of ``task_id``: its ``{"done", "value"}``, and its output."""
    request = {
        "dagId": "sensing",
        "taskId": task_id,
        "context": {
            "dagId": "sensing",
            "runId": "manual__1",
            "taskId": task_id,
            "tryNumber": 1,
            "logicalDate": "2024-03-10T06:30:00.000Z",
            "dataIntervalStart": None,
            "dataIntervalEnd": None,
            "params": params,
            "conf": {},
            "inputs": {},
            "upstream": {},
        },
        "env": {},
        "python": {"entry": "sensing.py", "callable": None},
        "sensor": True,
    }
    output = runner.run_answering(request, (answers or Answers()).answer)[0]
    if output.outcome["kind"] != "returned":
        return output.outcome, output
    return json.loads(output.outcome["json"]), output


def test_a_file_sensor_looks_on_the_workers_disk_with_globs_and_a_connections_path(
    runner, tmp_path
):
    folder = tmp_path / "landing"
    folder.mkdir()
    assert poke(runner, "file", folder=str(folder))[0] == {"done": False}
    (folder / "day.csv").write_text("a,b\n")
    result, output = poke(runner, "file", folder=str(folder))
    assert result == {"done": True}
    assert f"Poking for file {folder}/*.csv" in output.stdout

    landing = {
        "connId": "landing",
        "connType": "fs",
        "host": None,
        "port": None,
        "login": None,
        "password": None,
        "schema": None,
        "description": None,
        "extra": json.dumps({"path": str(folder)}),
    }
    answers = Answers(connections={"landing": landing})
    assert poke(runner, "file_in_conn", answers)[0] == {"done": False}
    (folder / "ready").mkdir()
    (folder / "ready" / "part-0").write_text("x")
    assert poke(runner, "file_in_conn", answers)[0] == {"done": True}


def test_python_sensors_read_truthiness_and_pass_a_poke_return_value_on(runner):
    assert poke(runner, "truthy", rows=0)[0] == {"done": False}
    assert poke(runner, "truthy", rows=[1])[0] == {"done": True}
    assert poke(runner, "valued")[0] == {"done": True, "value": "seen 2024-03-10"}
    assert poke(runner, "counted", rows=1)[0] == {"done": False, "value": 1}
    assert poke(runner, "counted", rows=3)[0] == {"done": True, "value": 3}


def test_a_pokes_truthiness_counts_as_airflows_does():
    assert poke_outcome(PokeReturnValue(1, xcom_value="v")) == {"done": True, "value": "v"}
    assert poke_outcome({"done": False, "value": 3}) == {"done": False, "value": 3}
    assert poke_outcome("yes") == {"done": True}
    assert poke_outcome([]) == {"done": False}
    assert poke_outcome(None) == {"done": False}


def test_a_custom_sensor_pokes_once_per_run(runner):
    result, output = poke(runner, "custom")
    assert result == {"done": False}
    assert output.stdout.count("tick") == 1


def test_an_external_task_sensor_asks_for_another_dags_state_at_its_dates(runner):
    earlier = "2024-03-10T05:30:00.000Z"
    answers = Answers(states={("upstream", "load", earlier): "running"})
    assert poke(runner, "external", answers)[0] == {"done": False}
    assert answers.asked == [
        {"kind": "externalState", "dagId": "upstream", "taskId": "load", "logicalDate": earlier}
    ]
    answers.states[("upstream", "load", earlier)] = "success"
    assert poke(runner, "external", answers)[0] == {"done": True}
    answers.states[("upstream", "load", earlier)] = "failed"
    outcome, _ = poke(runner, "external", answers)
    assert outcome["kind"] == "failed"
    assert "task(s) load of DAG 'upstream' reached a failed state" in outcome["error"]

    both = Answers(
        states={
            ("upstream", None, "2024-03-10T06:30:00.000Z"): "success",
            ("upstream", None, "2024-03-09T06:30:00.000Z"): "running",
        }
    )
    assert poke(runner, "external_run", both)[0] == {"done": False}
    both.states[("upstream", None, "2024-03-09T06:30:00.000Z")] = "success"
    assert poke(runner, "external_run", both)[0] == {"done": True}


def test_an_external_task_sensor_checking_existence_fails_at_once_when_the_dag_or_a_task_is_missing(
    runner,
):
    outcome, _ = poke(runner, "external_checked", Answers())
    assert outcome["kind"] == "failed"
    assert "AirflowException: The external DAG 'upstream' does not exist." in outcome["error"]

    answers = Answers(existing={("upstream", None), ("upstream", "load")})
    outcome, _ = poke(runner, "external_checked", answers)
    assert outcome["kind"] == "failed"
    assert "The external task 'report' does not exist in DAG 'upstream'." in outcome["error"]
    assert [q.get("checkExistence") for q in answers.asked] == [True, True, True]

    answers.existing.add(("upstream", "report"))
    assert poke(runner, "external_checked", answers)[0] == {"done": False}


def test_an_external_task_sensor_with_soft_fail_skips_when_the_other_tasks_failed(runner):
    date = "2024-03-10T06:30:00.000Z"
    existing = {("upstream", None), ("upstream", "load"), ("upstream", "report")}
    answers = Answers(
        states={("upstream", "load", date): "failed", ("upstream", "report", date): "failed"},
        existing=existing,
    )
    outcome, _ = poke(runner, "external_checked", answers)
    assert outcome == {
        "kind": "skipped",
        "reason": "The external task(s) load, report of DAG 'upstream' reached a failed state: "
        "['failed', 'failed']. Skipped, as soft_fail is set.",
    }


class _Api(BaseHTTPRequestHandler):
    """A loopback API: each path's answer, and the requests it got (path, Authorization)."""

    answers: ClassVar[dict[str, tuple[int, dict[str, Any]]]] = {}
    seen: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self):
        self.seen.append((self.path, self.headers.get("Authorization")))
        status, body = self.answers.get(self.path.split("?")[0], (404, {"error": "no"}))
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *_args):
        pass


@pytest.fixture
def api():
    server = HTTPServer(("127.0.0.1", 0), _Api)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Api.answers, _Api.seen = {}, []
    yield server
    server.shutdown()


def test_an_http_sensor_pokes_through_its_connection(runner, api):
    connection = {
        "connId": "api",
        "connType": "http",
        "host": "127.0.0.1",
        "port": api.server_port,
        "login": "svc",
        "password": "pw",
        "schema": None,
        "description": None,
        "extra": None,
    }
    answers = Answers(connections={"api": connection})
    _Api.answers["/status"] = (200, {"ready": False})
    assert poke(runner, "http", answers)[0] == {"done": False, "value": {"ready": False}}
    assert _Api.seen == [("/status?job=2024-03-10", "Basic c3ZjOnB3")]
    _Api.answers["/status"] = (200, {"ready": True})
    assert poke(runner, "http", answers)[0] == {"done": True, "value": {"ready": True}}
    # 404 (the default allowlist) means "not yet"; another error fails the try.
    assert poke(runner, "http_plain", answers)[0] == {"done": False}
    _Api.answers["/missing"] = (500, {})
    outcome, _ = poke(runner, "http_plain", answers)
    assert outcome["kind"] == "failed"
    assert "500:Internal Server Error" in outcome["error"]
