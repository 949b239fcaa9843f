"""Airflow's ``airflow.utils``: ``trigger_rule``, ``dates``, ``timezone`` and ``context``."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
