"""Airflow 3's path of ``PythonSensor`` (airflow.sensors.python has it)."""

from airflow._borda.subset import module_getattr
from airflow.sensors.python import PythonSensor

__all__ = ["PythonSensor"]

__getattr__ = module_getattr(__name__, package=False)
