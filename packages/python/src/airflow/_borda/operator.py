"""``BaseOperator``: an Airflow task, declared into a DAG, as Borda runs it.

An operator takes Airflow's arguments (keywords only, as Airflow insists) and turns those
that decide how it runs into the DAG spec's task fields, with the Python SDK's own checks
(``borda._task_options``): ``queue``, ``pool``, ``pool_slots``, ``retries``,
``retry_delay``, ``retry_exponential_backoff``, ``max_retry_delay``, ``execution_timeout``,
``trigger_rule`` and ``priority_weight``. The DAG's ``default_args`` fill any argument of
the operator's ``__init__`` (its class's or a base class's) that the call leaves out, as
Airflow's ``apply_defaults`` does, so a custom operator's own arguments can come from
``default_args`` too.

When it runs, the worker's runner calls ``execute(context)`` on a copy of it with its
templated fields rendered (``execution``); a subclass overrides ``execute`` as in Airflow.
``SomeOperator.partial(...).expand(...)`` maps it instead (``mapping``).
"""

import copy
import functools
import inspect
import itertools
import logging
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any, ClassVar

from airflow._borda.arguments import NOTSET, refuse_set_arguments
from airflow._borda.callbacks import airflow_callbacks
from airflow._borda.dag import DAG, current_dag
from airflow._borda.trigger_rules import borda_trigger_rule
from airflow._borda.user_code import Site, user_site
from airflow._borda.xcom_arg import XComArg, xcom_args_in
from borda import DagDefinitionError, TaskContext
from borda._mapping import TaskMapping, max_active
from borda._spec_values import identifier
from borda._task_options import DEFAULT_FIELDS, task_fields

# Spec fields an operator argument of None leaves at Borda's default (as Airflow reads
# None for them); for execution_timeout and max_retry_delay, None means "none".
_NONE_IS_DEFAULT = frozenset(
    {
        "queue",
        "pool",
        "pool_slots",
        "retries",
        "retry_delay",
        "retry_exponential_backoff",
        "priority_weight",
        "trigger_rule",
    }
)


def _apply_default_args(init: Callable[..., None]) -> Callable[..., None]:
    """Wraps an operator class's ``__init__``: keyword arguments only, and the DAG's
    ``default_args`` (and the call's own ``default_args``) for the parameters it names."""
    parameters = [
        name
        for name, parameter in inspect.signature(init).parameters.items()
        if parameter.kind in (parameter.POSITIONAL_OR_KEYWORD, parameter.KEYWORD_ONLY)
        and name not in ("self", "default_args")
    ]

    @functools.wraps(init)
    def init_with_default_args(self: "BaseOperator", *args: Any, **kwargs: Any) -> None:
        outermost = "_borda_default_args" not in self.__dict__
        if outermost:
            self._borda_site = user_site()
            if args:
                raise DagDefinitionError(
                    f"{type(self).__name__}: declare operators with keyword arguments only "
                    f"(task_id=..., ...), as Airflow requires; got {len(args)} positional.",
                    self._borda_site,
                )
            dag = kwargs.get("dag") or current_dag()
            self._borda_default_args = {
                **(dag.default_args if isinstance(dag, DAG) else {}),
                **(kwargs.get("default_args") or {}),
            }
        for name in parameters:
            if name not in kwargs and name in self._borda_default_args:
                kwargs[name] = self._borda_default_args[name]
        init(self, *args, **kwargs)
        if outermost:
            self._borda_declared()

    return init_with_default_args


class BaseOperator:
    """Airflow's ``BaseOperator``: subclass it and override ``execute(self, context)``.

    ``execute`` returns the task's result (its XCom ``return_value``, JSON data).
    ``template_fields`` names the attributes rendered with Jinja2 before it runs.
    """

    template_fields: ClassVar[Sequence[str]] = ()
    template_ext: ClassVar[Sequence[str]] = ()
    template_fields_renderers: ClassVar[dict[str, str]] = {}
    ui_color: ClassVar[str] = "#fff"
    ui_fgcolor: ClassVar[str] = "#000"
    custom_operator_name: ClassVar[str | None] = None
    """Shown as the task's operator instead of the class's name (as Airflow's)."""

    _borda_kind: ClassVar[str] = "function"
    """The spec's ``kind``: ``function`` runs ``execute`` in Python; ``bash`` gives the
    worker a command to run."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "__init__" in cls.__dict__:
            cls.__init__ = _apply_default_args(cls.__init__)  # type: ignore[method-assign]

    def __init__(
        self,
        *,
        task_id: str,
        owner: str = "airflow",
        email: Any = None,
        email_on_retry: bool = True,
        email_on_failure: bool = True,
        retries: Any = NOTSET,
        retry_delay: Any = NOTSET,
        retry_exponential_backoff: Any = NOTSET,
        max_retry_delay: Any = NOTSET,
        start_date: Any = None,
        end_date: Any = None,
        depends_on_past: bool = False,
        ignore_first_depends_on_past: bool = True,
        wait_for_past_depends_before_skipping: bool = False,
        wait_for_downstream: bool = False,
        dag: DAG | None = None,
        params: dict[str, Any] | None = None,
        default_args: dict[str, Any] | None = None,
        priority_weight: Any = NOTSET,
        weight_rule: Any = None,
        queue: Any = NOTSET,
        pool: Any = NOTSET,
        pool_slots: Any = NOTSET,
        sla: Any = None,
        execution_timeout: Any = NOTSET,
        on_execute_callback: Any = None,
        on_failure_callback: Any = None,
        on_success_callback: Any = None,
        on_retry_callback: Any = None,
        on_skipped_callback: Any = None,
        pre_execute: Any = None,
        post_execute: Any = None,
        trigger_rule: Any = NOTSET,
        resources: Any = None,
        run_as_user: Any = None,
        task_concurrency: Any = None,
        max_active_tis_per_dag: Any = None,
        max_active_tis_per_dagrun: Any = None,
        executor: Any = None,
        executor_config: Any = None,
        do_xcom_push: bool = True,
        multiple_outputs: bool = False,
        inlets: Any = None,
        outlets: Any = None,
        task_group: Any = None,
        doc: str | None = None,
        doc_md: str | None = None,
        doc_json: str | None = None,
        doc_yaml: str | None = None,
        doc_rst: str | None = None,
        task_display_name: str | None = None,
        logger_name: str | None = None,
        allow_nested_operators: bool = True,
        map_index_template: str | None = None,
        **kwargs: Any,
    ) -> None:
        site: Site = self.__dict__.get("_borda_site") or user_site()
        self._borda_site = site
        self._borda_dag: DAG | None = None
        self._borda_upstream: dict[str, None] = {}
        self._borda_downstream: dict[str, None] = {}
        try:
            self.task_id: str = identifier(task_id, "task id")
        except DagDefinitionError as error:
            error.where = site
            raise
        owner_label = f"task '{task_id}' ({type(self).__name__})"
        if kwargs:
            raise DagDefinitionError(
                f"Invalid arguments were passed to {type(self).__name__} (task_id: {task_id}): "
                f"{', '.join(sorted(kwargs))}.",
                site,
            )
        refuse_set_arguments(
            owner_label,
            {
                "on_execute_callback": on_execute_callback,
                "on_skipped_callback": on_skipped_callback,
                "pre_execute": pre_execute,
                "post_execute": post_execute,
                "sla": sla,
                "depends_on_past": depends_on_past,
                "wait_for_downstream": wait_for_downstream,
                "task_concurrency": task_concurrency,
                "max_active_tis_per_dag": max_active_tis_per_dag,
                "run_as_user": run_as_user,
                "executor": executor,
                "executor_config": executor_config,
                "resources": resources,
                "inlets": inlets,
                "task_group": task_group,
                "params": params,
            },
            site,
        )
        given = {
            "queue": queue,
            "pool": pool,
            "pool_slots": pool_slots,
            "retries": retries,
            "retry_delay": retry_delay,
            "retry_exponential_backoff": retry_exponential_backoff,
            "max_retry_delay": max_retry_delay,
            "execution_timeout": execution_timeout,
            "trigger_rule": trigger_rule,
            "priority_weight": priority_weight,
            "outlets": NOTSET if outlets is None else _as_list(outlets),
        }
        try:
            self.max_active_tis_per_dagrun = max_active(
                max_active_tis_per_dagrun, f"{owner_label}: max_active_tis_per_dagrun"
            )
        except DagDefinitionError as error:
            error.where = site
            raise
        options = {
            name: value
            for name, value in given.items()
            if value is not NOTSET and not (value is None and name in _NONE_IS_DEFAULT)
        }
        self.on_success_callback = on_success_callback
        self.on_failure_callback = on_failure_callback
        self.on_retry_callback = on_retry_callback
        for option, argument in (
            ("on_success", on_success_callback),
            ("on_failure", on_failure_callback),
            ("on_retry", on_retry_callback),
        ):
            callbacks = airflow_callbacks(argument, lambda _data: self)
            if callbacks is not None:
                options[option] = callbacks
        if "trigger_rule" in options:
            options["trigger_rule"] = borda_trigger_rule(options["trigger_rule"], owner_label, site)
        try:
            self._borda_fields: dict[str, Any] = task_fields(options, owner_label)
        except DagDefinitionError as error:
            error.where = site
            raise
        fields = {**DEFAULT_FIELDS, **self._borda_fields}
        # Airflow's attributes, as the spec has them.
        self.queue: str = fields["queue"]
        self.pool: str = fields["pool"]
        self.pool_slots: int = fields["poolSlots"]
        self.retries: int = fields["retries"]
        self.retry_delay = timedelta(milliseconds=fields["retryDelayMs"])
        self.retry_exponential_backoff: bool = fields["retryExponentialBackoff"]
        self.max_retry_delay = _optional_delta(fields["maxRetryDelayMs"])
        self.execution_timeout = _optional_delta(fields["executionTimeoutMs"])
        self.trigger_rule: str = fields["triggerRule"]
        self.priority_weight: int = fields["priorityWeight"]
        self.owner = owner
        self.email = email
        self.email_on_retry = email_on_retry
        self.email_on_failure = email_on_failure
        self.start_date = start_date
        self.end_date = end_date
        self.weight_rule = weight_rule
        self.do_xcom_push = do_xcom_push
        self.multiple_outputs = multiple_outputs
        self.doc, self.doc_md, self.doc_json = doc, doc_md, doc_json
        self.doc_yaml, self.doc_rst = doc_yaml, doc_rst
        self.task_display_name = task_display_name or task_id
        self.map_index_template = map_index_template
        self.params: dict[str, Any] = {}
        self.inlets: list[Any] = []
        self.outlets: list[Any] = [] if outlets is None else _as_list(outlets)
        target = dag if dag is not None else current_dag()
        if target is not None:
            target.add_task(self)

    def _borda_declared(self) -> None:
        """Once the whole ``__init__`` ran: XComArgs in templated fields are dependencies."""
        for field in self.template_fields:
            for argument in xcom_args_in(getattr(self, field, None)):
                self.set_upstream(argument.operator)

    def __repr__(self) -> str:
        return f"<Task({type(self).__name__}): {self.task_id}>"

    # -- the DAG ---------------------------------------------------------------------------

    @property
    def dag(self) -> DAG | None:
        return self._borda_dag

    @dag.setter
    def dag(self, dag: DAG) -> None:
        dag.add_task(self)

    @property
    def dag_id(self) -> str | None:
        return self._borda_dag.dag_id if self._borda_dag else None

    def has_dag(self) -> bool:
        return self._borda_dag is not None

    # -- dependencies ----------------------------------------------------------------------

    @property
    def upstream_task_ids(self) -> set[str]:
        return set(self._borda_upstream)

    @property
    def downstream_task_ids(self) -> set[str]:
        return set(self._borda_downstream)

    @property
    def upstream_list(self) -> list["BaseOperator"]:
        return self._related(self._borda_upstream)

    @property
    def downstream_list(self) -> list["BaseOperator"]:
        return self._related(self._borda_downstream)

    def _related(self, task_ids: dict[str, None]) -> list["BaseOperator"]:
        dag = self._borda_dag
        return [dag.get_task(task_id) for task_id in task_ids] if dag else []

    def set_upstream(self, other: Any) -> None:
        relate(tasks_in(other), [self], user_site())

    def set_downstream(self, other: Any) -> None:
        relate([self], tasks_in(other), user_site())

    def __rshift__(self, other: Any) -> Any:
        self.set_downstream(other)
        return other

    def __lshift__(self, other: Any) -> Any:
        self.set_upstream(other)
        return other

    def __rrshift__(self, other: Any) -> "BaseOperator":
        # [a, b] >> self
        self.set_upstream(other)
        return self

    def __rlshift__(self, other: Any) -> "BaseOperator":
        # [a, b] << self
        self.set_downstream(other)
        return self

    @property
    def output(self) -> XComArg:
        """The task's result, as an argument of another task (``XComArg``)."""
        return XComArg(self)

    @classmethod
    def partial(cls, **kwargs: Any) -> Any:
        """The arguments every task instance of a mapped task gets, ``task_id`` among them:
        ``BashOperator.partial(task_id="echo", env={...}).expand(bash_command=[...])``."""
        from airflow._borda.mapping import OperatorPartial

        if "task_id" not in kwargs:
            raise DagDefinitionError(
                f"{cls.__name__}.partial() needs the task's task_id.", user_site()
            )
        return OperatorPartial(
            cls, kwargs, label=f"{cls.__name__}.partial(task_id={kwargs['task_id']!r})"
        )

    # -- running ---------------------------------------------------------------------------

    @property
    def log(self) -> logging.Logger:
        cls = type(self)
        return logging.getLogger(f"airflow.task.operators.{cls.__module__}.{cls.__name__}")

    def execute(self, context: Any) -> Any:
        """The task's work; its return value is its XCom ``return_value``. Override it."""
        raise NotImplementedError(f"{type(self).__name__} must override execute(self, context).")

    def render_template_fields(self, context: Any, jinja_env: Any = None) -> None:
        """Renders ``template_fields`` in place, as the runner does before ``execute``."""
        from airflow._borda.templating import render_template_fields

        render_template_fields(self, context)

    # What the layer reads to make the spec and to run the task (see dag.py, execution.py).

    def _borda_operator_name(self) -> str:
        return self.custom_operator_name or type(self).__name__

    def _borda_inputs(self) -> dict[str, str]:
        """Data inputs by name (the spec's ``inputs``): an upstream task's result each."""
        return {}

    def _borda_bash_command(self) -> str | None:
        return None

    def _borda_flow(self) -> dict[str, Any] | None:
        """The spec's ``flow``: how the task's result steers the tasks after it (branching
        and short-circuit operators, ``airflow.operators.branch``); None for none."""
        return None

    def _borda_mapping(self, ref_of: Callable[[str], Any]) -> TaskMapping | None:
        """The spec's ``mapped`` (``ref_of`` names an upstream task); None: not mapped."""
        return None

    def _borda_for_run(self, data: TaskContext) -> tuple["BaseOperator", frozenset[int]]:
        """The operator a try runs, which the try may change (templates rendered into it),
        and the ids of values in it that are not to be templated."""
        return copy.copy(self), frozenset()

    def _borda_sensor(self) -> dict[str, Any] | None:
        """The spec's ``sensor``: a sensor's policy (``airflow.sensors.base``); None for none."""
        return None

    def _borda_execute(self, context: Any) -> Any:
        return self.execute(context)


BaseOperator.__init__ = _apply_default_args(BaseOperator.__init__)  # type: ignore[method-assign]


def declare_at_run_time(
    cls: type[BaseOperator], kwargs: dict[str, Any], default_args: dict[str, Any], site: Site
) -> BaseOperator:
    """An operator of ``cls`` made from ``kwargs`` while a task runs (a mapped task's map
    index), as the DAG file would have declared it, with the same ``default_args``: its
    constructor converts and checks the arguments. It joins no DAG and relates to no task
    (its caller gives it the mapped task's), which ``_apply_default_args`` skips for an
    operator whose ``default_args`` are already set."""
    task = cls.__new__(cls)
    task._borda_site = site
    task._borda_default_args = default_args
    task.__init__(**kwargs)  # type: ignore[misc]
    return task


def _optional_delta(ms: int | None) -> timedelta | None:
    return None if ms is None else timedelta(milliseconds=ms)


def tasks_in(other: Any) -> list[BaseOperator]:
    """The operators ``other`` names: an operator, an XComArg, or a list or tuple of them."""
    items = other if isinstance(other, list | tuple) else [other]
    found = []
    for item in items:
        task = item.operator if isinstance(item, XComArg) else item
        if not isinstance(task, BaseOperator):
            function = getattr(task, "function", None)
            name = getattr(function, "__name__", None)
            hint = (
                f"the task function '{name}', not a task: call it ({name}()) and use what the "
                "call returns"
                if callable(function)
                else f"{task!r}, not a task: use operators, what TaskFlow calls return, or "
                "lists of them"
            )
            raise DagDefinitionError(f"A dependency (>>, <<, chain, ...) is {hint}.", user_site())
        found.append(task)
    return found


def relate(upstream: list[BaseOperator], downstream: list[BaseOperator], site: Site) -> None:
    """Makes each of ``downstream`` run after each of ``upstream``.

    Tasks of two DAGs cannot depend on each other; a task in no DAG joins the DAG of the
    task it is related to, as in Airflow.
    """
    dags: list[DAG] = []
    for task in (*upstream, *downstream):
        if task.dag is not None and all(task.dag is not dag for dag in dags):
            dags.append(task.dag)
    if len(dags) > 1:
        names = ", ".join(f"'{dag.dag_id}'" for dag in dags)
        raise DagDefinitionError(
            f"Tried to set relationships between tasks in more than one DAG ({names}): tasks "
            "depend only on tasks of their own DAG.",
            site,
        )
    for task in (*upstream, *downstream):
        if dags and task.dag is None:
            dags[0].add_task(task)
    for up in upstream:
        for down in downstream:
            down._borda_upstream[up.task_id] = None
            up._borda_downstream[down.task_id] = None


def chain(*tasks: Any) -> None:
    """``chain(a, [b, c], d)``: a >> [b, c] >> d; two lists side by side pair up one by one."""
    site = user_site()
    for up, down in itertools.pairwise(tasks):
        up_is_list = isinstance(up, list | tuple)
        down_is_list = isinstance(down, list | tuple)
        if up_is_list and down_is_list:
            if len(up) != len(down):
                raise DagDefinitionError(
                    "chain() relates two lists side by side only when they are as long; got "
                    f"{len(up)} and {len(down)}.",
                    site,
                )
            for one, other in zip(up, down, strict=True):
                relate(tasks_in(one), tasks_in(other), site)
        else:
            relate(tasks_in(up), tasks_in(down), site)


def chain_linear(*elements: Any) -> None:
    """``chain_linear(a, [b, c], [d, e])``: every task of each element before every task of
    the next."""
    site = user_site()
    for up, down in itertools.pairwise(elements):
        relate(tasks_in(up), tasks_in(down), site)


def cross_downstream(from_tasks: Sequence[Any], to_tasks: Any) -> None:
    """Every task of ``from_tasks`` before every task of ``to_tasks``."""
    relate(tasks_in(list(from_tasks)), tasks_in(to_tasks), user_site())


def _as_list(value: Any) -> list[Any]:
    """Airflow takes one outlet or a list of them."""
    return list(value) if isinstance(value, list | tuple) else [value]
