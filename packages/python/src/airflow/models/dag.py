"""Airflow 2's ``airflow.models.dag``: ``DAG`` and the ``dag`` decorator."""

from airflow._borda.dag import DAG, dag
from airflow._borda.subset import module_getattr

__all__ = ["DAG", "dag"]

__getattr__ = module_getattr(__name__, package=False)
