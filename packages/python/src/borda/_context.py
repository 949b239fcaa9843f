"""What a running task receives: the Python twin of the TypeScript SDK's ``TaskContext``.

The runner builds it from the plain data the worker sends with each run (the SDK's
``TaskContextData``, camelCase keys, instants as ISO-8601) and an ``AbortSignal`` it
trips when the worker asks the task to stop.
"""

import threading
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

XcomPuller = Callable[[str, list[str] | None], dict[str, Any]]
"""Reads XComs of the running task's run: (key, task ids or None) → task id → value."""


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
    """The task's run: ids, dates, params, inputs, and ways to log, wait and notice a stop.

    Attributes: ``dag_id``, ``run_id``, ``task_id``, ``try_number`` (1 for the first
    attempt), ``logical_date`` (aware, UTC), ``data_interval_start`` and
    ``data_interval_end`` (None for a manual run of an unscheduled DAG), ``params`` (the
    DAG's params: defaults overridden by the run's conf), ``conf`` (as the run was
    triggered), ``inputs`` (input name → the upstream result it receives) and ``upstream``
    (every direct upstream task's result, by task id).
    """

    def __init__(
        self,
        data: Mapping[str, Any],
        signal: AbortSignal | None = None,
        pull_xcoms: XcomPuller | None = None,
    ) -> None:
        """``data`` is the SDK's ``TaskContextData``: what the worker sends with a run;
        ``signal`` and ``pull_xcoms`` are the runner's (without them: never aborted, and
        no XComs to read)."""
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
        self._signal = signal or AbortSignal()
        self._pull_xcoms = pull_xcoms

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
        """
        if self._pull_xcoms is None:
            raise RuntimeError("XComs can be pulled only while the task runs on a worker.")
        return self._pull_xcoms(key, None if task_ids is None else list(task_ids))


def _instant(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _optional_instant(text: str | None) -> datetime | None:
    return None if text is None else _instant(text)
