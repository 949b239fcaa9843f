"""``EmptyOperator``: a task that does nothing (a join or a marker in the graph).

Unlike Airflow, which marks it successful without running it, Borda runs it like any
Python task (on a worker serving its queue): it succeeds at once with no result.
"""

from typing import Any

from airflow._borda.operator import BaseOperator
from airflow._borda.subset import module_getattr

__all__ = ["EmptyOperator"]


class EmptyOperator(BaseOperator):
    ui_color = "#e8f7e4"

    def execute(self, context: Any) -> None:
        pass


__getattr__ = module_getattr(__name__, package=False)
