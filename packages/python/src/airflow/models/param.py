"""Airflow's ``airflow.models.param``: ``Param``."""

from airflow._borda.params import Param
from airflow._borda.subset import module_getattr

__all__ = ["Param"]

__getattr__ = module_getattr(__name__, package=False)
