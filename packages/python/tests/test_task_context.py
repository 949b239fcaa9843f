"""The task context: the run's data as Python values, logging, and waiting that an abort ends."""

import threading
import time
from datetime import UTC, datetime

import pytest

from borda import Connection, LookupFailed, TaskAborted, TaskContext
from borda._context import AbortSignal

DATA = {
    "dagId": "etl",
    "runId": "scheduled__2024-01-01T00:00:00+00:00",
    "taskId": "extract",
    "tryNumber": 2,
    "logicalDate": "2024-01-01T00:00:00.000Z",
    "dataIntervalStart": "2024-01-01T00:00:00.000Z",
    "dataIntervalEnd": "2024-01-02T00:00:00.000Z",
    "params": {"n": 3},
    "conf": {"n": 3},
    "inputs": {"numbers": [1, 2]},
    "upstream": {"generate": [1, 2]},
}


def test_the_context_reads_the_runs_data_with_aware_utc_instants():
    ctx = TaskContext(DATA)
    assert (ctx.dag_id, ctx.run_id, ctx.task_id, ctx.try_number) == (
        "etl",
        "scheduled__2024-01-01T00:00:00+00:00",
        "extract",
        2,
    )
    assert ctx.logical_date == datetime(2024, 1, 1, tzinfo=UTC)
    assert ctx.logical_date.tzinfo is UTC
    assert ctx.data_interval_end == datetime(2024, 1, 2, tzinfo=UTC)
    assert (ctx.params, ctx.conf, ctx.inputs, ctx.upstream) == (
        {"n": 3},
        {"n": 3},
        {"numbers": [1, 2]},
        {"generate": [1, 2]},
    )
    assert not ctx.aborted


def test_a_manual_run_of_an_unscheduled_dag_has_no_data_interval():
    ctx = TaskContext({**DATA, "dataIntervalStart": None, "dataIntervalEnd": None})
    assert ctx.data_interval_start is None
    assert ctx.data_interval_end is None


def test_log_writes_a_line_to_stdout(capsys):
    TaskContext(DATA).log("counted", 3, {"a": 1})
    assert capsys.readouterr().out == "counted 3 {'a': 1}\n"


def test_sleep_waits_when_nothing_aborts():
    TaskContext(DATA).sleep(0.01)


def test_sleep_ends_at_once_with_the_reason_when_the_task_is_aborted():
    signal = AbortSignal()
    ctx = TaskContext(DATA, signal)
    threading.Timer(0.05, signal.abort, ["timed out after 1 s"]).start()
    started = time.monotonic()
    with pytest.raises(TaskAborted, match="timed out after 1 s"):
        ctx.sleep(30)
    assert time.monotonic() - started < 10
    assert ctx.aborted


def test_sleep_after_an_abort_raises_without_waiting():
    signal = AbortSignal()
    signal.abort("killed")
    with pytest.raises(TaskAborted, match="killed"):
        TaskContext(DATA, signal).sleep(30)


def test_an_abort_is_not_swallowed_by_except_exception():
    def task_with_its_own_error_handling(ctx):
        try:
            ctx.sleep(1)
        except Exception:
            return "swallowed"

    signal = AbortSignal()
    signal.abort("killed")
    with pytest.raises(TaskAborted):
        task_with_its_own_error_handling(TaskContext(DATA, signal))


def test_reading_through_the_worker_needs_a_runner():
    ctx = TaskContext(DATA)
    with pytest.raises(RuntimeError, match="XComs can be read only while the task runs on a"):
        ctx.pull_xcoms("rows")
    with pytest.raises(RuntimeError, match="Connections can be read only while the task runs"):
        ctx.connection("plant_db")
    with pytest.raises(RuntimeError, match="Variables can be read only while the task runs"):
        ctx.variable("region", default="eu-west")


class Worker:
    """The runner's side of ``ask``: answers from what the worker holds, keeps the questions."""

    def __init__(self, **answers):
        self.answers = answers  # question's id or key → value, or LookupFailed to raise
        self.questions = []

    def ask(self, question):
        self.questions.append(question)
        answer = self.answers.get(question.get("connId") or question.get("key"))
        if isinstance(answer, LookupFailed):
            raise answer
        if answer is None:
            raise LookupFailed("not_found", "defined nowhere")
        return answer


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


def test_pulling_xcoms_asks_the_worker_for_the_key_and_tasks():
    worker = Worker(rows=[{"taskId": "a", "value": 1}, {"taskId": "b", "value": None}])
    ctx = TaskContext(DATA, ask=worker.ask)
    assert ctx.pull_xcoms("rows", task_ids=("a", "b")) == {"a": 1, "b": None}
    assert ctx.pull_xcoms("rows") == {"a": 1, "b": None}
    assert worker.questions == [
        {"kind": "xcomPull", "key": "rows", "taskIds": ["a", "b"]},
        {"kind": "xcomPull", "key": "rows"},
    ]


def test_a_connection_has_airflows_fields_and_hides_its_password_in_its_repr():
    worker = Worker(plant_db=PLANT_DB)
    plant = TaskContext(DATA, ask=worker.ask).connection("plant_db")
    assert isinstance(plant, Connection)
    assert worker.questions == [{"kind": "connection", "connId": "plant_db"}]
    assert (plant.conn_id, plant.conn_type, plant.host, plant.port) == (
        "plant_db",
        "postgres",
        "historian.plant-7.internal",
        5432,
    )
    assert (plant.login, plant.password, plant.schema, plant.description) == (
        "etl_reader",
        "s3cret",
        "telemetry",
        None,
    )
    assert plant.extra == '{"sslmode": "require"}'
    assert plant.extra_dejson == {"sslmode": "require"}
    assert plant.uri == plant.get_uri()
    assert "s3cret" not in repr(plant)
    assert repr(plant) == "Connection(conn_id='plant_db', conn_type='postgres')"


def test_a_variable_is_its_string_or_its_json_parsed():
    worker = Worker(region="eu-west", settings='{"mode": "fast", "n": [1, 2]}')
    ctx = TaskContext(DATA, ask=worker.ask)
    assert ctx.variable("region") == "eu-west"
    assert ctx.variable("settings") == '{"mode": "fast", "n": [1, 2]}'
    assert ctx.variable("settings", deserialize_json=True) == {"mode": "fast", "n": [1, 2]}
    assert worker.questions == [
        {"kind": "variable", "key": "region"},
        {"kind": "variable", "key": "settings"},
        {"kind": "variable", "key": "settings"},
    ]


def test_a_variable_defined_nowhere_is_its_default_as_given():
    ctx = TaskContext(DATA, ask=Worker().ask)
    assert ctx.variable("missing", default="eu-west") == "eu-west"
    assert ctx.variable("missing", default=None) is None
    # A default is not JSON to parse.
    assert ctx.variable("missing", default='{"a": 1}', deserialize_json=True) == '{"a": 1}'


def test_a_value_defined_nowhere_without_a_default_names_it_and_says_the_workers_words():
    ctx = TaskContext(DATA, ask=Worker().ask)
    with pytest.raises(LookupFailed) as variable:
        ctx.variable("region")
    assert variable.value.code == "not_found"
    assert str(variable.value) == "Variable 'region' was not found: defined nowhere"
    with pytest.raises(LookupFailed) as connection:
        ctx.connection("plant_db")
    assert connection.value.code == "not_found"
    assert str(connection.value) == "Connection 'plant_db' was not found: defined nowhere"
    # Raised from the task's own frame, without the lookup that led to it.
    assert connection.value.__suppress_context__


def test_the_workers_message_stands_alone_when_it_names_the_value_already():
    said = (
        "Variable 'region' is not defined: not in this worker's environment (AIRFLOW_VAR_REGION)."
    )
    ctx = TaskContext(DATA, ask=Worker(region=LookupFailed("not_found", said)).ask)
    with pytest.raises(LookupFailed) as missing:
        ctx.variable("region")
    assert str(missing.value) == said


def test_a_refusal_is_the_workers_reason_verbatim_even_with_a_default():
    reason = "Variable 'region' may be read only by tasks on queues matching team_a_*."
    ctx = TaskContext(DATA, ask=Worker(region=LookupFailed("forbidden", reason)).ask)
    with pytest.raises(LookupFailed) as refused:
        ctx.variable("region", default="eu-west")
    assert (refused.value.code, str(refused.value)) == ("forbidden", reason)


def test_a_failed_read_says_what_was_read_and_why():
    worker = Worker(
        region=LookupFailed("failed", "the control plane is unreachable"),
        plant_db=LookupFailed("failed", "the control plane is unreachable"),
    )
    ctx = TaskContext(DATA, ask=worker.ask)
    with pytest.raises(LookupFailed, match=r"^Variable 'region' could not be read: the control"):
        ctx.variable("region", default="not for failures")
    with pytest.raises(LookupFailed, match=r"^Connection 'plant_db' could not be read: the contr"):
        ctx.connection("plant_db")


def test_a_variable_that_is_not_json_says_where_without_showing_its_value():
    ctx = TaskContext(DATA, ask=Worker(token="hunter2-not-json").ask)
    with pytest.raises(ValueError, match="Variable 'token' is not JSON: Expecting value") as bad:
        ctx.variable("token", deserialize_json=True)
    assert "hunter2" not in str(bad.value)


def test_dag_state_asks_for_another_dags_state_at_a_logical_date_in_utc():
    asked = []

    def ask(question):
        asked.append(question)
        return {"state": "success"}

    ctx = TaskContext(DATA, ask=ask)
    assert ctx.dag_state("upstream", "load") == "success"
    ctx.dag_state("upstream", logical_date=datetime(2024, 3, 9, 12, 0))
    ctx.dag_state("upstream", logical_date="2024-03-08T13:00:00+01:00")
    assert asked == [
        {
            "kind": "externalState",
            "dagId": "upstream",
            "taskId": "load",
            "logicalDate": "2024-01-01T00:00:00.000Z",
        },
        {
            "kind": "externalState",
            "dagId": "upstream",
            "taskId": None,
            "logicalDate": "2024-03-09T12:00:00.000Z",
        },
        {
            "kind": "externalState",
            "dagId": "upstream",
            "taskId": None,
            "logicalDate": "2024-03-08T12:00:00.000Z",
        },
    ]


def test_dag_exists_asks_whether_another_dag_and_its_task_exist():
    asked = []

    def ask(question):
        asked.append(question)
        return {"state": None, "exists": question["taskId"] != "gone"}

    ctx = TaskContext(DATA, ask=ask)
    assert ctx.dag_exists("upstream") is True
    assert ctx.dag_exists("upstream", "gone") is False
    assert [(q["taskId"], q["checkExistence"]) for q in asked] == [(None, True), ("gone", True)]
