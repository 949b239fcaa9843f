"""Airflow's ``on_success_callback``, ``on_failure_callback`` and ``on_retry_callback``.

On an operator, in ``default_args`` or on the DAG (success and failure), each takes a
callable, a notifier or a list of them, as in Airflow. A notifier that is one of Borda's
built-ins (``SlackWebhookNotifier``, ``SmtpNotifier``, ``borda.webhook_notifier``) becomes
a notifier the control plane delivers, with no worker; any other callable, a
``BaseNotifier`` subclass included, runs on a worker of the task's queue with Airflow's
context, ``exception`` and ``reason`` included (docs/notifications.md).
"""

import builtins
import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from airflow._borda.arguments import is_off
from borda import TaskContext

if TYPE_CHECKING:
    from airflow._borda.operator import BaseOperator


def airflow_callbacks(
    value: Any, find_operator: Callable[[TaskContext], "BaseOperator"]
) -> list[Any] | None:
    """An Airflow callback argument as Borda's ``on_*`` option: built-in notifiers as they
    are, every other callable called with Airflow's context of the operator
    ``find_operator`` picks when it runs. None when the argument is off."""
    if is_off(value):
        return None
    items = list(value) if isinstance(value, list | tuple) else [value]
    return [item if _is_built_in(item) else AirflowCallback(item, find_operator) for item in items]


def _is_built_in(item: Any) -> bool:
    describe = getattr(item, "borda_notifier", None)
    return callable(describe) and describe() is not None


class AirflowCallback:
    """Calls an Airflow callback with Airflow's context, made from Borda's on the worker."""

    def __init__(
        self, function: Any, find_operator: Callable[[TaskContext], "BaseOperator"]
    ) -> None:
        self._function = function
        self._find_operator = find_operator

    def __repr__(self) -> str:
        return f"<Airflow callback {self._function!r}>"

    def __call__(self, data: TaskContext) -> None:
        # Only the worker's runner calls callbacks: the parser never loads the context.
        from airflow._borda.context import current_context, make_context

        context = make_context(copy.copy(self._find_operator(data)), data)
        details = data.callback
        context["exception"] = _exception(details.exception if details else None)
        context["reason"] = details.reason if details else None
        with current_context(context):
            self._function(context)


def _exception(described: dict[str, str] | None) -> BaseException | None:
    """The failure as an exception of its type where this process has one by that name
    (``ValueError``, ``AirflowTaskTimeout``), else of a class made with that name."""
    if described is None:
        return None
    import airflow.exceptions

    name = str(described.get("type") or "Exception")
    message = str(described.get("message") or "")
    short = name.rsplit(".", 1)[-1]
    # Looked up in the modules' own names: airflow.exceptions refuses unknown attributes.
    known = vars(builtins).get(short) or vars(airflow.exceptions).get(short)
    if isinstance(known, type) and issubclass(known, BaseException):
        try:
            return known(message)
        except Exception:
            pass
    return type(short, (Exception,), {})(message)
