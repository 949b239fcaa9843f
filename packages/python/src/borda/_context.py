"""What a running task receives: the Python twin of the TypeScript SDK's ``TaskContext``.

The runner builds it from the plain data the worker sends with each run (the SDK's
``TaskContextData``, camelCase keys, instants as ISO-8601), an ``AbortSignal`` it trips
when the worker asks the task to stop, and the way to ask the worker, while the task
runs, for what the run's data does not hold: XComs of the run, connections, variables
(the runner's ``ask``; the questions and answers are described in
``borda._runtime.runner``).
"""

import json
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Literal

from borda._asset import AssetEvents, triggering_events
from borda._callbacks import CallbackDetails
from borda._connection import Connection, connection_from_answer

Asker = Callable[[dict[str, Any]], Any]
"""Asks the worker a question for the running task (``{"kind": "variable", "key": ...}``)
and returns the answer's value; raises ``LookupFailed`` with the worker's code and message
when the answer is an error."""

LookupCode = Literal["not_found", "forbidden", "failed"]


class _NoDefault:
    """What ``variable()`` has when the task gives no default (None is a default like any
    other)."""

    def __repr__(self) -> str:
        return "<no default>"


_NO_DEFAULT: Any = _NoDefault()


class LookupFailed(Exception):
    """A connection, variable or XComs the task asked for that it did not get.

    ``code`` says why: ``"not_found"`` (defined nowhere: not on the worker, not on the
    control plane), ``"forbidden"`` (the task may not read it: the message, the worker's
    own, says why) or ``"failed"`` (it could not be read, such as when the control plane
    is unreachable). An ``Exception``: a task may catch it and go on without the value.
    """

    __module__ = "borda"

    def __init__(self, code: LookupCode, message: str) -> None:
        super().__init__(message)
        self.code = code


class SkipTask(Exception):
    """Raised by a running task to skip itself: its task instance becomes ``skipped``,
    without retries or failure callbacks, and the tasks after it run or skip as their
    trigger rules say. The message says why (it is the task instance's note of the skip).
    Airflow's ``AirflowSkipException`` is one.
    """

    __module__ = "borda"


class TaskAborted(BaseException):
    """The task was asked to stop (its execution timeout, a kill, a lost lease).

    A ``BaseException``, like ``KeyboardInterrupt``, so that a task's ``except Exception``
    does not swallow it; the task fails with the reason.
    """

    __module__ = "borda"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AbortSignal:
    """Trips once, from any thread, with a reason; whoever waits on it wakes at once."""

    def __init__(self) -> None:
        self._tripped = threading.Event()
        self.reason: str | None = None

    @property
    def aborted(self) -> bool:
        return self._tripped.is_set()

    def abort(self, reason: str) -> None:
        if not self._tripped.is_set():
            self.reason = reason
            self._tripped.set()

    def wait(self, seconds: float) -> bool:
        """Waits up to ``seconds``; True when the signal tripped."""
        return self._tripped.wait(seconds)

    def raise_if_aborted(self) -> None:
        if self._tripped.is_set():
            raise TaskAborted(self.reason or "aborted")


class TaskContext:
    """The task's run: ids, dates, params, inputs; ways to log, wait and notice a stop; and
    the run's XComs, connections and variables, read through the worker.

    Attributes: ``dag_id``, ``run_id``, ``task_id``, ``try_number`` (1 for the first
    attempt), ``logical_date`` (aware, UTC), ``data_interval_start`` and
    ``data_interval_end`` (None for a manual run of an unscheduled DAG), ``params`` (the
    DAG's params: defaults overridden by the run's conf), ``conf`` (as the run was
    triggered), ``inputs`` (input name → the upstream result it receives; for a mapped
    task, its item too, under the argument's name), ``upstream`` (every direct upstream
    task's result, by task id; a mapped task's is the list of its results) and
    ``map_index`` (this task instance's index in its mapped task, 0 on; -1 when the task is
    not mapped), ``triggering_asset_events`` (in a run its assets triggered: the events
    that did, by asset URI, oldest first; else empty). In a callback, ``callback`` says
    which event fired it (None in a task).
    """

    def __init__(
        self,
        data: Mapping[str, Any],
        signal: AbortSignal | None = None,
        ask: Asker | None = None,
    ) -> None:
        """``data`` is the SDK's ``TaskContextData``: what the worker sends with a run;
        ``signal`` and ``ask`` are the runner's (without them: never aborted, and nothing
        to read through the worker)."""
        self.dag_id: str = data["dagId"]
        self.run_id: str = data["runId"]
        self.task_id: str = data["taskId"]
        self.try_number: int = data["tryNumber"]
        self.logical_date: datetime = _instant(data["logicalDate"])
        self.data_interval_start: datetime | None = _optional_instant(data["dataIntervalStart"])
        self.data_interval_end: datetime | None = _optional_instant(data["dataIntervalEnd"])
        self.params: dict[str, Any] = data.get("params") or {}
        self.conf: dict[str, Any] = data.get("conf") or {}
        self.inputs: dict[str, Any] = data.get("inputs") or {}
        self.upstream: dict[str, Any] = data.get("upstream") or {}
        map_index = data.get("mapIndex")
        self.map_index: int = -1 if map_index is None else int(map_index)
        self.callback: CallbackDetails | None = None
        """Set when a callback runs: the event that fired it (``borda.CallbackDetails``)."""
        self.triggering_asset_events: AssetEvents = triggering_events(
            data.get("triggeringAssetEvents")
        )
        self._signal = signal or AbortSignal()
        self._ask = ask

    def __repr__(self) -> str:
        return (
            f"TaskContext(dag_id={self.dag_id!r}, task_id={self.task_id!r}, "
            f"run_id={self.run_id!r}, try_number={self.try_number})"
        )

    @property
    def aborted(self) -> bool:
        """True once the task has been asked to stop; a long loop should check it."""
        return self._signal.aborted

    def log(self, *args: object) -> None:
        """Writes a line to the task's log (stdout), as ``print`` would."""
        print(*args, flush=True)

    def sleep(self, seconds: float) -> None:
        """Waits ``seconds``; raises ``TaskAborted`` as soon as the task is asked to stop."""
        self._signal.raise_if_aborted()
        if self._signal.wait(max(0.0, seconds)):
            self._signal.raise_if_aborted()

    def pull_xcoms(
        self, key: str = "return_value", task_ids: list[str] | None = None
    ) -> dict[str, Any]:
        """XComs of this run stored under ``key``, by task id, asked of the control plane.

        ``task_ids``: whose, in that order (a task without one is left out); None: every
        task of the run that has one. A task's result is its ``"return_value"``; its
        direct upstream results are already in ``upstream``, without a round trip.
        Raises ``LookupFailed`` when the worker cannot answer.
        """
        question: dict[str, Any] = {"kind": "xcomPull", "key": key}
        if task_ids is not None:
            question["taskIds"] = list(task_ids)
        try:
            entries = self._asked(question, "XComs")
        except LookupFailed as error:
            raise LookupFailed(error.code, f"Pulling XComs '{key}' failed: {error}") from None
        return {entry["taskId"]: entry.get("value") for entry in entries or []}

    def connection(self, conn_id: str) -> Connection:
        """The connection ``conn_id``, as the worker finds it: in its own environment
        (``AIRFLOW_CONN_<ID>``) or secrets directory first, else on the control plane,
        if this task's queue may read it.

        Raises ``LookupFailed``: ``not_found`` when it is defined nowhere, ``forbidden``
        (with the worker's reason) when this task may not read it. The worker masks its
        password, and the sensitive fields of its extra, in the task's log.
        """
        try:
            return connection_from_answer(
                self._asked({"kind": "connection", "connId": conn_id}, "Connections")
            )
        except LookupFailed as error:
            raise _naming(error, "Connection", conn_id) from None

    def variable(self, key: str, default: Any = _NO_DEFAULT, deserialize_json: bool = False) -> Any:
        """The variable ``key``'s value (a string), found as ``connection`` finds a
        connection; with ``deserialize_json``, its value parsed as JSON.

        ``default`` is returned, as it is, when the variable is defined nowhere; without
        one, that raises ``LookupFailed`` (``not_found``). A variable this task may not
        read raises ``LookupFailed`` (``forbidden``) even with a default. The worker masks
        the value in the task's log when the key looks sensitive (``password``,
        ``token``, ``secret``, ...).
        """
        try:
            value = self._asked({"kind": "variable", "key": key}, "Variables")
        except LookupFailed as error:
            if error.code == "not_found" and default is not _NO_DEFAULT:
                return default
            raise _naming(error, "Variable", key) from None
        if not deserialize_json:
            return value
        try:
            return json.loads(value)
        except ValueError as error:
            # The error says where the JSON breaks; the value, maybe a secret, stays out.
            raise ValueError(f"Variable '{key}' is not JSON: {error}") from None

    def dag_state(
        self,
        dag_id: str,
        task_id: str | None = None,
        logical_date: datetime | str | None = None,
    ) -> str | None:
        """The state of another DAG's run at ``logical_date`` (default this run's), or of
        its task ``task_id``: ``"success"``, ``"running"``, ... or None when there is no
        such run or task instance, as the control plane knows it now. What an
        external-task sensor pokes; nothing else of the other DAG is readable.
        """
        return self._external_state(dag_id, task_id, logical_date)["state"]

    def dag_exists(self, dag_id: str, task_id: str | None = None) -> bool:
        """Whether the control plane knows DAG ``dag_id`` (active, not deleted) and, with
        ``task_id``, whether its current version has that task: what an external-task
        sensor's ``check_existence`` asks before it waits."""
        return bool(self._external_state(dag_id, task_id, None, check_existence=True)["exists"])

    def _external_state(
        self,
        dag_id: str,
        task_id: str | None,
        logical_date: datetime | str | None,
        check_existence: bool = False,
    ) -> dict[str, Any]:
        when = self.logical_date if logical_date is None else logical_date
        # A string or a naive datetime is read as UTC, as Airflow reads them.
        when = _instant(when) if isinstance(when, str) else when
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        question: dict[str, Any] = {
            "kind": "externalState",
            "dagId": dag_id,
            "taskId": task_id,
            "logicalDate": when.astimezone(UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
        }
        if check_existence:
            question["checkExistence"] = True
        return self._asked(question, "DAG states")

    def _asked(self, question: dict[str, Any], what: str) -> Any:
        if self._ask is None:
            raise RuntimeError(f"{what} can be read only while the task runs on a worker.")
        return self._ask(question)


# The task whose code runs in this process (a runner runs one at a time).
_running: TaskContext | None = None


@contextmanager
def task_running(context: TaskContext) -> Iterator[None]:
    """Makes ``context`` the running task while its code runs: the runner's, around the
    task and not around the import of its DAG file."""
    global _running
    outer, _running = _running, context
    try:
        yield
    finally:
        _running = outer


def running_task() -> TaskContext | None:
    """The context of the task whose code runs in this process, for code that has no
    ``ctx`` to read through (Airflow's ``Variable.get``); None while no task's code runs,
    as while a DAG file is imported, by the parser or by the runner before a task."""
    return _running


def _naming(error: LookupFailed, what: str, name: str) -> LookupFailed:
    """``error``, naming the connection or variable it is about. The worker's message is
    kept as it is when it names it already (its own do: "Variable 'region' is not defined:
    not in ..."), and a refusal always is, word for word."""
    message = str(error)
    if error.code == "forbidden" or f"'{name}'" in message:
        return error
    if error.code == "not_found":
        return LookupFailed(error.code, f"{what} '{name}' was not found: {message}")
    return LookupFailed(error.code, f"{what} '{name}' could not be read: {message}")


def _instant(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _optional_instant(text: str | None) -> datetime | None:
    return None if text is None else _instant(text)
