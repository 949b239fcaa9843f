"""Airflow's on_success_callback, on_failure_callback and on_retry_callback: what the spec
says each event fires, which notifier objects become Borda's built-in notifiers, and how
the runner calls the rest with Airflow's context (exception and reason included)."""

import json
from pathlib import Path
from typing import Any

import pytest

from support.parsing import NODE, DagsFolder, run_parse
from support.runner_session import RunnerSession

FILE = """
    import json
    from datetime import datetime

    from airflow import DAG
    from airflow.notifications.basenotifier import BaseNotifier
    from airflow.operators.bash import BashOperator
    from airflow.providers.slack.notifications.slack_webhook import SlackWebhookNotifier
    from airflow.providers.smtp.notifications.smtp import SmtpNotifier
    from borda import webhook_notifier


    def seen(context):
        exception = context["exception"]
        print("SEEN " + json.dumps({
            "task": context["ti"].task_id,
            "try": context["ti"].try_number,
            "dag": context["dag"].dag_id,
            "run": context["dag_run"].run_id,
            "exception": None if exception is None else [type(exception).__name__, str(exception)],
            "reason": context["reason"],
        }))


    def broken(context):
        raise RuntimeError("the callback broke")


    class Labelled(BaseNotifier):
        template_fields = ("label",)

        def __init__(self, label):
            self.label = label

        def notify(self, context):
            print("LABEL " + self.label)


    with DAG(
        "callbacks",
        schedule=None,
        start_date=datetime(2024, 1, 1),
        default_args={"on_retry_callback": seen},
        on_failure_callback=[seen, webhook_notifier("hook")],
        on_success_callback=SmtpNotifier(to="ops@example.com, oncall@example.com",
                                         from_email="borda@example.com", subject="done"),
    ):
        a = BashOperator(task_id="a", bash_command="true",
                         on_failure_callback=[broken, seen],
                         on_success_callback=Labelled("{{ ti.task_id }} in {{ run_id }}"))
        b = BashOperator(task_id="b", bash_command="true",
                         on_failure_callback=SlackWebhookNotifier(slack_webhook_conn_id="chat",
                                                                  text="b failed"))
        a >> b
"""

RUN_ID = "manual__2024-03-10T06:30:00+00:00"


def context(task_id: str, try_number: int = 1) -> dict[str, Any]:
    return {
        "dagId": "callbacks",
        "runId": RUN_ID,
        "taskId": task_id,
        "tryNumber": try_number,
        "logicalDate": "2024-03-10T06:30:00.000Z",
        "dataIntervalStart": None,
        "dataIntervalEnd": None,
        "params": {},
        "conf": {},
        "inputs": {},
        "upstream": {},
    }


def callback(event: str, scope: str = "task", **fields: Any) -> dict[str, Any]:
    return {
        "event": event,
        "scope": scope,
        "taskState": fields.get("task_state", "failed"),
        "runState": fields.get("run_state"),
        "exception": fields.get("exception"),
        "reason": fields.get("reason"),
    }


@pytest.fixture
def parsed(dags_folder: DagsFolder, tmp_path: Path):
    dags_folder.write("callbacks.py", FILE)
    bundle = tmp_path / "callbacks.zip"
    report = run_parse(dags_folder.root, "callbacks.py", bundle).report
    assert report["error"] is None
    return report["dags"][0], bundle


def test_each_event_names_its_code_callback_and_its_built_in_notifiers(parsed):
    spec, _ = parsed
    tasks = {task["taskId"]: task for task in spec["tasks"]}
    assert spec["callbacks"] == {
        "onSuccess": {
            "code": False,
            "notifiers": [
                {
                    "kind": "smtp",
                    "connId": "smtp_default",
                    "to": ["ops@example.com", "oncall@example.com"],
                    "from": "borda@example.com",
                    "subject": "done",
                }
            ],
        },
        "onFailure": {"code": True, "notifiers": [{"kind": "webhook", "connId": "hook"}]},
    }
    assert tasks["a"]["callbacks"] == {
        "onSuccess": {"code": True, "notifiers": []},
        "onFailure": {"code": True, "notifiers": []},
        "onRetry": {"code": True, "notifiers": []},
    }
    assert tasks["b"]["callbacks"] == {
        "onFailure": {
            "code": False,
            "notifiers": [{"kind": "slack", "connId": "chat", "text": "b failed"}],
        },
        "onRetry": {"code": True, "notifiers": []},
    }


def test_a_templated_slack_text_is_outside_the_subset(dags_folder: DagsFolder, parse):
    dags_folder.write(
        "templated.py",
        """
        from airflow import DAG
        from airflow.operators.empty import EmptyOperator
        from airflow.providers.slack.notifications.slack_webhook import SlackWebhookNotifier

        with DAG("templated", schedule=None):
            EmptyOperator(task_id="t", on_failure_callback=SlackWebhookNotifier(
                slack_webhook_conn_id="chat", text="{{ ti.task_id }} failed"))
        """,
    )
    error = parse("templated.py").error
    assert error["message"].startswith("A templated text= of SlackWebhookNotifier")


@pytest.mark.skipif(NODE is None, reason="the runner speaks Node's IPC: needs node")
def test_the_runner_calls_callbacks_with_airflows_context(parsed, tmp_path: Path):
    _, bundle = parsed
    session = RunnerSession(NODE, bundle, tmp_path)
    try:
        assert session.next_message() == {"type": "loaded"}
        base = {
            "dagId": "callbacks",
            "env": {},
            "python": {"entry": "callbacks.py", "callable": None},
        }

        def seen(output) -> list[Any]:
            return [
                json.loads(line[5:])
                for line in output.stdout.splitlines()
                if line.startswith("SEEN ")
            ]

        # A task's failure: every callback of the list runs, the first error fails it.
        failed = session.run(
            {
                **base,
                "taskId": "a",
                "context": context("a", 2),
                "callback": callback(
                    "failure", exception={"type": "ValueError", "message": "boom"}
                ),
            }
        )
        assert failed.outcome["kind"] == "failed"
        assert "RuntimeError: the callback broke" in failed.outcome["error"]
        assert seen(failed) == [
            {
                "task": "a",
                "try": 2,
                "dag": "callbacks",
                "run": RUN_ID,
                "exception": ["ValueError", "boom"],
                "reason": None,
            }
        ]

        # A retry, from default_args; an exception type this process lacks keeps its name.
        retried = session.run(
            {
                **base,
                "taskId": "b",
                "context": context("b"),
                "callback": callback(
                    "retry",
                    task_state="up_for_retry",
                    exception={"type": "WorkerLost", "message": "gone"},
                ),
            }
        )
        assert retried.outcome == {"kind": "returned", "json": None}
        assert seen(retried)[0]["exception"] == ["WorkerLost", "gone"]

        # A BaseNotifier of the file's own runs on the worker, its template rendered.
        labelled = session.run(
            {**base, "taskId": "a", "context": context("a"), "callback": callback("success")}
        )
        assert labelled.outcome == {"kind": "returned", "json": None}
        assert f"LABEL a in {RUN_ID}" in labelled.stdout

        # The DAG's failure callback gets the deciding task instance's context and the reason.
        dag_failed = session.run(
            {
                **base,
                "taskId": "b",
                "context": context("b"),
                "callback": callback(
                    "failure",
                    scope="dag",
                    run_state="failed",
                    reason="task_failure",
                    exception={"type": "AirflowTaskTimeout", "message": "too slow"},
                ),
            }
        )
        assert dag_failed.outcome == {"kind": "returned", "json": None}
        assert seen(dag_failed)[0]["task"] == "b"
        assert seen(dag_failed)[0]["exception"] == ["AirflowTaskTimeout", "too slow"]
        assert seen(dag_failed)[0]["reason"] == "task_failure"

        # An event with no code callback in the bundle fails saying so.
        missing = session.run(
            {**base, "taskId": "b", "context": context("b"), "callback": callback("success")}
        )
        assert "Task 'b' declares no success callback" in missing.outcome["error"]
    finally:
        session.close()
