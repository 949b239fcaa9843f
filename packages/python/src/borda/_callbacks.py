"""Callbacks and notifiers: what a task's success, failure or retry and a run's end fire.

``on_success``, ``on_failure`` and ``on_retry`` (task options, also in ``default_args``)
and ``on_success``/``on_failure`` of ``@dag`` take a function, a notifier, or a list of
them (docs/notifications.md):

- a function runs on a worker of the task's queue with the task's context, whose
  ``callback`` (``CallbackDetails``) says which event fired it and, for a failure or a
  retry, the exception; for a DAG's callback, the context is the task instance's that
  decided the run;
- a notifier (``webhook_notifier``, ``slack_notifier``, ``email_notifier``) is delivered
  by the control plane itself, through a connection, with no worker.

Neither changes the state of the task or the run. The control plane records what each
event fires when it records the event, so a callback also runs when the control plane
decided the failure (an execution timeout, a lost worker).

Any object with a ``borda_notifier()`` method that returns a notifier spec (a dict of
protocol's ``NotifierSpec``) is a built-in notifier; the Airflow layer's
``SlackWebhookNotifier`` and ``SmtpNotifier`` are.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from borda._definition_error import DagDefinitionError
from borda._spec_values import identifier

# A task option (and spec key) → the event it fires on.
EVENT_OF_OPTION = {"onSuccess": "success", "onFailure": "failure", "onRetry": "retry"}


class Notifier:
    """A built-in notifier, made by ``webhook_notifier``, ``slack_notifier`` or
    ``email_notifier``; the control plane delivers it."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self._spec = spec

    def __repr__(self) -> str:
        return f"<{self._spec['kind']} notifier via connection {self._spec['connId']!r}>"

    def borda_notifier(self) -> dict[str, Any]:
        return dict(self._spec)


def webhook_notifier(conn_id: str) -> Notifier:
    """POSTs the event as JSON (DAG, run, task, try, state, error, a link to the run) to the
    URL of connection ``conn_id``: its host when that is a URL, else ``schema://host:port``
    plus the extra's ``endpoint``."""
    return Notifier({"kind": "webhook", "connId": identifier(conn_id, "conn_id")})


def slack_notifier(conn_id: str, text: str | None = None) -> Notifier:
    """Posts ``text`` (default: a line naming the DAG, run, task, try and error, with a
    link) to the Slack incoming webhook that connection ``conn_id`` holds in its password."""
    spec: dict[str, Any] = {"kind": "slack", "connId": identifier(conn_id, "conn_id")}
    if text is not None:
        spec["text"] = str(text)
    return Notifier(spec)


def email_notifier(
    conn_id: str,
    to: str | list[str],
    from_email: str | None = None,
    subject: str | None = None,
) -> Notifier:
    """Mails ``to`` through the SMTP server of connection ``conn_id`` (host, port, login,
    password; STARTTLS when offered, implicit TLS on port 465)."""
    recipients = [to] if isinstance(to, str) else list(to)
    if not recipients or not all(isinstance(r, str) and "@" in r for r in recipients):
        raise DagDefinitionError(f"email_notifier: to must be one or more addresses, not {to!r}.")
    spec: dict[str, Any] = {"kind": "smtp", "connId": identifier(conn_id, "conn_id")}
    spec["to"] = recipients
    if from_email is not None:
        spec["from"] = from_email
    if subject is not None:
        spec["subject"] = subject
    return Notifier(spec)


@dataclass(frozen=True)
class CallbackDetails:
    """What a callback learns of the event that fired it (a context's ``callback``).

    ``event``: "success", "failure" or "retry"; ``scope``: "task", or "dag" for a DAG's
    callback; ``task_state`` and ``run_state`` after the transition; ``exception``: for a
    failure or retry, ``{"type": ..., "message": ...}``; ``reason``: why the run finished
    (a DAG's callback: "task_failure" or "success").
    """

    event: str
    scope: str
    task_state: str | None
    run_state: str | None
    exception: dict[str, str] | None
    reason: str | None

    @staticmethod
    def from_json(data: dict[str, Any]) -> "CallbackDetails":
        return CallbackDetails(
            event=str(data.get("event")),
            scope=str(data.get("scope")),
            task_state=data.get("taskState"),
            run_state=data.get("runState"),
            exception=data.get("exception"),
            reason=data.get("reason"),
        )


Callback = Callable[[Any], Any]


@dataclass(frozen=True)
class EventCallbacks:
    """One event's targets: the functions the worker runs, the notifiers the control plane
    delivers."""

    functions: tuple[Callback, ...]
    notifiers: tuple[dict[str, Any], ...]

    def __bool__(self) -> bool:
        return bool(self.functions or self.notifiers)

    def spec(self) -> dict[str, Any]:
        return {"code": bool(self.functions), "notifiers": [dict(n) for n in self.notifiers]}


def resolve_callbacks(value: object, what: str) -> EventCallbacks:
    """An ``on_failure``-style option as an event's targets; ``what`` names it in errors.
    None is no targets (a task's own None turns off one from ``default_args``)."""
    if value is None:
        return EventCallbacks((), ())
    items = list(value) if isinstance(value, list | tuple) else [value]
    functions: list[Callback] = []
    notifiers: list[dict[str, Any]] = []
    for item in items:
        describe = getattr(item, "borda_notifier", None)
        built_in = describe() if callable(describe) else None
        if built_in is not None:
            notifiers.append(built_in)
        elif callable(item):
            functions.append(item)
        else:
            raise DagDefinitionError(
                f"{what} must be a function, a notifier (webhook_notifier(), slack_notifier(), "
                f"email_notifier()) or a list of them, not {item!r}."
            )
    return EventCallbacks(tuple(functions), tuple(notifiers))


def run_callbacks(functions: tuple[Callback, ...], argument: Any) -> None:
    """Calls each function with ``argument``, every one even when one before it raised (as
    Airflow calls a list of callbacks); then raises the first error."""
    import traceback

    errors: list[BaseException] = []
    for function in functions:
        try:
            function(argument)
        except Exception as error:
            traceback.print_exc()
            errors.append(error)
    if errors:
        raise errors[0]
