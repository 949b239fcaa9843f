"""Airflow 2's ``airflow.utils.dates``: ``days_ago`` (deprecated there, removed in Airflow 3)."""

from datetime import UTC, datetime, timedelta

from airflow._borda.subset import module_getattr
from airflow._borda.user_code import warn

__all__ = ["days_ago"]


def days_ago(n: int, hour: int = 0, minute: int = 0, second: int = 0, microsecond: int = 0):
    """Midnight (or the time given) UTC today, ``n`` days ago."""
    warn(
        "days_ago() gives a start date that moves every day, so each day's parse of the file "
        "is a new DAG version; write a fixed start date (pendulum.datetime(2024, 1, 1)) instead."
    )
    today = datetime.now(UTC).replace(
        hour=hour, minute=minute, second=second, microsecond=microsecond
    )
    return today - timedelta(days=n)


__getattr__ = module_getattr(__name__, package=False)
