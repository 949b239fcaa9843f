"""Airflow's ``airflow.models.connection``: ``Connection``, as tasks read it."""

from airflow._borda.credentials import Connection
from airflow._borda.subset import module_getattr

__all__ = ["Connection"]

__getattr__ = module_getattr(__name__, package=False)
