"""The HTTP provider: of it, only ``HttpSensor`` (standard library only)."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
