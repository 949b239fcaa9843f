"""Airflow 3's authoring interface (``airflow.sdk``), within Borda's subset."""

from airflow._borda.assets import Asset, AssetAll, AssetAny
from airflow._borda.context import Context, get_current_context
from airflow._borda.credentials import BaseHook, Connection, Variable
from airflow._borda.dag import DAG, dag
from airflow._borda.operator import BaseOperator, chain, chain_linear, cross_downstream
from airflow._borda.params import Param
from airflow._borda.subset import module_getattr
from airflow._borda.taskflow import task
from airflow._borda.trigger_rules import TriggerRule
from airflow._borda.xcom_arg import XComArg
from airflow.sensors.base import BaseSensorOperator, PokeReturnValue

__all__ = [
    "DAG",
    "Asset",
    "AssetAll",
    "AssetAny",
    "BaseHook",
    "BaseOperator",
    "BaseSensorOperator",
    "Connection",
    "Context",
    "Param",
    "PokeReturnValue",
    "TriggerRule",
    "Variable",
    "XComArg",
    "chain",
    "chain_linear",
    "cross_downstream",
    "dag",
    "get_current_context",
    "task",
]

__getattr__ = module_getattr(__name__, package=True)
