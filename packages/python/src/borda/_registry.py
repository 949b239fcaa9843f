"""The registry: how Borda's runtime finds the DAGs a Python file defines.

Any front end that turns Python code into Borda DAGs (this package's ``@dag``, an
Airflow-style layer) plugs in here, and the DAG parser and the task runner see only this
contract (invariant 10: one DAG spec, one attempt protocol, whatever wrote the DAG).

The contract
------------

A DAG object calls ``register(dag)`` when it is defined (for ``@dag``: when the decorated
function has run and declared its tasks). Registering outside an import by the runtime
does nothing, so a DAG file imported by a test or a REPL works as usual.

A registered DAG object provides:

- ``dag_id: str``
- ``to_spec() -> dict``: the DAG as protocol's ``DagSpec`` (packages/protocol/src/
  dagSpec.ts), plain JSON data with camelCase keys: durations in integer milliseconds,
  instants as ISO-8601 UTC strings (a date the user wrote as a plain string, such as
  "2024-01-01", may stay as written; the control plane reads it in the DAG's timezone).
  Each task that runs Python says so with ``"runtime": "python"``, an ``"operator"``
  (what declared it, shown to people: ``"@task"``, ``"bash"``, ``"PythonOperator"``) and
  ``"python": {"entry": None, "callable": None}``: the parser sets ``entry`` to the path
  of the file it parses, relative to the DAGs folder; ``callable`` None means the runner
  imports ``entry`` and asks the registered DAG for the task (below). A task whose result
  steers the tasks after it (a branch, a short-circuit) says so with a ``"flow"``; the
  control plane reads its result (below) to skip tasks, so the task only returns it.
  ``to_spec`` may raise; the message becomes the file's import error.
- ``get_task(task_id: str)``: the task, or None when the DAG has none by that id. A task
  provides ``run(context: TaskContext) -> RunResult``, called by the runner in the
  runner's main thread with the task's context (``borda.TaskContext``, named
  ``RunContext`` here). It returns ``Returned(value, xcoms)``, where value is JSON data
  (None for no result) and xcoms (optional) other XComs to store, key → JSON data, or
  ``BashCommand(command, env, cwd)`` for the worker to run with bash
  (its result is the last line the command prints). It raises to fail the attempt; the
  runner reports the exception with its traceback. ``TaskAborted`` raised from inside
  ``run`` is the worker asking the task to stop: let it propagate. A task reads XComs of
  its run with ``context.pull_xcoms(key, task_ids)``, and connections and variables with
  ``context.connection(conn_id)`` and ``context.variable(key)``.

A registered DAG may also provide ``get_callback(scope, task_id, event)``: the callback
the DAG (``scope`` "dag") or task ``task_id`` declares for ``event`` ("success",
"failure", "retry"), a function the runner calls with the context (its ``callback`` set
to the ``CallbackDetails`` of the event), or None (docs/notifications.md). The spec's
``callbacks`` say which events have one.

The runner imports a DAG file once per process and finds the task again by DAG id and
task id, so everything a task needs must be rebuilt by importing the file: the same file
must define the same DAGs and tasks each time it is imported.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from borda._context import TaskContext

RunContext = TaskContext
"""The context a registered task's ``run`` receives (the contract's name for it)."""


@dataclass(frozen=True)
class Returned:
    """The task finished; ``value`` (JSON data, None for no result) is its result (its
    XCom ``return_value``), and ``xcoms`` are other XComs it pushed, key → JSON data.
    ``rendered_map_index``: a mapped task instance's name, its ``map_index_template``
    rendered after it ran (None: none)."""

    value: Any
    xcoms: dict[str, Any] = field(default_factory=dict)
    rendered_map_index: str | None = None


@dataclass(frozen=True)
class BashCommand:
    """The task is a shell command, computed from the context, for the worker to run."""

    command: str
    env: dict[str, str] = field(default_factory=dict)
    cwd: str | None = None


RunResult = Returned | BashCommand


@runtime_checkable
class RegisteredTask(Protocol):
    def run(self, context: TaskContext) -> RunResult: ...


@runtime_checkable
class RegisteredDag(Protocol):
    dag_id: str

    def to_spec(self) -> dict[str, Any]: ...

    def get_task(self, task_id: str) -> RegisteredTask | None: ...


# The imports in progress that collect DAGs; usually zero or one.
_collectors: list[list[RegisteredDag]] = []


def register(dag: RegisteredDag) -> None:
    """Called by a DAG object once it is defined; see the module's docstring."""
    for collected in _collectors:
        collected.append(dag)


@contextmanager
def collecting() -> Iterator[list[RegisteredDag]]:
    """Collects, in order, the DAGs registered while the block runs (an import of a file)."""
    collected: list[RegisteredDag] = []
    _collectors.append(collected)
    try:
        yield collected
    finally:
        _collectors.pop()
