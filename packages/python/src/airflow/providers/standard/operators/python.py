"""Airflow 3's path of ``PythonOperator``, ``BranchPythonOperator`` and
``ShortCircuitOperator`` (airflow.operators.python has them)."""

from airflow._borda.subset import module_getattr
from airflow.operators.python import (
    BranchPythonOperator,
    PythonOperator,
    ShortCircuitOperator,
    get_current_context,
)

__all__ = [
    "BranchPythonOperator",
    "PythonOperator",
    "ShortCircuitOperator",
    "get_current_context",
]

__getattr__ = module_getattr(__name__, package=False)
