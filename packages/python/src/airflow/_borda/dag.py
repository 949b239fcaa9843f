"""Airflow's ``DAG`` and ``@dag``, declaring DAGs that Borda's runtime finds and runs.

A DAG registers itself with Borda's runtime (``borda._registry``) as soon as it is made,
as Airflow's DagBag finds DAGs both in a module's globals and in ``with DAG(...)`` blocks.
Its spec is made only when the runtime asks for it, after the file was imported: Airflow
files add tasks and dependencies to a DAG after making it (``dag=dag``, ``t1 >> t2`` after
the ``with`` block). It is made by the Python SDK's own builder, so an Airflow-style DAG
gets the same checks (ids, a task at least, no cycle) and the same spec as one written
with ``borda``.

The DAG's own options are checked when it is made, so a wrong schedule points at the line
that declared the DAG.
"""

import functools
import inspect
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from airflow._borda.arguments import NOTSET, refuse_set_arguments
from airflow._borda.callbacks import airflow_callbacks
from airflow._borda.subset import NotInSubsetError
from airflow._borda.user_code import Site, user_site, warn
from borda import DagDefinitionError, _registry
from borda._asset import is_asset_schedule
from borda._dag import DagBuilder, TaskRef, _dag_fields

if TYPE_CHECKING:
    from airflow._borda.operator import BaseOperator

# The DAGs whose ``with`` blocks (or @dag functions) are running, innermost last.
_open_dags: list["DAG"] = []

# Accepted and ignored: they describe or display the DAG, or are settings Borda keeps
# elsewhere (is_paused_upon_creation: the server's BORDA_DAGS_PAUSED_AT_CREATION).
_IGNORED = frozenset(
    {
        "doc_md",
        "default_view",
        "orientation",
        "owner_links",
        "auto_register",
        "dag_display_name",
        "is_paused_upon_creation",
        "full_filepath",
        "disable_bundle_versioning",
        "bundle_name",
        "bundle_version",
    }
)
_REFUSED = frozenset(
    {
        "timetable",
        "template_searchpath",
        "dagrun_timeout",
        "sla_miss_callback",
        "max_consecutive_failed_dag_runs",
        "access_control",
        "fail_stop",
        "fail_fast",
        "deadline",
    }
)


def current_dag() -> "DAG | None":
    """The DAG whose ``with`` block (or @dag function) is running, if any."""
    return _open_dags[-1] if _open_dags else None


class DAG:
    """Airflow's DAG: ``with DAG("etl", schedule="@daily", start_date=...) as dag: ...``.

    Takes Airflow 2's and 3's arguments: ``schedule`` (or Airflow 2's ``schedule_interval``:
    cron, a preset, None, or a ``timedelta``), ``start_date`` and ``end_date`` (datetimes,
    pendulum's included; the start date's timezone is the DAG's), ``catchup`` (default
    False, as Airflow 3), ``tags``, ``params``, ``default_args``, ``max_active_runs``,
    ``max_active_tasks`` (or ``concurrency``), ``description``, and the templating options
    ``user_defined_macros``, ``user_defined_filters``, ``render_template_as_native_obj``,
    ``template_undefined`` and ``jinja_environment_kwargs``.
    """

    def __init__(
        self,
        dag_id: str,
        description: str | None = None,
        *,
        schedule: Any = NOTSET,
        schedule_interval: Any = NOTSET,
        start_date: Any = None,
        end_date: Any = None,
        default_args: dict[str, Any] | None = None,
        params: dict[str, Any] | None = None,
        max_active_tasks: int | None = None,
        concurrency: int | None = None,
        max_active_runs: int = 16,
        catchup: bool = False,
        tags: Any = None,
        user_defined_macros: dict[str, Any] | None = None,
        user_defined_filters: dict[str, Any] | None = None,
        render_template_as_native_obj: bool = False,
        template_undefined: Any = None,
        jinja_environment_kwargs: dict[str, Any] | None = None,
        on_success_callback: Any = None,
        on_failure_callback: Any = None,
        **other: Any,
    ) -> None:
        site = _declaring_site[-1] if _declaring_site else user_site()
        _check_other_arguments(dag_id, other, site)
        if default_args is not None and not isinstance(default_args, dict):
            raise DagDefinitionError(f"DAG '{dag_id}': default_args must be a dict.", site)
        self.dag_id = dag_id
        self.description = description
        self.default_args: dict[str, Any] = dict(default_args or {})
        self.params: dict[str, Any] = dict(params or {})
        self.start_date = (
            start_date if start_date is not None else self.default_args.get("start_date")
        )
        self.end_date = end_date if end_date is not None else self.default_args.get("end_date")
        self.schedule = _schedule(dag_id, schedule, schedule_interval, site)
        self.catchup = catchup
        self.tags = sorted(tags) if isinstance(tags, set | frozenset) else list(tags or [])
        self.max_active_runs = max_active_runs
        self.max_active_tasks = (
            max_active_tasks if max_active_tasks is not None else concurrency or 16
        )
        self.user_defined_macros = user_defined_macros
        self.user_defined_filters = user_defined_filters
        self.render_template_as_native_obj = render_template_as_native_obj
        self.template_undefined = template_undefined
        self.jinja_environment_kwargs = jinja_environment_kwargs
        self.doc_md = other.get("doc_md")
        self.on_success_callback = on_success_callback
        self.on_failure_callback = on_failure_callback
        # A DAG's callback runs with the context of the task instance that decided the run.
        self._callbacks = {
            "onSuccess": airflow_callbacks(on_success_callback, self._operator_of),
            "onFailure": airflow_callbacks(on_failure_callback, self._operator_of),
        }
        self._sealed: Any = None
        self._site = site
        self._tasks: dict[str, BaseOperator] = {}
        options = {
            "description": description,
            "schedule": self.schedule,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "timezone": _timezone_name(dag_id, self.start_date, site),
            "catchup": catchup,
            "tags": self.tags,
            "params": self.params,
            "max_active_runs": max_active_runs,
            "max_active_tasks": self.max_active_tasks,
        }
        try:
            self._fields = _dag_fields(dag_id, options)
        except DagDefinitionError as error:
            error.where = error.where or site
            raise
        if schedule is NOTSET and schedule_interval is NOTSET:
            warn(
                f"DAG '{dag_id}' names no schedule. Airflow 2 ran such a DAG once a day; Airflow "
                "3 and Borda run it only when triggered. Write schedule=None, or the schedule "
                "you mean, to say which.",
                site,
            )
        _registry.register(RegisteredDag(self))

    def __repr__(self) -> str:
        return f"<DAG: {self.dag_id}>"

    def __enter__(self) -> "DAG":
        _open_dags.append(self)
        return self

    def __exit__(self, *_exc: object) -> None:
        _open_dags.remove(self)

    @property
    def task_dict(self) -> dict[str, "BaseOperator"]:
        return dict(self._tasks)

    @property
    def tasks(self) -> list["BaseOperator"]:
        return list(self._tasks.values())

    @property
    def task_ids(self) -> list[str]:
        return list(self._tasks)

    def has_task(self, task_id: str) -> bool:
        return task_id in self._tasks

    def get_task(self, task_id: str) -> "BaseOperator":
        if task_id not in self._tasks:
            from airflow.exceptions import TaskNotFound

            raise TaskNotFound(f"Task {task_id} not found")
        return self._tasks[task_id]

    def add_task(self, task: "BaseOperator") -> None:
        """Adds an operator to this DAG (what ``dag=`` and a ``with`` block do)."""
        existing = self._tasks.get(task.task_id)
        if existing is task:
            return
        if existing is not None:
            raise DagDefinitionError(
                f"Task id '{task.task_id}' has already been added to the DAG '{self.dag_id}': "
                "task ids must be unique within a DAG.",
                task._borda_site,
            )
        if task._borda_dag is not None and task._borda_dag is not self:
            raise DagDefinitionError(
                f"Task '{task.task_id}' belongs to DAG '{task._borda_dag.dag_id}' and cannot be "
                f"added to DAG '{self.dag_id}' too.",
                task._borda_site,
            )
        self._tasks[task.task_id] = task
        task._borda_dag = self

    def add_tasks(self, tasks: list["BaseOperator"]) -> None:
        for task in tasks:
            self.add_task(task)

    def test(self, *_args: Any, **_kwargs: Any) -> Any:
        raise NotInSubsetError(
            "DAG.test()", "run the DAG file's tasks with `borda dags test` instead", user_site()
        )

    def _operator_of(self, data: Any) -> "BaseOperator":
        return self._tasks[data.task_id]

    def spec(self) -> dict[str, Any]:
        """The DAG as protocol's DagSpec, made by the Python SDK's builder."""
        return self._build().to_spec()

    def sealed(self) -> Any:
        """The DAG as the Python SDK's ``Dag`` (its spec and callbacks), made once."""
        if self._sealed is None:
            self._sealed = self._build()
        return self._sealed

    def _build(self) -> Any:
        builder = DagBuilder(self._fields, None, self._site, self._callbacks)
        for task in self._tasks.values():
            inputs = {name: TaskRef(builder, up) for name, up in task._borda_inputs().items()}
            builder.add_task(
                task.task_id,
                _SpecView(task),
                task._borda_fields,
                inputs,
                task._borda_bash_command(),
                task._borda_site,
                task._borda_mapping(lambda up: TaskRef(builder, up)),
            )
        for task in self._tasks.values():
            for upstream_id in task._borda_upstream:
                if upstream_id not in self._tasks:
                    raise DagDefinitionError(
                        f"DAG '{self.dag_id}': task '{task.task_id}' depends on '{upstream_id}', "
                        "which is in no DAG: declare it inside the DAG too (with DAG(...) or "
                        "dag=).",
                        task._borda_site,
                    )
            upstream = [TaskRef(builder, up) for up in task._borda_upstream]
            builder.add_upstream(task.task_id, upstream, task._borda_site)
        return builder.seal()


class _SpecView:
    """What the SDK's builder reads of a task: its kind, the operator shown to people, how
    its result steers the tasks after it, and its sensor policy."""

    def __init__(self, task: "BaseOperator") -> None:
        self.kind = task._borda_kind
        self.operator = task._borda_operator_name()
        self.flow = task._borda_flow()
        self.sensor = task._borda_sensor()


class RegisteredDag:
    """An Airflow DAG as Borda's runtime sees it (``borda._registry``'s contract).

    Kept apart from ``DAG``, whose own ``get_task`` is Airflow's (it returns the operator).
    """

    def __init__(self, dag: DAG) -> None:
        self.dag_id = dag.dag_id
        self._dag = dag

    def to_spec(self) -> dict[str, Any]:
        return self._dag.spec()

    def get_task(self, task_id: str) -> Any:
        operator = self._dag._tasks.get(task_id)
        return None if operator is None else RegisteredTask(operator)

    def get_callback(self, scope: str, task_id: str, event: str) -> Any:
        return self._dag.sealed().get_callback(scope, task_id, event)


class RegisteredTask:
    def __init__(self, operator: "BaseOperator") -> None:
        self._operator = operator

    def run(self, context: Any) -> Any:
        # Only the worker's runner runs tasks: the parser never loads what running needs.
        from airflow._borda.execution import run_task

        return run_task(self._operator, context)


# Set while a @dag function's DAG is made: errors point at the decorated function.
_declaring_site: list[Site] = []


def dag(dag_id: Any = "", **dag_kwargs: Any) -> Any:
    """Airflow's ``@dag``: the decorated function, called, makes the DAG and declares its tasks.

    ``@dag`` or ``@dag(schedule=..., ...)`` with the ``DAG`` arguments; the DAG id defaults
    to the function's name. As in Airflow, there is no DAG until the file calls the
    function (``etl()``, usually at its end); the call returns the DAG.
    """
    if callable(dag_id):
        return _dag_factory(dag_id, dag_kwargs)

    def decorator(function: Callable[..., Any]) -> Callable[..., DAG]:
        return _dag_factory(function, {**dag_kwargs, "dag_id": dag_id} if dag_id else dag_kwargs)

    return decorator


def _dag_factory(function: Callable[..., Any], dag_kwargs: dict[str, Any]) -> Callable[..., DAG]:
    code = getattr(function, "__code__", None)
    site = (code.co_filename, code.co_firstlineno) if code else user_site()

    @functools.wraps(function)
    def factory(*args: Any, **kwargs: Any) -> DAG:
        if args or kwargs or inspect.signature(function).parameters:
            raise NotInSubsetError(
                f"Parameters of the @dag function '{function.__name__}'",
                "declare the DAG's params with params={...} and read them from the context "
                "(params) in its tasks",
                site,
            )
        options = {"dag_id": function.__name__, **dag_kwargs}
        _declaring_site.append(site)
        try:
            made = DAG(**options)
        finally:
            _declaring_site.pop()
        if made.doc_md is None:
            made.doc_md = function.__doc__
        with made:
            function()
        return made

    return factory


def _check_other_arguments(dag_id: Any, other: dict[str, Any], site: Site) -> None:
    unknown = sorted(set(other) - _IGNORED - _REFUSED)
    if unknown:
        raise DagDefinitionError(f"DAG '{dag_id}' got an unexpected argument '{unknown[0]}'.", site)
    refuse_set_arguments(f"DAG '{dag_id}'", other, site)


def _schedule(dag_id: str, schedule: Any, schedule_interval: Any, site: Site) -> Any:
    """The one schedule given (Airflow 3's ``schedule`` or Airflow 2's ``schedule_interval``)."""
    if schedule is not NOTSET and schedule_interval is not NOTSET:
        raise DagDefinitionError(
            f"DAG '{dag_id}': give schedule or schedule_interval, not both.", site
        )
    value = schedule if schedule is not NOTSET else schedule_interval
    if value is NOTSET or value is None:
        return None
    if value == "@continuous":
        raise NotInSubsetError(
            f"The schedule '@continuous' of DAG '{dag_id}'",
            "schedule with a cron expression, a preset or a timedelta",
            site,
        )
    if is_asset_schedule(value):
        return value
    if not isinstance(value, str | timedelta):
        raise NotInSubsetError(
            f"The schedule {value!r} of DAG '{dag_id}' (a {type(value).__name__})",
            "schedules are cron expressions, presets, timedeltas, datasets or assets (one, a "
            "list, or & and | of them) or None; timetables and relativedeltas are not supported",
            site,
        )
    return value


def _timezone_name(dag_id: str, start_date: Any, site: Site) -> str:
    """The DAG's timezone, as Airflow takes it: the start date's (UTC when it has none)."""
    zone: tzinfo | None = getattr(start_date, "tzinfo", None)
    if not isinstance(start_date, datetime) or zone is None:
        return "UTC"
    name = getattr(zone, "key", None) or getattr(zone, "name", None)
    if isinstance(name, str) and ("/" in name or name == "UTC"):
        return name
    offset = zone.utcoffset(start_date) or timedelta(0)
    hours, rest = divmod(offset.total_seconds(), 3600)
    if offset == timedelta(0):
        return "UTC"
    if rest == 0:
        # IANA's fixed-offset zones count the other way: Etc/GMT-2 is UTC+02:00.
        return f"Etc/GMT{-int(hours):+d}"
    raise DagDefinitionError(
        f"DAG '{dag_id}': the timezone of start_date ({start_date.isoformat()}) is a fixed "
        "offset that is not whole hours, which has no IANA name; give the start date a named "
        'zone, such as pendulum.datetime(2024, 1, 1, tz="Asia/Kolkata").',
        site,
    )
