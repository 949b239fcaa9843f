"""The HTTP provider's sensors: ``http``."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
