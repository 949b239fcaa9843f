"""Airflow 3's path of ``BaseBranchOperator`` and ``BranchMixIn`` (airflow.operators.branch
has them)."""

from airflow._borda.subset import module_getattr
from airflow.operators.branch import BaseBranchOperator, BranchMixIn

__all__ = ["BaseBranchOperator", "BranchMixIn"]

__getattr__ = module_getattr(__name__, package=False)
