"""Airflow 3's path of ``FileSensor`` (airflow.sensors.filesystem has it)."""

from airflow._borda.subset import module_getattr
from airflow.sensors.filesystem import FileSensor

__all__ = ["FileSensor"]

__getattr__ = module_getattr(__name__, package=False)
