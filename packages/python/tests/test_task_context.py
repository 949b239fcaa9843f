"""The task context: the run's data as Python values, logging, and waiting that an abort ends."""

import threading
import time
from datetime import UTC, datetime

import pytest

from borda import TaskAborted, TaskContext
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


def test_pulling_xcoms_needs_a_runner():
    with pytest.raises(RuntimeError, match="only while the task runs on a worker"):
        TaskContext(DATA).pull_xcoms("rows")


def test_pulling_xcoms_asks_the_runner_for_the_key_and_tasks():
    asked = []

    def pull(key, task_ids):
        asked.append((key, task_ids))
        return {"a": 1}

    ctx = TaskContext(DATA, pull_xcoms=pull)
    assert ctx.pull_xcoms(task_ids=("a",)) == {"a": 1}
    assert asked == [("return_value", ["a"])]
