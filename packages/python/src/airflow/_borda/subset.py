"""The edge of Borda's Airflow subset: what lies outside it, and how a DAG file learns so.

A DAG file meets the edge in three ways, and each gives an error that names the construct
(the module, class, argument or method) and points to the page that lists the subset:

- it imports an ``airflow.*`` module this layer does not have (a provider, a sensor, the
  TaskGroup module): the finder at the end of ``sys.meta_path`` refuses it;
- it imports a name a supported module does not have (``PythonVirtualenvOperator`` from
  ``airflow.operators.python``): that module's ``__getattr__`` refuses it;
- it uses an argument, a trigger rule or a method whose behaviour Borda does not have
  (``on_failure_callback``, ``.expand()``): the layer raises ``NotInSubsetError`` there.

Import errors are ``ModuleNotFoundError``s too, so a file's own ``try: ... except
ImportError:`` fallbacks keep working. Every error is a ``DagDefinitionError``, which the
DAG parser turns into the file's import error while every other DAG keeps running.
"""

import importlib
import importlib.abc
import sys
from collections.abc import Callable
from typing import Any

from borda import DagDefinitionError

SUBSET_DOCS = "docs/coming-from-airflow.md#the-supported-subset"

_SENSORS = (
    "of Airflow's sensors only BaseSensorOperator, PythonSensor, FileSensor, "
    "ExternalTaskSensor, HttpSensor and @task.sensor are part of it: poke in a @task.sensor "
    "function instead"
)
_DEFERRABLE = (
    "deferrable operators and triggers are not supported: a sensor in mode='reschedule' frees "
    "its slot between pokes instead"
)
_OTHER_BRANCHING = (
    "of Airflow's branching operators only BranchPythonOperator, ShortCircuitOperator and "
    "BaseBranchOperator are part of it: make the choice in a @task.branch function instead"
)
_TASK_GROUPS = "task groups are not supported yet: give the tasks prefixed ids instead"
_SETUP_TEARDOWN = "setup and teardown tasks are not supported: use trigger_rule='all_done'"
_ASSETS = (
    "of data-aware scheduling, Dataset, Asset, their & and | conditions, outlets and the "
    "triggering events are part of it; asset aliases, @asset, Metadata and asset watchers are not"
)
_OTHER_HOOKS = (
    "of Airflow's hooks only BaseHook, from airflow.hooks.base, is part of it: take the "
    "connection from BaseHook.get_connection() and use the client library directly"
)
_VIRTUALENV = (
    "run the task on a worker whose Python (BORDA_PYTHON) is a virtualenv with the packages it "
    "needs instead"
)
_TRIGGER_DAG_RUN = (
    "trigger the other DAG through Borda's REST API (POST /api/v1/dags/{dag_id}/dagRuns) "
    "from a task instead"
)
_AIRFLOW_1 = "this is the Airflow 1 module path: import it from airflow.operators.{}"

# Dotted names (modules, or module.Name) → why they are outside the subset; the longest
# matching prefix wins.
_HINTS = {
    "airflow.providers": (
        "provider packages are not part of it, except airflow.providers.standard's "
        "BashOperator, PythonOperator, BranchPythonOperator, ShortCircuitOperator, "
        "BaseBranchOperator, EmptyOperator and sensors, airflow.providers.http's HttpSensor, "
        "and the SlackWebhookNotifier and SmtpNotifier notifiers"
    ),
    "airflow.providers.standard.sensors": _SENSORS,
    "airflow.providers.standard.triggers": _DEFERRABLE,
    "airflow.providers.standard.operators.trigger_dagrun": _TRIGGER_DAG_RUN,
    "airflow.providers.standard.operators.latest_only": _OTHER_BRANCHING,
    "airflow.providers.standard.operators.weekday": _OTHER_BRANCHING,
    "airflow.providers.standard.operators.datetime": _OTHER_BRANCHING,
    "airflow.providers.standard.operators.python.PythonVirtualenvOperator": _VIRTUALENV,
    "airflow.providers.standard.operators.python.ExternalPythonOperator": _VIRTUALENV,
    "airflow.providers.standard.operators.python.BranchPythonVirtualenvOperator": _VIRTUALENV,
    "airflow.providers.standard.operators.python.BranchExternalPythonOperator": _VIRTUALENV,
    "airflow.sensors": _SENSORS,
    "airflow.triggers": _DEFERRABLE,
    "airflow.operators.trigger_dagrun": _TRIGGER_DAG_RUN,
    "airflow.operators.latest_only": _OTHER_BRANCHING,
    "airflow.operators.weekday": _OTHER_BRANCHING,
    "airflow.operators.datetime": _OTHER_BRANCHING,
    "airflow.operators.python.BranchExternalPythonOperator": _VIRTUALENV,
    "airflow.operators.python.BranchPythonVirtualenvOperator": _VIRTUALENV,
    "airflow.operators.python.PythonVirtualenvOperator": _VIRTUALENV,
    "airflow.operators.python.ExternalPythonOperator": _VIRTUALENV,
    "airflow.operators.email": "Borda sends no email",
    "airflow.operators.subdag": "SubDAGs are not supported: split the work into DAGs",
    "airflow.operators.bash_operator": _AIRFLOW_1.format("bash"),
    "airflow.operators.python_operator": _AIRFLOW_1.format("python"),
    "airflow.operators.dummy_operator": _AIRFLOW_1.format("empty"),
    "airflow.contrib": "Airflow 1's contrib modules are not part of it",
    "airflow.utils.helpers": (
        "import chain and cross_downstream from airflow.models.baseoperator or airflow.sdk"
    ),
    "airflow.utils.task_group": _TASK_GROUPS,
    "airflow.decorators.task_group": _TASK_GROUPS,
    "airflow.sdk.TaskGroup": _TASK_GROUPS,
    "airflow.sdk.task_group": _TASK_GROUPS,
    "airflow.decorators.setup": _SETUP_TEARDOWN,
    "airflow.decorators.teardown": _SETUP_TEARDOWN,
    "airflow.sdk.setup": _SETUP_TEARDOWN,
    "airflow.sdk.teardown": _SETUP_TEARDOWN,
    "airflow.assets": _ASSETS,
    "airflow.datasets.DatasetAlias": _ASSETS,
    "airflow.datasets.metadata": _ASSETS,
    "airflow.sdk.AssetAlias": _ASSETS,
    "airflow.sdk.asset": _ASSETS,
    "airflow.sdk.Metadata": _ASSETS,
    "airflow.hooks": _OTHER_HOOKS,
    "airflow.hooks.base_hook": (
        "this is the Airflow 1 module path: import BaseHook from airflow.hooks.base"
    ),
    "airflow.settings.Session": (
        "tasks do not reach a metadata database: create connections with `borda connections "
        "add` and variables with `borda variables set`, the REST API or the UI"
    ),
    "airflow.models.XCom": "the XCom model is not supported: use ti.xcom_pull and ti.xcom_push",
    "airflow.models.xcom": "the XCom model is not supported: use ti.xcom_pull and ti.xcom_push",
    "airflow.timetables": (
        "custom timetables are not supported: schedule with a cron expression, a preset or a "
        "timedelta"
    ),
    "airflow.utils.edgemodifier": "edge labels are not supported: use plain >> dependencies",
    "airflow.sdk.Label": "edge labels are not supported: use plain >> dependencies",
    "airflow.configuration": (
        "Airflow's configuration does not exist under Borda: Borda is configured by its own "
        "flags and environment variables"
    ),
}


class NotInSubsetError(DagDefinitionError):
    """A construct outside Borda's Airflow-compatible subset, named, with what to do instead."""

    def __init__(
        self, construct: str, hint: str | None = None, where: tuple[str, int] | None = None
    ) -> None:
        hint = hint if hint is not None else hint_for(construct)
        reason = f" ({hint})" if hint else ""
        super().__init__(
            f"{construct} is outside Borda's Airflow-compatible subset{reason}; see {SUBSET_DOCS}.",
            where,
        )
        self.construct = construct


class NotInSubsetImportError(NotInSubsetError, ModuleNotFoundError):
    """An import of a module or name outside the subset (a ``ModuleNotFoundError`` too)."""

    def __init__(self, dotted_name: str) -> None:
        super().__init__(dotted_name)
        self.name = dotted_name


def hint_for(dotted_name: str) -> str | None:
    """Why ``dotted_name`` (a module, or ``module.Name``) is outside the subset, if known."""
    parts = dotted_name.split(".")
    for end in range(len(parts), 0, -1):
        hint = _HINTS.get(".".join(parts[:end]))
        if hint is not None:
            return hint
    return None


class _OutsideTheSubset(importlib.abc.MetaPathFinder):
    """Last on ``sys.meta_path``: an ``airflow.*`` module no finder before it found is one
    this layer does not have, so the import fails with the reason instead of "No module"."""

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> None:
        if fullname.startswith("airflow."):
            raise NotInSubsetImportError(_imported_name(fullname))


def _imported_name(missing: str) -> str:
    """The module the file imports, of which ``missing`` is the first package not found:
    ``import airflow.providers.postgres.operators.postgres`` looks for
    ``airflow.providers.postgres`` first, but the error should name what the file wrote."""
    frame = sys._getframe(1)
    name = missing
    while frame is not None:
        if frame.f_code.co_filename.startswith("<frozen importlib"):
            wanted = frame.f_locals.get("name")
            if isinstance(wanted, str) and wanted.startswith(missing + "."):
                name = max(name, wanted, key=len)
        frame = frame.f_back
    return name


def install_finder() -> None:
    if not any(isinstance(finder, _OutsideTheSubset) for finder in sys.meta_path):
        sys.meta_path.append(_OutsideTheSubset())


def module_getattr(module: str, *, package: bool) -> Callable[[str], Any]:
    """A module's ``__getattr__``: a name the module lacks is outside the subset.

    For a package, the name may be a submodule (``from airflow.operators import bash``):
    importing it finds this layer's module, or fails with the finder's error.
    """

    def __getattr__(name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        if package:
            return importlib.import_module(f"{module}.{name}")
        raise NotInSubsetImportError(f"{module}.{name}")

    return __getattr__
