"""The standard provider's operators: ``bash``, ``python``, ``branch`` and ``empty``."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
