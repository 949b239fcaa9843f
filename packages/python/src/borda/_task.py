"""``@task`` and ``bash()``: the tasks of a DAG, and what runs each one.

A ``@task`` function is declared into a DAG by calling it inside the ``@dag`` function,
as in Airflow's TaskFlow: ``total(extract())`` declares ``total`` with the result of
``extract`` as its argument ``numbers`` (a data input: it runs after ``extract`` and
receives its result). Other arguments are passed to the function as they are. When the
task runs, the function gets the task context first, then its arguments by name.

``@task.branch`` and ``@task.short_circuit`` declare tasks whose result steers the tasks
after them: the spec's ``flow`` says how, and the control plane skips tasks by it once
the task succeeds. The task itself only returns its result. ``@task.sensor`` declares a
sensor (the spec's ``sensor``): its function is the poke, run by the worker until done.
"""

import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Unpack

from borda._context import TaskContext
from borda._dag import TaskRef, _building, current_builder
from borda._definition_error import DagDefinitionError, declaration_site
from borda._registry import BashCommand, Returned
from borda._sensor import DEFAULT_POKE_INTERVAL, DEFAULT_TIMEOUT, sensor_spec
from borda._spec_values import branch_flow, identifier, short_circuit_flow
from borda._task_options import TaskOptions, task_fields


@dataclass(frozen=True)
class _Variant:
    """What a task decorator declares: its name shown to people (the spec's ``operator``)
    and the spec's ``flow`` (None: the result steers nothing)."""

    operator: str
    flow: dict[str, Any] | None = None
    sensor: dict[str, Any] | None = None


_PLAIN = _Variant("@task")


class FunctionTask:
    """Runs a ``@task`` function with the context, its inputs and its fixed arguments."""

    kind = "function"

    def __init__(
        self,
        function: Callable[..., Any],
        fixed: dict[str, Any],
        input_names: list[str],
        variant: _Variant,
    ) -> None:
        self._function = function
        self._fixed = fixed
        self._input_names = input_names
        self.operator = variant.operator
        self.flow = variant.flow
        self.sensor = variant.sensor

    def run(self, context: TaskContext) -> Returned:
        inputs = {name: context.inputs.get(name) for name in self._input_names}
        return Returned(self._function(context, **self._fixed, **inputs))


class BashTask:
    """Computes a bash task's command (fixed, or a function of the context) for the worker."""

    kind = "bash"
    operator = "bash"
    flow = None
    sensor = None

    def __init__(
        self,
        task_id: str,
        command: str | Callable[[TaskContext], str],
        env: dict[str, str],
        cwd: str | None,
    ) -> None:
        self._task_id = task_id
        self._command = command
        self._env = env
        self._cwd = cwd

    def run(self, context: TaskContext) -> BashCommand:
        command = self._command if isinstance(self._command, str) else self._command(context)
        if not isinstance(command, str):
            raise TypeError(
                f"The command function of bash task '{self._task_id}' returned "
                f"{type(command).__name__}, not a string."
            )
        return BashCommand(command, dict(self._env), self._cwd)


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
        self._fields = task_fields(options, f"task '{self._task_id}'")
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
        task_id = self._task_id
        if "task_id" not in self._options:
            # As Airflow: calling one function again declares another task, "name__1", ...
            suffix = 0
            while builder.has_task(task_id):
                suffix += 1
                task_id = f"{self._task_id}__{suffix}"
        fixed, inputs = self._arguments(task_id, args, kwargs, site)
        task = FunctionTask(self.function, fixed, list(inputs), self._variant)
        return builder.add_task(task_id, task, self._fields, inputs, None, site)

    def _arguments(
        self, task_id: str, args: tuple[Any, ...], kwargs: dict[str, Any], site: Any
    ) -> tuple[dict[str, Any], dict[str, TaskRef]]:
        """Splits a call's arguments into fixed values and data inputs (tasks), by name."""
        try:
            bound = self._signature.bind(None, *args, **kwargs)
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


def bash(
    *,
    task_id: str,
    command: str | Callable[[TaskContext], str],
    env: Mapping[str, str] | None = None,
    cwd: str | None = None,
    inputs: Mapping[str, TaskRef] | None = None,
    **options: Unpack[TaskOptions],
) -> TaskRef:
    """Declares a task that runs a shell command with bash, in the DAG being built.

    ``command`` is a fixed string, run as it is (no templating), or a function of the
    task context returning one (``lambda ctx: f"echo {ctx.inputs['host']}"``). ``env``
    adds environment variables; ``cwd`` is the working directory (default a fresh
    temporary one); ``inputs`` maps names to tasks whose results the function reads in
    ``ctx.inputs``. The task's result is the last line the command prints; a non-zero
    exit status fails it. Other options as for ``@task``.
    """
    site = declaration_site()
    builder = current_builder(f"bash task '{task_id}'")
    task_id = identifier(task_id, "task id")
    if not isinstance(command, str) and not callable(command):
        raise DagDefinitionError(
            f"bash task '{task_id}' needs a command: a string, or a function of the context "
            "returning one.",
            site,
        )
    if env is not None and not all(
        isinstance(name, str) and isinstance(value, str) for name, value in env.items()
    ):
        raise DagDefinitionError(f"bash task '{task_id}': env must map strings to strings.", site)
    if cwd is not None and not isinstance(cwd, str):
        raise DagDefinitionError(f"bash task '{task_id}': cwd must be a path string.", site)
    fields = task_fields(dict(options), f"bash task '{task_id}'")
    bash_task = BashTask(task_id, command, dict(env or {}), cwd)
    fixed_command = command if isinstance(command, str) else None
    return builder.add_task(task_id, bash_task, fields, dict(inputs or {}), fixed_command, site)


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
