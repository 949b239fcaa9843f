"""Airflow 2's ``airflow.models.baseoperator``: ``BaseOperator`` and the dependency helpers."""

from airflow._borda.operator import BaseOperator, chain, chain_linear, cross_downstream
from airflow._borda.subset import module_getattr

__all__ = ["BaseOperator", "chain", "chain_linear", "cross_downstream"]

__getattr__ = module_getattr(__name__, package=False)
