"""Airflow 3's path of ``BashOperator`` (airflow.operators.bash has it)."""

from airflow._borda.subset import module_getattr
from airflow.operators.bash import BashOperator

__all__ = ["BashOperator"]

__getattr__ = module_getattr(__name__, package=False)
