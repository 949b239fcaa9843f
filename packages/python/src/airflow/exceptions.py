"""Airflow's exceptions that DAG files raise and catch.

A task that raises ``AirflowSkipException`` fails, saying so: a Borda task cannot skip
itself yet (a branch or short-circuit task before it can). ``AirflowFailException`` fails
the try like any exception, and retries still follow.
"""

from airflow._borda.subset import module_getattr

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


class AirflowSkipException(AirflowException):
    """Would skip the task in Airflow; Borda fails it instead (a task cannot skip itself yet)."""


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
