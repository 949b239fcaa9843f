"""Airflow 3's ``airflow.task.trigger_rule``: the ``TriggerRule`` enum."""

from airflow._borda.subset import module_getattr
from airflow._borda.trigger_rules import TriggerRule

__all__ = ["TriggerRule"]

__getattr__ = module_getattr(__name__, package=False)
