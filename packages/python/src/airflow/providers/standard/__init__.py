"""The standard provider (Airflow 3's home of the Bash, Python and Empty operators)."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
