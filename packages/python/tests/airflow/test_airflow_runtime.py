"""Airflow-style tasks run in Borda's Python runner, driven over a real Node IPC channel as
the worker drives it: templates rendered with Jinja2, the context keywords a callable asks
for, XComs pulled from the control plane and pushed with the result."""

import json
import re
import textwrap
from pathlib import Path
from typing import Any

import pytest

from support.parsing import NODE, DagsFolder, run_parse
from support.runner_session import RunnerSession, RunOutput, WorkerValues

pytestmark = pytest.mark.skipif(NODE is None, reason="the runner speaks Node's IPC: needs node")

RUN_ID = "manual__2024-03-10T06:30:00+00:00"

TASKS = """
    import logging
    import os
    import time
    from datetime import datetime, timedelta

    import pendulum

    from airflow import DAG
    from airflow.decorators import task
    from airflow.exceptions import AirflowSkipException
    from airflow.models.baseoperator import BaseOperator
    from airflow.operators.bash import BashOperator
    from airflow.operators.branch import BaseBranchOperator
    from airflow.operators.empty import EmptyOperator
    from airflow.operators.python import (
        BranchPythonOperator,
        PythonOperator,
        ShortCircuitOperator,
        get_current_context,
    )


    class Shout(BaseOperator):
        template_fields = ("text",)

        def __init__(self, *, text, **kwargs):
            super().__init__(**kwargs)
            self.text = text

        def execute(self, context):
            self.log.info("shouting %s", self.text)
            return self.text.upper()


    def keywords(ti, ds, ds_nodash, ts, ts_nodash, ts_nodash_with_tz, logical_date,
                 execution_date, data_interval_start, data_interval_end, run_id, dag, task,
                 dag_run, params, macros, task_instance_key_str, yesterday_ds, tomorrow_ds):
        return {
            "ti": [ti.dag_id, ti.task_id, ti.run_id, ti.try_number, ti.max_tries, ti.map_index],
            "ds": ds,
            "ds_nodash": ds_nodash,
            "ts": ts,
            "ts_nodash": ts_nodash,
            "ts_nodash_with_tz": ts_nodash_with_tz,
            "logical_date": [type(logical_date).__module__, logical_date.isoformat()],
            "same_dates": execution_date == logical_date == data_interval_start,
            "interval_end": data_interval_end.isoformat(),
            "run_id": run_id,
            "dag": dag.dag_id,
            "task": task.task_id,
            "dag_run": [dag_run.run_id, dag_run.conf, dag_run.run_type],
            "params": params,
            "macro": macros.ds_add(ds, -1),
            "key": task_instance_key_str,
            "around": [yesterday_ds, tomorrow_ds],
        }


    class PickLeft(BaseBranchOperator):
        def choose_branch(self, context):
            return ["left"]


    def everything(**context):
        return sorted(context)


    def pulls(ti):
        return {
            "one": ti.xcom_pull(task_ids="first"),
            "keyed": ti.xcom_pull(task_ids="first", key="extra"),
            "many": ti.xcom_pull(task_ids=["first", "second", "absent"]),
            "absent": ti.xcom_pull(task_ids="absent", default="fallback"),
        }


    def pushes(ti):
        ti.xcom_push(key="rows", value=[1, 2])
        ti.xcom_push("note", "pushed")
        return {"own": ti.xcom_pull(key="rows")}


    def templated(a, b, templates_dict):
        return [a, b, templates_dict]


    def current():
        context = get_current_context()
        return [context["ti"].task_id, os.environ["AIRFLOW_CTX_DAG_RUN_ID"]]


    def logs(ti):
        print("printed")
        ti.log.info("through ti.log")
        logging.getLogger("my.module").info("through a module logger")
        return None


    def needs_prev_ds():
        # The context object: **kwargs would be a plain dict, as in Airflow.
        return get_current_context()["prev_ds"]


    with DAG(
        "runtime",
        schedule="@daily",
        start_date=pendulum.datetime(2024, 1, 1, tz="UTC"),
        params={"name": "borda", "n": 2},
        user_defined_macros={"project": "edge"},
        user_defined_filters={"twice": lambda text: text * 2},
    ) as dag:
        first = EmptyOperator(task_id="first")
        second = EmptyOperator(task_id="second")
        PythonOperator(task_id="keywords", python_callable=keywords)
        PythonOperator(task_id="everything", python_callable=everything)
        [first, second] >> PythonOperator(task_id="pulls", python_callable=pulls)
        PythonOperator(task_id="pushes", python_callable=pushes)
        PythonOperator(
            task_id="templated",
            python_callable=templated,
            op_args=["{{ params.name }}-{{ ds_nodash }}"],
            op_kwargs={"b": "{{ project | twice }}:{{ macros.ds_format(ds, '%Y-%m-%d', '%d') }}"},
            templates_dict={"when": "{{ logical_date | ds }}", "plain": 3},
        )
        PythonOperator(task_id="current", python_callable=current)
        PythonOperator(task_id="logs", python_callable=logs)
        PythonOperator(task_id="quiet", python_callable=lambda: 7, show_return_value_in_logs=False)
        PythonOperator(task_id="no_push", python_callable=lambda: 7, do_xcom_push=False)
        PythonOperator(task_id="needs_prev_ds", python_callable=needs_prev_ds)
        BashOperator(
            task_id="bash",
            bash_command="echo {{ params.name }} {{ ti.xcom_pull(task_ids='first') }} {{ run_id }}",
            env={"WHO": "{{ params.name }}"},
            cwd="/tmp",
        )
        BashOperator(task_id="strict", bash_command="echo {{ params.missing }}")
        BashOperator(task_id="next_ds", bash_command="echo {{ next_ds }}")
        Shout(task_id="shout", text="{{ params.name }}")

        @task
        def produce():
            return {"a": 1, "b": [2]}

        @task(multiple_outputs=True)
        def split():
            return {"left": 1, "right": "two"}

        @task
        def combine(whole, left, right, ti=None, params=None):
            return [whole, left, right, ti.task_id, params["n"]]

        @task
        def raw(text, items):
            return [text, items]

        @task
        def skipper():
            raise AirflowSkipException("not today")

        @task.bash(env={"GREETING": "hello"})
        def greet(name, ds=None):
            return f"echo $GREETING {name} {ds} {{{{ params.n }}}}"

        @task
        def slow():
            print("started")
            time.sleep(3600)

        parts = split()
        combine(produce(), parts["left"], parts["right"])
        raw("{{ params.n }} items", ["{{ ds }}", {"nested": "{{ run_id }}"}])
        skipper()
        greet("borda")
        slow()

        @task.branch
        def route(params=None):
            return "left" if params["n"] > 1 else None

        @task.short_circuit
        def check():
            return []

        left, right = EmptyOperator(task_id="left"), EmptyOperator(task_id="right")
        choose = BranchPythonOperator(
            task_id="choose", python_callable=lambda params: {"right", "left"}
        )
        gate = ShortCircuitOperator(
            task_id="gate",
            python_callable=lambda ds: ds.endswith("-01"),
            ignore_downstream_trigger_rules=False,
            do_xcom_push=False,
        )
        [choose, route(), PickLeft(task_id="pick")] >> left
        choose >> right
        gate >> EmptyOperator(task_id="after_gate")
        check() >> EmptyOperator(task_id="after_check")
"""


def line_of(text: str) -> int:
    """The line of the DAG file (as written to the folder) that holds ``text``."""
    lines = textwrap.dedent(TASKS).lstrip().splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def context(task_id: str, **fields: Any) -> dict[str, Any]:
    return {
        "dagId": "runtime",
        "runId": RUN_ID,
        "taskId": task_id,
        "tryNumber": 1,
        "logicalDate": "2024-03-10T06:30:00.000Z",
        "dataIntervalStart": None,
        "dataIntervalEnd": None,
        "params": {"name": "borda", "n": 2},
        "conf": {"n": 2},
        "inputs": {},
        "upstream": {},
        **fields,
    }


def request(task_id: str, **context_fields: Any) -> dict[str, Any]:
    return {
        "dagId": "runtime",
        "taskId": task_id,
        "context": context(task_id, **context_fields),
        "env": {},
        "python": {"entry": "runtime.py", "callable": None},
    }


@pytest.fixture
def runner(dags_folder: DagsFolder, tmp_path: Path):
    dags_folder.write("runtime.py", TASKS)
    bundle = tmp_path / "runtime.zip"
    assert run_parse(dags_folder.root, "runtime.py", bundle).report["error"] is None
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    session = RunnerSession(NODE, bundle, cwd)
    assert session.next_message() == {"type": "loaded"}
    yield session
    session.close()


def run(
    runner: RunnerSession,
    task_id: str,
    xcoms: dict[tuple[str, str], Any] | None = None,
    **context_fields: Any,
) -> tuple[RunOutput, list[dict[str, Any]]]:
    """Runs a task, answering its XCom pulls from ``xcoms`` ((key, task id) → value) as the
    worker answers them from the control plane; returns its output and the pulls."""
    worker = WorkerValues(xcoms=xcoms or {})
    return runner.run_answering(request(task_id, **context_fields), worker.answer)


def returned(output: RunOutput) -> Any:
    assert output.outcome["kind"] == "returned", output.outcome
    return None if output.outcome["json"] is None else json.loads(output.outcome["json"])


def test_a_callable_gets_the_context_keywords_it_names(runner):
    ran, _ = run(runner, "keywords")
    assert returned(ran) == {
        "ti": ["runtime", "keywords", RUN_ID, 1, 0, -1],
        "ds": "2024-03-10",
        "ds_nodash": "20240310",
        "ts": "2024-03-10T06:30:00+00:00",
        "ts_nodash": "20240310T063000",
        "ts_nodash_with_tz": "20240310T063000+0000",
        # pendulum's DateTime, as Airflow gives, when pendulum is installed.
        "logical_date": ["pendulum.datetime", "2024-03-10T06:30:00+00:00"],
        "same_dates": True,
        "interval_end": "2024-03-10T06:30:00+00:00",
        "run_id": RUN_ID,
        "dag": "runtime",
        "task": "keywords",
        "dag_run": [RUN_ID, {"n": 2}, "manual"],
        "params": {"name": "borda", "n": 2},
        "macro": "2024-03-09",
        "key": "runtime__keywords__20240310",
        "around": ["2024-03-09", "2024-03-11"],
    }


def test_a_scheduled_runs_data_interval_and_run_type_are_the_runs(runner):
    ran, _ = run(
        runner,
        "keywords",
        runId="scheduled__2024-03-09T00:00:00+00:00",
        dataIntervalStart="2024-03-09T00:00:00.000Z",
        dataIntervalEnd="2024-03-10T00:00:00.000Z",
    )
    value = returned(ran)
    assert value["same_dates"] is False
    assert value["interval_end"] == "2024-03-10T00:00:00+00:00"
    assert value["dag_run"][2] == "scheduled"


def test_a_callable_with_kwargs_gets_the_whole_context(runner):
    assert returned(run(runner, "everything")[0]) == [
        "conn",
        "dag",
        "dag_run",
        "data_interval_end",
        "data_interval_start",
        "ds",
        "ds_nodash",
        "execution_date",
        "expanded_ti_count",
        "inlets",
        "logical_date",
        "macros",
        "map_index_template",
        "outlets",
        "params",
        "run_id",
        "start_date",
        "task",
        "task_instance",
        "task_instance_key_str",
        "templates_dict",
        "test_mode",
        "ti",
        "tomorrow_ds",
        "tomorrow_ds_nodash",
        "triggering_asset_events",
        "triggering_dataset_events",
        "try_number",
        "ts",
        "ts_nodash",
        "ts_nodash_with_tz",
        "var",
        "yesterday_ds",
        "yesterday_ds_nodash",
    ]


def test_a_context_keyword_borda_lacks_says_why_when_read(runner):
    ran, _ = run(runner, "needs_prev_ds")
    assert ran.outcome["kind"] == "failed"
    assert (
        "KeyError: \"'prev_ds' is not in a Borda task's context: Borda does not give a task"
        in (ran.outcome["error"])
    )


def test_xcom_pull_reads_direct_upstream_results_from_the_run_and_asks_for_the_rest(runner):
    ran, pulls = run(
        runner,
        "pulls",
        xcoms={("extra", "first"): {"k": 1}},
        upstream={"first": "one"},
    )
    assert returned(ran) == {
        "one": "one",
        "keyed": {"k": 1},
        # In the order asked, None for a task without one (Airflow 3).
        "many": ["one", None, None],
        "absent": "fallback",
    }
    # "second" is a direct upstream without a result: nothing to ask for.
    assert [(pull["kind"], pull["key"], pull["taskIds"]) for pull in pulls] == [
        ("xcomPull", "extra", ["first"]),
        ("xcomPull", "return_value", ["absent"]),
        ("xcomPull", "return_value", ["absent"]),
    ]


def test_xcom_push_is_stored_with_the_result_and_readable_by_the_task_itself(runner):
    ran, pulls = run(runner, "pushes")
    assert ran.outcome == {
        "kind": "returned",
        "json": '{"own":[1,2]}',
        "xcoms": {"rows": "[1,2]", "note": '"pushed"'},
    }
    assert pulls == []


def test_templated_fields_are_rendered_with_jinja_macros_filters_and_the_dags_macros(runner):
    ran, _ = run(runner, "templated")
    assert returned(ran) == [
        "borda-20240310",
        "edgeedge:10",
        {"when": "2024-03-10", "plain": 3},
    ]


def test_taskflow_arguments_are_templated_at_any_depth(runner):
    assert returned(run(runner, "raw")[0]) == [
        "2 items",
        ["2024-03-10", {"nested": RUN_ID}],
    ]


def test_taskflow_results_multiple_outputs_and_context_keywords_reach_the_function(runner):
    ran, pulls = run(
        runner,
        "combine",
        xcoms={("left", "split"): 1, ("right", "split"): "two"},
        upstream={"produce": {"a": 1, "b": [2]}, "split": {"left": 1, "right": "two"}},
        inputs={"whole": {"a": 1, "b": [2]}},
    )
    assert returned(ran) == [{"a": 1, "b": [2]}, 1, "two", "combine", 2]
    assert [(pull["kind"], pull["key"], pull["taskIds"]) for pull in pulls] == [
        ("xcomPull", "left", ["split"]),
        ("xcomPull", "right", ["split"]),
    ]


def test_multiple_outputs_pushes_each_key_besides_the_whole_result(runner):
    assert run(runner, "split")[0].outcome == {
        "kind": "returned",
        "json": '{"left":1,"right":"two"}',
        "xcoms": {"left": "1", "right": '"two"'},
    }


def test_a_bash_operator_gives_the_worker_its_rendered_command_env_and_cwd(runner):
    ran, _ = run(runner, "bash", xcoms={("return_value", "first"): "up"})
    assert ran.outcome == {
        "kind": "bash",
        "command": f"echo borda up {RUN_ID}",
        "env": {
            "WHO": "borda",
            "AIRFLOW_CTX_DAG_OWNER": "airflow",
            "AIRFLOW_CTX_DAG_ID": "runtime",
            "AIRFLOW_CTX_TASK_ID": "bash",
            "AIRFLOW_CTX_LOGICAL_DATE": "2024-03-10T06:30:00+00:00",
            "AIRFLOW_CTX_EXECUTION_DATE": "2024-03-10T06:30:00+00:00",
            "AIRFLOW_CTX_TRY_NUMBER": "1",
            "AIRFLOW_CTX_DAG_RUN_ID": RUN_ID,
        },
        "cwd": "/tmp",
    }
    assert f"INFO - Running command: echo borda up {RUN_ID}\n" in ran.stdout


def test_task_bash_renders_the_command_its_function_returns(runner):
    ran, _ = run(runner, "greet")
    assert ran.outcome["kind"] == "bash"
    assert ran.outcome["command"] == "echo $GREETING borda 2024-03-10 2"
    assert ran.outcome["env"]["GREETING"] == "hello"


def test_an_undefined_template_variable_fails_the_task_as_airflows_strict_undefined(runner):
    ran, _ = run(runner, "strict")
    assert ran.outcome["kind"] == "failed"
    assert (
        "jinja2.exceptions.UndefinedError: 'dict object' has no attribute 'missing'"
        in (ran.outcome["error"])
    )
    assert "Exception rendering Jinja template for task 'strict', field 'bash_command'" in (
        ran.stderr
    )


def test_a_template_using_a_context_keyword_borda_lacks_says_why(runner):
    error = run(runner, "next_ds")[0].outcome["error"]
    assert (
        "UndefinedError: 'next_ds' is not in a Borda task's context: Borda does not give" in error
    )


def test_a_custom_operator_runs_execute_with_its_templated_fields_and_logger(runner):
    ran, _ = run(runner, "shout")
    assert returned(ran) == "BORDA"
    assert "INFO - shouting borda\n" in ran.stdout


def test_printing_and_logging_reach_the_tasks_log(runner):
    ran, _ = run(runner, "logs")
    assert ran.outcome == {"kind": "returned", "json": None}
    lines = ran.stdout.splitlines()
    assert lines[:3] == [
        "printed",
        f"{{runtime.py:{line_of('through ti.log')}}} INFO - through ti.log",
        f"{{runtime.py:{line_of('through a module logger')}}} INFO - through a module logger",
    ]
    assert re.fullmatch(r"\{python\.py:\d+\} INFO - Done\. Returned value was: None", lines[3])


def test_show_return_value_in_logs_and_do_xcom_push_are_honoured(runner):
    quiet, _ = run(runner, "quiet")
    assert returned(quiet) == 7
    assert "Done. Returned value not shown" in quiet.stdout
    assert run(runner, "no_push")[0].outcome == {"kind": "returned", "json": None}


def test_a_branch_returns_its_choice_as_its_result_for_the_control_plane(runner):
    chose, _ = run(runner, "choose")
    # A set of ids, which Airflow takes, is no JSON: the result lists them in order.
    assert returned(chose) == ["left", "right"]
    assert re.search(
        r"^\{branch\.py:\d+\} INFO - Branch into \{'\w+', '\w+'\}$", chose.stdout, re.M
    )
    assert returned(run(runner, "route")[0]) == "left"
    assert returned(run(runner, "pick")[0]) == ["left"]


def test_a_short_circuit_returns_its_condition_even_without_xcom_push(runner):
    gate, _ = run(runner, "gate")
    assert returned(gate) is False
    assert "INFO - Condition result is False\n" in gate.stdout
    assert "INFO - Skipping downstream tasks\n" in gate.stdout
    checked, _ = run(runner, "check")
    assert returned(checked) == []


def test_get_current_context_and_the_airflow_ctx_variables_are_the_running_tasks(runner):
    assert returned(run(runner, "current")[0]) == ["current", RUN_ID]


def test_airflow_skip_exception_skips_the_task_with_its_message_as_the_reason(runner):
    skipped, _ = run(runner, "skipper")
    assert skipped.outcome == {"kind": "skipped", "reason": "not today"}


def test_an_abort_stops_an_airflow_task(runner):
    marker = runner.start_run(request("slow"))
    runner.wait_for_output("stdout", "started")
    runner.send({"type": "abort", "reason": "timed out after 1 s"})
    ran = runner.finish_run(marker)
    assert ran.outcome["error"].endswith("borda.TaskAborted: timed out after 1 s\n")


def test_one_try_leaves_nothing_behind_for_the_next_in_the_same_runner(runner):
    first, _ = run(runner, "templated")
    second, _ = run(runner, "templated", logicalDate="2025-12-31T00:00:00.000Z")
    assert returned(first)[0] == "borda-20240310"
    assert returned(second)[0] == "borda-20251231"


NO_JINJA = """
    import sys

    from airflow import DAG
    from airflow.operators.bash import BashOperator

    # As if Jinja2 were not installed in the worker's Python.
    sys.modules["jinja2"] = None

    with DAG("no_jinja", schedule=None):
        BashOperator(task_id="plain", bash_command="echo plain")
        BashOperator(task_id="templated", bash_command="echo {{ ds }}")
"""


def test_without_jinja2_plain_commands_run_and_templates_say_where_to_install_it(
    dags_folder: DagsFolder, tmp_path: Path
):
    dags_folder.write("no_jinja.py", NO_JINJA)
    bundle = tmp_path / "no_jinja.zip"
    assert run_parse(dags_folder.root, "no_jinja.py", bundle).report["error"] is None
    session = RunnerSession(NODE, bundle, tmp_path)
    try:
        assert session.next_message() == {"type": "loaded"}
        base = {
            "dagId": "no_jinja",
            "env": {},
            "python": {"entry": "no_jinja.py", "callable": None},
        }
        plain = session.run({**base, "taskId": "plain", "context": context("plain")})
        assert plain.outcome["command"] == "echo plain"
        failed = session.run({**base, "taskId": "templated", "context": context("templated")})
        error = failed.outcome["error"]
        assert (
            "Rendering the templated field 'bash_command' of task 'templated' needs Jinja2" in error
        )
        assert "-m pip install jinja2" in error
        assert "BORDA_PYTHON" in error
    finally:
        session.close()
