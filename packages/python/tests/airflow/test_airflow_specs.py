"""Airflow-style declarations produce the DAG spec Borda's own Python SDK produces."""

from datetime import UTC, datetime, timedelta, timezone

import pendulum
import pytest

import borda
from airflow import DAG
from airflow.decorators import dag, task
from airflow.models.baseoperator import BaseOperator, chain, chain_linear, cross_downstream
from airflow.models.param import Param
from airflow.operators.bash import BashOperator
from airflow.operators.branch import BaseBranchOperator
from airflow.operators.dummy import DummyOperator
from airflow.operators.empty import EmptyOperator
from airflow.operators.python import BranchPythonOperator, PythonOperator, ShortCircuitOperator
from airflow.utils.trigger_rule import TriggerRule
from borda._registry import collecting


def declared(build):
    """The specs of the DAGs ``build`` declares, by DAG id, as the runtime sees them."""
    with collecting() as dags:
        build()
    return {registered.dag_id: registered.to_spec() for registered in dags}


def tasks_of(spec):
    return {task["taskId"]: task for task in spec["tasks"]}


def test_a_dag_with_every_option_gives_the_spec_the_python_sdk_gives():
    def airflow_style():
        with DAG(
            "etl",
            description="extract and total",
            schedule="@daily",
            start_date=pendulum.datetime(2024, 1, 1, tz="Europe/Berlin"),
            end_date=datetime(2024, 12, 31, 23, 0),
            catchup=True,
            tags=["x", "y"],
            params={"n": Param(3, type="integer", minimum=0), "label": "all"},
            max_active_runs=2,
            max_active_tasks=4,
            default_args={"retries": 2, "owner": "data"},
        ):

            @task(
                retry_delay=timedelta(seconds=5),
                retry_exponential_backoff=True,
                max_retry_delay=timedelta(minutes=1),
                queue="edge",
                pool="db",
                pool_slots=2,
                execution_timeout=timedelta(hours=2),
                trigger_rule="all_done",
                priority_weight=7,
            )
            def extract():
                return [1, 2, 3]

            @task
            def total(numbers):
                return sum(numbers)

            total(extract()) >> BashOperator(task_id="done", bash_command="echo done")

    def borda_style():
        @borda.dag(
            dag_id="etl",
            description="extract and total",
            schedule="@daily",
            start_date=datetime(2023, 12, 31, 23, 0, tzinfo=UTC),
            end_date=datetime(2024, 12, 31, 23, 0),
            timezone="Europe/Berlin",
            catchup=True,
            tags=["x", "y"],
            params={"n": borda.Param(3, type="integer", minimum=0), "label": "all"},
            max_active_runs=2,
            max_active_tasks=4,
            default_args={"retries": 2},
        )
        def etl():
            @borda.task(
                retry_delay=timedelta(seconds=5),
                retry_exponential_backoff=True,
                max_retry_delay=timedelta(minutes=1),
                queue="edge",
                pool="db",
                pool_slots=2,
                execution_timeout=timedelta(hours=2),
                trigger_rule="all_done",
                priority_weight=7,
            )
            def extract(ctx):
                return [1, 2, 3]

            @borda.task
            def total(ctx, numbers):
                return sum(numbers)

            total(extract()) >> borda.bash(task_id="done", command="echo done")

    airflow_spec = declared(airflow_style)["etl"]
    borda_spec = declared(borda_style)["etl"]
    # Only what declared each task (shown to people) differs.
    for task_spec in (*airflow_spec["tasks"], *borda_spec["tasks"]):
        task_spec.pop("operator")
    assert airflow_spec == borda_spec
    assert airflow_spec["timezone"] == "Europe/Berlin"
    assert airflow_spec["startDate"] == "2023-12-31T23:00:00.000Z"


def test_operators_are_named_by_their_class_and_taskflow_by_its_decorator():
    class GreetOperator(BaseOperator):
        def execute(self, context):
            return "hi"

    def build():
        with DAG("named", schedule=None):
            BashOperator(task_id="bash", bash_command="echo hi")
            PythonOperator(task_id="python", python_callable=lambda: 1)
            EmptyOperator(task_id="empty")
            DummyOperator(task_id="dummy")
            GreetOperator(task_id="custom")

            @task
            def flow():
                return 1

            @task.python
            def flow_python():
                return 1

            @task.bash
            def flow_bash():
                return "echo hi"

            flow()
            flow_python()
            flow_bash()

    specs = tasks_of(declared(build)["named"])
    assert {task_id: (spec["kind"], spec["operator"]) for task_id, spec in specs.items()} == {
        "bash": ("bash", "BashOperator"),
        "python": ("function", "PythonOperator"),
        "empty": ("function", "EmptyOperator"),
        "dummy": ("function", "DummyOperator"),
        "custom": ("function", "GreetOperator"),
        "flow": ("function", "@task"),
        "flow_python": ("function", "@task"),
        "flow_bash": ("bash", "@task.bash"),
    }
    # A fixed command is the spec's bashCommand; one rendered at run time is not.
    assert specs["bash"]["bashCommand"] == "echo hi"
    assert specs["flow_bash"]["bashCommand"] is None


def test_branching_and_short_circuit_give_the_flow_the_python_sdk_gives():
    def airflow_style():
        with DAG("steered", schedule=None):

            @task
            def count():
                return 3

            @task.branch
            def route(rows):
                return "load"

            @task.short_circuit(ignore_downstream_trigger_rules=False)
            def many_rows(rows):
                return rows > 100

            rows = count()
            route(rows) >> [EmptyOperator(task_id="load"), EmptyOperator(task_id="skip_load")]
            many_rows(rows) >> EmptyOperator(task_id="summarize")

    def borda_style():
        @borda.dag(dag_id="steered")
        def steered():
            @borda.task
            def count(ctx):
                return 3

            @borda.task.branch
            def route(ctx, rows):
                return "load"

            @borda.task.short_circuit(ignore_downstream_trigger_rules=False)
            def many_rows(ctx, rows):
                return rows > 100

            @borda.task
            def empty(ctx):
                return None

            rows = count()
            route(rows) >> [empty.override(task_id="load")(), empty.override(task_id="skip_load")()]
            many_rows(rows) >> empty.override(task_id="summarize")()

    airflow_spec = declared(airflow_style)["steered"]
    borda_spec = declared(borda_style)["steered"]
    operators = {spec["taskId"]: spec.pop("operator") for spec in airflow_spec["tasks"]}
    for task_spec in borda_spec["tasks"]:
        task_spec.pop("operator")
    assert airflow_spec == borda_spec
    assert (operators["route"], operators["many_rows"]) == ("@task.branch", "@task.short_circuit")
    flows = {spec["taskId"]: spec.get("flow") for spec in airflow_spec["tasks"]}
    assert flows["route"] == {"kind": "branch"}
    assert flows["many_rows"] == {"kind": "short_circuit", "ignoreDownstreamTriggerRules": False}


@pytest.mark.parametrize(
    "module", ["airflow.operators.python", "airflow.providers.standard.operators.python"]
)
def test_branch_python_and_short_circuit_operators_mark_their_tasks(module):
    import importlib

    python = importlib.import_module(module)

    def build():
        with DAG(
            "operators", schedule=None, default_args={"ignore_downstream_trigger_rules": False}
        ):
            choose = python.BranchPythonOperator(task_id="choose", python_callable=lambda: "a")
            choose >> [EmptyOperator(task_id="a"), EmptyOperator(task_id="b")]
            python.ShortCircuitOperator(
                task_id="gate", python_callable=lambda: True, ignore_downstream_trigger_rules=True
            )
            # From default_args, as any operator argument.
            python.ShortCircuitOperator(task_id="gate_direct", python_callable=lambda: True)

    specs = tasks_of(declared(build)["operators"])
    assert {task_id: (spec["operator"], spec.get("flow")) for task_id, spec in specs.items()} == {
        "choose": ("BranchPythonOperator", {"kind": "branch"}),
        "a": ("EmptyOperator", None),
        "b": ("EmptyOperator", None),
        "gate": ("ShortCircuitOperator", {"kind": "short_circuit"}),
        "gate_direct": (
            "ShortCircuitOperator",
            {"kind": "short_circuit", "ignoreDownstreamTriggerRules": False},
        ),
    }


def test_a_base_branch_operator_subclass_is_a_branch_whatever_the_order_of_its_bases():
    from airflow.operators.branch import BranchMixIn

    class PickFirst(BaseBranchOperator):
        def choose_branch(self, context):
            return "first"

    class MixedIn(BaseOperator, BranchMixIn):
        def execute(self, context):
            return self.do_branch(context, "first")

    def build():
        with DAG("custom_branches", schedule=None):
            PickFirst(task_id="pick") >> EmptyOperator(task_id="first")
            MixedIn(task_id="mixed") >> EmptyOperator(task_id="second")

    specs = tasks_of(declared(build)["custom_branches"])
    assert (specs["pick"]["operator"], specs["pick"]["flow"]) == ("PickFirst", {"kind": "branch"})
    assert specs["mixed"]["flow"] == {"kind": "branch"}


def test_a_short_circuit_whose_ignore_downstream_trigger_rules_is_no_bool_is_refused():
    with pytest.raises(borda.DagDefinitionError) as raised, DAG("bad_gate", schedule=None):
        ShortCircuitOperator(
            task_id="gate", python_callable=lambda: 1, ignore_downstream_trigger_rules="yes"
        )
    assert str(raised.value) == (
        "task 'gate' (ShortCircuitOperator): ignore_downstream_trigger_rules must be True or "
        "False, not 'yes'."
    )
    assert raised.value.where[1] > 0


def test_a_templated_bash_command_is_rendered_at_run_time_so_the_spec_has_none():
    def build():
        with DAG("templated", schedule=None):
            BashOperator(task_id="t", bash_command="echo {{ ds }}")

    assert tasks_of(declared(build)["templated"])["t"]["bashCommand"] is None


def test_dags_are_declared_by_with_blocks_dag_arguments_and_dag_functions():
    def build():
        with DAG("in_a_block", schedule=None):
            EmptyOperator(task_id="a")

        standalone = DAG("by_argument", schedule=None)
        EmptyOperator(task_id="a", dag=standalone)
        later = EmptyOperator(task_id="b")
        later.dag = standalone

        @dag(schedule=None)
        def by_function():
            EmptyOperator(task_id="a")

        by_function()

        @dag("named_by_argument", schedule=None)
        def ignored_name():
            EmptyOperator(task_id="a")

        ignored_name()

    specs = declared(build)
    assert list(specs) == ["in_a_block", "by_argument", "by_function", "named_by_argument"]
    assert [task["taskId"] for task in specs["by_argument"]["tasks"]] == ["a", "b"]


def test_a_dag_function_not_called_declares_no_dag():
    def build():
        @dag(schedule=None)
        def never_called():
            EmptyOperator(task_id="a")

    assert declared(build) == {}


def test_a_dag_function_returns_its_dag():
    def build():
        @dag(schedule=None)
        def returned():
            EmptyOperator(task_id="a")

        made = returned()
        assert isinstance(made, DAG)
        assert made.dag_id == "returned"
        assert made.task_ids == ["a"]

    declared(build)


@pytest.mark.parametrize(
    ("arguments", "schedule"),
    [
        ({"schedule": "0 6 * * *"}, "0 6 * * *"),
        ({"schedule_interval": "@hourly"}, "@hourly"),
        ({"schedule": None}, None),
        ({"schedule_interval": None}, None),
        ({"schedule": "@once"}, "@once"),
        ({"schedule": timedelta(hours=1, minutes=30)}, "@every 1h30m"),
        ({"schedule_interval": timedelta(days=1)}, "@every 1d"),
        ({}, None),
    ],
)
@pytest.mark.filterwarnings("ignore:DAG 'scheduled' names no schedule")
def test_schedules_and_airflow_2s_schedule_interval_become_the_specs_schedule(arguments, schedule):
    def build():
        with DAG("scheduled", start_date=datetime(2024, 1, 1), **arguments):
            EmptyOperator(task_id="a")

    assert declared(build)["scheduled"]["schedule"] == schedule


def test_a_dag_without_a_schedule_warns_that_airflow_2_would_have_run_it_daily():
    def build():
        with DAG("unscheduled", start_date=datetime(2024, 1, 1)):
            EmptyOperator(task_id="a")

    with pytest.warns(UserWarning, match="names no schedule. Airflow 2 ran such a DAG once a day"):
        declared(build)


@pytest.mark.parametrize(
    ("start_date", "zone", "written"),
    [
        (datetime(2024, 1, 1), "UTC", "2024-01-01T00:00:00.000Z"),
        (pendulum.datetime(2024, 1, 1, tz="UTC"), "UTC", "2024-01-01T00:00:00.000Z"),
        (
            pendulum.datetime(2024, 7, 1, 6, tz="America/New_York"),
            "America/New_York",
            "2024-07-01T10:00:00.000Z",
        ),
        (
            datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=2))),
            "Etc/GMT-2",
            "2023-12-31T22:00:00.000Z",
        ),
        ("2024-01-01", "UTC", "2024-01-01"),
    ],
)
def test_the_start_dates_timezone_is_the_dags_as_in_airflow(start_date, zone, written):
    def build():
        with DAG("dated", schedule="@daily", start_date=start_date):
            EmptyOperator(task_id="a")

    spec = declared(build)["dated"]
    assert (spec["timezone"], spec["startDate"]) == (zone, written)


def test_default_args_give_the_start_date_and_fill_every_operators_arguments():
    class Custom(BaseOperator):
        def __init__(self, *, flavour="plain", **kwargs):
            super().__init__(**kwargs)
            self.flavour = flavour

    def build():
        with DAG(
            "defaults",
            schedule="@daily",
            default_args={
                "start_date": datetime(2024, 3, 1),
                "retries": 3,
                "retry_delay": 10,
                "queue": "edge",
                "owner": "someone",
                "email": ["a@example.com"],
                "flavour": "spicy",
                "not_an_argument_of_anything": True,
            },
        ) as made:
            BashOperator(task_id="bash", bash_command="true", retries=1)
            custom = Custom(task_id="custom")
            assert custom.flavour == "spicy"
            assert made.get_task("bash").owner == "someone"

    spec = declared(build)["defaults"]
    assert spec["startDate"] == "2024-03-01T00:00:00.000Z"
    tasks = tasks_of(spec)
    assert (tasks["bash"]["retries"], tasks["custom"]["retries"]) == (1, 3)
    assert tasks["bash"]["retryDelayMs"] == 10_000
    assert tasks["custom"]["queue"] == "edge"


def test_params_take_airflow_params_with_their_json_schema_checks():
    def build():
        with DAG(
            "params",
            schedule=None,
            params={
                "n": Param(5, type="integer", minimum=1, maximum=10, description="how many"),
                "mode": Param("sum", enum=["sum", "max"], title="Mode", format="text"),
                "name": Param(type="string", minLength=2, maxLength=8),
                "required": Param(None, type="string"),
                "plain": 1.5,
            },
        ):
            EmptyOperator(task_id="a")

    assert declared(build)["params"]["params"] == {
        "n": {
            "type": "integer",
            "default": 5,
            "description": "how many",
            "minimum": 1,
            "maximum": 10,
        },
        "mode": {"type": "string", "default": "sum", "enum": ["sum", "max"]},
        "name": {"type": "string", "minLength": 2, "maxLength": 8},
        "required": {"type": "string"},
        "plain": {"type": "number", "default": 1.5},
    }


@pytest.mark.parametrize(
    ("rule", "written"),
    [
        ("all_done", "all_done"),
        (TriggerRule.ONE_FAILED, "one_failed"),
        (TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS, "none_failed_min_one_success"),
        ("dummy", "always"),
        (TriggerRule.NONE_FAILED_OR_SKIPPED, "none_failed_min_one_success"),
        (None, "all_success"),
    ],
)
def test_trigger_rules_are_strings_or_the_enum_and_airflows_old_names_are_read(rule, written):
    def build():
        with DAG("rules", schedule=None):
            EmptyOperator(task_id="a", trigger_rule=rule)

    assert declared(build)["rules"]["tasks"][0]["triggerRule"] == written


def test_shift_operators_lists_and_set_methods_declare_dependencies_in_order():
    def build():
        with DAG("deps", schedule=None):
            a, b, c, d, e, f = (EmptyOperator(task_id=name) for name in "abcdef")
            a >> [b, c]
            [b, c] >> d
            e << d
            f.set_upstream(e)
            a.set_downstream(f)
            a >> b  # again: once only

    upstream = {
        task_id: spec["upstream"] for task_id, spec in tasks_of(declared(build)["deps"]).items()
    }
    assert upstream == {
        "a": [],
        "b": ["a"],
        "c": ["a"],
        "d": ["b", "c"],
        "e": ["d"],
        "f": ["e", "a"],
    }


def test_chain_chain_linear_and_cross_downstream_relate_lists_as_airflow_does():
    def build():
        with DAG("chained", schedule=None):
            t = {name: EmptyOperator(task_id=name) for name in "abcdefghijk"}
            chain(t["a"], [t["b"], t["c"]], [t["d"], t["e"]], t["f"])
            chain_linear(t["f"], [t["g"], t["h"]], t["i"])
            cross_downstream([t["i"], t["j"]], [t["k"]])

    upstream = {
        task_id: spec["upstream"] for task_id, spec in tasks_of(declared(build)["chained"]).items()
    }
    assert upstream == {
        "a": [],
        "b": ["a"],
        "c": ["a"],
        "d": ["b"],
        "e": ["c"],
        "f": ["d", "e"],
        "g": ["f"],
        "h": ["f"],
        "i": ["g", "h"],
        "j": [],
        "k": ["i", "j"],
    }


def test_a_task_without_a_dag_joins_the_dag_of_the_task_it_is_related_to():
    def build():
        with DAG("joined", schedule=None):
            inside = EmptyOperator(task_id="inside")
        outside = EmptyOperator(task_id="outside")
        inside >> outside

    assert [task["taskId"] for task in declared(build)["joined"]["tasks"]] == [
        "inside",
        "outside",
    ]


def test_taskflow_results_are_data_inputs_and_dependencies_by_parameter_name():
    def build():
        with DAG("flow", schedule=None):

            @task
            def left():
                return 1

            @task(multiple_outputs=True)
            def right():
                return {"x": 2}

            @task
            def join(a, b, scale=1, ti=None, **rest):
                return a + b

            result = right()
            join(left(), result["x"], extra=result)

    join_spec = tasks_of(declared(build)["flow"])["join"]
    assert join_spec["upstream"] == ["left", "right"]
    # A keyed value is pulled when the task runs: only whole results are spec inputs.
    assert join_spec["inputs"] == {"a": "left", "extra": "right"}


def test_calling_a_task_function_again_declares_name__1_name__2_as_airflow_does():
    def build():
        with DAG("repeated", schedule=None):

            @task
            def step():
                return 1

            step() >> step() >> step.override(task_id="named")() >> step()

    assert [t["taskId"] for t in declared(build)["repeated"]["tasks"]] == [
        "step",
        "step__1",
        "named",
        "step__2",
    ]


def test_a_dict_return_annotation_means_multiple_outputs_as_in_airflow():
    def build():
        with DAG("annotated", schedule=None) as made:

            @task
            def pairs() -> dict[str, int]:
                return {"a": 1}

            @task
            def plain() -> list:
                return []

            pairs()
            plain()
            assert made.get_task("pairs").multiple_outputs is True
            assert made.get_task("plain").multiple_outputs is False

    declared(build)


def test_operator_output_and_xcom_args_in_templated_fields_are_dependencies():
    def build():
        with DAG("outputs", schedule=None):
            source = BashOperator(task_id="source", bash_command="echo 1")

            @task
            def produce():
                return 2

            PythonOperator(
                task_id="consumer",
                python_callable=lambda value, other: value,
                op_kwargs={"value": source.output},
                op_args=[[produce()]],
            )

    consumer = tasks_of(declared(build)["outputs"])["consumer"]
    # Data inputs first, as the Python SDK orders them.
    assert consumer["upstream"] == ["source", "produce"]
    assert consumer["inputs"] == {"value": "source"}


def test_airflow_3s_sdk_and_standard_provider_paths_are_the_same_classes():
    import airflow.sdk as sdk
    from airflow.providers.standard.operators.bash import BashOperator as Bash3
    from airflow.providers.standard.operators.branch import BaseBranchOperator as BaseBranch3
    from airflow.providers.standard.operators.empty import EmptyOperator as Empty3
    from airflow.providers.standard.operators.python import BranchPythonOperator as Branch3
    from airflow.providers.standard.operators.python import PythonOperator as Python3
    from airflow.providers.standard.operators.python import ShortCircuitOperator as Short3
    from airflow.task.trigger_rule import TriggerRule as TriggerRule3

    assert (Bash3, BaseBranch3, Empty3, Branch3, Python3, Short3, TriggerRule3) == (
        BashOperator,
        BaseBranchOperator,
        EmptyOperator,
        BranchPythonOperator,
        PythonOperator,
        ShortCircuitOperator,
        TriggerRule,
    )
    assert (sdk.DAG, sdk.dag, sdk.task, sdk.chain, sdk.Param) == (DAG, dag, task, chain, Param)


def test_the_dag_objects_airflow_api_gives_tasks_and_their_relations():
    def build():
        with DAG("api", schedule=None) as made:
            a = EmptyOperator(task_id="a")
            b = EmptyOperator(task_id="b")
            a >> b
        assert made.task_ids == ["a", "b"]
        assert made.get_task("b").upstream_task_ids == {"a"}
        assert a.downstream_list == [b]
        assert b.dag is made
        assert b.dag_id == "api"
        assert isinstance(a.output, type(b.output))

    declared(build)


def test_airflow_home_is_the_environments_or_the_default(monkeypatch):
    import importlib

    import airflow.settings

    monkeypatch.setenv("AIRFLOW_HOME", "/srv/airflow")
    assert importlib.reload(airflow.settings).AIRFLOW_HOME == "/srv/airflow"
    monkeypatch.delenv("AIRFLOW_HOME")
    assert importlib.reload(airflow.settings).AIRFLOW_HOME.endswith("/airflow")


def test_days_ago_is_midnight_utc_n_days_back_and_warns_that_it_moves():
    from airflow.utils.dates import days_ago

    with pytest.warns(UserWarning, match="moves every day"):
        start = days_ago(2)
    assert start.tzinfo is not None
    assert (start.hour, start.minute) == (0, 0)
    assert (datetime.now(UTC) - start).days == 2
