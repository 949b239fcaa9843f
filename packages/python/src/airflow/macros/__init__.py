"""Airflow's macros, ``{{ macros.ds_add(ds, 1) }}`` in templates (``macros`` in the context).

``ds_add``, ``ds_format``, ``datetime_diff_for_humans`` (needs pendulum), and the modules
and classes Airflow exposes: ``datetime``, ``timedelta``, ``time``, ``uuid``, ``random``,
``json`` and ``dateutil`` (when python-dateutil is installed).
"""

import json
import time
import uuid
from datetime import datetime, timedelta
from random import random
from typing import Any

from airflow._borda.subset import module_getattr

__all__ = [
    "datetime",
    "datetime_diff_for_humans",
    "ds_add",
    "ds_format",
    "json",
    "random",
    "time",
    "timedelta",
    "uuid",
]


def ds_add(ds: str, days: int) -> str:
    """``ds`` (YYYY-MM-DD) plus ``days`` (negative: minus): ``ds_add("2024-01-30", 3)``."""
    if not days:
        return str(ds)
    return (datetime.strptime(str(ds), "%Y-%m-%d") + timedelta(days=days)).strftime("%Y-%m-%d")


def ds_format(ds: str, input_format: str, output_format: str) -> str:
    """``ds`` read with ``input_format`` and written with ``output_format`` (strftime codes)."""
    return datetime.strptime(str(ds), input_format).strftime(output_format)


def datetime_diff_for_humans(dt: Any, since: Any = None) -> str:
    """How long before or after ``since`` (default now) ``dt`` is, in words (pendulum)."""
    import pendulum

    return pendulum.instance(dt).diff_for_humans(
        None if since is None else pendulum.instance(since)
    )


def __getattr__(name: str) -> Any:
    if name == "dateutil":
        import dateutil

        return dateutil
    return _missing(name)


_missing = module_getattr(__name__, package=False)
