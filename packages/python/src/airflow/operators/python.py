"""``PythonOperator``: calls a Python function on the worker; its return value is the XCom.

``python_callable`` gets ``op_args`` and ``op_kwargs`` (templated), and the context
keywords it names (``ti``, ``ds``, ``params``, ...) or the whole context through
``**kwargs``; ``templates_dict`` (templated) reaches it as the context's
``templates_dict``.

``BranchPythonOperator`` and ``ShortCircuitOperator`` call it the same way, and their
result steers the tasks after them (the control plane skips tasks by it, see
``airflow.operators.branch``).
"""

import inspect
from collections.abc import Callable
from typing import Any, ClassVar

from airflow._borda.arguments import refuse_set_arguments
from airflow._borda.context import (
    Context,
    call_with_context,
    check_context_keywords,
    get_current_context,
)
from airflow._borda.operator import BaseOperator
from airflow._borda.subset import module_getattr
from airflow._borda.xcom_arg import RETURN_KEY, XComArg
from airflow.operators.branch import BranchMixIn
from borda import DagDefinitionError
from borda._spec_values import short_circuit_flow

__all__ = [
    "BranchPythonOperator",
    "PythonOperator",
    "ShortCircuitOperator",
    "get_current_context",
]


class PythonOperator(BaseOperator):
    template_fields: ClassVar[tuple[str, ...]] = ("templates_dict", "op_args", "op_kwargs")
    template_fields_renderers: ClassVar[dict[str, str]] = {
        "templates_dict": "json",
        "op_args": "py",
        "op_kwargs": "py",
    }
    ui_color = "#ffefeb"

    def __init__(
        self,
        *,
        python_callable: Callable[..., Any],
        op_args: Any = None,
        op_kwargs: dict[str, Any] | None = None,
        templates_dict: dict[str, Any] | None = None,
        templates_exts: Any = None,
        show_return_value_in_logs: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        owner = f"task '{self.task_id}' ({type(self).__name__})"
        if not callable(python_callable):
            raise DagDefinitionError(
                f"{owner}: python_callable must be a function, not {python_callable!r}.",
                self._borda_site,
            )
        refuse_set_arguments(owner, {"templates_exts": templates_exts}, self._borda_site)
        self.python_callable = python_callable
        self.op_args = list(op_args or [])
        self.op_kwargs = dict(op_kwargs or {})
        self.templates_dict = templates_dict
        self.show_return_value_in_logs = show_return_value_in_logs
        self._borda_check_callable(owner)

    def _borda_check_callable(self, owner: str) -> None:
        parameters = list(inspect.signature(self.python_callable).parameters)
        positional = parameters[: len(self.op_args)]
        check_context_keywords(
            self.python_callable,
            [*self.op_kwargs, *positional],
            owner,
            self._borda_site,
            taskflow=False,
        )

    def execute(self, context: Context) -> Any:
        context.update(self.op_kwargs)
        context["templates_dict"] = self.templates_dict
        return_value = call_with_context(self.python_callable, self.op_args, context)
        if self.show_return_value_in_logs:
            self.log.info("Done. Returned value was: %s", return_value)
        else:
            self.log.info("Done. Returned value not shown")
        return return_value

    def _borda_inputs(self) -> dict[str, str]:
        return {
            name: value.operator.task_id
            for name, value in self.op_kwargs.items()
            if isinstance(value, XComArg) and value.key == RETURN_KEY
        }


class BranchPythonOperator(PythonOperator, BranchMixIn):
    """Its callable returns the direct downstream task(s) to follow: a task id, a list of
    them, or None for none; the others are skipped."""

    def execute(self, context: Context) -> Any:
        return self.do_branch(context, super().execute(context))


class ShortCircuitOperator(PythonOperator):
    """Its callable's result is a condition: a false one skips every task downstream of
    it, whatever its trigger rule, or with ``ignore_downstream_trigger_rules=False`` only
    its direct downstream tasks, the trigger rules of the tasks after them deciding the
    rest. The result is the task's XCom either way."""

    def __init__(self, *, ignore_downstream_trigger_rules: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        owner = f"task '{self.task_id}' ({type(self).__name__}): ignore_downstream_trigger_rules"
        try:
            self._borda_short_circuit = short_circuit_flow(ignore_downstream_trigger_rules, owner)
        except DagDefinitionError as error:
            error.where = self._borda_site
            raise
        self.ignore_downstream_trigger_rules = ignore_downstream_trigger_rules

    def execute(self, context: Context) -> Any:
        condition = super().execute(context)
        self.log.info("Condition result is %s", condition)
        if condition:
            self.log.info("Proceeding with downstream tasks...")
        else:
            # The control plane skips them once this try succeeds.
            self.log.info("Skipping downstream tasks")
        return condition

    def _borda_flow(self) -> dict[str, Any]:
        return self._borda_short_circuit


__getattr__ = module_getattr(__name__, package=False)
