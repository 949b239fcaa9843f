"""TaskFlow: ``@task``, ``@task.python``, ``@task.bash``, ``@task.branch``,
``@task.short_circuit`` and ``@task.sensor``.

A decorated function, called inside a DAG, declares a task and returns its ``XComArg``.
Its arguments are the task's: an ``XComArg`` (another TaskFlow call's result, or
``operator.output``) makes that task an upstream and passes its value when this one runs;
plain values (strings are templated) are passed as they are. Parameters named after
Airflow's context keywords (``ti``, ``ds``, ``params``, ...) are filled from the context,
as is ``**kwargs``. With ``multiple_outputs=True`` (or a ``dict`` return annotation) each
key of the returned dict is pushed as an XCom of its own, and ``result["key"]`` passes
one. ``@task.bash``'s function returns the command to run, itself templated.
``@task.branch`` and ``@task.short_circuit`` are ``BranchPythonOperator`` and
``ShortCircuitOperator`` with TaskFlow's arguments; ``@task.sensor`` is a ``PythonSensor``
whose function is the poke. ``fn.expand(...)``, ``fn.partial(...).expand(...)`` and
``fn.expand_kwargs(...)`` map the function's arguments instead (``mapping``).
"""

import inspect
import re
import typing
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from airflow._borda.context import (
    KNOWN_CONTEXT_KEYS,
    Context,
    call_with_context,
    check_context_keywords,
)
from airflow._borda.dag import DAG, current_dag
from airflow._borda.mapping import OperatorPartial
from airflow._borda.subset import NotInSubsetError
from airflow._borda.templating import render
from airflow._borda.user_code import user_site
from airflow._borda.xcom_arg import RETURN_KEY, XComArg
from airflow.operators.bash import BashOperator, bash_command
from airflow.operators.python import BranchPythonOperator, PythonOperator, ShortCircuitOperator
from airflow.sensors.python import PythonSensor
from borda import DagDefinitionError
from borda._registry import BashCommand

_VIRTUALENV = (
    "run the task on a worker whose Python (BORDA_PYTHON) is a virtualenv with its packages"
)

# ``@task.<name>`` variants Airflow has and Borda does not, and why.
_VARIANTS_WITHOUT = {
    "run_if": "Borda has no run conditions: raise AirflowSkipException in the task instead",
    "skip_if": "Borda has no skip conditions: raise AirflowSkipException in the task instead",
    "virtualenv": _VIRTUALENV,
    "external_python": _VIRTUALENV,
    "branch_virtualenv": f"{_VIRTUALENV}, as a @task.branch",
    "branch_external_python": f"{_VIRTUALENV}, as a @task.branch",
    "docker": "run the task on a worker in a container image with what it needs (its queue)",
    "kubernetes": "run the task on a worker in a container image with what it needs (its queue)",
    "pyspark": "provider decorators are not part of the subset",
}


class _PythonDecoratedOperator(PythonOperator):
    """A ``@task`` call's operator: the function, its call's arguments, and Airflow's rules."""

    custom_operator_name: ClassVar[str | None] = "@task"

    def _borda_check_callable(self, owner: str) -> None:
        check_arguments(self.python_callable, self.op_args, self.op_kwargs, owner, self._borda_site)

    def _borda_inputs(self) -> dict[str, str]:
        return inputs_by_name(self.python_callable, self.op_args, self.op_kwargs)


class _BranchDecoratedOperator(_PythonDecoratedOperator, BranchPythonOperator):
    """A ``@task.branch`` call's operator."""

    custom_operator_name: ClassVar[str | None] = "@task.branch"


class _ShortCircuitDecoratedOperator(_PythonDecoratedOperator, ShortCircuitOperator):
    """A ``@task.short_circuit`` call's operator (``ignore_downstream_trigger_rules=`` too)."""

    custom_operator_name: ClassVar[str | None] = "@task.short_circuit"


class _SensorDecoratedOperator(_PythonDecoratedOperator, PythonSensor):
    """A ``@task.sensor`` call's operator (``poke_interval=``, ``timeout=``, ``mode=``, ...)."""

    custom_operator_name: ClassVar[str | None] = "@task.sensor"


class _BashDecoratedOperator(BashOperator):
    """A ``@task.bash`` call's operator: the function returns the command to run."""

    template_fields: ClassVar[tuple[str, ...]] = ("op_args", "op_kwargs", "env", "cwd")
    custom_operator_name: ClassVar[str | None] = "@task.bash"

    def __init__(
        self,
        *,
        python_callable: Callable[..., Any],
        op_args: Any = None,
        op_kwargs: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.pop("multiple_outputs", None)
        super().__init__(bash_command=None, **kwargs)
        self.python_callable = python_callable
        self.op_args = list(op_args or [])
        self.op_kwargs = dict(op_kwargs or {})
        owner = f"task '{self.task_id}' (@task.bash)"
        check_arguments(python_callable, self.op_args, self.op_kwargs, owner, self._borda_site)

    def _borda_inputs(self) -> dict[str, str]:
        return inputs_by_name(self.python_callable, self.op_args, self.op_kwargs)

    def _borda_execute(self, context: Context) -> BashCommand:
        context.update(self.op_kwargs)
        command = call_with_context(self.python_callable, self.op_args, context)
        if not isinstance(command, str) or command.strip() == "":
            raise TypeError(
                f"The function of @task.bash task '{self.task_id}' must return the command to "
                f"run, a non-empty string; it returned {command!r}."
            )
        return bash_command(self, render(command, context, self, "bash_command"), context)


def check_arguments(
    function: Callable[..., Any], args: list[Any], kwargs: dict[str, Any], owner: str, site: Any
) -> None:
    """Checks a TaskFlow call's arguments against the function, as Airflow does when the
    function is called in a DAG: context keywords may be left out (the context fills them)."""
    signature = inspect.signature(function)
    try:
        bound = signature.bind_partial(*args, **kwargs)
    except TypeError as error:
        raise DagDefinitionError(f"{owner}: {error}.", site) from None
    check_context_keywords(function, bound.arguments, owner, site, taskflow=True)
    missing = [
        name
        for name, parameter in signature.parameters.items()
        if parameter.kind not in (parameter.VAR_POSITIONAL, parameter.VAR_KEYWORD)
        and parameter.default is inspect.Parameter.empty
        and name not in bound.arguments
        and name not in KNOWN_CONTEXT_KEYS
    ]
    if missing:
        raise DagDefinitionError(f"{owner}: missing a required argument: '{missing[0]}'.", site)


def inputs_by_name(
    function: Callable[..., Any], args: list[Any], kwargs: dict[str, Any]
) -> dict[str, str]:
    """The spec's data inputs of a TaskFlow call: each argument (by its parameter's name)
    that is another task's result, as the Python SDK names them."""
    bound = inspect.signature(function).bind_partial(*args, **kwargs).arguments
    named: dict[str, Any] = {}
    for name, value in bound.items():
        kind = inspect.signature(function).parameters[name].kind
        if kind is inspect.Parameter.VAR_KEYWORD:
            named.update(value)
        elif kind is not inspect.Parameter.VAR_POSITIONAL:
            named[name] = value
    return {
        name: value.operator.task_id
        for name, value in named.items()
        if isinstance(value, XComArg) and value.key == RETURN_KEY
    }


class TaskFunction:
    """A function made a task by ``@task``: call it inside a DAG to declare the task.

    ``function`` is the plain function (to test it without Airflow or Borda);
    ``override(task_id=..., ...)`` gives the same function with other options.
    """

    def __init__(
        self, function: Callable[..., Any], options: dict[str, Any], operator_class: type
    ) -> None:
        if not callable(function) or inspect.iscoroutinefunction(function):
            raise DagDefinitionError(
                f"@task needs a plain function, not {function!r}.", user_site()
            )
        self.function = function
        self._options = options
        self._operator_class = operator_class
        self.__wrapped__ = function
        self.__name__ = getattr(function, "__name__", "task")
        self.__doc__ = function.__doc__

    def __repr__(self) -> str:
        return f"<task function {self.__name__!r}>"

    def override(self, **options: Any) -> "TaskFunction":
        return TaskFunction(self.function, {**self._options, **options}, self._operator_class)

    def __call__(self, *args: Any, **kwargs: Any) -> XComArg:
        options, task_id = self._declaring()
        operator = self._operator_class(
            task_id=task_id,
            python_callable=self.function,
            op_args=list(args),
            op_kwargs=kwargs,
            **options,
        )
        return XComArg(operator)

    def _declaring(self) -> tuple[dict[str, Any], str]:
        """The operator's options, and the id of the task a call declares."""
        options = dict(self._options)
        dag = options.get("dag") or current_dag()
        if not isinstance(dag, DAG):
            raise DagDefinitionError(
                f"The task function '{self.__name__}' was called outside a DAG: call it inside "
                "a `with DAG(...)` block or a @dag function.",
                user_site(),
            )
        task_id = unique_task_id(options.pop("task_id", None) or self.__name__, dag)
        if self._operator_class is _PythonDecoratedOperator:
            options.setdefault("multiple_outputs", _returns_a_dict(self.function))
        return options, task_id

    def partial(self, **kwargs: Any) -> OperatorPartial:
        """The function's arguments every task instance of its mapped task gets."""
        options, task_id = self._declaring()
        operator_kwargs = {
            **options,
            "task_id": task_id,
            "python_callable": self.function,
            "op_args": [],
            "op_kwargs": kwargs,
        }
        label = self.__name__
        return OperatorPartial(self._operator_class, operator_kwargs, label=label, taskflow=True)

    def expand(self, **kwargs: Any) -> XComArg:
        """A mapped task: one task instance per item of each argument's list (their cross
        product, the last varying fastest), its results a list in that order."""
        return self.partial().expand(**kwargs)

    def expand_kwargs(self, kwargs: Any, *, strict: bool = True) -> XComArg:
        """A mapped task: one task instance per dict of arguments."""
        return self.partial().expand_kwargs(kwargs, strict=strict)


def unique_task_id(task_id: str, dag: DAG) -> str:
    """``name``, or ``name__1``, ``name__2``... when the DAG has it (a function called again)."""
    if not dag.has_task(task_id):
        return task_id
    core = re.split(r"__\d+$", task_id)[0]
    taken = [
        int(match.group(1))
        for other in dag.task_ids
        if (match := re.fullmatch(rf"{re.escape(core)}__(\d+)", other))
    ]
    return f"{core}__{max(taken, default=0) + 1}"


def _returns_a_dict(function: Callable[..., Any]) -> bool:
    """Airflow infers ``multiple_outputs`` from a ``-> dict[...]`` return annotation."""
    if "return" not in getattr(function, "__annotations__", {}):
        return False
    try:
        returned = typing.get_type_hints(function).get("return", Any)
    except Exception:
        return False
    origin = typing.get_origin(returned) or returned
    return isinstance(origin, type) and issubclass(origin, Mapping)


class TaskDecorator:
    """``task``: ``@task``, ``@task(...)``, ``@task.python``, ``@task.bash``,
    ``@task.branch``, ``@task.short_circuit`` and ``@task.sensor``."""

    def __call__(self, python_callable: Callable[..., Any] | None = None, **options: Any) -> Any:
        return self._decorate(python_callable, options, _PythonDecoratedOperator)

    def python(self, python_callable: Callable[..., Any] | None = None, **options: Any) -> Any:
        return self._decorate(python_callable, options, _PythonDecoratedOperator)

    def bash(self, python_callable: Callable[..., Any] | None = None, **options: Any) -> Any:
        return self._decorate(python_callable, options, _BashDecoratedOperator)

    def branch(self, python_callable: Callable[..., Any] | None = None, **options: Any) -> Any:
        return self._decorate(python_callable, options, _BranchDecoratedOperator)

    def short_circuit(
        self, python_callable: Callable[..., Any] | None = None, **options: Any
    ) -> Any:
        return self._decorate(python_callable, options, _ShortCircuitDecoratedOperator)

    def sensor(self, python_callable: Callable[..., Any] | None = None, **options: Any) -> Any:
        return self._decorate(python_callable, options, _SensorDecoratedOperator)

    @staticmethod
    def _decorate(
        python_callable: Callable[..., Any] | None, options: dict[str, Any], operator: type
    ) -> Any:
        if python_callable is None:
            return lambda function: TaskFunction(function, options, operator)
        return TaskFunction(python_callable, options, operator)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        raise NotInSubsetError(f"@task.{name}", _VARIANTS_WITHOUT.get(name), user_site())


task = TaskDecorator()
