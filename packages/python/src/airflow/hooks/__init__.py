"""Airflow's ``airflow.hooks``: only ``airflow.hooks.base`` (``BaseHook``)."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
