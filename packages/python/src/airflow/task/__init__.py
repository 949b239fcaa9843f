"""Airflow 3's ``airflow.task``: ``trigger_rule``."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
