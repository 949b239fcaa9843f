"""The Python runner: ``python3 -m borda._runtime.runner <bundle.zip>``.

The twin of the worker's Node runner (packages/worker/src/runner/runnerMain.ts), speaking
the same messages (runnerMessages.ts) over Node's IPC channel (``node_channel``), so the
worker treats both alike (invariant 10). One process serves one bundle and runs one task
at a time:

1. It extracts the bundle once, into a directory beside it (``bundle``), puts that first
   on ``sys.path`` and answers ``{"type": "loaded"}``, or ``{"type": "loadFailed",
   "error"}`` when the zip cannot be read, and exits.
2. For each ``{"type": "run", ..., "python": {"entry", "callable"}}`` it sets the run's
   environment variables, imports ``entry`` (once per process) and runs the task: with
   ``callable`` null, the task that the registered DAG ``dagId`` has as ``taskId``
   (``_registry``); else the function ``callable`` of ``entry``, called with the
   context and ``context.inputs`` as keyword arguments (a TypeScript DAG's Python task).
   The task writes to the real stdout and stderr, unbuffered, so the worker ships its
   output live; then the runner writes ``endMarker`` on both and sends ``{"type": "done",
   "outcome"}``: ``returned`` (the result as JSON text), ``bash`` (the command for the
   worker to run), ``skipped`` (the task raised ``SkipTask``, such as Airflow's
   ``AirflowSkipException``; ``reason`` its message) or ``failed`` (the error with its
   traceback, which the worker writes into the task's log as the attempt's end). A
   ``returned`` outcome carries the other XComs the task pushed, key → JSON text, in
   ``xcoms`` (absent when none).
3. ``{"type": "abort", "reason"}`` stops the running task: ``ctx.sleep`` wakes and
   ``ctx.aborted`` turns true, and the main thread is interrupted (a signal, so a
   blocking call such as ``time.sleep`` or ``subprocess.run`` ends too) with
   ``TaskAborted(reason)``, whose traceback (where the task was) goes to stderr, since the
   worker reports the stop's reason instead. A task that ignores it is killed by the
   worker after a grace.
4. A running task asks the worker for what its run's data does not hold, one value per
   question: ``{"type": "ask", "requestId": <int>, "question": Q}``, where Q is
   ``{"kind": "xcomPull", "key", "taskIds"?}`` (``ctx.pull_xcoms``, ``ti.xcom_pull``;
   answered with the list of ``{"taskId", "value"}``), ``{"kind": "connection",
   "connId"}`` (``ctx.connection``, ``BaseHook.get_connection``, ``{{ conn.x }}``;
   answered with protocol's ``TaskConnection``: ``connId``, ``connType``,
   ``description``, ``host``, ``port``, ``login``, ``password``, ``schema`` and
   ``extra``, JSON text or null) or ``{"kind": "variable", "key"}`` (``ctx.variable``,
   ``Variable.get``, ``{{ var.value.x }}``; answered with the value, a string). It waits,
   abortably, for ``{"type": "answer", "requestId", "value"?, "error"?: {"code",
   "message"}}``, which the reader thread hands over; ``code`` is ``not_found``,
   ``forbidden`` or ``failed``, and an error becomes ``borda.LookupFailed``. An abort
   ends every wait, in any of the task's threads. Only the run in progress may ask
   (invariant 9: a value is read for the attempt that runs): a thread a finished task
   left behind is refused without a question sent. Nor does a DAG file's import ask:
   the task is made the running one (``task_running``, which code without a ``ctx``,
   such as Airflow's ``Variable.get``, reads through) only around its own code, since an
   import serves every later run of the process and what it read would outlive the
   attempt it was read for.

Import errors are not load errors: which file to import comes with each run, so an
import that fails fails that run (with the traceback) and is tried again by the next
one, as a fresh import; the process stays usable for the bundle's other files. When the
worker closes the channel, the runner exits at once, as the Node runner does.
"""

import io
import itertools
import json
import os
import queue
import signal
import sys
import sysconfig
import threading
import traceback
from decimal import ROUND_HALF_UP, Decimal
from types import FrameType
from typing import Any

from borda._callbacks import CallbackDetails
from borda._context import (
    AbortSignal,
    LookupFailed,
    SkipTask,
    TaskAborted,
    TaskContext,
    task_running,
)
from borda._registry import BashCommand, Returned
from borda._runtime.bundle import BadBundleError, extract_bundle
from borda._runtime.dag_files import (
    EntryOutsideFolderError,
    ImportedFile,
    entry_path,
    import_dag_file,
)
from borda._runtime.node_channel import NoChannelError, NodeChannel
from borda._sensor import poke_outcome

# The signal that interrupts the main thread when a task must stop. Not SIGINT, whose
# KeyboardInterrupt a task may well catch for its own reasons.
_ABORT_SIGNAL = signal.SIGUSR1

_BORDA_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep
# Borda's Airflow-compatible layer (the ``airflow`` package beside ``borda``): its frames
# are as internal as the SDK's in a task's traceback.
_AIRFLOW_LAYER_DIR = os.path.join(os.path.dirname(os.path.dirname(_BORDA_DIR)), "airflow") + os.sep
_STDLIB_DIR = os.path.join(sysconfig.get_paths()["stdlib"], "")


class RunFailed(Exception):
    """A failure a sentence says (no such DAG or task, a result that cannot be stored):
    reported without a traceback."""


class EntryImportFailed(Exception):
    def __init__(self, entry: str, cause: BaseException) -> None:
        super().__init__(entry)
        self.entry = entry
        self.cause = cause


class Run:
    """One run request, from its arrival to its outcome."""

    def __init__(self, request: dict[str, Any]) -> None:
        self.request = request
        self.signal = AbortSignal()
        # True while the task's own code runs (its import included): only then may an
        # abort interrupt the main thread. Reset by whoever ends that stretch first.
        self.interruptible = False


class PendingQuestion:
    """An ``ask`` sent, waiting for its answer."""

    def __init__(self) -> None:
        self.answered = threading.Event()
        self.answer: dict[str, Any] = {}


class Runner:
    def __init__(self, channel: NodeChannel, root: str) -> None:
        self._channel = channel
        self._root = root
        self._questions: dict[int, PendingQuestion] = {}
        self._question_ids = itertools.count(1)
        self._imports: dict[str, ImportedFile] = {}
        self._runs: queue.Queue[Run] = queue.Queue()
        self._lock = threading.Lock()
        self._current: Run | None = None
        self._main_thread = threading.main_thread().ident or 0
        self._stdout = _unbuffered_text(1)
        self._stderr = _unbuffered_text(2)
        sys.stdout, sys.stderr = self._stdout, self._stderr

    def listen(self) -> None:
        """The channel's reader (a thread of its own). When the worker goes away, nothing is
        left to report to, so the process ends; so it does if reading broke, rather than
        waiting for messages that can no longer arrive."""
        try:
            self._receive_messages()
        except BaseException:
            traceback.print_exc()
            os._exit(1)
        os._exit(0)

    def _receive_messages(self) -> None:
        """Queues runs for the main thread, delivers aborts and answers to questions."""
        for message in self._channel.messages():
            if message.get("type") == "run":
                run = Run(message)
                with self._lock:
                    self._current = run
                self._runs.put(run)
            elif message.get("type") == "abort":
                with self._lock:
                    run = self._current
                if run is not None:
                    run.signal.abort(str(message.get("reason") or "aborted"))
                    if run.interruptible:
                        signal.pthread_kill(self._main_thread, _ABORT_SIGNAL)
                    # Wakes the task's other threads that wait for an answer (_ask).
                    with self._lock:
                        for pending in self._questions.values():
                            pending.answered.set()
            elif message.get("type") == "answer":
                with self._lock:
                    pending = self._questions.pop(message.get("requestId"), None)
                if pending is not None:
                    pending.answer = message
                    pending.answered.set()

    def on_abort_signal(self, _signum: int, _frame: FrameType | None) -> None:
        """The main thread's handler of ``_ABORT_SIGNAL``: raises into the task's code."""
        run = self._current
        if run is not None and run.interruptible and run.signal.aborted:
            run.interruptible = False
            raise TaskAborted(run.signal.reason or "aborted")

    def serve(self) -> None:
        """Runs the queued runs, one at a time, in the main thread; never returns."""
        while True:
            run = self._runs.get()
            outcome = self._execute(run)
            request = run.request
            marker = str(request.get("endMarker", ""))
            marker = marker if marker.endswith("\n") else marker + "\n"
            # The marker follows everything the task wrote; the worker waits for it on both.
            for fd in (1, 2):
                _write_all(fd, marker.encode())
            with self._lock:
                if self._current is run:
                    self._current = None
            self._channel.send({"type": "done", "outcome": outcome})

    def _execute(self, run: Run) -> dict[str, Any]:
        request = run.request
        saved = _set_environment(request.get("env") or {})
        sys.stdout, sys.stderr = self._stdout, self._stderr
        try:
            context = TaskContext(
                request["context"], run.signal, lambda question: self._ask(run, question)
            )
            run.interruptible = True
            try:
                run.signal.raise_if_aborted()
                result = self._run_task(request, context)
            finally:
                run.interruptible = False
            if request.get("sensor") and isinstance(result, Returned):
                # A poke's result, whichever way the task declared it (docs/scheduling.md).
                result = Returned(poke_outcome(result.value), result.xcoms)
            return _outcome(result, int(request["maxReturnValueBytes"]))
        except SkipTask as skip:
            return {
                "kind": "skipped",
                "reason": str(skip) or f"The task raised {type(skip).__name__}.",
            }
        except BaseException as error:
            message = _describe_failure(error)
            # The worker writes a failure into the task's log as the attempt's end, as it
            # does a TypeScript task's, so it is not printed here too. A stopped task is
            # the exception: the worker reports why it stopped it, and where the task was
            # (its traceback) would be lost.
            if isinstance(error, TaskAborted):
                self._stderr.write(message if message.endswith("\n") else message + "\n")
            return {"kind": "failed", "error": message}
        finally:
            _restore_environment(saved)
            sys.stdout, sys.stderr = self._stdout, self._stderr

    def _run_task(self, request: dict[str, Any], context: TaskContext) -> Any:
        python = request.get("python") or {}
        entry = python.get("entry")
        if not isinstance(entry, str) or entry == "":
            raise RunFailed("The run names no Python file to import (python.entry).")
        imported = self._import(entry)
        name = python.get("callable")
        if name is None:
            dag_id, task_id = request["dagId"], request["taskId"]
            dags = {dag.dag_id: dag for dag in imported.dags}
            if dag_id not in dags:
                defined = ", ".join(f"'{other}'" for other in dags) or "none"
                raise RunFailed(f"{entry} defines no DAG '{dag_id}' (it defines {defined}).")
            callback = request.get("callback")
            if callback is not None:
                return self._run_callback(dags[dag_id], task_id, callback, context)
            task = dags[dag_id].get_task(task_id)
            if task is None:
                raise RunFailed(f"DAG '{dag_id}' has no task '{task_id}'.")
            with task_running(context):
                return task.run(context)
        target: Any = imported.module
        for part in str(name).split("."):
            target = getattr(target, part, None)
        if not callable(target):
            raise RunFailed(f"{entry} has no function '{name}'.")
        with task_running(context):
            return Returned(target(context, **context.inputs))

    def _run_callback(
        self, dag: Any, task_id: str, callback: dict[str, Any], context: TaskContext
    ) -> Returned:
        """Calls the callback the DAG or task declares for the event (docs/notifications.md)."""
        details = CallbackDetails.from_json(callback)
        get_callback = getattr(dag, "get_callback", None)
        function = get_callback(details.scope, task_id, details.event) if get_callback else None
        if function is None:
            whose = "The DAG" if details.scope == "dag" else f"Task '{task_id}'"
            raise RunFailed(
                f"{whose} declares no {details.event} callback in this bundle (was the DAG "
                "file changed?)."
            )
        context.callback = details
        with task_running(context):
            function(context)
        return Returned(None)

    def _ask(self, run: Run, question: dict[str, Any]) -> Any:
        """Asks the worker ``question`` for ``run`` and returns the answer's value."""
        pending = PendingQuestion()
        with self._lock:
            # Checked under the lock: an abort either came before, or sets this question
            # once it is registered.
            run.signal.raise_if_aborted()
            if self._current is not run:
                raise LookupFailed(
                    "failed",
                    "The task has ended: a thread it started cannot read through the worker "
                    "any more.",
                )
            request_id = next(self._question_ids)
            self._questions[request_id] = pending
        try:
            self._channel.send({"type": "ask", "requestId": request_id, "question": question})
            # An abort interrupts this wait in the main thread like any other (the signal
            # handler), and ends it in any thread (the reader sets every pending question).
            pending.answered.wait()
            run.signal.raise_if_aborted()
        finally:
            with self._lock:
                self._questions.pop(request_id, None)
        error = pending.answer.get("error")
        if error is not None:
            code = error.get("code") or "failed"
            raise LookupFailed(code, str(error.get("message") or code))
        return pending.answer.get("value")

    def _import(self, entry: str) -> ImportedFile:
        imported = self._imports.get(entry)
        if imported is None:
            try:
                present = os.path.isfile(entry_path(self._root, entry))
            except EntryOutsideFolderError as error:
                raise RunFailed(f"The run's python.entry {error}.") from None
            if not present:
                raise RunFailed(f"The DAG bundle holds no file {entry}.")
            try:
                imported = import_dag_file(self._root, entry)
            except TaskAborted:
                raise
            except BaseException as error:
                raise EntryImportFailed(entry, error) from None
            self._imports[entry] = imported
        return imported


def _outcome(result: Any, limit: int) -> dict[str, Any]:
    if isinstance(result, BashCommand):
        env = result.env or {}
        if not isinstance(result.command, str) or not all(
            isinstance(name, str) and isinstance(value, str) for name, value in env.items()
        ):
            raise RunFailed(
                "The bash task's command must be a string and its env must map strings to strings."
            )
        return {"kind": "bash", "command": result.command, "env": dict(env), "cwd": result.cwd}
    if not isinstance(result, Returned):
        raise RunFailed(
            f"The task's run() returned {type(result).__name__}, not Returned or BashCommand "
            "(borda._registry)."
        )
    value = None if result.value is None else _json(result.value, limit, "The task's return value")
    outcome: dict[str, Any] = {"kind": "returned", "json": value}
    if result.rendered_map_index is not None:
        outcome["renderedMapIndex"] = result.rendered_map_index[:250]
    if result.xcoms:
        outcome["xcoms"] = {
            str(key): _json(xcom, limit, f"The XCom '{key}'") for key, xcom in result.xcoms.items()
        }
    return outcome


def _json(value: Any, limit: int, what: str) -> str:
    """``value`` as JSON text, or a failure saying why it cannot be stored as an XCom."""
    try:
        text = json.dumps(value, allow_nan=False, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as error:
        raise RunFailed(
            f"{what} is not JSON-serialisable ({error}): return plain data (dicts, lists, "
            "strings, numbers, booleans, None)."
        ) from None
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise RunFailed(
            f"{what} is {_format_bytes(size)}; the limit is {_format_bytes(limit)}: return a "
            "reference (a path, a URL) instead."
        )
    return text


def _format_bytes(count: int) -> str:
    """As the Node runner writes sizes: "1.5 MiB", "2 KiB", "900 bytes"."""
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if count >= size:
            rounded = Decimal(count / size).quantize(Decimal("0.1"), ROUND_HALF_UP)
            return f"{rounded.normalize():f} {unit}"
    return f"{count} bytes"


def _describe_failure(error: BaseException) -> str:
    """A failure as the task's log and the attempt's error show it."""
    if isinstance(error, RunFailed):
        return str(error)
    if isinstance(error, EntryImportFailed):
        return f"Importing {error.entry} failed:\n{_traceback_text(error.cause)}"
    return _traceback_text(error)


def _traceback_text(error: BaseException) -> str:
    """The traceback without Borda's frames (runner, SDK) or the import machinery's.

    An abort's traceback ends at the task's own code: which standard library call was
    waiting when the signal landed (``threading``, ``subprocess``) tells nobody anything.
    """
    described = traceback.TracebackException.from_exception(error)
    for exception in _chain(described):
        frames = [frame for frame in exception.stack if not _is_internal(frame.filename)]
        if exception.exc_type is TaskAborted:
            while len(frames) > 1 and frames[-1].filename.startswith(_STDLIB_DIR):
                frames.pop()
        exception.stack = traceback.StackSummary.from_list(frames)
    return "".join(described.format())


def _chain(
    exception: traceback.TracebackException,
) -> list[traceback.TracebackException]:
    chain, seen = [], set()
    pending: list[traceback.TracebackException | None] = [exception]
    while pending:
        current = pending.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        chain.append(current)
        pending.extend([current.__cause__, current.__context__])
    return chain


def _is_internal(filename: str) -> bool:
    return filename.startswith("<frozen importlib") or os.path.abspath(filename).startswith(
        (_BORDA_DIR, _AIRFLOW_LAYER_DIR)
    )


def _set_environment(env: dict[str, str]) -> dict[str, str | None]:
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update({name: str(value) for name, value in env.items()})
    return saved


def _restore_environment(saved: dict[str, str | None]) -> None:
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


class _WholeWrites(io.RawIOBase):
    """A descriptor that writes everything it is given at once: no buffer to flush, no
    partial write lost (os.write may write less than asked when a signal lands)."""

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def write(self, data: Any) -> int:
        _write_all(self._fd, data)
        return len(data)


def _unbuffered_text(fd: int) -> io.TextIOWrapper:
    return io.TextIOWrapper(
        _WholeWrites(fd), encoding="utf-8", errors="backslashreplace", write_through=True
    )


def _write_all(fd: int, data: Any) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python3 -m borda._runtime.runner <bundle.zip>", file=sys.stderr)
        return 2
    try:
        channel = NodeChannel.from_environment()
    except NoChannelError as error:
        print(f"borda runner: {error}", file=sys.stderr)
        return 2
    try:
        root = extract_bundle(args[0])
    except BadBundleError as error:
        channel.send({"type": "loadFailed", "error": f"Loading the DAG bundle failed: {error}"})
        return 1
    sys.path.insert(0, root)
    runner = Runner(channel, root)
    signal.signal(_ABORT_SIGNAL, runner.on_abort_signal)
    threading.Thread(target=runner.listen, name="borda-ipc", daemon=True).start()
    channel.send({"type": "loaded"})
    runner.serve()
    return 0


if __name__ == "__main__":
    sys.exit(main())
