"""Variables, connections and hooks: what Airflow code reads through the running task.

``Variable.get``, ``BaseHook.get_connection`` (and ``Connection.get``) and the templates'
``var`` and ``conn`` ask the worker for one value, through Borda's ``TaskContext``
(``connection()``, ``variable()``), when they are used and only while a task runs: the
worker looks in its own environment and secrets directory first, then asks the control
plane, which answers only within the value's scope (docs/connections-and-variables.md),
and masks what it hands out in the task's log.

While a DAG file is imported, no task is running: the control plane parses the file
with nothing to ask, and the runner's import is shared by every later run of its
process, so a value read then would outlive the attempt it was read for. So at import
``Variable.get`` with a default answers the default, and without one (or a connection)
is refused, saying to read it when the task runs. The refusal is also the ``KeyError``
(the ``AirflowNotFoundException``) Airflow raises for a value that does not exist, so a
file's own fallback for that case still works.

Where Airflow raises for a value that does not exist, so does this: ``KeyError`` from
``Variable.get``, ``AirflowNotFoundException`` from ``get_connection``. A value the task
may not read raises ``borda.LookupFailed`` with the worker's reason.
"""

import logging
from typing import Any, NoReturn

from airflow._borda.arguments import NOTSET
from airflow._borda.subset import NotInSubsetError
from airflow._borda.user_code import user_site
from airflow.exceptions import AirflowNotFoundException
from borda import Connection as BordaConnection
from borda import LookupFailed, TaskContext
from borda._context import running_task

_WRITES = (
    "tasks cannot change variables: set them with `borda variables set`, the REST API or "
    "the UI's Variables page"
)
_PROVIDER_HOOKS = (
    "provider hooks are not part of it: take the connection's fields from "
    "BaseHook.get_connection() and use the client library directly"
)


class Connection(BordaConnection):
    """Airflow's ``Connection`` (``airflow.models.Connection``, ``airflow.sdk.Connection``):
    Borda's ``Connection``, plus Airflow's ways to read one by id."""

    EXTRA_KEY = "__extra__"

    @classmethod
    def get(cls, conn_id: str) -> "Connection":
        """Airflow 3's ``Connection.get``: as ``BaseHook.get_connection``."""
        return read_connection(conn_id, "Connection.get")

    @classmethod
    def get_connection_from_secrets(cls, conn_id: str) -> "Connection":
        """Airflow 2's ``Connection.get_connection_from_secrets``: as ``get``."""
        return read_connection(conn_id, "Connection.get_connection_from_secrets")

    def get_hook(self, *, hook_params: Any = None) -> NoReturn:
        raise NotInSubsetError("Connection.get_hook()", _PROVIDER_HOOKS, user_site())


class BaseHook:
    """Airflow's base class of hooks: ``get_connection``, and a logger that writes to the
    task's log. Subclasses that talk to a system with a client library work as in Airflow."""

    def __init__(self, logger_name: str | None = None) -> None:
        self._logger_name = logger_name

    @property
    def log(self) -> logging.Logger:
        name = getattr(self, "_logger_name", None)
        return logging.getLogger(
            name or f"airflow.task.hooks.{type(self).__module__}.{type(self).__name__}"
        )

    @classmethod
    def get_connection(cls, conn_id: str) -> Connection:
        """The connection ``conn_id``, read through the running task."""
        return read_connection(conn_id, "BaseHook.get_connection")

    @classmethod
    def get_hook(cls, conn_id: str, hook_params: Any = None) -> NoReturn:
        raise NotInSubsetError("BaseHook.get_hook()", _PROVIDER_HOOKS, user_site())

    def get_conn(self) -> Any:
        raise NotImplementedError()


class Variable:
    """Airflow's ``Variable`` (``airflow.models.Variable``, ``airflow.sdk.Variable``):
    ``Variable.get`` reads one through the running task; tasks cannot write them."""

    @classmethod
    def get(
        cls,
        key: str,
        default_var: Any = NOTSET,
        deserialize_json: bool = False,
        *,
        default: Any = NOTSET,
    ) -> Any:
        """The variable's value (parsed, with ``deserialize_json``); ``default_var``
        (Airflow 3: ``default``) when it is defined nowhere, else ``KeyError``."""
        if default is not NOTSET:
            if default_var is not NOTSET:
                raise TypeError("Variable.get() takes default_var or default, not both.")
            default_var = default
        return read_variable(key, default_var, deserialize_json, "Variable.get")

    @classmethod
    def set(cls, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotInSubsetError("Variable.set()", _WRITES, user_site())

    @classmethod
    def setdefault(cls, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotInSubsetError("Variable.setdefault()", _WRITES, user_site())

    @classmethod
    def update(cls, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotInSubsetError("Variable.update()", _WRITES, user_site())

    @classmethod
    def delete(cls, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotInSubsetError("Variable.delete()", _WRITES, user_site())


class VariableReadAtImport(NotInSubsetError, KeyError):
    """``Variable.get`` without a default while a DAG file is imported (a ``KeyError`` too)."""

    __str__ = Exception.__str__  # not KeyError's, which would quote the message


class ConnectionReadAtImport(NotInSubsetError, AirflowNotFoundException):
    """A connection read while a DAG file is imported (an ``AirflowNotFoundException`` too)."""


def read_variable(key: str, default: Any, deserialize_json: bool, how: str) -> Any:
    """The variable ``key`` as Airflow's ``how`` answers it; ``default`` (NOTSET: none)
    when it is defined nowhere."""
    task = running_task()
    if task is None:
        if default is not NOTSET:
            return default
        raise VariableReadAtImport(
            f"{how}({key!r}) while the DAG file is parsed",
            "variables are read when tasks run, not when the DAG file is parsed: give it a "
            f"default ({how}({key!r}, default_var=...)), or read it in the task's code or in "
            f"a template ({{{{ var.value{_attribute(key)} }}}})",
            user_site(),
        )
    return _variable_of(task, key, default, deserialize_json)


def read_connection(conn_id: str, how: str) -> Connection:
    """The connection ``conn_id`` as Airflow's ``how`` answers it."""
    task = running_task()
    if task is None:
        raise ConnectionReadAtImport(
            f"{how}({conn_id!r}) while the DAG file is parsed",
            "connections are read when tasks run, not when the DAG file is parsed: read it "
            f"in the task's code (an operator's execute, a python_callable) or in a template "
            f"({{{{ conn{_attribute(conn_id)}.host }}}})",
            user_site(),
        )
    return _connection_of(task, conn_id)


def _variable_of(task: TaskContext, key: str, default: Any, deserialize_json: bool) -> Any:
    defaults = {} if default is NOTSET else {"default": default}
    try:
        return task.variable(key, deserialize_json=deserialize_json, **defaults)
    except LookupFailed as error:
        if error.code == "not_found":
            raise KeyError(str(error)) from None
        raise


def _connection_of(task: TaskContext, conn_id: str) -> Connection:
    try:
        connection = task.connection(conn_id)
    except LookupFailed as error:
        if error.code == "not_found":
            raise AirflowNotFoundException(str(error)) from None
        raise
    return Connection(**vars(connection))


def _attribute(name: str) -> str:
    """How a template reads ``name`` of an accessor: ``.name``, or ``.get('na-me')``."""
    return f".{name}" if name.isidentifier() else f".get({name!r})"


class VariableAccessor:
    """``var.value`` and ``var.json`` in templates: ``{{ var.value.region }}``,
    ``{{ var.json.settings.mode }}``, ``{{ var.value.get('region', 'eu-west') }}``."""

    def __init__(self, task: TaskContext, deserialize_json: bool) -> None:
        self._task = task
        self._deserialize_json = deserialize_json

    def __repr__(self) -> str:
        return "<VariableAccessor (each variable read when used)>"

    def __getattr__(self, key: str) -> Any:
        # Probes of Python and Jinja (__html__, __deepcopy__) are not variables.
        if key.startswith("_"):
            raise AttributeError(key)
        return self.get(key)

    def get(self, key: str, default: Any = NOTSET, *, default_var: Any = NOTSET) -> Any:
        """The variable ``key``; ``default`` (Airflow 2: ``default_var``) when it is
        defined nowhere, else ``KeyError``."""
        default = default_var if default is NOTSET else default
        return _variable_of(self._task, key, default, self._deserialize_json)


class ConnectionAccessor:
    """``conn`` in templates: ``{{ conn.plant_db.host }}``, ``{{ conn.get('plant_db') }}``."""

    def __init__(self, task: TaskContext) -> None:
        self._task = task

    def __repr__(self) -> str:
        return "<ConnectionAccessor (each connection read when used)>"

    def __getattr__(self, conn_id: str) -> Connection:
        if conn_id.startswith("_"):
            raise AttributeError(conn_id)
        return _connection_of(self._task, conn_id)

    def get(self, conn_id: str, default_conn: Any = None) -> Any:
        """The connection ``conn_id``; ``default_conn`` when it is defined nowhere."""
        try:
            return _connection_of(self._task, conn_id)
        except AirflowNotFoundException:
            return default_conn


def template_accessors(task: TaskContext) -> dict[str, Any]:
    """The context's ``var`` and ``conn``, reading through ``task`` when used."""
    return {
        "var": {
            "json": VariableAccessor(task, deserialize_json=True),
            "value": VariableAccessor(task, deserialize_json=False),
        },
        "conn": ConnectionAccessor(task),
    }
