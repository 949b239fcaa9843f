"""Dynamic task mapping as the DAG spec says it: protocol's ``TaskMapping`` (``mapped``).

A mapped task becomes, at run time, one task instance per item of a list: a literal list
written in the DAG file, or an upstream task's result. ``expand`` maps named arguments,
several of them over the cross product of their lists (in declaration order, the last
varying fastest, as ``itertools.product``); ``expand_kwargs`` maps over a list of dicts,
one task instance per dict, whose keys are the arguments. The control plane expands it:
each map index's run gets its item in ``inputs`` under the argument's name (each key of
its dict, for ``expand_kwargs``) and its index as ``mapIndex``. Downstream tasks receive
the mapped task's results as one list, in map index order.

Both Python front ends (this package's ``.expand()`` and the Airflow-style layer's) declare
mappings through ``TaskMapping``, so they produce the same spec and the same errors.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from borda._definition_error import DagDefinitionError
from borda._spec_values import json_value, whole_number


@dataclass(frozen=True)
class Upstream:
    """A map source that is an upstream task's result (``ref``: what names that task, a
    ``TaskRef``). The task becomes an upstream of the mapped task, not a data input."""

    ref: Any


MapSource = list[Any] | Upstream
"""What a mapped argument maps over: literal values (JSON data), or an upstream result."""


def literal_values(value: object, what: str) -> list[Any]:
    """A literal map source: a list or tuple of JSON data, or a dict, whose items are mapped
    over as ``[key, value]`` pairs (as a dict result of an upstream task is)."""
    if isinstance(value, dict):
        return json_value([[key, item] for key, item in value.items()], what)
    if isinstance(value, list | tuple):
        return json_value(list(value), what)
    raise DagDefinitionError(
        f"{what} is {type(value).__name__} {value!r}, which cannot be mapped over: map over a "
        "list (or a tuple, or a dict's items) written in the DAG, or an upstream task's result."
    )


def literal_kwargs(value: object, what: str) -> list[dict[str, Any]]:
    """A literal ``expand_kwargs`` source: a list of dicts with string keys (JSON data)."""
    if isinstance(value, list | tuple) and all(
        isinstance(item, dict) and all(isinstance(key, str) for key in item) for item in value
    ):
        return json_value(list(value), what)
    raise DagDefinitionError(
        f"{what} must be a list of dicts, each the arguments of one task instance by name "
        f"(or an upstream task whose result is one), not {value!r}."
    )


@dataclass(frozen=True)
class TaskMapping:
    """A task's mapping: exactly one of ``expand`` (argument name → source) and
    ``expand_kwargs`` (a source of dicts), and how many map indexes may run at once."""

    expand: dict[str, MapSource] | None = None
    expand_kwargs: MapSource | None = None
    max_active: int | None = None

    def sources(self) -> list[MapSource]:
        if self.expand is not None:
            return list(self.expand.values())
        return [] if self.expand_kwargs is None else [self.expand_kwargs]

    def upstream(self) -> list[Any]:
        """The refs of the upstream tasks it maps over, in the order of its arguments."""
        return [source.ref for source in self.sources() if isinstance(source, Upstream)]

    def spec(self, task_id_of: Callable[[Any], str]) -> dict[str, Any]:
        """Protocol's ``TaskMapping``; ``task_id_of`` names an upstream source's task."""

        def source(value: MapSource) -> dict[str, Any]:
            if isinstance(value, Upstream):
                return {"from": task_id_of(value.ref)}
            return {"values": value}

        spec: dict[str, Any] = {}
        if self.expand is not None:
            spec["expand"] = {name: source(value) for name, value in self.expand.items()}
        if self.expand_kwargs is not None:
            spec["expandKwargs"] = source(self.expand_kwargs)
        if self.max_active is not None:
            spec["maxActive"] = self.max_active
        return spec


def max_active(value: object, what: str) -> int | None:
    """``max_active_tis_per_dagrun``: None, or how many map indexes run at once (1 or more)."""
    return None if value is None else whole_number(value, what, minimum=1)
