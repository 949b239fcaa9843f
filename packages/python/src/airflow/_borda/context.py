"""The context an Airflow task receives: ``ti``, ``ds``, ``params``, ``dag_run``, ...

Made on the worker from Borda's ``TaskContext`` (what every Python task gets) when an
Airflow-style task runs. A callable receives the keywords it names, or all of them with
``**context`` (Airflow's rules, ``call_with_context``). ``ti.xcom_pull`` reads the run's
XComs through the runner, and ``ti.xcom_push`` keeps a value to store with the task's
result when it succeeds. ``var`` and ``conn`` read variables and connections through the
runner when a template or the task's code uses them (``credentials``).

Some of Airflow's context keywords have nothing behind them in Borda (the previous run's
dates, Airflow's configuration); a callable that names one is refused when the file is
parsed (``check_context_keywords``), and reading one from ``**context`` says why it is
missing.
"""

import inspect
import itertools
import logging
import socket
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from airflow._borda.assets import airflow_events
from airflow._borda.subset import SUBSET_DOCS, NotInSubsetError
from airflow._borda.user_code import Site
from airflow._borda.xcom_arg import RETURN_KEY
from borda import DagDefinitionError, TaskContext

if TYPE_CHECKING:
    from airflow._borda.operator import BaseOperator

_NO_RUN_DATES = "Borda does not give a task the dates of other runs"

# Airflow's context keywords (Airflow 2's and 3's) that Borda does not provide, and why.
NOT_PROVIDED = {
    "conf": "Airflow's configuration does not exist under Borda (the run's conf is dag_run.conf)",
    "next_ds": _NO_RUN_DATES,
    "next_ds_nodash": _NO_RUN_DATES,
    "next_execution_date": _NO_RUN_DATES,
    "prev_ds": _NO_RUN_DATES,
    "prev_ds_nodash": _NO_RUN_DATES,
    "prev_execution_date": _NO_RUN_DATES,
    "prev_execution_date_success": _NO_RUN_DATES,
    "prev_data_interval_start_success": _NO_RUN_DATES,
    "prev_data_interval_end_success": _NO_RUN_DATES,
    "prev_start_date_success": _NO_RUN_DATES,
    "prev_end_date_success": _NO_RUN_DATES,
    "inlet_events": "data lineage (inlets and outlets) is not supported",
    "outlet_events": "data lineage (inlets and outlets) is not supported",
    "exception": "Borda calls no failure callbacks",
    "reason": "Borda calls no failure callbacks",
    "task_reschedule_count": "Borda has no sensors or reschedules",
}

PROVIDED = frozenset(
    {
        "conn",
        "dag",
        "dag_run",
        "data_interval_end",
        "data_interval_start",
        "ds",
        "ds_nodash",
        "execution_date",
        "expanded_ti_count",
        "inlets",
        "logical_date",
        "macros",
        "map_index_template",
        "outlets",
        "params",
        "run_id",
        "start_date",
        "task",
        "task_instance",
        "task_instance_key_str",
        "templates_dict",
        "test_mode",
        "ti",
        "tomorrow_ds",
        "tomorrow_ds_nodash",
        "triggering_asset_events",
        "triggering_dataset_events",
        "try_number",
        "ts",
        "ts_nodash",
        "ts_nodash_with_tz",
        "var",
        "yesterday_ds",
        "yesterday_ds_nodash",
    }
)

KNOWN_CONTEXT_KEYS = PROVIDED | NOT_PROVIDED.keys()
"""Airflow's context keywords: a TaskFlow function's parameter by one of these names is
filled from the context, not from the call."""


class Context(dict[str, Any]):
    """The task's context (``airflow.utils.context.Context``, ``airflow.sdk.Context``)."""

    def __missing__(self, key: str) -> Any:
        if key in NOT_PROVIDED:
            raise KeyError(
                f"{key!r} is not in a Borda task's context: {NOT_PROVIDED[key]} ({SUBSET_DOCS})"
            )
        raise KeyError(key)


def check_context_keywords(
    function: Callable[..., Any],
    given: Iterable[str],
    owner: str,
    site: Site,
    *,
    taskflow: bool,
) -> None:
    """Refuses, when the DAG is declared, a callable that names a context keyword Borda does
    not provide (and that the call does not give), and, in TaskFlow, a context keyword
    with a default other than None (Airflow refuses that too)."""
    given = set(given)
    for name, parameter in inspect.signature(function).parameters.items():
        if name in NOT_PROVIDED and name not in given:
            raise NotInSubsetError(
                f"The context keyword '{name}' (a parameter of {owner})", NOT_PROVIDED[name], site
            )
        if (
            taskflow
            and name in KNOWN_CONTEXT_KEYS
            and parameter.default not in (None, inspect.Parameter.empty)
        ):
            raise DagDefinitionError(
                f"{owner}: context key parameter {name} can't have a default other than None.",
                site,
            )


def call_with_context(function: Callable[..., Any], args: list[Any], context: Context) -> Any:
    """Calls ``function(*args, **keywords)``, the keywords from ``context`` as Airflow picks
    them: all of it for a ``**kwargs`` parameter, else those the function names."""
    signature = inspect.signature(function)
    for name in itertools.islice(signature.parameters, len(args)):
        if name in context:
            raise ValueError(
                f"The key {name!r} in args is a part of kwargs and therefore reserved."
            )
    if any(p.kind is p.VAR_KEYWORD for p in signature.parameters.values()):
        return function(*args, **context)
    return function(
        *args, **{name: context[name] for name in signature.parameters if name in context}
    )


# The run types whose run ids say so (`dataset_triggered__2024-...`); any other is manual.
_RUN_TYPES = ("scheduled", "dataset_triggered")


class DagRun:
    """The run a task belongs to (``dag_run`` in the context)."""

    def __init__(self, data: TaskContext, logical_date: Any, start: Any, end: Any) -> None:
        self.dag_id = data.dag_id
        self.run_id = data.run_id
        self.conf: dict[str, Any] = dict(data.conf)
        self.logical_date = self.execution_date = logical_date
        self.data_interval_start = start
        self.data_interval_end = end
        self.run_type = next(
            (kind for kind in _RUN_TYPES if data.run_id.startswith(f"{kind}__")), "manual"
        )
        self.external_trigger = self.run_type == "manual"

    def __repr__(self) -> str:
        return f"<DagRun {self.dag_id} @ {self.logical_date}: {self.run_id}>"


class TaskInstance:
    """The running try of a task (``ti``, ``task_instance``): its ids, and XComs.

    ``xcom_pull(task_ids=...)``: one id gives that task's value (``default`` when it has
    none), a list gives a list in its order (None for a task without one), no id the
    running task's own (Airflow 3); a mapped task's value is the list of its results,
    and ``map_indexes`` (one index or a list) picks from it. XComs of other DAGs or runs
    are not readable. ``map_index`` is the running task instance's (-1: not mapped).
    ``xcom_push(key, value)`` keeps the value; it is stored with the task's result when
    the task succeeds.
    """

    def __init__(self, task: "BaseOperator", data: TaskContext, logical_date: Any) -> None:
        self.task = task
        self.dag_id = data.dag_id
        self.task_id = data.task_id
        self.run_id = data.run_id
        self.try_number = data.try_number
        self.map_index = data.map_index
        self.max_tries = task.retries
        self.logical_date = self.execution_date = logical_date
        self.hostname = socket.gethostname()
        self.state = "running"
        self.log = logging.getLogger("airflow.task")
        self.pushed: dict[str, Any] = {}
        self.dag_run: DagRun | None = None
        self.context: Context | None = None
        self._data = data

    def __repr__(self) -> str:
        return (
            f"<TaskInstance: {self.dag_id}.{self.task_id} {self.run_id} "
            f"[{self.state}] try {self.try_number}>"
        )

    def get_dagrun(self) -> DagRun | None:
        return self.dag_run

    def get_template_context(self) -> "Context | None":
        return self.context

    def xcom_push(self, key: str, value: Any, execution_date: Any = None) -> None:
        if not isinstance(key, str) or key == "":
            raise ValueError(f"An XCom key must be a non-empty string, not {key!r}.")
        self.pushed[key] = value

    def xcom_pull(
        self,
        task_ids: str | Iterable[str] | None = None,
        dag_id: str | None = None,
        key: str = RETURN_KEY,
        include_prior_dates: bool = False,
        *,
        map_indexes: Any = None,
        default: Any = None,
        run_id: str | None = None,
    ) -> Any:
        if dag_id not in (None, self.dag_id) or run_id not in (None, self.run_id):
            raise NotInSubsetError(
                "ti.xcom_pull() from another DAG or run",
                "a task reads the XComs of its own run",
            )
        if include_prior_dates:
            raise NotInSubsetError(
                "ti.xcom_pull(include_prior_dates=True)", "a task reads the XComs of its own run"
            )
        if task_ids is None or isinstance(task_ids, str):
            task_id = self.task_id if task_ids is None else task_ids
            found = self._values(key, [task_id])
            if map_indexes in (None, -1) or task_id not in found:
                return found.get(task_id, default)
            return self._at_map_indexes(task_id, found[task_id], map_indexes, default)
        ids = list(task_ids)
        values = self._values(key, ids)
        if map_indexes not in (None, -1):
            return [
                self._at_map_indexes(task_id, values.get(task_id), map_indexes, None)
                for task_id in ids
            ]
        return [values.get(task_id) for task_id in ids]

    def _at_map_indexes(self, task_id: str, value: Any, map_indexes: Any, default: Any) -> Any:
        """A mapped task's value (the list of its results, in map index order) at one map
        index, or a list of them at several; ``default`` (None in a list) where there is
        none, as for any index of a task that is not mapped (its one XCom is index -1)."""
        from airflow._borda.mapping import MappedOperator

        dag = self.task.dag
        mapped = dag is not None and isinstance(dag.task_dict.get(task_id), MappedOperator)

        def at(index: Any, missing: Any) -> Any:
            if mapped and isinstance(value, list) and isinstance(index, int):
                return value[index] if 0 <= index < len(value) else missing
            return missing

        if isinstance(map_indexes, int):
            return at(map_indexes, default)
        return [at(index, None) for index in map_indexes]

    def _values(self, key: str, task_ids: list[str]) -> dict[str, Any]:
        """The XComs ``key`` of ``task_ids`` that exist, asking the control plane only for
        what the task does not already hold: what it pushed itself, and the results of its
        direct upstream tasks (which come with the run)."""
        found: dict[str, Any] = {}
        to_ask = []
        direct = self.task._borda_upstream
        for task_id in task_ids:
            if task_id == self.task_id and key in self.pushed:
                found[task_id] = self.pushed[key]
            elif key == RETURN_KEY and task_id in direct:
                if task_id in self._data.upstream:
                    found[task_id] = self._data.upstream[task_id]
            else:
                to_ask.append(task_id)
        if to_ask:
            found.update(self._data.pull_xcoms(key, to_ask))
        return found


def airflow_datetime(value: datetime) -> datetime:
    """A pendulum ``DateTime`` as Airflow gives, when pendulum is installed; else ``value``."""
    try:
        import pendulum
    except ImportError:
        return value
    return pendulum.instance(value)


def make_context(task: "BaseOperator", data: TaskContext) -> Context:
    """The context of a run of ``task``, from Borda's ``TaskContext``."""
    from airflow import macros
    from airflow._borda.credentials import template_accessors

    logical_date = airflow_datetime(data.logical_date)
    # A manual run of an unscheduled DAG has no data interval: Airflow gives it the
    # logical date at both ends, and so does this.
    start = airflow_datetime(data.data_interval_start or data.logical_date)
    end = airflow_datetime(data.data_interval_end or data.logical_date)
    ti = TaskInstance(task, data, logical_date)
    dag_run = DagRun(data, logical_date, start, end)
    ds = logical_date.strftime("%Y-%m-%d")
    ts = logical_date.isoformat()
    yesterday = (logical_date - timedelta(days=1)).strftime("%Y-%m-%d")
    triggering = airflow_events(data.triggering_asset_events, airflow_datetime)
    tomorrow = (logical_date + timedelta(days=1)).strftime("%Y-%m-%d")
    context = Context(
        dag=task.dag,
        dag_run=dag_run,
        data_interval_end=end,
        data_interval_start=start,
        ds=ds,
        ds_nodash=ds.replace("-", ""),
        execution_date=logical_date,
        expanded_ti_count=None,
        inlets=list(task.inlets),
        logical_date=logical_date,
        macros=macros,
        map_index_template=task.map_index_template,
        outlets=list(task.outlets),
        params=dict(data.params),
        run_id=data.run_id,
        start_date=airflow_datetime(datetime.now(UTC)),
        task=task,
        task_instance=ti,
        task_instance_key_str=f"{data.dag_id}__{data.task_id}__{ds.replace('-', '')}",
        test_mode=False,
        ti=ti,
        tomorrow_ds=tomorrow,
        tomorrow_ds_nodash=tomorrow.replace("-", ""),
        triggering_asset_events=triggering,
        triggering_dataset_events=triggering,
        try_number=data.try_number,
        ts=ts,
        ts_nodash=logical_date.strftime("%Y%m%dT%H%M%S"),
        ts_nodash_with_tz=ts.replace("-", "").replace(":", ""),
        yesterday_ds=yesterday,
        yesterday_ds_nodash=yesterday.replace("-", ""),
        **template_accessors(data),
    )
    ti.dag_run = dag_run
    ti.context = context
    return context


def airflow_context_variables(context: Context) -> dict[str, str]:
    """The ``AIRFLOW_CTX_*`` variables Airflow sets for a task's processes."""
    task = context["task"]
    return {
        "AIRFLOW_CTX_DAG_OWNER": str(task.owner),
        "AIRFLOW_CTX_DAG_ID": context["dag_run"].dag_id,
        "AIRFLOW_CTX_TASK_ID": task.task_id,
        "AIRFLOW_CTX_LOGICAL_DATE": context["ts"],
        "AIRFLOW_CTX_EXECUTION_DATE": context["ts"],
        "AIRFLOW_CTX_TRY_NUMBER": str(context["try_number"]),
        "AIRFLOW_CTX_DAG_RUN_ID": context["run_id"],
    }


# The contexts of the tasks running in this process, innermost last (one, in a runner).
_current: list[Context] = []


@contextmanager
def current_context(context: Context) -> Iterator[None]:
    _current.append(context)
    try:
        yield
    finally:
        _current.pop()


def get_current_context() -> Context:
    """The running task's context, from anywhere in its code (Airflow's function)."""
    if not _current:
        from airflow.exceptions import AirflowException

        raise AirflowException(
            "Current context was requested but no context was found! Are you running within a task?"
        )
    return _current[-1]
