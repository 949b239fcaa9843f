"""Airflow 3's path of ``EmptyOperator`` (airflow.operators.empty has it)."""

from airflow._borda.subset import module_getattr
from airflow.operators.empty import EmptyOperator

__all__ = ["EmptyOperator"]

__getattr__ = module_getattr(__name__, package=False)
