"""``@task`` and ``bash()``: the tasks of a DAG, and what runs each one.

A ``@task`` function is declared into a DAG by calling it inside the ``@dag`` function,
as in Airflow's TaskFlow: ``total(extract())`` declares ``total`` with the result of
``extract`` as its argument ``numbers`` (a data input: it runs after ``extract`` and
receives its result). Other arguments are passed to the function as they are. When the
task runs, the function gets the task context first, then its arguments by name.
"""

import inspect
from collections.abc import Callable, Mapping
from typing import Any, Unpack

from borda._context import TaskContext
from borda._dag import TaskRef, _building, current_builder
from borda._definition_error import DagDefinitionError, declaration_site
from borda._registry import BashCommand, Returned
from borda._spec_values import identifier
from borda._task_options import TaskOptions, task_fields


class FunctionTask:
    """Runs a ``@task`` function with the context, its inputs and its fixed arguments."""

    kind = "function"
    operator = "@task"

    def __init__(
        self, function: Callable[..., Any], fixed: dict[str, Any], input_names: list[str]
    ) -> None:
        self._function = function
        self._fixed = fixed
        self._input_names = input_names

    def run(self, context: TaskContext) -> Returned:
        inputs = {name: context.inputs.get(name) for name in self._input_names}
        return Returned(self._function(context, **self._fixed, **inputs))


class BashTask:
    """Computes a bash task's command (fixed, or a function of the context) for the worker."""

    kind = "bash"
    operator = "bash"

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
    """A function made a task by ``@task``. Call it inside a ``@dag`` function to declare
    the task; ``function`` is the plain function (to test it without Borda)."""

    def __init__(self, function: Callable[..., Any], options: dict[str, Any]) -> None:
        site = declaration_site()
        self.function = function
        self._options = dict(options)
        self._signature = _task_signature(function, site)
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
        return TaskFunction(self.function, {**self._options, **options})

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
        task = FunctionTask(self.function, fixed, list(inputs))
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


def task(function: Callable[..., Any] | None = None, /, **options: Unpack[TaskOptions]) -> Any:
    """Makes a function a task: ``@task`` or ``@task(retries=2, queue="edge", ...)``.

    The function's first parameter is the task context (``ctx.params``, ``ctx.log()``, ...);
    its other parameters are what the call inside the ``@dag`` function passes: a task (its
    result, as a data input) or a plain value. Its return value (JSON data) is the task's
    result. Options: ``task_id`` (default the function's name) and those of
    ``TaskDefaults`` (``retries``, ``retry_delay``, ``queue``, ``pool``, ``pool_slots``,
    ``execution_timeout``, ``trigger_rule``, ``priority_weight``, ``isolation``, ...).
    """
    if function is None:
        return lambda decorated: TaskFunction(decorated, options)
    return TaskFunction(function, options)


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


def _task_signature(function: Any, site: Any) -> inspect.Signature:
    if not callable(function) or inspect.iscoroutinefunction(function):
        raise DagDefinitionError(f"@task needs a plain function, not {function!r}.", site)
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
