"""Dynamic task mapping in Airflow-style files: TaskFlow's ``.expand()``,
``.partial().expand()`` and ``.expand_kwargs()``, and classic operators'
``.partial(task_id=...).expand(...)``, declare the spec's ``mapped`` field as the Python
SDK does; a map index runs with its item (templated when it was written in the file, not
when it came from a task) and its ``map_index``, and the task after it gets the list."""

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from airflow import DAG
from airflow.decorators import task
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator
from borda import DagDefinitionError
from borda._registry import collecting
from support.parsing import NODE, DagsFolder, run_parse
from support.runner_session import RunnerSession, RunOutput, WorkerValues


def declared(build):
    with collecting() as dags:
        build()
    (registered,) = dags
    return {spec["taskId"]: spec for spec in registered.to_spec()["tasks"]}


def test_taskflow_expand_partial_and_expand_kwargs_declare_the_mapping():
    def build():
        with DAG("mapping", schedule=None, start_date=datetime(2024, 1, 1)):

            @task
            def numbers():
                return [1, 2, 3]

            @task
            def offset():
                return 100

            @task(max_active_tis_per_dagrun=4, retries=2)
            def add(x, y, scale=1):
                return (x + y) * scale

            @task
            def total(values):
                return sum(values)

            listed = numbers()
            total(add.partial(scale=10).expand(x=listed, y=[1, 2]))
            add.partial(y=offset()).expand(x=(5, 6))
            add.expand_kwargs([{"x": 1, "y": 2}, {"x": 3, "y": 4}])
            add.partial(scale=2).expand_kwargs(listed)
            add.expand(x={"a": 1}, y=[0])

    specs = declared(build)
    assert specs["add"]["mapped"] == {
        "expand": {"x": {"from": "numbers"}, "y": {"values": [1, 2]}},
        "maxActive": 4,
    }
    assert list(specs["add"]["mapped"]["expand"]) == ["x", "y"]
    assert specs["add"]["upstream"] == ["numbers"]
    assert specs["add"]["inputs"] == {}
    assert specs["add"]["retries"] == 2
    assert specs["add"]["operator"] == "@task"
    assert specs["total"]["inputs"] == {"values": "add"}
    # A partial argument that is a task's result stays a data input.
    assert specs["add__1"]["inputs"] == {"y": "offset"}
    assert specs["add__1"]["upstream"] == ["offset"]
    assert specs["add__1"]["mapped"]["expand"] == {"x": {"values": [5, 6]}}
    assert specs["add__2"]["mapped"] == {
        "expandKwargs": {"values": [{"x": 1, "y": 2}, {"x": 3, "y": 4}]},
        "maxActive": 4,
    }
    assert specs["add__3"]["mapped"]["expandKwargs"] == {"from": "numbers"}
    assert specs["add__3"]["upstream"] == ["numbers"]
    assert specs["add__4"]["mapped"]["expand"]["x"] == {"values": [["a", 1]]}
    assert "mapped" not in specs["numbers"]


def test_classic_operators_map_their_constructor_arguments():
    def build():
        with DAG(
            "classic", schedule=None, start_date=datetime(2024, 1, 1), default_args={"retries": 3}
        ):

            @task
            def commands():
                return ["echo a", "echo b"]

            echo = BashOperator.partial(task_id="echo", env={"A": "1"}, queue="edge").expand(
                bash_command=commands()
            )
            multiply = PythonOperator.partial(
                task_id="multiply", python_callable=lambda a, b: a * b, max_active_tis_per_dagrun=1
            ).expand(op_args=[[1, 2], [3, 4]])
            BashOperator.partial(task_id="envs", bash_command="echo $N").expand_kwargs(
                [{"env": {"N": "1"}}, {"env": {"N": "2"}}]
            )
            echo >> multiply
            # An unmapped task may have the limit too: it runs once per run anyway.
            BashOperator(task_id="once", bash_command="true", max_active_tis_per_dagrun=1)

    specs = declared(build)
    assert specs["echo"]["kind"] == "bash"
    assert specs["echo"]["operator"] == "BashOperator"
    assert specs["echo"]["queue"] == "edge"
    assert specs["echo"]["retries"] == 3
    assert specs["echo"]["upstream"] == ["commands"]
    assert specs["echo"]["mapped"] == {"expand": {"bash_command": {"from": "commands"}}}
    assert specs["multiply"]["upstream"] == ["echo"]
    assert specs["multiply"]["mapped"] == {
        "expand": {"op_args": {"values": [[1, 2], [3, 4]]}},
        "maxActive": 1,
    }
    assert specs["envs"]["mapped"] == {
        "expandKwargs": {"values": [{"env": {"N": "1"}}, {"env": {"N": "2"}}]}
    }
    assert "mapped" not in specs["once"]


def refused(body):
    """The error of declaring ``body(numbers, add)`` in a DAG."""
    with DAG("bad", schedule=None):

        @task
        def numbers():
            return [1]

        @task
        def add(x, y=0):
            return x + y

        with pytest.raises(DagDefinitionError) as raised:
            body(numbers, add)
    return raised.value


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (lambda numbers, add: add.expand(x=3), "add.expand(): the argument 'x' is int 3"),
        (lambda numbers, add: add.expand(), "add.expand(): no arguments to expand against."),
        (
            lambda numbers, add: add.partial(x=1).expand(x=[2]),
            "add.expand(): argument 'x' is given both to partial() and to expand()",
        ),
        (lambda numbers, add: add.expand(z=[1]), "add.expand(): got an unexpected keyword"),
        (
            lambda numbers, add: add.expand(y=[1]),
            "add.expand(): missing a required argument: 'x'.",
        ),
        (
            lambda numbers, add: add.expand(x=[numbers()]),
            "add.expand(): the argument 'x' holds a task's result inside a list",
        ),
        (
            lambda numbers, add: add.expand_kwargs(numbers().map(lambda n: {"x": n})),
            "XComArg.map() as the argument of add.expand_kwargs()",
        ),
        (
            lambda numbers, add: add.expand_kwargs([1]),
            "add.expand_kwargs(): its argument must be a list of dicts",
        ),
        (
            lambda numbers, add: BashOperator.partial(bash_command="x"),
            "BashOperator.partial() needs the task's task_id.",
        ),
        (
            lambda numbers, add: BashOperator.partial(task_id="t").expand(command=["x"]),
            "BashOperator.partial(task_id='t').expand(): invalid arguments were passed to "
            "BashOperator: command.",
        ),
        (
            lambda numbers, add: BashOperator.partial(task_id="t").expand(env=[{}]),
            "BashOperator.partial(task_id='t').expand(): missing a required argument: "
            "'bash_command'.",
        ),
        (
            lambda numbers, add: BashOperator.partial(
                task_id="t", max_active_tis_per_dagrun=0
            ).expand(bash_command=["x"]),
            "task 't' (MappedOperator): max_active_tis_per_dagrun must be at least 1, not 0.",
        ),
    ],
)
def test_a_mapping_that_cannot_run_is_an_error_naming_the_call_and_the_problem(body, message):
    error = refused(body)
    assert str(error).startswith(message), str(error)
    assert error.where is not None
    assert error.where[0] == __file__


# -- running ----------------------------------------------------------------------------

RUN_ID = "manual__2024-03-10T06:30:00+00:00"

DAG_FILE = """
    from datetime import datetime

    from airflow import DAG
    from airflow.decorators import task
    from airflow.models.baseoperator import BaseOperator
    from airflow.operators.bash import BashOperator
    from airflow.operators.python import PythonOperator


    class Greet(BaseOperator):
        template_fields = ("greeting",)

        def __init__(self, *, name, greeting="hello {{ ds }}", **kwargs):
            super().__init__(**kwargs)
            self.label = name.upper()
            self.greeting = greeting

        def execute(self, context):
            return f"{self.greeting} {self.label} #{context['ti'].map_index}"


    with DAG("mapped", schedule=None, start_date=datetime(2024, 1, 1)):

        @task
        def numbers():
            return [1, 2, 3]

        @task
        def add(x, y, ti=None):
            return {"sum": x + y, "map_index": ti.map_index}

        @task
        def total(values, ti=None):
            return {
                "sum": sum(value["sum"] for value in values),
                "pulled": ti.xcom_pull(task_ids="add"),
                "second": ti.xcom_pull(task_ids="add", map_indexes=1),
                "some": ti.xcom_pull(task_ids="add", map_indexes=[2, 0, 7]),
                # A task that is not mapped has no map index 0.
                "unmapped": ti.xcom_pull(task_ids="numbers", map_indexes=0, default="none"),
            }

        listed = numbers()
        listed >> total(add.partial(y=10).expand(x=listed))
        add.override(task_id="doubled").partial(y=0).expand(x=listed.map(lambda n: n * 2))

        @task
        def negated(values):
            return values

        negated(listed.map(lambda n: -n))
        add.override(task_id="templated").expand(x=["{{ ds }}", "{{ ds }}"], y=["!", "?"])
        add.override(task_id="from_kwargs").partial(y=1).expand_kwargs(numbers())
        BashOperator.partial(task_id="echo", env={"WHO": "{{ ds }}"}).expand(
            bash_command=["echo $WHO {{ ti.map_index }}", "echo b"]
        )
        PythonOperator.partial(
            task_id="multiply", python_callable=lambda a, b, ti: [a * b, ti.map_index]
        ).expand(op_args=[[2, 3], [4, 5]])
        Greet.partial(task_id="greet").expand(name=numbers())

        @task(map_index_template="{{ ti.task_id }} #{{ ti.map_index }}")
        def named(x):
            return x

        named.expand(x=[1, 2])
"""


@pytest.fixture
def runner(dags_folder: DagsFolder, tmp_path: Path):
    if NODE is None:
        pytest.skip("the runner speaks Node's IPC: needs node")
    dags_folder.write("mapped.py", DAG_FILE)
    bundle = tmp_path / "mapped.zip"
    assert run_parse(dags_folder.root, "mapped.py", bundle).report["error"] is None
    session = RunnerSession(NODE, bundle, tmp_path)
    assert session.next_message() == {"type": "loaded"}
    yield session
    session.close()


def run(runner: RunnerSession, task_id: str, **fields: Any) -> RunOutput:
    """Runs a task instance with ``fields`` in its context (``inputs``, ``mapIndex``)."""
    context = {
        "dagId": "mapped",
        "runId": RUN_ID,
        "taskId": task_id,
        "tryNumber": 1,
        "logicalDate": "2024-03-10T06:30:00.000Z",
        "dataIntervalStart": None,
        "dataIntervalEnd": None,
        "params": {},
        "conf": {},
        "inputs": {},
        "upstream": {},
        **fields,
    }
    request = {
        "dagId": "mapped",
        "taskId": task_id,
        "context": context,
        "env": {},
        "python": {"entry": "mapped.py", "callable": None},
    }
    output, _ = runner.run_answering(request, WorkerValues().answer)
    return output


def returned(output: RunOutput) -> Any:
    assert output.outcome["kind"] == "returned", output.outcome
    return json.loads(output.outcome["json"])


def test_a_taskflow_map_index_gets_its_item_its_partial_and_its_map_index(runner):
    ran = run(runner, "add", inputs={"x": 2}, upstream={"numbers": [1, 2, 3]}, mapIndex=1)
    assert returned(ran) == {"sum": 12, "map_index": 1}


def test_the_task_after_a_mapped_task_gets_the_list_and_pulls_it_by_map_index(runner):
    results = [
        {"sum": 11, "map_index": 0},
        {"sum": 12, "map_index": 1},
        {"sum": 13, "map_index": 2},
    ]
    upstream = {"add": results, "numbers": [1, 2, 3]}
    ran = run(runner, "total", inputs={"values": results}, upstream=upstream)
    assert returned(ran) == {
        "sum": 36,
        "pulled": results,
        "second": results[1],
        "some": [results[2], results[0], None],
        "unmapped": "none",
    }


def test_literal_items_are_templated_and_items_from_a_task_are_not(runner):
    ran = run(runner, "templated", inputs={"x": "{{ ds }}", "y": "?"}, mapIndex=1)
    assert returned(ran) == {"sum": "2024-03-10?", "map_index": 1}
    ran = run(
        runner,
        "from_kwargs",
        inputs={"x": "{{ ds }}", "y": "!"},
        upstream={"numbers": [{"x": "{{ ds }}", "y": "!"}]},
        mapIndex=0,
    )
    assert returned(ran) == {"sum": "{{ ds }}!", "map_index": 0}


def test_a_map_index_template_is_rendered_after_the_task_ran_and_reported_with_its_result(
    runner,
):
    ran = run(runner, "named", inputs={"x": 2}, mapIndex=1)
    assert ran.outcome == {"kind": "returned", "json": "2", "renderedMapIndex": "named #1"}
    # Not mapped, or mapped without a template: no name.
    assert "renderedMapIndex" not in run(runner, "numbers").outcome
    assert "renderedMapIndex" not in run(runner, "add", inputs={"x": 2}, mapIndex=1).outcome


def test_a_mapped_bash_operator_runs_its_items_command_with_the_partials_env(runner):
    ran = run(runner, "echo", inputs={"bash_command": "echo $WHO {{ ti.map_index }}"}, mapIndex=0)
    assert ran.outcome["kind"] == "bash"
    assert ran.outcome["command"] == "echo $WHO 0"
    assert ran.outcome["env"]["WHO"] == "2024-03-10"


def test_a_mapped_python_operator_and_a_custom_operator_are_made_from_their_items(runner):
    ran = run(runner, "multiply", inputs={"op_args": [4, 5]}, mapIndex=1)
    assert returned(ran) == [20, 1]
    # The constructor makes the operator from its item, as the DAG file would.
    ran = run(runner, "greet", inputs={"name": "lisbon"}, upstream={"numbers": []}, mapIndex=2)
    assert returned(ran) == "hello 2024-03-10 LISBON #2"


def test_xcom_arg_map_applies_its_function_to_each_item_when_the_task_runs(runner):
    ran = run(runner, "doubled", inputs={"x": 3}, upstream={"numbers": [1, 2, 3]}, mapIndex=2)
    assert returned(ran) == {"sum": 6, "map_index": 2}
    upstream = {"numbers": [1, 2, 3]}
    ran = run(runner, "negated", inputs={"values": [1, 2, 3]}, upstream=upstream)
    assert returned(ran) == [-1, -2, -3]


def test_a_mapping_over_xcom_arg_map_maps_over_the_tasks_result():
    def build():
        with DAG("mapped_map", schedule=None):

            @task
            def numbers():
                return [1, 2]

            @task
            def show(x):
                return x

            show.expand(x=numbers().map(str))

    assert declared(build)["show"]["mapped"] == {"expand": {"x": {"from": "numbers"}}}
