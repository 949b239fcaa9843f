"""The arguments of Airflow's classes that Borda ignores, and those it refuses.

Airflow's ``DAG`` and ``BaseOperator`` take many arguments. Those that change what runs
are supported (they become the DAG spec) or refused when set (``on_execute_callback``:
silently not calling it would be worse than saying so); those that only describe or
display (``owner``, ``doc_md``) are accepted and ignored.
"""

from typing import Any

from airflow._borda.subset import NotInSubsetError
from airflow._borda.user_code import Site


class _NotSet:
    def __repr__(self) -> str:
        return "NOTSET"


NOTSET: Any = _NotSet()
"""An argument not given (None may mean something)."""

_CALLBACKS = (
    "Borda runs on_success_callback, on_failure_callback and on_retry_callback only "
    "(docs/notifications.md)"
)
_PAST = "a task cannot wait on its state in earlier runs in Borda"

# Name → why, for arguments refused when set to anything but "off" (None, False, empty).
REFUSED_WHEN_SET = {
    "on_execute_callback": _CALLBACKS,
    "on_skipped_callback": _CALLBACKS,
    "sla_miss_callback": _CALLBACKS,
    "pre_execute": _CALLBACKS,
    "post_execute": _CALLBACKS,
    "sla": "Borda has no SLAs: give the task an execution_timeout",
    "depends_on_past": _PAST,
    "wait_for_downstream": _PAST,
    "task_concurrency": "Borda has no per-task concurrency limit: use a pool",
    "max_active_tis_per_dag": "Borda has no per-task concurrency limit: use a pool",
    "run_as_user": "tasks run as the worker's user",
    "executor": "Borda has no executors: a task's queue chooses the workers that run it",
    "executor_config": "Borda has no executors: a task's queue chooses the workers that run it",
    "resources": "Borda does not reserve resources: a task's pool_slots count against its pool",
    "inlets": "data lineage (inlets) is not supported: outlets are",
    "task_group": "task groups are not supported yet: give the tasks prefixed ids instead",
    "params": "task-level params are not supported: declare params on the DAG",
    "timetable": (
        "custom timetables are not supported: schedule with a cron expression, a preset or a "
        "timedelta"
    ),
    "template_searchpath": "templates read from files are not supported: write them inline",
    "templates_exts": "templates read from files are not supported: write them inline",
    "dagrun_timeout": "Borda has no run timeout: give the tasks an execution_timeout",
    "max_consecutive_failed_dag_runs": "Borda does not pause a DAG after failed runs",
    "access_control": "Borda's roles apply to every DAG; per-DAG access control is not supported",
    "fail_stop": "Borda does not stop a run at its first failure",
    "fail_fast": "Borda does not stop a run at its first failure",
    "output_processor": "a BashOperator's output is its last line, as is",
    "skip_on_exit_code": "a bash task cannot skip by its exit code: a non-zero exit fails it",
    "skip_exit_code": "a bash task cannot skip by its exit code: a non-zero exit fails it",
    "deadline": "Borda has no deadline alerts",
    "deferrable": (
        "deferrable operators are not supported: a sensor in mode='reschedule' frees its slot "
        "between pokes instead"
    ),
    "max_wait": "a sensor's exponential backoff is capped by its timeout only",
    "silent_fail": "a sensor's poke that raises fails the try, as any task's",
    "never_fail": "a sensor's poke that raises fails the try, as any task's",
}


def is_off(value: Any) -> bool:
    return value is None or value is False or value is NOTSET or value in ((), [], {})


def refuse_set_arguments(owner: str, arguments: dict[str, Any], site: Site) -> None:
    """Raises for the first argument of ``REFUSED_WHEN_SET`` given a value that is not off."""
    for name, value in arguments.items():
        if name in REFUSED_WHEN_SET and not is_off(value):
            raise NotInSubsetError(f"The argument {name}= of {owner}", REFUSED_WHEN_SET[name], site)
