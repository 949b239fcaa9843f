"""Sensors: tasks that poke a condition until it holds (Airflow's ``BaseSensorOperator``).

A sensor's spec has a ``sensor`` policy (protocol's ``Sensor``); the worker runs the
poke, once per run, and pokes again (``poke`` mode, holding the slot) or reports a
reschedule (``reschedule`` mode: the slot is free until the control plane queues the
next poke, on the same try). Every poke's result reaches the worker as
``{"done": ..., "value": ...}``: see docs/scheduling.md, "Sensors".
"""

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from borda._definition_error import DagDefinitionError
from borda._spec_values import duration_ms, flag, one_of

SENSOR_MODES = ("poke", "reschedule")

# Airflow's defaults (and the TypeScript SDK's): a poke a minute, for up to a week.
DEFAULT_POKE_INTERVAL = timedelta(seconds=60)
DEFAULT_TIMEOUT = timedelta(days=7)


@dataclass
class PokeReturnValue:
    """What a poke may return instead of a bool (Airflow's ``PokeReturnValue``): whether
    the condition holds, and the value the sensor passes on as its result (its XCom)."""

    is_done: bool
    xcom_value: Any = None

    def __bool__(self) -> bool:
        return self.is_done


def sensor_spec(
    owner: str,
    *,
    mode: object = "poke",
    poke_interval: object = DEFAULT_POKE_INTERVAL,
    timeout: object = DEFAULT_TIMEOUT,
    soft_fail: object = False,
    exponential_backoff: object = False,
) -> dict[str, Any]:
    """The spec's ``sensor`` for these options (Airflow's names and defaults)."""
    timeout_ms = duration_ms(timeout, f"{owner}: timeout")
    if timeout_ms <= 0:
        raise DagDefinitionError(f"{owner}: timeout must be longer than 0.")
    return {
        "mode": one_of(mode, SENSOR_MODES, f"{owner}: mode"),
        "pokeIntervalMs": duration_ms(poke_interval, f"{owner}: poke_interval"),
        "timeoutMs": timeout_ms,
        "softFail": flag(soft_fail, f"{owner}: soft_fail"),
        "exponentialBackoff": flag(exponential_backoff, f"{owner}: exponential_backoff"),
    }


def poke_outcome(result: Any) -> dict[str, Any]:
    """A poke's result as the worker reads it: ``{"done": bool, "value": ...}``. Anything
    but a ``PokeReturnValue`` (or that shape already) is read by its truthiness, as
    Airflow reads what ``poke`` returns."""
    if isinstance(result, PokeReturnValue):
        done, value = bool(result.is_done), result.xcom_value
    elif isinstance(result, dict) and isinstance(result.get("done"), bool):
        done, value = result["done"], result.get("value")
    else:
        done, value = bool(result), None
    return {"done": done, "value": value} if value is not None else {"done": done}
