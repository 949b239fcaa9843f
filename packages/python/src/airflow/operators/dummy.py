"""Airflow 2's deprecated ``DummyOperator``: an ``EmptyOperator`` by its older name."""

from airflow._borda.subset import module_getattr
from airflow.operators.empty import EmptyOperator

__all__ = ["DummyOperator"]


class DummyOperator(EmptyOperator):
    pass


__getattr__ = module_getattr(__name__, package=False)
