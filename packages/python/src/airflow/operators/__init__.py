"""Airflow 2's operators: ``bash``, ``python``, ``branch``, ``empty`` (and ``dummy``, its
older name)."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
