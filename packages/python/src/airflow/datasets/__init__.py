"""Airflow 2's datasets (``airflow.datasets``): ``Dataset``, ``DatasetAll``, ``DatasetAny``."""

from airflow._borda.assets import Dataset, DatasetAll, DatasetAny
from airflow._borda.subset import module_getattr

__all__ = ["Dataset", "DatasetAll", "DatasetAny"]

__getattr__ = module_getattr(__name__, package=False)
