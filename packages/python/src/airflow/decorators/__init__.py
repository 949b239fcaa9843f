"""Airflow 2's TaskFlow decorators: ``dag`` and ``task`` (``@task``, ``@task.python``,
``@task.bash``, ``@task.branch``, ``@task.short_circuit``)."""

from airflow._borda.dag import dag
from airflow._borda.subset import module_getattr
from airflow._borda.taskflow import task

__all__ = ["dag", "task"]

__getattr__ = module_getattr(__name__, package=True)
