"""``ExternalTaskSensor``: waits for another DAG's task, or its whole run, to reach a state.

The other DAG's run is the one at the sensor's logical date, or at the date
``execution_delta`` before it, or at the date(s) ``execution_date_fn(logical_date)``
returns. Each poke asks the control plane for the state of that run or its task(s) (a
state string, nothing else of the other DAG). All in ``allowed_states`` (default
success) satisfies the sensor; all in ``failed_states`` fails the try, or skips the task
with ``soft_fail``; all in ``skipped_states`` skips it. With ``check_existence`` a poke
fails the try at once when the other DAG, or one of the tasks, does not exist (an
inactive or deleted DAG counts as missing), instead of waiting until the timeout.
"""

import inspect
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any, ClassVar

from airflow._borda.arguments import refuse_set_arguments
from airflow._borda.subset import NotInSubsetError, module_getattr
from airflow.exceptions import AirflowException, AirflowSkipException
from airflow.sensors.base import BaseSensorOperator
from borda import DagDefinitionError
from borda._context import running_task

__all__ = ["ExternalTaskSensor"]


class ExternalTaskSensor(BaseSensorOperator):
    template_fields: ClassVar[tuple[str, ...]] = (
        "external_dag_id",
        "external_task_id",
        "external_task_ids",
    )
    ui_color = "#4db7db"

    def __init__(
        self,
        *,
        external_dag_id: str,
        external_task_id: str | None = None,
        external_task_ids: Iterable[str] | None = None,
        external_task_group_id: str | None = None,
        allowed_states: Iterable[str] | None = None,
        skipped_states: Iterable[str] | None = None,
        failed_states: Iterable[str] | None = None,
        execution_delta: timedelta | None = None,
        execution_date_fn: Callable[..., Any] | None = None,
        check_existence: bool = False,
        poll_interval: float = 2.0,
        deferrable: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        owner = f"task '{self.task_id}' (ExternalTaskSensor)"
        refuse_set_arguments(owner, {"deferrable": deferrable}, self._borda_site)
        if external_task_group_id is not None:
            raise NotInSubsetError(
                f"The argument external_task_group_id= of {owner}",
                "task groups are not supported yet: name the tasks in external_task_ids",
                self._borda_site,
            )
        if external_task_id is not None and external_task_ids is not None:
            raise DagDefinitionError(
                f"{owner}: give external_task_id or external_task_ids, not both.",
                self._borda_site,
            )
        if execution_delta is not None and execution_date_fn is not None:
            raise DagDefinitionError(
                f"{owner}: give execution_delta or execution_date_fn, not both.",
                self._borda_site,
            )
        self.external_dag_id = external_dag_id
        self.external_task_id = external_task_id
        self.external_task_ids = (
            [external_task_id] if external_task_id is not None else list(external_task_ids or [])
        )
        self.allowed_states = list(allowed_states or ["success"])
        self.skipped_states = list(skipped_states or [])
        self.failed_states = list(failed_states or [])
        self.execution_delta = execution_delta
        self.execution_date_fn = execution_date_fn
        self.check_existence = check_existence
        self.poll_interval = poll_interval

    def _check_existence(self, task: Any, targets: list[str | None]) -> None:
        dag_id = self.external_dag_id
        if not task.dag_exists(dag_id):
            raise AirflowException(f"The external DAG '{dag_id}' does not exist.")
        for task_id in targets:
            if task_id is not None and not task.dag_exists(dag_id, task_id):
                raise AirflowException(
                    f"The external task '{task_id}' does not exist in DAG '{dag_id}'."
                )

    def poke(self, context: Any) -> bool:
        task = running_task()
        if task is None:
            raise RuntimeError("ExternalTaskSensor pokes only while its task runs on a worker.")
        targets = self.external_task_ids or [None]
        # Each poke runs on a fresh copy of the operator, so each checks (Airflow checks
        # once per try): a DAG deleted while the sensor waits fails it too.
        if self.check_existence:
            self._check_existence(task, targets)
        states = [
            task.dag_state(self.external_dag_id, task_id, date)
            for date in self._logical_dates(context)
            for task_id in targets
        ]
        what = (
            f"task(s) {', '.join(self.external_task_ids)} of DAG '{self.external_dag_id}'"
            if self.external_task_ids
            else f"DAG '{self.external_dag_id}'"
        )
        self.log.info("Poking for %s: %s", what, states)
        if self.failed_states and all(state in self.failed_states for state in states):
            message = f"The external {what} reached a failed state: {states}."
            if self.soft_fail:
                raise AirflowSkipException(f"{message} Skipped, as soft_fail is set.")
            raise AirflowException(message)
        if self.skipped_states and all(state in self.skipped_states for state in states):
            raise AirflowSkipException(f"The external {what} reached a skipped state: {states}.")
        return all(state in self.allowed_states for state in states)

    def _logical_dates(self, context: Any) -> list[datetime]:
        logical_date = context["logical_date"]
        if self.execution_delta is not None:
            return [logical_date - self.execution_delta]
        if self.execution_date_fn is not None:
            dates = _call_with_date(self.execution_date_fn, logical_date, context)
            return list(dates) if isinstance(dates, list | tuple) else [dates]
        return [logical_date]


def _call_with_date(function: Callable[..., Any], logical_date: datetime, context: Any) -> Any:
    """Airflow's call of ``execution_date_fn``: the logical date first, then the context
    keywords the function names (all of them for ``**kwargs``), whatever its first
    parameter is called."""
    parameters = list(inspect.signature(function).parameters.values())
    rest = parameters[1:]
    if any(p.kind is p.VAR_KEYWORD for p in rest):
        first = parameters[0].name if parameters else None
        return function(logical_date, **{k: v for k, v in context.items() if k != first})
    return function(logical_date, **{p.name: context[p.name] for p in rest if p.name in context})


__getattr__ = module_getattr(__name__, package=False)
