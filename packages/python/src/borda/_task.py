"""``@task``: a DAG's Python function tasks, and what runs each one (``bash()``'s are in
``_bash``).

A ``@task`` function is declared into a DAG by calling it inside the ``@dag`` function,
as in Airflow's TaskFlow: ``total(extract())`` declares ``total`` with the result of
``extract`` as its argument ``numbers`` (a data input: it runs after ``extract`` and
receives its result). Other arguments are passed to the function as they are. When the
task runs, the function gets the task context first, then its arguments by name.

``@task.branch`` and ``@task.short_circuit`` declare tasks whose result steers the tasks
after them: the spec's ``flow`` says how, and the control plane skips tasks by it once
the task succeeds. The task itself only returns its result.

``square.expand(x=numbers())`` (or ``.partial(**fixed).expand(...)``, or
``.expand_kwargs(...)``) declares a mapped task instead (``borda._mapping``): one task
instance per item, each receiving its item as the argument.
``@task.sensor`` declares a sensor (the spec's ``sensor``): its function is the poke, run
by the worker until done.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Unpack

from borda._context import TaskContext
from borda._dag import TaskRef, _building, current_builder
from borda._definition_error import DagDefinitionError, declaration_site
from borda._mapping import (
    MapSource,
    TaskMapping,
    Upstream,
    literal_kwargs,
    literal_values,
    max_active,
)
from borda._registry import Returned
from borda._sensor import DEFAULT_POKE_INTERVAL, DEFAULT_TIMEOUT, sensor_spec
from borda._spec_values import branch_flow, identifier, short_circuit_flow
from borda._task_options import MAX_ACTIVE_OPTION, TaskOptions, task_fields


@dataclass(frozen=True)
class _Variant:
    """What a task decorator declares: its name shown to people (the spec's ``operator``)
    and the spec's ``flow`` (None: the result steers nothing)."""

    operator: str
    flow: dict[str, Any] | None = None
    sensor: dict[str, Any] | None = None


_PLAIN = _Variant("@task")


class FunctionTask:
    """Runs a ``@task`` function with the context, its inputs and its fixed arguments.

    ``input_names`` are the inputs of the run it passes as arguments: its data inputs and
    the arguments it is mapped over; None for every input the run brings (a task mapped
    with ``expand_kwargs``, whose arguments are the keys of its dict). A mapped argument
    wins over a fixed one of the same name, as in Airflow's ``expand_kwargs``.
    """

    kind = "function"

    def __init__(
        self,
        function: Callable[..., Any],
        fixed: dict[str, Any],
        input_names: list[str] | None,
        variant: _Variant,
    ) -> None:
        self._function = function
        self._fixed = fixed
        self._input_names = input_names
        self.operator = variant.operator
        self.flow = variant.flow
        self.sensor = variant.sensor

    def run(self, context: TaskContext) -> Returned:
        names = context.inputs if self._input_names is None else self._input_names
        inputs = {name: context.inputs.get(name) for name in names}
        return Returned(self._function(context, **{**self._fixed, **inputs}))


class TaskFunction:
    """A function made a task by ``@task`` (or ``@task.branch``, ``@task.short_circuit``).
    Call it inside a ``@dag`` function to declare the task; ``function`` is the plain
    function (to test it without Borda)."""

    def __init__(
        self, function: Callable[..., Any], options: dict[str, Any], variant: _Variant = _PLAIN
    ) -> None:
        site = declaration_site()
        self.function = function
        self._options = dict(options)
        self._variant = variant
        self._signature = _task_signature(function, variant.operator, site)
        base_id = options.get("task_id", getattr(function, "__name__", None))
        self._task_id = identifier(base_id, "task id")
        owner = f"task '{self._task_id}'"
        self._max_active = max_active(
            options.get(MAX_ACTIVE_OPTION), f"{owner}: {MAX_ACTIVE_OPTION}"
        )
        self._fields = task_fields(
            {name: value for name, value in options.items() if name != MAX_ACTIVE_OPTION}, owner
        )
        # Set by a call or an override: a task function decorated inside a @dag function
        # and never called is a mistake the DAG reports.
        self.used = False
        if _building:
            _building[-1].note_decorated(self, site)

    def __repr__(self) -> str:
        return f"<task function {self._task_id!r}>"

    def override(self, **options: Unpack[TaskOptions]) -> "TaskFunction":
        """The same function with other options: ``extract.override(task_id="extract_eu")()``."""
        self.used = True
        return TaskFunction(self.function, {**self._options, **options}, self._variant)

    def __call__(self, *args: Any, **kwargs: Any) -> TaskRef:
        """Declares the task in the DAG being built; returns it, for dependencies and inputs."""
        site = declaration_site()
        self.used = True
        builder = current_builder(f"task '{self._task_id}'")
        task_id = self._next_task_id(builder)
        fixed, inputs = self._arguments(task_id, args, kwargs, site)
        task = FunctionTask(self.function, fixed, list(inputs), self._variant)
        return builder.add_task(task_id, task, self._fields, inputs, None, site)

    def partial(self, **fixed: Any) -> "PartialTask":
        """The arguments every task instance of a mapped task gets (a plain value, or a task
        whose result it receives); map the others with ``.expand()`` or
        ``.expand_kwargs()``: ``add.partial(y=10).expand(x=[1, 2, 3])``."""
        return PartialTask(self, fixed)

    def expand(self, **sources: Any) -> TaskRef:
        """Declares a mapped task: one task instance per item, each getting its item as the
        argument of that name. A source is a list (or tuple, or a dict's items as [key, value]
        pairs) written here, or a task, whose result is mapped over. Several arguments map
        over the cross product of their lists, the last varying fastest:
        ``add.expand(x=[1, 2], y=[10, 20])`` runs add(1, 10), add(1, 20), add(2, 10),
        add(2, 20). An empty list skips the task. Tasks after it receive its results as a
        list, in that order. ``max_active_tis_per_dagrun`` limits how many run at once."""
        return self.partial().expand(**sources)

    def expand_kwargs(self, source: Any) -> TaskRef:
        """Declares a mapped task with one task instance per dict of ``source`` (a list of
        dicts written here, or a task whose result is one), each dict holding arguments by
        name: ``add.expand_kwargs([{"x": 1, "y": 2}, {"x": 3, "y": 4}])``."""
        return self.partial().expand_kwargs(source)

    def _next_task_id(self, builder: Any) -> str:
        task_id = self._task_id
        if "task_id" not in self._options:
            # As Airflow: calling one function again declares another task, "name__1", ...
            suffix = 0
            while builder.has_task(task_id):
                suffix += 1
                task_id = f"{self._task_id}__{suffix}"
        return task_id

    def _declare_mapped(
        self, fixed_arguments: dict[str, Any], sources: dict[str, Any] | None, kwargs_source: Any
    ) -> TaskRef:
        """Declares the mapped task ``PartialTask.expand`` (``sources``) or ``expand_kwargs``
        (``kwargs_source``) asks for."""
        site = declaration_site()
        self.used = True
        method = "expand" if sources is not None else "expand_kwargs"
        builder = current_builder(f"{self._task_id}.{method}()")
        task_id = self._next_task_id(builder)
        owner = f"task '{task_id}'"
        try:
            if self._variant.flow is not None:
                raise DagDefinitionError(
                    f"{owner} is a {self._variant.operator} task, which cannot be mapped: map a "
                    "@task before it and decide on the list of results."
                )
            if sources is not None:
                mapping, mapped_names = self._expand(task_id, fixed_arguments, sources)
            else:
                mapping, mapped_names = self._expand_kwargs(task_id, fixed_arguments, kwargs_source)
            fixed, inputs = self._arguments(
                task_id,
                (),
                {**fixed_arguments, **dict.fromkeys(mapped_names or (), _MAPPED)},
                site,
                complete=mapped_names is not None,
            )
        except DagDefinitionError as error:
            error.where = error.where or site
            raise
        input_names = None if mapped_names is None else [*inputs, *mapped_names]
        task = FunctionTask(self.function, fixed, input_names, self._variant)
        return builder.add_task(task_id, task, self._fields, inputs, None, site, mapping)

    def _expand(
        self, task_id: str, fixed: dict[str, Any], sources: dict[str, Any]
    ) -> tuple[TaskMapping, list[str]]:
        owner = f"task '{task_id}'"
        if not sources:
            raise DagDefinitionError(
                f"{owner}: expand() needs at least one argument to map over, such as "
                "expand(x=[1, 2, 3])."
            )
        for name in sources:
            if name in fixed:
                raise DagDefinitionError(
                    f"{owner}: argument '{name}' is given both to partial() and to expand(): "
                    "give each argument once."
                )
        expand = {
            name: _map_source(value, f"{owner}: the expand() argument '{name}'", literal_values)
            for name, value in sources.items()
        }
        return TaskMapping(expand=expand, max_active=self._max_active), list(sources)

    def _expand_kwargs(
        self, task_id: str, fixed: dict[str, Any], source: Any
    ) -> tuple[TaskMapping, list[str] | None]:
        what = f"task '{task_id}': the expand_kwargs() argument"
        mapped = _map_source(source, what, literal_kwargs)
        if isinstance(mapped, list):
            # Each dict's arguments, with the fixed ones, must fit the function.
            for arguments in mapped:
                self._arguments(task_id, (), {**fixed, **dict.fromkeys(arguments, _MAPPED)}, None)
        mapping = TaskMapping(expand_kwargs=mapped, max_active=self._max_active)
        # Its arguments are only known per map index: it takes every input of the run.
        return mapping, None

    def _arguments(
        self,
        task_id: str,
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
        site: Any,
        *,
        complete: bool = True,
    ) -> tuple[dict[str, Any], dict[str, TaskRef]]:
        """Splits a call's arguments into fixed values and data inputs (tasks), by name;
        ``complete`` False when more arguments come at run time (``expand_kwargs``)."""
        bind = self._signature.bind if complete else self._signature.bind_partial
        try:
            bound = bind(None, *args, **kwargs)
        except TypeError as error:
            raise DagDefinitionError(f"task '{task_id}': {error}.", site) from None
        named: dict[str, Any] = {}
        for index, (name, value) in enumerate(bound.arguments.items()):
            kind = self._signature.parameters[name].kind
            if index == 0:
                continue  # the context
            if kind is inspect.Parameter.VAR_POSITIONAL:
                if value:
                    raise DagDefinitionError(
                        f"task '{task_id}' got extra positional arguments for *{name}: a task "
                        "function receives its arguments by name; declare a parameter for each.",
                        site,
                    )
            elif kind is inspect.Parameter.VAR_KEYWORD:
                named.update(value)
            else:
                named[name] = value
        fixed: dict[str, Any] = {}
        inputs: dict[str, TaskRef] = {}
        for name, value in named.items():
            if value is _MAPPED:
                continue
            if isinstance(value, TaskRef):
                inputs[name] = value
            elif _holds_task(value):
                raise DagDefinitionError(
                    f"task '{task_id}': argument '{name}' holds a task inside a "
                    f"{type(value).__name__}: pass each task's result as an argument of its own.",
                    site,
                )
            else:
                fixed[name] = value
        return fixed, inputs


class _Mapped:
    """Stands for a mapped argument while a mapped task's arguments are checked."""

    def __repr__(self) -> str:
        return "<mapped>"


_MAPPED: Any = _Mapped()


def _map_source(value: Any, what: str, literal: Callable[[object, str], list[Any]]) -> MapSource:
    """A task's result (a ``TaskRef``, or a task function, which the DAG's checks name as
    one to call) or a literal list, checked by ``literal``."""
    if isinstance(value, TaskRef) or callable(getattr(value, "function", None)):
        return Upstream(value)
    if _holds_task(value):
        raise DagDefinitionError(
            f"{what} holds a task inside a {type(value).__name__}: map over the task's result "
            "itself (expand(x=numbers())), or over a list of plain values."
        )
    return literal(value, what)


class PartialTask:
    """``task_function.partial(**fixed)``: a task function with the arguments every task
    instance of its mapped task gets; ``.expand()`` or ``.expand_kwargs()`` declares it."""

    def __init__(self, function: TaskFunction, fixed: dict[str, Any]) -> None:
        self._function = function
        self._fixed = fixed

    def __repr__(self) -> str:
        return f"<partial {self._function!r}>"

    def expand(self, **sources: Any) -> TaskRef:
        """As ``TaskFunction.expand``, with the fixed arguments."""
        return self._function._declare_mapped(self._fixed, sources, None)

    def expand_kwargs(self, source: Any) -> TaskRef:
        """As ``TaskFunction.expand_kwargs``, with the fixed arguments."""
        return self._function._declare_mapped(self._fixed, None, source)


class TaskDecorator:
    """``task``: ``@task``, and the variants ``@task.branch`` and ``@task.short_circuit``,
    whose result steers the tasks after them, and ``@task.sensor`` (as Airflow's TaskFlow
    decorators)."""

    def __call__(
        self, function: Callable[..., Any] | None = None, /, **options: Unpack[TaskOptions]
    ) -> Any:
        """Makes a function a task: ``@task`` or ``@task(retries=2, queue="edge", ...)``.

        The function's first parameter is the task context (``ctx.params``, ``ctx.log()``,
        ...); its other parameters are what the call inside the ``@dag`` function passes: a
        task (its result, as a data input) or a plain value. Its return value (JSON data) is
        the task's result. Options: ``task_id`` (default the function's name) and those of
        ``TaskDefaults`` (``retries``, ``retry_delay``, ``queue``, ``pool``, ``pool_slots``,
        ``execution_timeout``, ``trigger_rule``, ``priority_weight``, ``isolation``, ...).
        """
        return _decorate(function, options, _PLAIN)

    def branch(
        self, function: Callable[..., Any] | None = None, /, **options: Unpack[TaskOptions]
    ) -> Any:
        """A task whose result chooses which of its direct downstream tasks run:
        ``@task.branch`` or ``@task.branch(...)``, with ``@task``'s options.

        The function returns the id of a direct downstream task, a list of them, or None
        (or ``[]``) for none. Once it succeeds, the control plane skips the direct
        downstream tasks it did not name, and their trigger rules carry the skips on: a
        task that joins the branches again needs ``trigger_rule="none_failed_min_one_success"``
        (with the default ``all_success`` a skipped upstream skips it too). A result that
        names any other task fails the try, as an exception would.
        """
        return _decorate(function, options, _Variant("@task.branch", branch_flow()))

    def short_circuit(
        self,
        function: Callable[..., Any] | None = None,
        /,
        *,
        ignore_downstream_trigger_rules: bool = True,
        **options: Unpack[TaskOptions],
    ) -> Any:
        """A task whose result says whether the tasks after it run: ``@task.short_circuit``
        or ``@task.short_circuit(ignore_downstream_trigger_rules=False, ...)``, with
        ``@task``'s options.

        A true result (Python's truthiness: not False, None, 0, "", [] or {}) lets them run.
        A false one makes the control plane skip every task downstream of it, whatever its
        trigger rule; with ``ignore_downstream_trigger_rules=False``, only its direct
        downstream tasks, and the trigger rules of the tasks after them decide the rest.
        """
        flow = short_circuit_flow(
            ignore_downstream_trigger_rules, "@task.short_circuit: ignore_downstream_trigger_rules"
        )
        return _decorate(function, options, _Variant("@task.short_circuit", flow))

    def sensor(
        self,
        function: Callable[..., Any] | None = None,
        /,
        *,
        mode: str = "poke",
        poke_interval: timedelta | float = DEFAULT_POKE_INTERVAL,
        timeout: timedelta | float = DEFAULT_TIMEOUT,
        soft_fail: bool = False,
        exponential_backoff: bool = False,
        **options: Unpack[TaskOptions],
    ) -> Any:
        """A sensor: ``@task.sensor(poke_interval=30, timeout=3600, mode="reschedule")``,
        with ``@task``'s options. The function is the poke: it returns True when the
        condition holds, False to poke again after ``poke_interval``, or a
        ``PokeReturnValue(is_done, xcom_value)`` whose ``xcom_value`` is the sensor's result.

        ``timeout`` counts from the try's first poke; a sensor still waiting then fails
        without retries, or is skipped with ``soft_fail``. ``mode="poke"`` keeps the worker
        slot between pokes; ``"reschedule"`` frees it (the task shows ``up_for_reschedule``)
        and spends no try. ``exponential_backoff`` doubles each interval.
        """
        spec = sensor_spec(
            "@task.sensor",
            mode=mode,
            poke_interval=poke_interval,
            timeout=timeout,
            soft_fail=soft_fail,
            exponential_backoff=exponential_backoff,
        )
        return _decorate(function, options, _Variant("@task.sensor", sensor=spec))


task = TaskDecorator()


def _decorate(
    function: Callable[..., Any] | None, options: dict[str, Any], variant: _Variant
) -> Any:
    if function is None:
        return lambda decorated: TaskFunction(decorated, options, variant)
    return TaskFunction(function, options, variant)


def _task_signature(function: Any, decorator: str, site: Any) -> inspect.Signature:
    if not callable(function) or inspect.iscoroutinefunction(function):
        raise DagDefinitionError(f"{decorator} needs a plain function, not {function!r}.", site)
    signature = inspect.signature(function)
    first = next(iter(signature.parameters.values()), None)
    if first is None or first.kind not in (
        inspect.Parameter.POSITIONAL_ONLY,
        inspect.Parameter.POSITIONAL_OR_KEYWORD,
    ):
        name = getattr(function, "__name__", "task")
        raise DagDefinitionError(
            f"task function '{name}' must take the task context as its first parameter: "
            f"def {name}(ctx, ...).",
            site,
        )
    return signature


def _holds_task(value: Any) -> bool:
    if isinstance(value, list | tuple | set | frozenset):
        return any(isinstance(item, TaskRef) for item in value)
    if isinstance(value, dict):
        return any(isinstance(item, TaskRef) for item in value.values())
    return False
