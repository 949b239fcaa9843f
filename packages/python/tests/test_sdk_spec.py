"""The Python SDK declares DAGs as protocol's DagSpec, and refuses what Borda cannot run."""

import inspect
from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from borda import DagDefinitionError, Param, TaskContext, bash, dag, task
from borda._registry import BashCommand, Returned, collecting
from support.specs import python_task

CONTEXT = {
    "dagId": "d",
    "runId": "manual__2024-01-01T00:00:00+00:00",
    "taskId": "t",
    "tryNumber": 1,
    "logicalDate": "2024-01-01T00:00:00.000Z",
    "dataIntervalStart": None,
    "dataIntervalEnd": None,
    "params": {"greeting": "hi"},
    "conf": {},
    "inputs": {},
    "upstream": {},
}


def task_specs(declared):
    return {spec["taskId"]: spec for spec in declared.to_spec()["tasks"]}


def test_a_dag_with_every_option_produces_the_protocol_spec():
    @dag(
        dag_id="etl",
        description="extract and total",
        schedule="@daily",
        start_date="2024-01-01",
        end_date=datetime(2024, 12, 31, 23, 0),
        timezone="Europe/Berlin",
        catchup=True,
        tags=["x", "y"],
        params={"n": Param(3, type="integer", minimum=0), "label": "all"},
        max_active_runs=2,
        max_active_tasks=4,
    )
    def etl():
        @task(
            retries=2,
            retry_delay=timedelta(seconds=5),
            retry_exponential_backoff=True,
            max_retry_delay=timedelta(minutes=1),
            queue="edge",
            pool="db",
            pool_slots=2,
            execution_timeout=timedelta(hours=2),
            trigger_rule="all_done",
            priority_weight=7,
            isolation="process",
        )
        def extract(ctx):
            return [1, 2, 3]

        @task
        def total(ctx, numbers):
            return sum(numbers)

        total(extract()) >> bash(task_id="done", command="echo done")

    assert etl.to_spec() == {
        "dagId": "etl",
        "description": "extract and total",
        "schedule": "@daily",
        "startDate": "2024-01-01",
        "endDate": "2024-12-31T23:00:00.000Z",
        "timezone": "Europe/Berlin",
        "catchup": True,
        "tags": ["x", "y"],
        "params": {
            "n": {"type": "integer", "default": 3, "minimum": 0},
            "label": {"type": "string", "default": "all"},
        },
        "maxActiveRuns": 2,
        "maxActiveTasks": 4,
        "tasks": [
            python_task(
                "extract",
                retries=2,
                retryDelayMs=5000,
                retryExponentialBackoff=True,
                maxRetryDelayMs=60_000,
                queue="edge",
                pool="db",
                poolSlots=2,
                executionTimeoutMs=7_200_000,
                triggerRule="all_done",
                priorityWeight=7,
                isolation="process",
            ),
            python_task("total", upstream=["extract"], inputs={"numbers": "extract"}),
            python_task(
                "done", kind="bash", bashCommand="echo done", operator="bash", upstream=["total"]
            ),
        ],
    }


def test_a_dag_without_options_gets_borda_defaults_and_its_functions_name():
    @dag
    def hello():
        @task
        def greet(ctx):
            return "hello"

        greet()

    spec = hello.to_spec()
    assert spec["dagId"] == "hello"
    assert {key: value for key, value in spec.items() if key != "tasks"} == {
        "dagId": "hello",
        "description": None,
        "schedule": None,
        "startDate": None,
        "endDate": None,
        "timezone": "UTC",
        "catchup": False,
        "tags": [],
        "params": {},
        "maxActiveRuns": 16,
        "maxActiveTasks": 16,
    }
    assert spec["tasks"] == [python_task("greet")]


def test_dag_called_with_the_function_declares_the_dag_without_a_decorator():
    def build():
        bash(task_id="only", command="true")

    declared = dag(build, dag_id="plain")
    assert declared.dag_id == "plain"
    assert declared.task_ids == ["only"]
    # Airflow files call the decorated function once more; that returns the same DAG.
    assert declared() is declared


def test_to_spec_returns_a_copy_each_time():
    @dag(dag_id="copied")
    def copied():
        bash(task_id="a", command="true")

    copied.to_spec()["tasks"].clear()
    assert len(copied.to_spec()["tasks"]) == 1


def test_data_inputs_make_the_upstream_task_run_first_and_name_its_result():
    @dag(dag_id="inputs")
    def inputs():
        @task
        def left(ctx):
            return 1

        @task
        def right(ctx):
            return 2

        @task
        def join(ctx, a, b, scale=1):
            return (a + b) * scale

        join(left(), b=right(), scale=10)

    joined = task_specs(inputs)["join"]
    assert joined["upstream"] == ["left", "right"]
    assert joined["inputs"] == {"a": "left", "b": "right"}


def test_shift_operators_and_after_declare_dependencies_once_each():
    @dag(dag_id="deps")
    def deps():
        a, b, c, d = (bash(task_id=name, command="true") for name in "abcd")
        a >> b
        c << b
        d.after(a, [b, c])
        a >> [c, d]
        [a, b] >> d
        d << [c]
        [c] << a

    specs = task_specs(deps)
    assert specs["b"]["upstream"] == ["a"]
    assert specs["c"]["upstream"] == ["b", "a"]
    assert specs["d"]["upstream"] == ["a", "b", "c"]


def test_shift_operators_return_the_right_hand_side_for_chains():
    @dag(dag_id="chain")
    def chain():
        a, b, c = (bash(task_id=name, command="true") for name in "abc")
        assert (a >> b >> c) is c
        assert (c << b) is b

    assert task_specs(chain)["c"]["upstream"] == ["b"]


def test_default_args_apply_to_every_task_unless_the_task_sets_the_option():
    @dag(
        dag_id="defaults",
        default_args={
            "retries": 3,
            "queue": "edge",
            "execution_timeout": timedelta(minutes=5),
            "retry_delay": 30,
        },
    )
    def defaults():
        @task
        def plain(ctx):
            return None

        @task(queue="default", execution_timeout=None, retry_delay=0.5)
        def own(ctx):
            return None

        plain()
        own()
        bash(task_id="shell", command="true", retries=0)

    specs = task_specs(defaults)
    assert (specs["plain"]["retries"], specs["plain"]["queue"]) == (3, "edge")
    assert specs["plain"]["executionTimeoutMs"] == 300_000
    assert specs["plain"]["retryDelayMs"] == 30_000
    assert (specs["own"]["queue"], specs["own"]["executionTimeoutMs"]) == ("default", None)
    assert specs["own"]["retryDelayMs"] == 500
    assert (specs["shell"]["retries"], specs["shell"]["queue"]) == (0, "edge")


def test_a_bash_task_has_its_fixed_command_in_the_spec_and_a_computed_one_is_null():
    @dag(dag_id="shells")
    def shells():
        host = bash(task_id="host", command="uname -n", env={"LC_ALL": "C"}, cwd="/tmp")
        bash(
            task_id="greet",
            inputs={"host": host},
            command=lambda ctx: f"echo {ctx.params['greeting']} {ctx.inputs['host']}",
        )

    specs = task_specs(shells)
    assert (specs["host"]["kind"], specs["host"]["bashCommand"]) == ("bash", "uname -n")
    assert specs["greet"]["bashCommand"] is None
    assert specs["greet"]["inputs"] == {"host": "host"}
    assert specs["greet"]["operator"] == "bash"

    ctx = TaskContext({**CONTEXT, "inputs": {"host": "box"}})
    assert shells.get_task("host").run(ctx) == BashCommand("uname -n", {"LC_ALL": "C"}, "/tmp")
    assert shells.get_task("greet").run(ctx) == BashCommand("echo hi box", {}, None)


def test_a_command_function_that_returns_no_string_fails_the_run():
    @dag(dag_id="bad_command")
    def bad_command():
        bash(task_id="number", command=lambda ctx: 42)

    with pytest.raises(TypeError, match="bash task 'number' returned int, not a string"):
        bad_command.get_task("number").run(TaskContext(CONTEXT))


def test_a_function_task_runs_with_the_context_its_inputs_and_its_fixed_arguments():
    seen = {}

    @dag(dag_id="runs")
    def runs():
        @task
        def produce(ctx):
            return [1, 2]

        @task
        def scale(ctx, numbers, factor, **rest):
            seen.update(task_id=ctx.task_id, rest=rest)
            return [n * factor for n in numbers]

        scale(produce(), 10, label="x")

    assert task_specs(runs)["scale"]["inputs"] == {"numbers": "produce"}
    ctx = TaskContext({**CONTEXT, "taskId": "scale", "inputs": {"numbers": [1, 2]}})
    assert runs.get_task("scale").run(ctx) == Returned([10, 20])
    assert seen == {"task_id": "scale", "rest": {"label": "x"}}
    assert runs.get_task("missing") is None


def test_calling_a_task_function_again_declares_another_task_with_a_suffix():
    @dag(dag_id="again")
    def again():
        @task
        def step(ctx):
            return 1

        step() >> step() >> step()
        step.override(task_id="named")()

    assert again.task_ids == ["step", "step__1", "step__2", "named"]
    assert task_specs(again)["step__2"]["upstream"] == ["step__1"]


def test_a_task_function_stays_a_plain_function_to_test():
    @task(retries=1)
    def double(ctx, n):
        return 2 * n

    assert double.function(None, 4) == 8


def test_branch_and_short_circuit_tasks_carry_their_flow_in_the_spec():
    @dag(dag_id="steered")
    def steered():
        @task
        def count(ctx):
            return 3

        @task.branch
        def route(ctx, rows):
            return "load" if rows else "skip_load"

        @task.short_circuit
        def any_rows(ctx, rows):
            return rows > 0

        @task.short_circuit(ignore_downstream_trigger_rules=False, retries=2)
        def many_rows(ctx, rows):
            return rows > 100

        rows = count()
        route(rows) >> [
            bash(task_id="load", command="true"),
            bash(task_id="skip_load", command="true"),
        ]
        any_rows(rows)
        many_rows(rows)

    specs = task_specs(steered)
    assert specs["route"] == python_task(
        "route",
        operator="@task.branch",
        flow={"kind": "branch"},
        upstream=["count"],
        inputs={"rows": "count"},
    )
    assert specs["any_rows"]["operator"] == "@task.short_circuit"
    # ignoreDownstreamTriggerRules absent: the protocol's default, true.
    assert specs["any_rows"]["flow"] == {"kind": "short_circuit"}
    assert specs["many_rows"]["flow"] == {
        "kind": "short_circuit",
        "ignoreDownstreamTriggerRules": False,
    }
    assert specs["many_rows"]["retries"] == 2
    # A plain task's result steers nothing: the spec has no flow at all.
    assert "flow" not in specs["count"]
    assert "flow" not in specs["load"]


def test_branch_and_short_circuit_tasks_return_their_result_for_the_control_plane():
    @dag(dag_id="choices")
    def choices():
        @task.branch(task_id="pick")
        def route(ctx, rows):
            return ["a", "b"] if rows else None

        @task.short_circuit
        def gate(ctx):
            return {}

        route(rows=0) >> [bash(task_id="a", command="true"), bash(task_id="b", command="true")]
        route.override(task_id="pick_all")(rows=5)
        gate()

    ctx = TaskContext(CONTEXT)
    assert choices.get_task("pick").run(ctx) == Returned(None)
    assert choices.get_task("pick_all").run(ctx) == Returned(["a", "b"])
    assert choices.get_task("gate").run(ctx) == Returned({})
    # override keeps what the task is.
    assert task_specs(choices)["pick_all"]["flow"] == {"kind": "branch"}


def test_a_short_circuit_whose_ignore_downstream_trigger_rules_is_no_bool_is_refused():
    with pytest.raises(DagDefinitionError) as raised:
        task.short_circuit(ignore_downstream_trigger_rules="no")
    assert str(raised.value) == (
        "@task.short_circuit: ignore_downstream_trigger_rules must be True or False, not 'no'."
    )


@pytest.mark.parametrize(
    ("schedule", "written"),
    [
        (None, None),
        ("@daily", "@daily"),
        ("@once", "@once"),
        ("30 6 * * *", "30 6 * * *"),
        ("0 30 6 * * *", "0 30 6 * * *"),
        ("@every 1h30m", "@every 1h30m"),
        (timedelta(days=1), "@every 1d"),
        (timedelta(hours=1), "@every 1h"),
        (timedelta(hours=6), "@every 6h"),
        (timedelta(minutes=15), "@every 15m"),
        (timedelta(seconds=30), "@every 30s"),
        (timedelta(days=2), "@every 2d"),
        (timedelta(weeks=1), "@every 7d"),
        (timedelta(hours=36, minutes=5, seconds=1), "@every 1d12h5m1s"),
    ],
)
def test_schedules_are_written_as_the_control_planes_timetable_reads_them(schedule, written):
    @dag(dag_id="scheduled", schedule=schedule, start_date="2024-01-01")
    def scheduled():
        bash(task_id="a", command="true")

    assert scheduled.to_spec()["schedule"] == written


@pytest.mark.parametrize(
    "period",
    [timedelta(0), timedelta(hours=-1), timedelta(seconds=1.5), timedelta(milliseconds=10)],
)
def test_a_timedelta_schedule_that_is_not_a_whole_positive_interval_is_refused(period):
    with pytest.raises(DagDefinitionError, match="must be longer than 0 and a whole number"):

        @dag(dag_id="odd", schedule=period)
        def odd():
            bash(task_id="a", command="true")


@pytest.mark.parametrize(
    ("schedule", "message"),
    [
        ("@dayly", "schedule preset '@dayly' is not one of '@once', '@hourly'"),
        ("0 6 * *", "is not a cron expression: expected 5 fields"),
        ("@every 90", "is not an interval: write @every followed by a duration"),
        ("@every 0m", "is not an interval"),
        (3600, "is not a schedule"),
    ],
)
def test_a_schedule_the_timetable_cannot_read_is_refused(schedule, message):
    with pytest.raises(DagDefinitionError, match=message):
        dag(lambda: None, dag_id="bad", schedule=schedule)


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("2024-01-01", "2024-01-01"),
        ("2024-01-01T10:30", "2024-01-01T10:30"),
        ("2024-01-01T10:30:00+02:00", "2024-01-01T10:30:00+02:00"),
        (date(2024, 1, 1), "2024-01-01"),
        (datetime(2024, 1, 1, 6, 30), "2024-01-01T06:30:00.000Z"),
        (datetime(2024, 7, 1, 8, 30, 0, 123_999, tzinfo=UTC), "2024-07-01T08:30:00.123Z"),
        (
            datetime(2024, 7, 1, 8, 30, tzinfo=timezone(timedelta(hours=2))),
            "2024-07-01T06:30:00.000Z",
        ),
    ],
)
def test_start_dates_are_kept_as_written_or_made_utc_instants(value, written):
    @dag(dag_id="dated", start_date=value, end_date=value)
    def dated():
        bash(task_id="a", command="true")

    spec = dated.to_spec()
    assert (spec["startDate"], spec["endDate"]) == (written, written)


def test_a_date_the_control_plane_cannot_read_is_refused():
    with pytest.raises(DagDefinitionError, match="start_date '01/02/2024' is not a date"):
        dag(lambda: None, dag_id="bad", start_date="01/02/2024")


def test_params_read_their_type_from_the_default_unless_given():
    @dag(
        dag_id="params",
        params={
            "flag": True,
            "count": 3,
            "ratio": 0.5,
            "name": Param("x", description="who", min_length=1, max_length=9),
            "mode": Param("a", enum=["a", "b"]),
            "rows": Param(type="array"),
            "options": {"a": 1},
            "limit": Param(10, type="number", maximum=100),
        },
    )
    def params():
        bash(task_id="a", command="true")

    assert params.to_spec()["params"] == {
        "flag": {"type": "boolean", "default": True},
        "count": {"type": "integer", "default": 3},
        "ratio": {"type": "number", "default": 0.5},
        "name": {
            "type": "string",
            "default": "x",
            "description": "who",
            "minLength": 1,
            "maxLength": 9,
        },
        "mode": {"type": "string", "default": "a", "enum": ["a", "b"]},
        "rows": {"type": "array"},
        "options": {"type": "object", "default": {"a": 1}},
        "limit": {"type": "number", "default": 10, "maximum": 100},
    }


@pytest.mark.parametrize(
    ("param", "message"),
    [
        (Param("3", type="integer"), "default '3' is not of type 'integer'"),
        (Param(True, type="integer"), "default True is not of type 'integer'"),
        (Param(), "give it a type"),
        (Param(type="date"), "type 'date' is not one of"),
        (Param(float("nan")), "not JSON data"),
        (Param({1: "a"}), "not JSON data"),
    ],
)
def test_a_param_the_protocol_cannot_describe_is_refused(param, message):
    with pytest.raises(DagDefinitionError, match=message):
        dag(lambda: None, dag_id="bad", params={"p": param})


@pytest.mark.parametrize(
    ("declare", "message"),
    [
        (lambda: dag(lambda: None, dag_id="bad id"), "DAG id 'bad id' is not a valid id"),
        (lambda: dag(lambda: None, dag_id="x" * 251), "is not a valid id"),
        (
            lambda: dag(lambda: bash(task_id="a/b", command="true"), dag_id="d"),
            "task id 'a/b' is not a valid id",
        ),
        (
            lambda: dag(lambda: bash(task_id="a", command="true", queue="a b"), dag_id="d"),
            "queue 'a b' is not a valid id",
        ),
        (
            lambda: dag(lambda: [bash(task_id="a", command="true") for _ in "xy"], dag_id="d"),
            "Task id 'a' is declared twice in DAG 'd'",
        ),
        (lambda: dag(lambda: None, dag_id="empty"), "DAG 'empty' has no tasks"),
        (
            lambda: dag(lambda: bash(task_id="a", command="true", retries=-1), dag_id="d"),
            "retries must be at least 0, not -1",
        ),
        (
            lambda: dag(
                lambda: bash(task_id="a", command="true", trigger_rule="sometimes"), dag_id="d"
            ),
            "trigger_rule 'sometimes' is not one of 'all_success'",
        ),
        (
            lambda: dag(lambda: bash(task_id="a", command="true", retry=2), dag_id="d"),
            "unknown option 'retry'",
        ),
        (
            lambda: dag(lambda: bash(task_id="a", command="true", execution_timeout=0), dag_id="d"),
            "execution_timeout must be longer than 0",
        ),
        (
            lambda: dag(lambda: bash(task_id="a", command="true", retry_delay=-5), dag_id="d"),
            "retry_delay -5 is not a duration",
        ),
        (lambda: dag(lambda: bash(task_id="a", command=None), dag_id="d"), "needs a command"),
        (
            lambda: dag(lambda: None, dag_id="d", default_args={"owner": "me"}),
            "unknown option 'owner'",
        ),
        (lambda: bash(task_id="a", command="true"), "was called outside a @dag function"),
    ],
)
def test_a_declaration_borda_cannot_run_is_refused_with_what_to_change(declare, message):
    with pytest.raises(DagDefinitionError, match=message):
        declare()


def test_a_dependency_cycle_is_refused_naming_the_cycle_from_its_first_declared_task():
    with pytest.raises(DagDefinitionError) as raised:

        @dag(dag_id="loop")
        def loop():
            a, b, c = (bash(task_id=name, command="true") for name in "abc")
            a >> b >> c >> a

    assert str(raised.value) == (
        "DAG 'loop': its tasks depend on each other in a cycle: a → b → c → a. Remove one of "
        "these dependencies (a >>, <<, .after() or an input)."
    )


def test_a_task_depending_on_itself_is_a_cycle():
    with pytest.raises(DagDefinitionError, match="cycle: a → a"):

        @dag(dag_id="self")
        def itself():
            a = bash(task_id="a", command="true")
            a >> a


def test_a_long_chain_is_checked_without_running_out_of_stack():
    @dag(dag_id="long")
    def long():
        previous = bash(task_id="t0", command="true")
        for index in range(1, 5000):
            previous = previous >> bash(task_id=f"t{index}", command="true")

    assert len(long.task_ids) == 5000


def test_a_task_function_decorated_but_never_called_is_refused():
    with pytest.raises(
        DagDefinitionError, match="'forgotten' is decorated with @task but never called"
    ):

        @dag(dag_id="forgetful")
        def forgetful():
            @task
            def forgotten(ctx):
                return 1

            bash(task_id="other", command="true")


@task
def extract(ctx):
    return [1]


@task
def total(ctx, numbers):
    return sum(numbers)


@pytest.mark.parametrize(
    ("wire", "message"),
    [
        (lambda: total(), "task 'total': missing a required argument: 'numbers'"),
        (lambda: total(1, 2), "task 'total': too many positional arguments"),
        (lambda: total([extract()]), "argument 'numbers' holds a task inside a list"),
        (lambda: extract >> total(1), "is the task function 'extract', not a task: call it"),
        (lambda: total(1) >> "done", "is 'done', not a task"),
    ],
)
def test_calls_that_cannot_wire_a_task_are_refused(wire, message):
    with pytest.raises(DagDefinitionError, match=message):
        dag(wire, dag_id="wiring")


def test_a_task_function_must_take_the_context_first():
    with pytest.raises(DagDefinitionError, match=r"def nothing\(ctx, \.\.\.\)"):

        @task
        def nothing():
            return 1


def test_tasks_depend_only_on_tasks_of_their_own_dag():
    @dag(dag_id="first")
    def first():
        bash(task_id="a", command="true")

    outside = {}

    def grab():
        outside["a"] = bash(task_id="a", command="true")

    dag(grab, dag_id="other")
    with pytest.raises(DagDefinitionError, match="task 'a' of DAG 'other': tasks depend only"):

        @dag(dag_id="second")
        def second():
            bash(task_id="b", command="true").after(outside["a"])


def test_a_dependency_declared_after_the_dag_was_built_is_refused():
    refs = {}

    @dag(dag_id="sealed")
    def sealed():
        refs["a"] = bash(task_id="a", command="true")
        refs["b"] = bash(task_id="b", command="true")

    with pytest.raises(DagDefinitionError, match="after DAG 'sealed' was built"):
        refs["a"] >> refs["b"]


def test_a_cycle_points_at_the_declaration_of_its_first_task():
    declared_at = inspect.currentframe().f_lineno + 3

    def cyclic():
        a = bash(task_id="a", command="true")
        b = bash(task_id="b", command="true")
        a >> b >> a

    with pytest.raises(DagDefinitionError) as raised:
        dag(cyclic, dag_id="pointed")
    assert raised.value.where == (__file__, declared_at)


def test_dags_register_while_the_runtime_collects_and_not_otherwise():
    def build():
        bash(task_id="a", command="true")

    dag(build, dag_id="unseen")
    with collecting() as collected:
        first = dag(build, dag_id="one")
        second = dag(build, dag_id="two")
    assert collected == [first, second]
