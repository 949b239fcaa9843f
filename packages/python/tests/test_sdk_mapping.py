"""Dynamic task mapping in the Python SDK: ``.expand()``, ``.partial().expand()`` and
``.expand_kwargs()`` declare protocol's ``mapped`` field; a mapped task instance runs with
its item and its map index, and the task after it with the list of results."""

import json
from pathlib import Path

import pytest

from borda import DagDefinitionError, TaskContext, dag, task
from borda._registry import Returned
from support.parsing import NODE, DagsFolder, run_parse
from support.runner_session import RunnerSession
from support.specs import python_task


def task_specs(declared):
    return {spec["taskId"]: spec for spec in declared.to_spec()["tasks"]}


def context_data(task_id, **fields):
    """What the worker sends a run of ``task_id`` (the SDK's ``TaskContextData``)."""
    return {
        "dagId": "mapping",
        "runId": "manual__2024-01-01T00:00:00+00:00",
        "taskId": task_id,
        "tryNumber": 1,
        "logicalDate": "2024-01-01T00:00:00.000Z",
        "dataIntervalStart": None,
        "dataIntervalEnd": None,
        **fields,
    }


def context(task_id, **fields):
    return TaskContext(context_data(task_id, **fields))


@dag(dag_id="mapping")
def mapping():
    @task
    def numbers(ctx):
        return [1, 2, 3]

    @task
    def offset(ctx):
        return 100

    @task(max_active_tis_per_dagrun=2)
    def add(ctx, x, y, scale=1):
        return {"value": (x + y) * scale, "index": ctx.map_index}

    @task
    def total(ctx, values):
        return sum(item["value"] for item in values)

    listed = numbers()
    crossed = add.partial(scale=10).expand(x=listed, y=[1, 2])
    add.override(task_id="fixed_from_task").partial(y=offset()).expand(x=(5, 6))
    add.override(task_id="by_kwargs").expand_kwargs(
        [{"x": 1, "y": 2}, {"x": 3, "y": 4, "scale": 5}]
    )
    add.override(task_id="by_upstream_kwargs").partial(scale=2).expand_kwargs(listed)
    add.override(task_id="pairs").expand(x={"a": 1, "b": 2}, y=[0])
    total(crossed)


def test_expand_maps_arguments_over_literal_lists_and_upstream_results_in_declaration_order():
    spec = task_specs(mapping)["add"]
    assert spec == python_task(
        "add",
        upstream=["numbers"],
        mapped={
            "expand": {"x": {"from": "numbers"}, "y": {"values": [1, 2]}},
            "maxActive": 2,
        },
    )
    # The cross product's order is the arguments' order: the last varies fastest.
    assert list(spec["mapped"]["expand"]) == ["x", "y"]


def test_partial_arguments_stay_fixed_or_data_inputs_and_tuples_are_lists():
    spec = task_specs(mapping)["fixed_from_task"]
    assert spec["upstream"] == ["offset"]
    assert spec["inputs"] == {"y": "offset"}
    assert spec["mapped"] == {"expand": {"x": {"values": [5, 6]}}, "maxActive": 2}


def test_a_dict_is_mapped_over_as_key_value_pairs():
    assert task_specs(mapping)["pairs"]["mapped"]["expand"]["x"] == {"values": [["a", 1], ["b", 2]]}


def test_expand_kwargs_maps_over_literal_dicts_or_an_upstream_result():
    specs = task_specs(mapping)
    assert specs["by_kwargs"]["mapped"] == {
        "expandKwargs": {"values": [{"x": 1, "y": 2}, {"x": 3, "y": 4, "scale": 5}]},
        "maxActive": 2,
    }
    assert specs["by_kwargs"]["upstream"] == []
    assert specs["by_upstream_kwargs"]["mapped"] == {
        "expandKwargs": {"from": "numbers"},
        "maxActive": 2,
    }
    assert specs["by_upstream_kwargs"]["upstream"] == ["numbers"]
    assert specs["by_upstream_kwargs"]["inputs"] == {}


def test_the_task_after_a_mapped_task_takes_its_results_as_an_input():
    assert task_specs(mapping)["total"] == python_task(
        "total", upstream=["add"], inputs={"values": "add"}
    )


def test_an_unmapped_task_has_no_mapped_field_and_reads_map_index_minus_one():
    assert "mapped" not in task_specs(mapping)["numbers"]
    assert context("numbers").map_index == -1


def test_a_map_index_runs_with_its_items_its_fixed_arguments_and_its_index():
    ran = mapping.get_task("add").run(context("add", inputs={"x": 2, "y": 1}, mapIndex=3))
    assert ran == Returned({"value": 30, "index": 3})
    # The partial's upstream result arrives as an input beside the item.
    ran = mapping.get_task("fixed_from_task").run(
        context("fixed_from_task", inputs={"x": 6, "y": 100}, mapIndex=1)
    )
    assert ran == Returned({"value": 106, "index": 1})


def test_an_expand_kwargs_map_index_gets_its_dicts_arguments_which_win_over_fixed_ones():
    by_kwargs = mapping.get_task("by_upstream_kwargs")
    ran = by_kwargs.run(context("by_upstream_kwargs", inputs={"x": 1, "y": 2}, mapIndex=0))
    assert ran == Returned({"value": 6, "index": 0})
    ran = by_kwargs.run(context("by_upstream_kwargs", inputs={"x": 1, "y": 2, "scale": 3}))
    assert ran == Returned({"value": 9, "index": -1})


def test_the_reducer_receives_the_list_of_results():
    results = [{"value": value, "index": index} for index, value in enumerate([20, 30, 40])]
    ran = mapping.get_task("total").run(context("total", inputs={"values": results}))
    assert ran == Returned(90)


def declare(body):
    """Declares a DAG whose function runs ``body(numbers, add)``; returns the error."""
    with pytest.raises(DagDefinitionError) as raised:

        @dag(dag_id="bad")
        def bad():
            @task
            def numbers(ctx):
                return [1]

            @task
            def add(ctx, x, y=0):
                return x + y

            body(numbers, add)

    return raised.value


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            lambda numbers, add: add.expand(x=3),
            "task 'add': the expand() argument 'x' is int 3, which cannot be mapped over",
        ),
        (
            lambda numbers, add: add.expand(x="abc"),
            "task 'add': the expand() argument 'x' is str 'abc', which cannot be mapped over",
        ),
        (
            lambda numbers, add: add.expand(),
            "task 'add': expand() needs at least one argument to map over",
        ),
        (
            lambda numbers, add: add.partial(x=1).expand(x=[2]),
            "task 'add': argument 'x' is given both to partial() and to expand()",
        ),
        (
            lambda numbers, add: add.partial(x=1).expand(z=[1]),
            "task 'add': got an unexpected keyword argument 'z'.",
        ),
        (
            lambda numbers, add: add.expand(y=[1]),
            "task 'add': missing a required argument: 'x'.",
        ),
        (
            lambda numbers, add: add.expand(x=[numbers()]),
            "task 'add': the expand() argument 'x' holds a task inside a list",
        ),
        (
            lambda numbers, add: add.expand(x=[{1, 2}]),
            "task 'add': the expand() argument 'x' holds {1, 2}, which is not JSON data",
        ),
        (
            lambda numbers, add: add.expand(x=numbers),
            "DAG 'bad': what task 'add' maps over is the task function 'numbers', not a task",
        ),
        (
            lambda numbers, add: add.expand_kwargs([1, 2]),
            "task 'add': the expand_kwargs() argument must be a list of dicts",
        ),
        (
            lambda numbers, add: add.expand_kwargs([{"y": 1}]),
            "task 'add': missing a required argument: 'x'.",
        ),
    ],
)
def test_a_mapping_borda_cannot_run_is_refused_naming_the_task_and_the_problem(body, message):
    error = declare(body)
    assert str(error).startswith(message), str(error)
    assert error.where is not None
    assert error.where[0] == __file__


def test_max_active_tis_per_dagrun_is_a_positive_whole_number():
    error = declare(lambda numbers, add: add.override(max_active_tis_per_dagrun=0).expand(x=[1]))
    assert str(error) == "task 'add': max_active_tis_per_dagrun must be at least 1, not 0."


def test_branch_and_short_circuit_tasks_cannot_be_mapped():
    with pytest.raises(DagDefinitionError, match=r"@task\.branch task, which cannot be mapped"):

        @dag(dag_id="bad_branch")
        def bad_branch():
            @task.branch
            def route(ctx, x):
                return None

            route.expand(x=[1])


@pytest.mark.skipif(NODE is None, reason="the runner speaks Node's IPC: needs node")
def test_the_runner_runs_a_map_index_with_its_item_and_the_reducer_with_the_list(
    dags_folder: DagsFolder, tmp_path: Path
):
    dags_folder.write(
        "mapped.py",
        """
        from borda import dag, task

        @dag(dag_id="mapped")
        def mapped():
            @task
            def double(ctx, x, factor):
                return {"x": x * factor, "index": ctx.map_index}

            @task
            def total(ctx, doubled):
                return [item["x"] for item in doubled]

            total(double.partial(factor=2).expand(x=[1, 2, 3]))
        """,
    )
    bundle = tmp_path / "mapped.zip"
    report = run_parse(dags_folder.root, "mapped.py", bundle).report
    assert report["dags"][0]["tasks"][0]["mapped"] == {"expand": {"x": {"values": [1, 2, 3]}}}
    session = RunnerSession(NODE, bundle, tmp_path)
    try:
        assert session.next_message() == {"type": "loaded"}

        def run(task_id, **fields):
            request = {
                "dagId": "mapped",
                "taskId": task_id,
                "context": context_data(task_id, dagId="mapped", **fields),
                "env": {},
                "python": {"entry": "mapped.py", "callable": None},
            }
            outcome = session.run(request).outcome
            assert outcome["kind"] == "returned", outcome
            return json.loads(outcome["json"])

        assert run("double", inputs={"x": 2}, mapIndex=1) == {"x": 4, "index": 1}
        doubled = [{"x": 2, "index": 0}, {"x": 4, "index": 1}, {"x": 6, "index": 2}]
        assert run("total", inputs={"doubled": doubled}, upstream={"double": doubled}) == [2, 4, 6]
    finally:
        session.close()
