"""Airflow's exceptions that DAG files raise and catch.

A task that raises ``AirflowSkipException`` is skipped (it is Borda's ``SkipTask``), the
message its reason. ``AirflowFailException`` fails the try like any exception, and
retries still follow.
"""

from airflow._borda.subset import module_getattr
from borda import SkipTask

__all__ = [
    "AirflowException",
    "AirflowFailException",
    "AirflowNotFoundException",
    "AirflowSensorTimeout",
    "AirflowSkipException",
    "AirflowTaskTimeout",
    "TaskNotFound",
]


class AirflowException(Exception):
    """The base of Airflow's exceptions; raised in a task, it fails the try."""

    status_code = 500


class AirflowSkipException(AirflowException, SkipTask):
    """Skips the task: it is ``skipped``, not retried, and the tasks after it follow their
    trigger rules."""


class AirflowFailException(AirflowException):
    """Fails the task; Borda still retries it per its retries."""


class AirflowNotFoundException(AirflowException):
    status_code = 404


class AirflowSensorTimeout(AirflowException):
    """Airflow's sensor timeout, for files that catch it: Borda's worker and control plane
    end a sensor at its timeout themselves (it fails without retries, or skips with
    ``soft_fail``)."""


class AirflowTaskTimeout(BaseException):
    """Airflow's execution timeout, for files that catch it: Borda never raises it, it stops
    a task that runs too long with ``borda.TaskAborted``."""


class TaskNotFound(AirflowNotFoundException):
    """``dag.get_task()`` of an id the DAG does not have."""


__getattr__ = module_getattr(__name__, package=False)
