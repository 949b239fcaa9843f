"""Dynamic task mapping: ``Operator.partial(...).expand(...)``, ``.expand_kwargs(...)``, and
TaskFlow's ``fn.expand(...)``, ``fn.partial(...).expand(...)``, ``fn.expand_kwargs(...)``.

``partial`` keeps the arguments every task instance gets (``OperatorPartial``); ``expand``
declares a ``MappedOperator`` in the DAG, whose spec is protocol's ``mapped``
(``borda._mapping``): a literal list (a tuple, a dict's items) or an upstream task's
result (an ``XComArg``) for each mapped argument, or one list of argument dicts for
``expand_kwargs``. A classic operator maps its constructor's arguments; a TaskFlow
function maps its own arguments (the operator's ``op_kwargs``), as in Airflow.

At run time the control plane sends each map index its item in ``inputs``, and the mapped
operator makes the operator that index runs (``for_run``): the operator's class called
with the partial arguments and the item's, as the DAG file would have declared it, so
its own constructor converts and checks them. A value that came from an upstream task is
not templated, as in Airflow; a literal one is, like any argument written in the file.
"""

import inspect
from collections.abc import Callable
from typing import Any

from airflow._borda.operator import BaseOperator, declare_at_run_time
from airflow._borda.subset import NotInSubsetError
from airflow._borda.user_code import Site, user_site
from airflow._borda.xcom_arg import RETURN_KEY, XComArg, xcom_args_in
from borda import DagDefinitionError, TaskContext
from borda._mapping import MapSource, TaskMapping, Upstream, literal_kwargs, literal_values

# BaseOperator's own arguments: a partial's go to the mapped task itself (they are its
# spec: queue, retries, ...), and none may be mapped, since they are the same for every
# task instance.
_BASE_ARGUMENTS = frozenset(
    name
    for name, parameter in inspect.signature(BaseOperator.__init__).parameters.items()
    if parameter.kind is parameter.KEYWORD_ONLY
)


class OperatorPartial:
    """``SomeOperator.partial(task_id=..., **fixed)`` (or a TaskFlow function's
    ``.partial(**fixed)``): what every task instance gets; ``expand`` or ``expand_kwargs``
    declares the mapped task.

    ``kwargs`` are the operator's; for a TaskFlow function (``taskflow``) they hold the
    function as ``python_callable`` and its fixed arguments as ``op_kwargs``, and the
    mapped arguments are the function's too. ``label`` names it in errors.
    """

    def __init__(
        self,
        operator_class: type[BaseOperator],
        kwargs: dict[str, Any],
        *,
        label: str,
        taskflow: bool = False,
    ) -> None:
        self.operator_class = operator_class
        self.kwargs = kwargs
        self.label = label
        self.taskflow = taskflow

    @property
    def fixed(self) -> dict[str, Any]:
        """The arguments a mapped argument must not repeat: the function's, or the class's."""
        return self.kwargs.get("op_kwargs", {}) if self.taskflow else self.kwargs

    def __repr__(self) -> str:
        return f"<partial {self.label}>"

    def expand(self, **mapped: Any) -> Any:
        """The mapped task (a TaskFlow function's: its ``XComArg``), one task instance per
        item of each argument's list, the lists' cross product when there are several."""
        return self._declared(MappedOperator.declare(self, "expand", mapped, user_site()))

    def expand_kwargs(self, kwargs: Any, *, strict: bool = True) -> Any:
        """The mapped task, one task instance per dict of arguments. ``strict`` is taken as
        Airflow's: the dicts written in the file are always checked, those a task returns
        when their task instance runs."""
        return self._declared(MappedOperator.declare(self, "expand_kwargs", kwargs, user_site()))

    def _declared(self, operator: BaseOperator) -> Any:
        return XComArg(operator) if self.taskflow else operator


class MappedOperator(BaseOperator):
    """A task mapped over lists, in a DAG like any operator (dependencies, ``.output``).

    Its spec fields (queue, retries, ...) are the partial's, checked by ``BaseOperator``;
    its kind and operator name are its class's. Made by ``OperatorPartial``, never directly.
    """

    def __init__(self, *, borda_partial: OperatorPartial, borda_mapping: Any, **base: Any) -> None:
        self._borda_partial = borda_partial
        self._borda_expand: dict[str, Any] | None = None
        self._borda_expand_kwargs: Any = None
        if isinstance(borda_mapping, dict):
            self._borda_expand = borda_mapping
        else:
            self._borda_expand_kwargs = borda_mapping
        super().__init__(**base)
        self._borda_kind = borda_partial.operator_class._borda_kind

    @staticmethod
    def declare(partial: OperatorPartial, method: str, given: Any, site: Site) -> BaseOperator:
        owner = f"{partial.label}.{method}()"
        if partial.operator_class._borda_flow is not BaseOperator._borda_flow:
            raise NotInSubsetError(
                owner,
                "branching and short-circuit tasks cannot be mapped: map a task before it and "
                "decide on the list of its results",
                site,
            )
        try:
            if method == "expand":
                mapping: Any = _expand_sources(partial, given, owner)
            else:
                mapping = _kwargs_source(partial, given, owner)
        except DagDefinitionError as error:
            error.where = error.where or site
            raise
        base = {name: value for name, value in partial.kwargs.items() if name in _BASE_ARGUMENTS}
        # The mapped task shows and runs as its class; the arguments BaseOperator takes are
        # its spec (and are passed to the class again, at run time, with the others).
        return MappedOperator(borda_partial=partial, borda_mapping=mapping, **base)

    def _borda_declared(self) -> None:
        """XComArgs it maps over, and those in its partial's templated fields, are its
        upstream tasks."""
        fixed = self._borda_partial.kwargs
        fields = self._borda_partial.operator_class.template_fields
        mapped = (
            list(self._borda_expand.values())
            if self._borda_expand is not None
            else [self._borda_expand_kwargs]
        )
        for argument in xcom_args_in([*mapped, *(fixed.get(field) for field in fields)]):
            self.set_upstream(argument.operator)

    def __repr__(self) -> str:
        return f"<Mapped({self._borda_operator_name()}): {self.task_id}>"

    def _borda_operator_name(self) -> str:
        cls = self._borda_partial.operator_class
        return cls.custom_operator_name or cls.__name__

    def _borda_inputs(self) -> dict[str, str]:
        """A TaskFlow function's fixed arguments that are task results, as when unmapped."""
        partial = self._borda_partial
        if not partial.taskflow:
            return {}
        from airflow._borda.taskflow import inputs_by_name

        return inputs_by_name(partial.kwargs["python_callable"], [], partial.fixed)

    def _borda_mapping(self, ref_of: Callable[[str], Any]) -> TaskMapping:
        def source(value: Any) -> MapSource:
            return Upstream(ref_of(value.operator.task_id)) if isinstance(value, XComArg) else value

        expand = None
        if self._borda_expand is not None:
            expand = {name: source(value) for name, value in self._borda_expand.items()}
        kwargs = None if self._borda_expand_kwargs is None else source(self._borda_expand_kwargs)
        return TaskMapping(expand, kwargs, self.max_active_tis_per_dagrun)

    def _borda_for_run(self, data: TaskContext) -> tuple[BaseOperator, frozenset[int]]:
        """The operator this map index runs: its class, called with the partial's arguments
        and the index's items (in ``data.inputs``); and the ids of the values that came
        from upstream tasks, which are not templated."""
        partial = self._borda_partial
        if self._borda_expand is not None:
            mapped = {
                name: value.transformed(data.inputs.get(name))
                if isinstance(value, XComArg)
                else data.inputs.get(name)
                for name, value in self._borda_expand.items()
            }
            from_upstream = [
                mapped[name]
                for name, value in self._borda_expand.items()
                if isinstance(value, XComArg)
            ]
        else:
            inputs = self._borda_inputs()
            mapped = {name: value for name, value in data.inputs.items() if name not in inputs}
            upstream = isinstance(self._borda_expand_kwargs, XComArg)
            from_upstream = list(mapped.values()) if upstream else []
        kwargs = {name: value for name, value in partial.kwargs.items() if name != "dag"}
        if partial.taskflow:
            kwargs["op_kwargs"] = {**kwargs.get("op_kwargs", {}), **mapped}
        else:
            kwargs.update(mapped)
        task = declare_at_run_time(
            partial.operator_class, kwargs, self._borda_default_args, self._borda_site
        )
        task._borda_dag = self._borda_dag
        task._borda_upstream = self._borda_upstream
        task._borda_downstream = self._borda_downstream
        return task, frozenset(_ids(from_upstream))


def _expand_sources(partial: OperatorPartial, mapped: dict[str, Any], owner: str) -> dict[str, Any]:
    if not mapped:
        raise DagDefinitionError(f"{owner}: no arguments to expand against.")
    for name in mapped:
        if name in partial.fixed:
            raise DagDefinitionError(
                f"{owner}: argument '{name}' is given both to partial() and to expand(): give "
                "each argument once."
            )
    _check_arguments(partial, list(mapped), owner, complete=True)
    return {
        name: _source(value, f"{owner}: the argument '{name}'", literal_values)
        for name, value in mapped.items()
    }


def _kwargs_source(partial: OperatorPartial, source: Any, owner: str) -> Any:
    if isinstance(source, XComArg) and source.transforms:
        raise NotInSubsetError(
            f"XComArg.map() as the argument of {owner}",
            "the control plane reads the dicts of expand_kwargs from the task's result: "
            "return the dicts from the task itself, or map() into expand()",
        )
    checked = _source(source, f"{owner}: its argument", literal_kwargs)
    if isinstance(checked, list):
        for arguments in checked:
            _check_arguments(partial, list(arguments), owner, complete=True)
    else:
        _check_arguments(partial, [], owner, complete=False)
    return checked


def _source(value: Any, what: str, literal: Callable[[object, str], list[Any]]) -> Any:
    """An XComArg of a task's result, or a literal list checked by ``literal``."""
    if isinstance(value, XComArg):
        if value.key != RETURN_KEY:
            raise NotInSubsetError(
                f"Mapping over the XCom '{value.key}' of task '{value.operator.task_id}' ({what})",
                "a task maps over another task's result (its return_value): return the list "
                "from that task",
            )
        return value
    if isinstance(value, BaseOperator):
        return _source(value.output, what, literal)
    if xcom_args_in(value):
        raise DagDefinitionError(
            f"{what} holds a task's result inside a {type(value).__name__}: map over the "
            "result itself (expand(x=task.output), or a TaskFlow call), or over plain values."
        )
    return literal(value, what)


def _check_arguments(
    partial: OperatorPartial, mapped_names: list[str], owner: str, *, complete: bool
) -> None:
    """Checks the partial's and the mapped arguments' names against what will take them:
    the TaskFlow function, or the operator class's constructor."""
    cls = partial.operator_class
    if partial.taskflow:
        from airflow._borda.taskflow import check_arguments

        function = partial.kwargs["python_callable"]
        given = {**partial.fixed, **dict.fromkeys(mapped_names)}
        if complete:
            check_arguments(function, [], given, owner, None)
        else:
            try:
                inspect.signature(function).bind_partial(**given)
            except TypeError as error:
                raise DagDefinitionError(f"{owner}: {error}.") from None
        return
    for name in mapped_names:
        if name in _BASE_ARGUMENTS:
            raise NotInSubsetError(
                f"Mapping over {name}= ({owner})",
                f"a task's {name} is the same for each of its task instances: give it to partial()",
            )
    accepted, required = _constructor_arguments(cls)
    unknown = sorted({*partial.kwargs, *mapped_names} - accepted)
    if unknown:
        raise DagDefinitionError(
            f"{owner}: invalid arguments were passed to {cls.__name__}: {', '.join(unknown)}."
        )
    missing = [name for name in required if name not in {*partial.kwargs, *mapped_names}]
    if complete and missing:
        raise DagDefinitionError(f"{owner}: missing a required argument: '{missing[0]}'.")


def _constructor_arguments(cls: type) -> tuple[set[str], list[str]]:
    """The keyword arguments ``cls(...)`` takes (its ``__init__`` and those it passes on
    with ``**kwargs``), and those without a default."""
    accepted: set[str] = set()
    required: list[str] = []
    for klass in cls.__mro__:
        init = klass.__dict__.get("__init__")
        if init is None:
            continue
        passes_on = False
        for name, parameter in inspect.signature(init).parameters.items():
            if parameter.kind is parameter.VAR_KEYWORD:
                passes_on = True
            elif parameter.kind is not parameter.VAR_POSITIONAL and name != "self":
                accepted.add(name)
                if parameter.default is parameter.empty and name not in required:
                    required.append(name)
        if not passes_on or klass is BaseOperator:
            break
    return accepted, required


def _ids(value: Any) -> set[int]:
    """The ids of ``value`` and of everything inside it (lists, tuples, dict values)."""
    found = {id(value)}
    items = list(value.values()) if isinstance(value, dict) else value
    if isinstance(items, list | tuple):
        for item in items:
            found |= _ids(item)
    return found
