"""Airflow 3's path of ``ExternalTaskSensor`` (airflow.sensors.external_task has it)."""

from airflow._borda.subset import module_getattr
from airflow.sensors.external_task import ExternalTaskSensor

__all__ = ["ExternalTaskSensor"]

__getattr__ = module_getattr(__name__, package=False)
