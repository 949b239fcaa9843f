"""Airflow's providers: of them, only ``airflow.providers.standard``'s operators."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
