"""``bash()``: a DAG's tasks that run a shell command, and what computes each command."""

from collections.abc import Callable, Mapping
from typing import Unpack

from borda._context import TaskContext
from borda._dag import TaskRef, current_builder
from borda._definition_error import DagDefinitionError, declaration_site
from borda._registry import BashCommand
from borda._spec_values import identifier
from borda._task_options import TaskOptions, task_fields


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
