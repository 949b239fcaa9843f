"""Airflow's ``airflow.utils.context``: the ``Context`` type tasks receive."""

from airflow._borda.context import Context, get_current_context
from airflow._borda.subset import module_getattr

__all__ = ["Context", "get_current_context"]

__getattr__ = module_getattr(__name__, package=False)
