"""Airflow 3's path of ``PythonOperator`` (airflow.operators.python has it)."""

from airflow._borda.subset import module_getattr
from airflow.operators.python import PythonOperator, get_current_context

__all__ = ["PythonOperator", "get_current_context"]

__getattr__ = module_getattr(__name__, package=False)
