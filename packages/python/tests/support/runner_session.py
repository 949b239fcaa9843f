"""A Python runner driven over a real Node IPC channel (tests/support/drive_runner.mjs).

The driver spawns ``python -m borda._runtime.runner`` as the worker does and relays its
messages and output; a session sends requests and reads a run's outcome and output the
way the worker's ``RunnerProcess`` does: everything before the end marker on each stream.
It answers the questions a task asks (``ask``) as the worker would, from what a test
says the worker holds (``WorkerValues``).
"""

import json
import os
import queue
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from support.parsing import PYTHON_SRC

DRIVER = Path(__file__).with_name("drive_runner.mjs")
TIMEOUT_SECONDS = 20


@dataclass
class RunOutput:
    outcome: dict[str, Any]
    stdout: str
    stderr: str


@dataclass
class WorkerValues:
    """What the worker answers a task's questions with, as ``answer(question)`` gives it:
    XComs by (key, task id), connections (protocol's ``TaskConnection``) by id, variables
    by key, and refusals by (kind, id) with the worker's reason. Anything else is
    ``not_found``."""

    xcoms: dict[tuple[str, str], Any] = field(default_factory=dict)
    connections: dict[str, dict[str, Any]] = field(default_factory=dict)
    variables: dict[str, str] = field(default_factory=dict)
    refused: dict[tuple[str, str], str] = field(default_factory=dict)

    def answer(self, question: dict[str, Any]) -> dict[str, Any]:
        kind = question["kind"]
        if kind == "xcomPull":
            key = question["key"]
            tasks = question.get("taskIds") or [task for _, task in self.xcoms]
            return {
                "value": [
                    {"taskId": task, "value": self.xcoms[(key, task)]}
                    for task in tasks
                    if (key, task) in self.xcoms
                ]
            }
        name = question["connId"] if kind == "connection" else question["key"]
        if (kind, name) in self.refused:
            return {"error": {"code": "forbidden", "message": self.refused[(kind, name)]}}
        values = self.connections if kind == "connection" else self.variables
        if name not in values:
            what, prefix = ("Connection", "CONN") if kind == "connection" else ("Variable", "VAR")
            message = (
                f"{what} '{name}' is not defined: not in this worker's environment "
                f"(AIRFLOW_{prefix}_{name.upper()}), nor the control plane."
            )
            return {"error": {"code": "not_found", "message": message}}
        return {"value": values[name]}


class RunnerSession:
    def __init__(self, node: str, bundle: Path, cwd: Path, env: dict[str, str] | None = None):
        self.events: queue.Queue[dict[str, Any]] = queue.Queue()
        self.output = {"stdout": "", "stderr": ""}
        self.exit: dict[str, Any] | None = None
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(PYTHON_SRC),
            **(env or {}),
        }
        self._driver = subprocess.Popen(
            [node, str(DRIVER), sys.executable, str(bundle)],
            cwd=cwd,
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self._driver.stdout is not None
        for line in self._driver.stdout:
            self.events.put(json.loads(line))

    def _command(self, command: dict[str, Any]) -> None:
        assert self._driver.stdin is not None
        self._driver.stdin.write(json.dumps(command) + "\n")
        self._driver.stdin.flush()

    def send(self, message: dict[str, Any]) -> None:
        self._command({"send": message})

    def next_message(self) -> dict[str, Any]:
        """The runner's next IPC message; output that arrives meanwhile is kept."""
        while True:
            event = self.events.get(timeout=TIMEOUT_SECONDS)
            if event["event"] == "output":
                self.output[event["stream"]] += event["text"]
            elif event["event"] == "message":
                return event["message"]
            else:
                self.exit = event
                raise AssertionError(f"the runner exited: {event}; output: {self.output}")

    def wait_for_output(self, stream: str, text: str) -> None:
        """Waits until ``text`` has appeared on the stream (a task says it started)."""
        while text not in self.output[stream]:
            event = self.events.get(timeout=TIMEOUT_SECONDS)
            assert event["event"] == "output", event
            self.output[event["stream"]] += event["text"]

    def start_run(self, request: dict[str, Any]) -> str:
        """Sends a run request; returns its end marker."""
        marker = f"\0borda-run-end:{uuid.uuid4()}\n"
        self.send(
            {"type": "run", "maxReturnValueBytes": 1024 * 1024, **request, "endMarker": marker}
        )
        return marker

    def finish_run(self, marker: str, done: dict[str, Any] | None = None) -> RunOutput:
        """Waits for the run's outcome (unless ``done`` is it) and its end marker on both
        streams."""
        message = done or self.next_message()
        assert message["type"] == "done", message
        while not all(marker in text for text in self.output.values()):
            event = self.events.get(timeout=TIMEOUT_SECONDS)
            assert event["event"] == "output", event
            self.output[event["stream"]] += event["text"]
        parts = {name: text.split(marker, 1) for name, text in self.output.items()}
        self.output = {name: after for name, (_, after) in parts.items()}
        return RunOutput(message["outcome"], parts["stdout"][0], parts["stderr"][0])

    def run(self, request: dict[str, Any]) -> RunOutput:
        return self.finish_run(self.start_run(request))

    def run_answering(
        self, request: dict[str, Any], answer: Callable[[dict[str, Any]], dict[str, Any]]
    ) -> tuple[RunOutput, list[dict[str, Any]]]:
        """Runs a request, answering each question the task asks with ``answer(question)``
        (``{"value": ...}`` or ``{"error": {"code", "message"}}``) as the worker does;
        returns the run's output and the questions, in order."""
        marker = self.start_run(request)
        questions = []
        while (message := self.next_message())["type"] == "ask":
            questions.append(message["question"])
            self.send(
                {"type": "answer", "requestId": message["requestId"], **answer(message["question"])}
            )
        return self.finish_run(marker, message), questions

    def wait_exit(self) -> dict[str, Any]:
        while self.exit is None:
            event = self.events.get(timeout=TIMEOUT_SECONDS)
            if event["event"] == "exit":
                self.exit = event
            elif event["event"] == "output":
                self.output[event["stream"]] += event["text"]
        return self.exit

    def disconnect(self) -> dict[str, Any]:
        self._command({"disconnect": True})
        return self.wait_exit()

    def close(self) -> None:
        if self._driver.poll() is None:
            self._driver.kill()
        self._driver.wait()
