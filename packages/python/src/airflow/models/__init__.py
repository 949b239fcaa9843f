"""Airflow's ``airflow.models``: ``DAG``, ``BaseOperator``, ``Param``, the ``TaskInstance``
and ``DagRun`` types that tasks receive, and ``Variable`` and ``Connection``."""

from airflow._borda.context import DagRun, TaskInstance
from airflow._borda.credentials import Connection, Variable
from airflow._borda.dag import DAG
from airflow._borda.operator import BaseOperator
from airflow._borda.params import Param
from airflow._borda.subset import module_getattr

__all__ = ["DAG", "BaseOperator", "Connection", "DagRun", "Param", "TaskInstance", "Variable"]

__getattr__ = module_getattr(__name__, package=True)
