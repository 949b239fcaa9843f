"""Running an Airflow task on the worker: what the runner's ``task.run(context)`` does.

The runner imports a DAG file once per process and runs many tries of its tasks, so each
try works on a copy of the declared operator (for a mapped task, an operator made for its
map index): its templated fields are rendered into the copy, and nothing a try changes
reaches the next. The try's result is ``Returned`` (the
return value, and the XComs it pushed, stored when it succeeds) or, for bash tasks,
``BashCommand`` for the worker to run (``borda._registry``).

While the task runs, ``get_current_context()`` returns its context, the ``AIRFLOW_CTX_*``
variables are set, and Airflow's task loggers (``ti.log``, ``self.log``, and the root
logger when the file configured none) write to the task's log.
"""

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from airflow._borda.context import (
    Context,
    airflow_context_variables,
    current_context,
    make_context,
)
from airflow._borda.templating import render, render_template_fields
from airflow.exceptions import AirflowFailException
from borda import TaskContext
from borda._registry import BashCommand, Returned, RunResult

if TYPE_CHECKING:
    from airflow._borda.operator import BaseOperator


def run_task(operator: "BaseOperator", data: TaskContext) -> RunResult:
    task, untemplated = operator._borda_for_run(data)
    context = make_context(task, data)
    ti = context["ti"]
    with current_context(context), _context_variables(context), _task_logging():
        try:
            render_template_fields(task, context, untemplated)
            result = task._borda_execute(context)
            # As Airflow does: after the task ran, so values it set in the context count.
            rendered_map_index = (
                str(render(task.map_index_template, context, task, "map_index_template"))
                if task.map_index_template and ti.map_index >= 0
                else None
            )
        except AirflowFailException:
            print(
                "AirflowFailException: Borda fails the task and retries it like any failure "
                "(its retries are not skipped).",
                file=sys.stderr,
            )
            raise
    if isinstance(result, BashCommand):
        return result
    xcoms = dict(ti.pushed)
    if task.multiple_outputs and result is not None:
        if not isinstance(result, dict) or not all(isinstance(key, str) for key in result):
            raise TypeError(
                f"Task '{task.task_id}' has multiple_outputs, so it must return a dict with "
                f"string keys, not {type(result).__name__}."
            )
        xcoms.update(result)
    # A value pushed as "return_value" by hand counts when the task returns none. A
    # branch's or short-circuit's result is kept even with do_xcom_push=False: the control
    # plane steers the tasks after it by this value (Airflow skips them from inside the task).
    # A sensor's is its poke's, which the worker reads.
    pushed_result = xcoms.pop("return_value", None)
    keeps_result = (
        task.do_xcom_push or task._borda_flow() is not None or task._borda_sensor() is not None
    )
    value = result if keeps_result and result is not None else pushed_result
    return Returned(value, xcoms, rendered_map_index)


@contextmanager
def _context_variables(context: Context) -> Iterator[None]:
    variables = airflow_context_variables(context)
    saved = {name: os.environ.get(name) for name in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _TaskLogHandler(logging.Handler):
    """Writes records to the task's stdout as it is when they are written (the runner
    gives each try its own), in Airflow's format without the time (the worker adds it)."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.setFormatter(
            logging.Formatter("{%(filename)s:%(lineno)d} %(levelname)s - %(message)s")
        )

    def emit(self, record: logging.LogRecord) -> None:
        try:
            sys.stdout.write(self.format(record) + "\n")
        except Exception:
            self.handleError(record)


_handler = _TaskLogHandler()


@contextmanager
def _task_logging() -> Iterator[None]:
    task_logger = logging.getLogger("airflow.task")
    root = logging.getLogger()
    handlers = [(task_logger, True)] + ([(root, False)] if not root.handlers else [])
    saved = [(logger, logger.level, logger.propagate) for logger, _ in handlers]
    for logger, own in handlers:
        logger.addHandler(_handler)
        logger.setLevel(logging.INFO)
        if own:
            logger.propagate = False
    try:
        yield
    finally:
        for logger, level, propagate in saved:
            logger.removeHandler(_handler)
            logger.setLevel(level)
            logger.propagate = propagate
