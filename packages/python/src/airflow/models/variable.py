"""Airflow's ``airflow.models.variable``: ``Variable``, read through the running task."""

from airflow._borda.credentials import Variable
from airflow._borda.subset import module_getattr

__all__ = ["Variable"]

__getattr__ = module_getattr(__name__, package=False)
