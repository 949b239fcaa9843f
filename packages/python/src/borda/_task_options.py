"""The options every task accepts, and the spec fields they become.

A task's option wins over its DAG's ``default_args``, which win over Borda's defaults
(the TypeScript SDK's ``TaskDefaults``); an option given as None (``execution_timeout``,
``max_retry_delay``) means "none" and still overrides a default.
"""

from datetime import timedelta
from typing import Any, TypedDict

from borda._asset import Asset, outlet_specs
from borda._callbacks import resolve_callbacks
from borda._definition_error import DagDefinitionError
from borda._spec_values import (
    ISOLATIONS,
    TRIGGER_RULES,
    duration_ms,
    flag,
    identifier,
    one_of,
    whole_number,
)


class TaskDefaults(TypedDict, total=False):
    """Options of every task; a DAG's ``default_args`` sets them for all its tasks."""

    queue: str
    """The queue the task is sent to; workers pull from the queues they serve. Default "default"."""
    pool: str
    """The pool that caps how many such tasks run at once. Default "default_pool"."""
    pool_slots: int
    """Slots of the pool one attempt occupies. Default 1."""
    retries: int
    """Attempts after the first one fails. Default 0."""
    retry_delay: timedelta | float
    """Wait before a retry (a timedelta, or seconds). Default 300 s."""
    retry_exponential_backoff: bool
    """Doubles the retry delay after each failed try. Default False."""
    max_retry_delay: timedelta | float | None
    """Cap on the (exponential) retry delay. Default none."""
    execution_timeout: timedelta | float | None
    """An attempt running longer fails (and may retry). Default none."""
    trigger_rule: str
    """When the task may run, given its upstream tasks' states. Default "all_success"."""
    priority_weight: int
    """Higher runs first when a pool or queue is contended. Default 1."""
    isolation: str
    """A reusable runner process per bundle ("warm", default) or one per attempt ("process")."""
    on_success: Any
    """Fired when the task succeeds: a function (called on a worker with the context), a
    notifier, or a list of them (docs/notifications.md)."""
    on_failure: Any
    """Fired when the task fails for good; ``ctx.callback.exception`` says why."""
    on_retry: Any
    """Fired when a try fails and the task will be retried."""


class TaskOptions(TaskDefaults, total=False):
    task_id: str
    """Unique within the DAG: letters, digits, '_', '.' or '-'. Default: the function's name."""
    max_active_tis_per_dagrun: int
    """How many task instances of the mapped task (``.expand()``) may run at once in a run.
    Default no limit but the pools' and the DAG's. A task called without mapping runs once
    per run anyway."""
    outlets: "list[Asset | str]"
    """Assets the task updates: each gets an event when it succeeds, which runs the DAGs
    scheduled on it (Airflow's ``outlets``)."""


MAX_ACTIVE_OPTION = "max_active_tis_per_dagrun"
"""The ``@task`` option that becomes the spec's ``mapped.maxActive``, not a field of its own
(so ``task_fields`` does not take it)."""


# Borda's defaults, in the order of protocol's TaskSpec.
DEFAULT_FIELDS: dict[str, Any] = {
    "queue": "default",
    "pool": "default_pool",
    "poolSlots": 1,
    "retries": 0,
    "retryDelayMs": 300_000,
    "retryExponentialBackoff": False,
    "maxRetryDelayMs": None,
    "executionTimeoutMs": None,
    "triggerRule": "all_success",
    "priorityWeight": 1,
    "isolation": "warm",
}


def _nullable_ms(value: object, what: str) -> int | None:
    return None if value is None else duration_ms(value, what)


def _positive_ms(value: object, what: str) -> int | None:
    ms = _nullable_ms(value, what)
    if ms == 0:
        raise DagDefinitionError(f"{what} must be longer than 0 (or None for no timeout).")
    return ms


# Option name → (spec field, check and convert).
_OPTIONS = {
    "queue": ("queue", identifier),
    "pool": ("pool", identifier),
    "pool_slots": ("poolSlots", lambda v, what: whole_number(v, what, minimum=1)),
    "retries": ("retries", lambda v, what: whole_number(v, what, minimum=0)),
    "retry_delay": ("retryDelayMs", duration_ms),
    "retry_exponential_backoff": ("retryExponentialBackoff", flag),
    "max_retry_delay": ("maxRetryDelayMs", _nullable_ms),
    "execution_timeout": ("executionTimeoutMs", _positive_ms),
    "trigger_rule": ("triggerRule", lambda v, what: one_of(v, TRIGGER_RULES, what)),
    "priority_weight": ("priorityWeight", whole_number),
    "isolation": ("isolation", lambda v, what: one_of(v, ISOLATIONS, what)),
    # Not spec fields as they are: the builder splits each into the spec's `callbacks` and
    # the functions the runner calls (borda._callbacks).
    "on_success": ("onSuccess", resolve_callbacks),
    "on_failure": ("onFailure", resolve_callbacks),
    "on_retry": ("onRetry", resolve_callbacks),
    "outlets": ("outlets", outlet_specs),
}


def task_fields(options: dict[str, Any], owner: str) -> dict[str, Any]:
    """The spec fields ``options`` set (task_id aside); ``owner`` names them in errors."""
    fields = {}
    for name, value in options.items():
        if name == "task_id":
            continue
        if name not in _OPTIONS:
            known = ", ".join(_OPTIONS)
            raise DagDefinitionError(f"{owner}: unknown option '{name}'; tasks take {known}.")
        field, convert = _OPTIONS[name]
        fields[field] = convert(value, f"{owner}: {name}")
    return fields
