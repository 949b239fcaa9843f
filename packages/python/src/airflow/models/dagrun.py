"""Airflow's ``airflow.models.dagrun``: the ``DagRun`` type (``dag_run``)."""

from airflow._borda.context import DagRun
from airflow._borda.subset import module_getattr

__all__ = ["DagRun"]

__getattr__ = module_getattr(__name__, package=False)
