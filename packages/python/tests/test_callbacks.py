"""The Python SDK's callbacks: on_success, on_failure and on_retry on tasks, in default_args
and on the DAG; notifiers in the spec, functions called by the runner with the context."""

from pathlib import Path
from typing import Any

import pytest

from borda import DagDefinitionError, dag, email_notifier, slack_notifier, task, webhook_notifier
from support.parsing import NODE, DagsFolder, run_parse
from support.runner_session import RunnerSession


def test_options_become_the_specs_callbacks_and_the_dag_keeps_the_functions():
    def page(ctx):
        return None

    @dag(
        dag_id="notified",
        on_failure=[page, webhook_notifier("hook")],
        default_args={"on_retry": slack_notifier("chat", text="retrying")},
    )
    def notified():
        @task(on_failure=[page, email_notifier("mail", "ops@example.com", subject="down")])
        def load(ctx):
            return 1

        @task(on_retry=None)
        def plain(ctx):
            return 2

        load() >> plain()

    spec = notified.to_spec()
    tasks = {t["taskId"]: t for t in spec["tasks"]}
    assert spec["callbacks"] == {
        "onFailure": {"code": True, "notifiers": [{"kind": "webhook", "connId": "hook"}]}
    }
    assert tasks["load"]["callbacks"] == {
        "onFailure": {
            "code": True,
            "notifiers": [
                {"kind": "smtp", "connId": "mail", "to": ["ops@example.com"], "subject": "down"}
            ],
        },
        "onRetry": {
            "code": False,
            "notifiers": [{"kind": "slack", "connId": "chat", "text": "retrying"}],
        },
    }
    # A task's own None turns a default off.
    assert "callbacks" not in tasks["plain"]
    assert notified.get_callback("task", "load", "failure") is not None
    assert notified.get_callback("task", "load", "retry") is None
    assert notified.get_callback("dag", "", "failure") is not None


def test_a_callback_that_is_neither_a_function_nor_a_notifier_is_refused():
    with pytest.raises(DagDefinitionError, match="on_failure must be a function, a notifier"):

        @dag(dag_id="wrong")
        def wrong():
            @task(on_failure="page me")
            def t(ctx):
                return 1

            t()


FILE = """
    from borda import dag, task


    def report(ctx):
        print("CALLBACK", ctx.task_id, ctx.try_number, ctx.callback.event, ctx.callback.scope,
              ctx.callback.exception["type"], ctx.callback.exception["message"],
              ctx.callback.run_state)


    @dag(dag_id="reported", on_failure=report)
    def reported():
        @task(on_failure=report)
        def boom(ctx):
            raise ValueError("boom")

        boom()
"""


def context() -> dict[str, Any]:
    return {
        "dagId": "reported",
        "runId": "r1",
        "taskId": "boom",
        "tryNumber": 3,
        "logicalDate": "2024-03-10T06:30:00.000Z",
        "dataIntervalStart": None,
        "dataIntervalEnd": None,
        "params": {},
        "conf": {},
        "inputs": {},
        "upstream": {},
    }


@pytest.mark.skipif(NODE is None, reason="the runner speaks Node's IPC: needs node")
def test_the_runner_calls_a_callback_with_the_context_and_the_event(
    dags_folder: DagsFolder, tmp_path: Path
):
    dags_folder.write("reported.py", FILE)
    bundle = tmp_path / "reported.zip"
    assert run_parse(dags_folder.root, "reported.py", bundle).report["error"] is None
    session = RunnerSession(NODE, bundle, tmp_path)
    try:
        assert session.next_message() == {"type": "loaded"}
        base = {"dagId": "reported", "taskId": "boom", "env": {}, "context": context()}
        base["python"] = {"entry": "reported.py", "callable": None}
        exception = {"type": "ValueError", "message": "boom"}
        for scope, run_state in (("task", None), ("dag", "failed")):
            ran = session.run(
                {
                    **base,
                    "callback": {
                        "event": "failure",
                        "scope": scope,
                        "taskState": "failed",
                        "runState": run_state,
                        "exception": exception,
                        "reason": None,
                    },
                }
            )
            assert ran.outcome == {"kind": "returned", "json": None}
            assert f"CALLBACK boom 3 failure {scope} ValueError boom {run_state}" in ran.stdout
    finally:
        session.close()
