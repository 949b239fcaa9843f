"""Templated fields, rendered with the real Jinja2 on the worker just before a task runs.

As Airflow renders them: each field an operator names in ``template_fields`` (a
BashOperator's ``bash_command``, ``env`` and ``cwd``; a PythonOperator's ``op_args``,
``op_kwargs`` and ``templates_dict``) is rendered with the task's context, strings at any
depth of lists, tuples, sets and dicts, in a sandboxed environment with Airflow's
``StrictUndefined``, the ``jinja2.ext.do`` extension, its ``ds``/``ts`` filters and the
DAG's ``user_defined_macros`` and ``user_defined_filters`` (or a native environment with
``render_template_as_native_obj``). An ``XComArg`` in a field becomes its value.

Jinja2 is imported only when a string holds template syntax, so a DAG without templates
runs where Jinja2 is not installed; where one needs it and it is missing, the task fails
saying where to install it. Templates read from files (``template_searchpath``, a
``.sh`` ``bash_command``) are outside the subset.
"""

import sys
from typing import TYPE_CHECKING, Any

from airflow._borda.context import NOT_PROVIDED, Context
from airflow._borda.subset import NotInSubsetError
from airflow._borda.xcom_arg import XComArg

if TYPE_CHECKING:
    from airflow._borda.dag import DAG
    from airflow._borda.operator import BaseOperator

_DEFAULT_MARKERS = ("{{", "{%", "{#")


def has_template_syntax(text: str, dag: "DAG | None") -> bool:
    """Whether Jinja2 would change ``text``: it holds a block, variable or comment start."""
    options = (dag.jinja_environment_kwargs if dag else None) or {}
    markers = (
        options.get("variable_start_string", _DEFAULT_MARKERS[0]),
        options.get("block_start_string", _DEFAULT_MARKERS[1]),
        options.get("comment_start_string", _DEFAULT_MARKERS[2]),
    )
    return any(marker in text for marker in markers)


def render_template_fields(
    task: "BaseOperator", context: Context, untemplated: frozenset[int] = frozenset()
) -> None:
    """Renders ``task.template_fields`` in place (``task`` is the running copy), but for
    the values whose ids are ``untemplated``: a mapped task's items that came from an
    upstream task, which Airflow does not render either."""
    for field in task.template_fields:
        value = getattr(task, field, None)
        try:
            rendered = render(value, context, task, field, untemplated)
        except Exception:
            print(
                f"Exception rendering Jinja template for task '{task.task_id}', field "
                f"'{field}'. Template: {value!r}",
                file=sys.stderr,
            )
            raise
        setattr(task, field, rendered)


def render(
    value: Any,
    context: Context,
    task: "BaseOperator",
    field: str,
    untemplated: frozenset[int] = frozenset(),
) -> Any:
    """``value`` with its templates rendered and its XComArgs resolved, at any depth; a
    value whose id is ``untemplated`` is left as it is."""
    if id(value) in untemplated:
        return value
    if isinstance(value, str):
        if task.template_ext and value.endswith(tuple(task.template_ext)):
            raise NotInSubsetError(
                f"The template file '{value}' (field {field} of task '{task.task_id}')",
                "templates read from files are not supported: write the template inline",
            )
        if not has_template_syntax(value, task.dag):
            return value
        environment = _environment(task, field)
        return environment.from_string(value).render(_render_context(context, environment))
    if isinstance(value, XComArg):
        return value.resolve(context)
    if isinstance(value, tuple):
        items = [render(item, context, task, field, untemplated) for item in value]
        # A named tuple is rebuilt from its fields.
        return type(value)(*items) if hasattr(value, "_fields") else tuple(items)
    if isinstance(value, list):
        return [render(item, context, task, field, untemplated) for item in value]
    if isinstance(value, dict):
        return {key: render(item, context, task, field, untemplated) for key, item in value.items()}
    if isinstance(value, set | frozenset):
        return type(value)(render(item, context, task, field, untemplated) for item in value)
    return value


def _render_context(context: Context, environment: Any) -> dict[str, Any]:
    # A context keyword Borda does not provide renders as an error that says why.
    missing = {
        key: environment.undefined(
            hint=f"'{key}' is not in a Borda task's context: {why}", name=key
        )
        for key, why in NOT_PROVIDED.items()
    }
    return {**missing, **context}


def _environment(task: "BaseOperator", field: str) -> Any:
    """The DAG's Jinja environment, made at its first template and kept (per process)."""
    dag = task.dag
    cached = getattr(dag, "_borda_jinja_environment", None)
    if cached is not None:
        return cached
    try:
        import jinja2
        import jinja2.nativetypes
        import jinja2.sandbox
    except ImportError:
        raise RuntimeError(
            f"Rendering the templated field '{field}' of task '{task.task_id}' needs Jinja2, "
            f"which is not installed in the worker's Python ({sys.executable}). Install it "
            f"there ({sys.executable} -m pip install jinja2), point the worker's BORDA_PYTHON "
            "(--python) at an interpreter that has it, or use a worker image that includes it."
        ) from None

    class _AirflowEnvironmentMixin:
        def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
            # As Airflow's sandbox: attributes starting with one "_" are readable.
            if attr.startswith("_") and not attr.startswith("__"):
                return not jinja2.sandbox.is_internal_attribute(obj, attr)
            return super().is_safe_attribute(obj, attr, value)  # type: ignore[misc]

    class SandboxedEnvironment(_AirflowEnvironmentMixin, jinja2.sandbox.SandboxedEnvironment):
        pass

    class NativeEnvironment(_AirflowEnvironmentMixin, jinja2.nativetypes.NativeEnvironment):
        pass

    native = bool(dag and dag.render_template_as_native_obj)
    options: dict[str, Any] = {
        "undefined": (dag and dag.template_undefined) or jinja2.StrictUndefined,
        "extensions": ["jinja2.ext.do"],
        "cache_size": 0,
        **((dag and dag.jinja_environment_kwargs) or {}),
    }
    environment = (NativeEnvironment if native else SandboxedEnvironment)(**options)
    environment.filters.update(_FILTERS)
    if dag and dag.user_defined_macros:
        environment.globals.update(dag.user_defined_macros)
    if dag and dag.user_defined_filters:
        environment.filters.update(dag.user_defined_filters)
    if dag is not None:
        dag._borda_jinja_environment = environment
    return environment


# Airflow's own filters: {{ logical_date | ds }}, ...
_FILTERS = {
    "ds": lambda value: value.strftime("%Y-%m-%d"),
    "ds_nodash": lambda value: value.strftime("%Y%m%d"),
    "ts": lambda value: value.isoformat(),
    "ts_nodash": lambda value: value.strftime("%Y%m%dT%H%M%S"),
    "ts_nodash_with_tz": lambda value: value.isoformat().replace("-", "").replace(":", ""),
}
