"""Airflow's ``BaseNotifier``: a callback object with templated fields and ``notify()``.

A subclass a DAG file defines runs on a worker of the task's queue, as any callback does:
its ``template_fields`` are rendered with the context, then ``notify(context)`` is called.
Borda's built-in notifiers (``SlackWebhookNotifier``, ``SmtpNotifier``) are delivered by
the control plane instead (docs/notifications.md).
"""

from collections.abc import Sequence
from typing import Any


class BaseNotifier:
    template_fields: Sequence[str] = ()

    def borda_notifier(self) -> dict[str, Any] | None:
        """The built-in notifier this is, or None: it runs on a worker (borda._callbacks)."""
        return None

    def notify(self, context: Any) -> None:
        raise NotImplementedError(f"{type(self).__name__} must define notify(context).")

    def render_template_fields(self, context: Any) -> None:
        from airflow._borda.templating import render

        # Rendered as the task's own fields are: its DAG's Jinja environment and macros.
        task = context["task"]
        for field in self.template_fields:
            setattr(self, field, render(getattr(self, field, None), context, task, field))

    def __call__(self, *args: Any) -> None:
        # Airflow passes the context alone; its older form passed (dag, ..., context) last.
        context = args[-1] if args else {}
        self.render_template_fields(context)
        self.notify(context)
