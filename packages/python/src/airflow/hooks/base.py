"""Airflow's ``airflow.hooks.base``: ``BaseHook``, whose ``get_connection`` reads a
connection through the running task."""

from airflow._borda.credentials import BaseHook
from airflow._borda.subset import module_getattr

__all__ = ["BaseHook"]

__getattr__ = module_getattr(__name__, package=False)
