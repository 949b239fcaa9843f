"""``@dag``: declares a DAG by running a function that declares its tasks.

The decorated function runs at once (as the TypeScript SDK's build function does), with
this DAG as the target of the task calls it makes; then the DAG is sealed, checked
(ids, at least one task, no dependency cycle, no task function left uncalled) and
registered, so the runtime finds it (``_registry``). A problem raises a
``DagDefinitionError`` pointing at the line that caused it.
"""

import copy
import inspect
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from borda import _registry
from borda._asset import AssetCondition, asset_schedule, is_asset_schedule
from borda._callbacks import (
    EVENT_OF_OPTION,
    Callback,
    EventCallbacks,
    resolve_callbacks,
    run_callbacks,
)
from borda._definition_error import DagDefinitionError, declaration_site
from borda._mapping import TaskMapping
from borda._params import param_specs
from borda._spec_values import (
    date_value,
    flag,
    identifier,
    schedule,
    whole_number,
)
from borda._task_options import DEFAULT_FIELDS, TaskDefaults, task_fields

Site = tuple[str, int] | None

# The DAGs whose functions are running, innermost last.
_building: list["DagBuilder"] = []


def current_builder(what: str) -> "DagBuilder":
    """The DAG whose function is running; ``what`` names the caller in the error."""
    if not _building:
        raise DagDefinitionError(
            f"{what} was called outside a @dag function: declare tasks inside the function "
            "that @dag decorates.",
            declaration_site(),
        )
    return _building[-1]


class TaskRef:
    """A declared task, as a task call or ``bash()`` returns it: for dependencies and inputs.

    ``a >> b`` (or ``b << a``, or ``b.after(a)``) makes b run after a; either side may be
    a list of tasks. Passing a task to another task's call makes it a data input too.
    """

    __slots__ = ("_builder", "dag_id", "task_id")

    def __init__(self, builder: "DagBuilder", task_id: str) -> None:
        self._builder = builder
        self.dag_id = builder.dag_id
        self.task_id = task_id

    def __repr__(self) -> str:
        return f"<task {self.task_id!r} of DAG {self.dag_id!r}>"

    def after(self, *upstream: "TaskRef | Iterable[TaskRef]") -> "TaskRef":
        """Makes this task run after ``upstream`` (Airflow's ``upstream >> this``); returns it."""
        self._builder.add_upstream(self.task_id, _flatten(upstream), declaration_site())
        return self

    def __rshift__(self, downstream: Any) -> Any:
        site = declaration_site()
        for task in _flatten([downstream]):
            what = f"a downstream of task '{self.task_id}'"
            self._builder.add_upstream(self._builder.member_id(task, what, site), [self], site)
        return downstream

    def __lshift__(self, upstream: Any) -> Any:
        self._builder.add_upstream(self.task_id, _flatten([upstream]), declaration_site())
        return upstream

    def __rrshift__(self, upstream: Any) -> "TaskRef":
        # [a, b] >> self
        self.__lshift__(upstream)
        return self

    def __rlshift__(self, downstream: Any) -> "TaskRef":
        # [a, b] << self
        self.__rshift__(downstream)
        return self


def _flatten(items: Iterable[Any]) -> list[Any]:
    flat: list[Any] = []
    for item in items:
        # Lists and tuples only: a set's order changes from one import to the next, and so
        # would the spec's order of upstream tasks (and with it the DAG's version).
        if isinstance(item, list | tuple):
            flat.extend(item)
        else:
            flat.append(item)
    return flat


class Dag:
    """A declared DAG, as ``@dag`` returns it. The runtime finds it through the registry."""

    def __init__(
        self,
        spec: dict[str, Any],
        tasks: dict[str, Any],
        callbacks: dict[tuple[str, str, str], tuple[Callback, ...]] | None = None,
    ) -> None:
        self.dag_id: str = spec["dagId"]
        self._spec = spec
        self._tasks = tasks
        self._callbacks = callbacks or {}

    def __repr__(self) -> str:
        return f"<DAG {self.dag_id!r}: {len(self._tasks)} tasks>"

    def __call__(self) -> "Dag":
        """Returns the DAG: the ``@dag`` function already ran (Airflow files call it again)."""
        return self

    @property
    def task_ids(self) -> list[str]:
        return list(self._tasks)

    def to_spec(self) -> dict[str, Any]:
        """The DAG as protocol's ``DagSpec`` (a fresh copy); ``python.entry`` left to the parser."""
        return copy.deepcopy(self._spec)

    def get_task(self, task_id: str) -> Any:
        """The task with that id (it has ``run(context)``), or None."""
        return self._tasks.get(task_id)

    def get_callback(self, scope: str, task_id: str, event: str) -> Callable[[Any], None] | None:
        """The callback the DAG (``scope`` "dag") or task ``task_id`` declares for ``event``:
        called with the context, it calls each of the declared functions; None when none."""
        functions = self._callbacks.get((scope, "" if scope == "dag" else task_id, event))
        if not functions:
            return None
        return lambda context: run_callbacks(functions, context)


def dag(
    build: Callable[[], Any] | None = None,
    /,
    *,
    dag_id: str | None = None,
    description: str | None = None,
    schedule: str | timedelta | AssetCondition | list[Any] | None = None,
    start_date: str | date | datetime | None = None,
    end_date: str | date | datetime | None = None,
    timezone: str = "UTC",
    catchup: bool = False,
    tags: list[str] | None = None,
    params: dict[str, Any] | None = None,
    max_active_runs: int = 16,
    max_active_tasks: int = 16,
    default_args: TaskDefaults | None = None,
    on_success: Any = None,
    on_failure: Any = None,
) -> Any:
    """Declares a DAG: decorate a function that declares its tasks, or pass it.

    ``@dag(dag_id="etl", schedule="@daily", start_date="2024-01-01")`` over
    ``def etl(): ...`` runs the function at once and replaces it with the DAG
    (``dag(etl, dag_id="etl", ...)`` does the same without the decorator). Options:

    - ``dag_id``: unique across the deployment; default the function's name.
    - ``schedule``: a cron expression ("0 6 * * *"), a preset ("@daily", "@once", ...),
      an interval ("@every 30m", or a ``timedelta``: fixed intervals from ``start_date``
      on, as Airflow's timedelta schedules), assets (``Asset(...)``, a list of them meaning
      all, or ``&`` / ``|`` of them: the DAG runs when they are updated), or None (default)
      for manual runs only.
    - ``start_date``: the first data interval starts here; required with a schedule. A
      string such as "2024-01-01" is read in the DAG's timezone; a ``datetime`` is an
      instant (naive means UTC). ``end_date``: no scheduled run starts after it.
    - ``timezone``: IANA zone in which the schedule and plain dates are read. Default UTC.
    - ``catchup``: create the runs missed since start_date. Default False.
    - ``params``: name → ``Param(...)`` or a default value; tasks read ``ctx.params``.
    - ``max_active_runs``, ``max_active_tasks``: default 16 each.
    - ``default_args``: task options (``retries``, ``queue``, ...) for every task.
    - ``on_success``, ``on_failure``: what a run's end fires: a function (called on a
      worker with the context of the task instance that decided the run), a notifier, or
      a list of them (docs/notifications.md).
    """
    options = {
        "dag_id": dag_id,
        "description": description,
        "schedule": schedule,
        "start_date": start_date,
        "end_date": end_date,
        "timezone": timezone,
        "catchup": catchup,
        "tags": tags,
        "params": params,
        "max_active_runs": max_active_runs,
        "max_active_tasks": max_active_tasks,
        "default_args": default_args,
        "callbacks": {"onSuccess": on_success, "onFailure": on_failure},
    }
    if build is None:
        return lambda function: _declare(function, options)
    return _declare(build, options)


def _declare(build: Callable[[], Any], options: dict[str, Any]) -> Dag:
    site = declaration_site()
    if not callable(build) or inspect.iscoroutinefunction(build):
        raise DagDefinitionError(
            f"@dag needs a plain function that declares the DAG's tasks, not {build!r}.", site
        )
    dag_id = options["dag_id"] if options["dag_id"] is not None else build.__name__
    try:
        builder = DagBuilder(
            _dag_fields(dag_id, options), options["default_args"], site, options["callbacks"]
        )
    except DagDefinitionError as error:
        error.where = error.where or site
        raise
    _building.append(builder)
    try:
        build()
    finally:
        _building.pop()
    declared = builder.seal()
    _registry.register(declared)
    return declared


def _dag_fields(dag_id: object, options: dict[str, Any]) -> dict[str, Any]:
    """The DAG's own spec fields, in the order of protocol's DagSpec (tasks come later)."""
    dag_id = identifier(dag_id, "DAG id")
    description = options["description"]
    if description is not None and not isinstance(description, str):
        raise DagDefinitionError(f"DAG '{dag_id}': description must be a string or None.")
    timezone = options["timezone"]
    if not isinstance(timezone, str) or timezone == "":
        raise DagDefinitionError(f"DAG '{dag_id}': timezone must be an IANA zone name.")
    tags = options["tags"] or []
    if not isinstance(tags, list | tuple) or not all(isinstance(tag, str) for tag in tags):
        raise DagDefinitionError(f"DAG '{dag_id}': tags must be a list of strings.")
    on_assets = is_asset_schedule(options["schedule"])
    fields = {
        "dagId": dag_id,
        "description": description,
        "schedule": None if on_assets else schedule(options["schedule"], dag_id),
        "startDate": date_value(options["start_date"], f"DAG '{dag_id}': start_date"),
        "endDate": date_value(options["end_date"], f"DAG '{dag_id}': end_date"),
        "timezone": timezone,
        "catchup": flag(options["catchup"], f"DAG '{dag_id}': catchup"),
        "tags": list(tags),
        "params": param_specs(options["params"], dag_id),
        "maxActiveRuns": whole_number(
            options["max_active_runs"], f"DAG '{dag_id}': max_active_runs", minimum=1
        ),
        "maxActiveTasks": whole_number(
            options["max_active_tasks"], f"DAG '{dag_id}': max_active_tasks", minimum=1
        ),
    }
    if on_assets:
        fields["assetSchedule"] = asset_schedule(options["schedule"], dag_id)
    return fields


class DagBuilder:
    """Collects one DAG's tasks while its function runs, then seals into a ``Dag``."""

    def __init__(
        self,
        fields: dict[str, Any],
        default_args: Any,
        site: Site,
        callbacks: dict[str, Any] | None = None,
    ) -> None:
        self.dag_id: str = fields["dagId"]
        self._fields = fields
        self._site = site
        # (scope, task id or "" for the DAG, event) → the functions the worker calls.
        self._callbacks: dict[tuple[str, str, str], tuple[Callback, ...]] = {}
        self._dag_callbacks = self._split_callbacks(
            "dag",
            "",
            {
                key: resolve_callbacks(value, f"DAG '{self.dag_id}': {key}")
                for key, value in (callbacks or {}).items()
            },
        )
        if default_args is not None and (
            not isinstance(default_args, dict) or "task_id" in default_args
        ):
            raise DagDefinitionError(
                f"DAG '{self.dag_id}': default_args must be a dict of task options other than "
                "task_id."
            )
        self._defaults = task_fields(dict(default_args or {}), f"DAG '{self.dag_id}': default_args")
        self._specs: dict[str, dict[str, Any]] = {}
        self._tasks: dict[str, Any] = {}
        self._sites: dict[str, Site] = {}
        # Task functions decorated while this DAG was built, and where: each must be called.
        self._decorated: list[tuple[Any, Site]] = []
        self._sealed = False

    def note_decorated(self, task_function: Any, site: Site) -> None:
        self._decorated.append((task_function, site))

    def has_task(self, task_id: str) -> bool:
        return task_id in self._specs

    def add_task(
        self,
        task_id: str,
        task: Any,
        options: dict[str, Any],
        inputs: dict[str, Any],
        bash_command: str | None,
        site: Site,
        mapping: TaskMapping | None = None,
    ) -> TaskRef:
        """Declares a task; ``task`` runs it (``kind``, ``operator``, ``flow``, ``sensor``:
        the spec's fields, ``flow`` None for none, ``sensor`` absent or None for none;
        ``run(context)``). A ``mapping`` makes it a mapped task; the upstream tasks it maps
        over become its upstream tasks."""
        self._assert_open(f"task '{task_id}'", site)
        if task_id in self._specs:
            raise DagDefinitionError(
                f"Task id '{task_id}' is declared twice in DAG '{self.dag_id}': task ids must "
                "be unique within a DAG (give one a task_id of its own).",
                site,
            )
        given = {**self._defaults, **options}
        spec: dict[str, Any] = {
            "taskId": task_id,
            "kind": task.kind,
            "bashCommand": bash_command,
            **{field: given.get(field, default) for field, default in DEFAULT_FIELDS.items()},
            "upstream": [],
            "inputs": {
                name: self.member_id(ref, f"input '{name}' of task '{task_id}'", site)
                for name, ref in inputs.items()
            },
            "runtime": "python",
            "operator": task.operator,
            "python": {"entry": None, "callable": None},
        }
        if task.flow is not None:
            spec["flow"] = dict(task.flow)
        if mapping is not None:
            what = f"what task '{task_id}' maps over"
            spec["mapped"] = mapping.spec(lambda ref: self.member_id(ref, what, site))
        events = {key: given[key] for key in EVENT_OF_OPTION if given.get(key)}
        if events:
            spec["callbacks"] = self._split_callbacks("task", task_id, events)
        if given.get("outlets"):
            spec["outlets"] = given["outlets"]
        if getattr(task, "sensor", None) is not None:
            spec["sensor"] = dict(task.sensor)
        self._specs[task_id] = spec
        self._tasks[task_id] = task
        self._sites[task_id] = site
        mapped_over = mapping.upstream() if mapping is not None else []
        self.add_upstream(task_id, [*inputs.values(), *mapped_over], site)
        return TaskRef(self, task_id)

    def add_upstream(self, task_id: str, upstream: list[Any], site: Site) -> None:
        self._assert_open(f"a dependency of task '{task_id}'", site)
        declared = self._specs[task_id]["upstream"]
        for ref in upstream:
            upstream_id = self.member_id(ref, f"an upstream of task '{task_id}'", site)
            if upstream_id not in declared:
                declared.append(upstream_id)

    def seal(self) -> Dag:
        self._sealed = True
        for task_function, site in self._decorated:
            if not task_function.used:
                name = task_function.function.__name__
                raise DagDefinitionError(
                    f"DAG '{self.dag_id}': task function '{name}' is decorated with @task but "
                    f"never called, so it is not part of the DAG: call it ({name}()) to add "
                    "the task.",
                    site,
                )
        if not self._specs:
            raise DagDefinitionError(
                f"DAG '{self.dag_id}' has no tasks: a DAG needs at least one task (call a "
                "@task function or bash() inside the @dag function).",
                self._site,
            )
        cycle = find_cycle({task_id: spec["upstream"] for task_id, spec in self._specs.items()})
        if cycle:
            raise DagDefinitionError(
                f"DAG '{self.dag_id}': its tasks depend on each other in a cycle: "
                f"{' → '.join(cycle)}. Remove one of these dependencies (a >>, <<, .after() "
                "or an input).",
                self._sites[cycle[0]],
            )
        spec = {**self._fields, "tasks": list(self._specs.values())}
        if self._dag_callbacks:
            spec["callbacks"] = self._dag_callbacks
        return Dag(copy.deepcopy(spec), dict(self._tasks), dict(self._callbacks))

    def _split_callbacks(
        self, scope: str, task_id: str, events: dict[str, EventCallbacks]
    ) -> dict[str, Any]:
        """The spec's ``callbacks`` for ``events``; keeps their functions for the runner."""
        for key, callbacks in events.items():
            if callbacks.functions:
                self._callbacks[(scope, task_id, EVENT_OF_OPTION[key])] = callbacks.functions
        return {key: callbacks.spec() for key, callbacks in events.items() if callbacks}

    def member_id(self, ref: Any, what: str, site: Site) -> str:
        if isinstance(ref, TaskRef):
            if ref._builder is self:
                return ref.task_id
            raise DagDefinitionError(
                f"DAG '{self.dag_id}': {what} is task '{ref.task_id}' of DAG '{ref.dag_id}': "
                "tasks depend only on tasks of their own DAG.",
                site,
            )
        function = getattr(ref, "function", None)
        if callable(function):
            name = function.__name__
            raise DagDefinitionError(
                f"DAG '{self.dag_id}': {what} is the task function '{name}', not a task: call "
                f"it ({name}()) and use what the call returns.",
                site,
            )
        raise DagDefinitionError(
            f"DAG '{self.dag_id}': {what} is {ref!r}, not a task: use what a @task function's "
            "call or bash() returned.",
            site,
        )

    def _assert_open(self, what: str, site: Site) -> None:
        if self._sealed:
            raise DagDefinitionError(
                f"{what} was declared after DAG '{self.dag_id}' was built: declare tasks and "
                "dependencies inside its @dag function.",
                site,
            )


def find_cycle(upstream_of: dict[str, list[str]]) -> list[str] | None:
    """A dependency cycle in run order ("a → b → a"), from its first declared task; else None.

    The same search, and the same answer, as the control plane's check
    (packages/server/src/dags/validateDagSpecs.ts), without recursion: a DAG may have
    thousands of tasks in a chain.
    """
    order = {task_id: index for index, task_id in enumerate(upstream_of)}
    done: set[str] = set()
    for root in upstream_of:
        if root in done:
            continue
        path = [root]
        on_path = {root}
        pending = [iter(upstream_of[root])]
        while pending:
            upstream = next(pending[-1], None)
            if upstream is None:
                on_path.discard(path[-1])
                done.add(path.pop())
                pending.pop()
            elif upstream in on_path:
                cycle = list(reversed(path[path.index(upstream) :]))
                first = min(cycle, key=lambda member: order.get(member, 0))
                start = cycle.index(first)
                return [*cycle[start:], *cycle[:start], first]
            elif upstream not in done:
                path.append(upstream)
                on_path.add(upstream)
                pending.append(iter(upstream_of.get(upstream, [])))
    return None
