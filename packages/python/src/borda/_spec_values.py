"""Python values turned into the values of a DAG spec (protocol's ``DagSpec``).

Each function checks one kind of value and says, in its error, which option of which DAG
or task is wrong and what to write instead. The rules are the protocol's
(packages/protocol/src/dagSpec.ts) and the TypeScript SDK's, so a DAG written in either
language produces the same spec.
"""

import math
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

from borda._definition_error import DagDefinitionError

# protocol's idPattern.
_ID_PATTERN = re.compile(r"[A-Za-z0-9_.-]{1,250}")

TRIGGER_RULES = (
    "all_success",
    "all_failed",
    "all_done",
    "one_success",
    "one_failed",
    "none_failed",
    "none_failed_min_one_success",
    "always",
)
ISOLATIONS = ("warm", "process")

# What the control plane's timetable reads (packages/server/src/scheduler/timetable.ts).
SCHEDULE_PRESETS = (
    "@once",
    "@hourly",
    "@daily",
    "@weekly",
    "@monthly",
    "@quarterly",
    "@yearly",
    "@annually",
)

# The forms the control plane reads a written date in (timetable.ts, `toInstant`).
_WRITTEN_DATE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?"
)


def identifier(value: object, what: str) -> str:
    """A DAG or task id: letters, digits, '_', '.' or '-', at most 250 characters."""
    if not isinstance(value, str) or not _ID_PATTERN.fullmatch(value):
        raise DagDefinitionError(
            f"{what} {value!r} is not a valid id: use letters, digits, '_', '.' or '-' "
            "(at most 250 characters)."
        )
    return value


def whole_number(value: object, what: str, *, minimum: int | None = None) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DagDefinitionError(f"{what} must be a whole number, not {value!r}.")
    if minimum is not None and value < minimum:
        raise DagDefinitionError(f"{what} must be at least {minimum}, not {value}.")
    return value


def flag(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise DagDefinitionError(f"{what} must be True or False, not {value!r}.")
    return value


def one_of(value: object, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise DagDefinitionError(
            f"{what} {value!r} is not one of {', '.join(repr(a) for a in allowed)}."
        )
    return value  # type: ignore[return-value]


def branch_flow() -> dict[str, Any]:
    """The ``flow`` of a branch task (protocol's ``TaskFlow``): its result, a task id, a
    list of them or None, names the direct downstream tasks to follow; the control plane
    skips the others when it succeeds."""
    return {"kind": "branch"}


def short_circuit_flow(ignore_downstream_trigger_rules: object, what: str) -> dict[str, Any]:
    """The ``flow`` of a short-circuit task: a false result skips every task downstream of
    it, or with ``ignore_downstream_trigger_rules`` False only its direct downstream tasks."""
    if flag(ignore_downstream_trigger_rules, what):
        # The protocol reads an absent ignoreDownstreamTriggerRules as true: its default
        # lives there, and a spec names it only when it differs.
        return {"kind": "short_circuit"}
    return {"kind": "short_circuit", "ignoreDownstreamTriggerRules": False}


def duration_ms(value: object, what: str) -> int:
    """A ``timedelta`` or a number of seconds (as the TypeScript SDK reads numbers) in ms."""
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        seconds = float(value)
    else:
        seconds = math.nan
    if not math.isfinite(seconds) or seconds < 0:
        raise DagDefinitionError(
            f"{what} {value!r} is not a duration: use a datetime.timedelta or a number of "
            "seconds (0 or more)."
        )
    # Half up, as the TypeScript SDK's Math.round.
    return math.floor(seconds * 1000 + 0.5)


def schedule(value: object, dag_id: str) -> str | None:
    """A cron expression, a preset or an interval as written, None for manual runs, or a
    timedelta's interval.

    A ``timedelta`` is a fixed interval of elapsed time from ``start_date`` on, as in
    Airflow's delta timetable: ``timedelta(hours=1, minutes=30)`` is ``"@every 1h30m"``,
    which the control plane's timetable reads (packages/server/src/scheduler/timetable.ts).
    """
    if value is None:
        return None
    if isinstance(value, timedelta):
        return _every(value, dag_id)
    if not isinstance(value, str) or value.strip() == "":
        raise DagDefinitionError(
            f"DAG '{dag_id}': schedule {value!r} is not a schedule: use a cron expression "
            '("0 6 * * *"), a preset ("@daily"), an interval ("@every 30m" or a '
            "datetime.timedelta), or None for manual runs only."
        )
    if value == _EVERY.strip() or value.startswith(_EVERY):
        _every_duration(value, dag_id)
    elif value.startswith("@"):
        one_of(value, SCHEDULE_PRESETS, f"DAG '{dag_id}': schedule preset")
    elif len(value.split()) not in (5, 6):
        raise DagDefinitionError(
            f"DAG '{dag_id}': schedule {value!r} is not a cron expression: expected 5 fields "
            "(minute hour day-of-month month day-of-week), or 6 with seconds first."
        )
    return value


# An interval schedule, as the timetable reads it: "@every" and a duration in whole days,
# hours, minutes and seconds ("@every 1d", "@every 1h30m").
_EVERY = "@every "
_EVERY_UNITS = (("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1))
_EVERY_DURATION = re.compile(r"(?:\d+[dhms])+")


def _every(period: timedelta, dag_id: str) -> str:
    seconds = period.total_seconds()
    if seconds <= 0 or period.microseconds:
        raise DagDefinitionError(
            f"DAG '{dag_id}': schedule {period!r} is not an interval Borda can run: a "
            "timedelta schedule must be longer than 0 and a whole number of seconds."
        )
    remaining = int(seconds)
    parts = []
    for unit, size in _EVERY_UNITS:
        count, remaining = divmod(remaining, size)
        if count:
            parts.append(f"{count}{unit}")
    return _EVERY + "".join(parts)


def _every_duration(value: str, dag_id: str) -> None:
    duration = value[len(_EVERY) :].strip()
    if not _EVERY_DURATION.fullmatch(duration) or not any(
        int(count) for count in re.findall(r"\d+", duration)
    ):
        raise DagDefinitionError(
            f"DAG '{dag_id}': schedule {value!r} is not an interval: write @every followed by "
            "a duration in days, hours, minutes and seconds, such as '@every 1d', "
            "'@every 30m' or '@every 1h30m'."
        )


def date_value(value: object, what: str) -> str | None:
    """A start or end date as the TypeScript SDK writes it into the spec.

    A ``datetime`` is an instant: an aware one is converted to UTC, a naive one is taken
    as UTC; it is written as ISO-8601 with milliseconds and "Z". A string (or a
    ``date``) is kept as written, as the TypeScript SDK keeps it: the control plane reads
    a plain date such as "2024-01-01" as midnight in the DAG's timezone.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        instant = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return instant.strftime("%Y-%m-%dT%H:%M:%S.") + f"{instant.microsecond // 1000:03d}Z"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and _WRITTEN_DATE.fullmatch(value):
        return value
    raise DagDefinitionError(
        f"{what} {value!r} is not a date: use a datetime, or a string such as "
        '"2024-01-01", "2024-01-01T10:30" (read in the DAG\'s timezone) or '
        '"2024-01-01T10:30:00Z".'
    )


def json_value(value: object, what: str) -> Any:
    """Checks that ``value`` is plain JSON data (it travels in the spec as it is)."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
    elif isinstance(value, list | tuple):
        return [json_value(item, what) for item in value]
    elif isinstance(value, dict) and all(isinstance(key, str) for key in value):
        return {key: json_value(item, what) for key, item in value.items()}
    raise DagDefinitionError(
        f"{what} holds {value!r}, which is not JSON data: use dicts with string keys, "
        "lists, strings, numbers, booleans and None."
    )
