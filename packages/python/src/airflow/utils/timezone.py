"""Airflow's ``airflow.utils.timezone``, the part DAG files use to write dates."""

from datetime import UTC, tzinfo
from datetime import datetime as _datetime
from typing import Any

from airflow._borda.subset import module_getattr

__all__ = ["convert_to_utc", "datetime", "is_localized", "is_naive", "make_aware", "utc", "utcnow"]

utc = UTC


def utcnow() -> _datetime:
    return _datetime.now(UTC)


def datetime(*args: Any, **kwargs: Any) -> _datetime:
    """A ``datetime``, in UTC unless ``tzinfo`` says otherwise (Airflow's helper)."""
    kwargs.setdefault("tzinfo", UTC)
    return _datetime(*args, **kwargs)


def is_localized(value: _datetime) -> bool:
    return value.utcoffset() is not None


def is_naive(value: _datetime) -> bool:
    return value.utcoffset() is None


def make_aware(value: _datetime, timezone: tzinfo | None = None) -> _datetime:
    return value.replace(tzinfo=timezone or UTC) if is_naive(value) else value


def convert_to_utc(value: _datetime | None) -> _datetime | None:
    return None if value is None else make_aware(value).astimezone(UTC)


__getattr__ = module_getattr(__name__, package=False)
