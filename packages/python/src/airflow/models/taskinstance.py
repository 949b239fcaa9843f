"""Airflow's ``airflow.models.taskinstance``: the ``TaskInstance`` type (``ti``)."""

from airflow._borda.context import TaskInstance
from airflow._borda.subset import module_getattr

__all__ = ["TaskInstance"]

__getattr__ = module_getattr(__name__, package=False)
