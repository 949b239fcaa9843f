"""Airflow 2's sensors: ``base``, ``python``, ``filesystem`` and ``external_task``."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
