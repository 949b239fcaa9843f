"""DAG params: a subset of JSON Schema, protocol's ``ParamSpec`` (what Airflow's ``Param`` is)."""

from typing import Any

from borda._definition_error import DagDefinitionError
from borda._spec_values import json_value, one_of

PARAM_TYPES = ("string", "number", "integer", "boolean", "object", "array")

_NO_DEFAULT: Any = object()


class Param:
    """A run parameter of a DAG: its default, its type and the checks a run's conf must pass.

    ``Param(3, type="integer", minimum=0)``. Without ``type`` it is read from the
    default (``Param("x")`` is a string). A param without a default must be given in each
    run's conf. A plain value in a DAG's ``params`` is a ``Param`` with that default.
    """

    def __init__(
        self,
        default: Any = _NO_DEFAULT,
        *,
        type: str | None = None,
        description: str | None = None,
        enum: list[Any] | None = None,
        minimum: float | None = None,
        maximum: float | None = None,
        min_length: int | None = None,
        max_length: int | None = None,
    ) -> None:
        self.default = default
        self.type = type
        self.description = description
        self.enum = enum
        self.minimum = minimum
        self.maximum = maximum
        self.min_length = min_length
        self.max_length = max_length

    def __repr__(self) -> str:
        default = "" if self.default is _NO_DEFAULT else repr(self.default)
        return f"Param({default}, type={self.type!r})"

    def to_spec(self, what: str) -> dict[str, Any]:
        """The param as protocol's ``ParamSpec``; ``what`` names it in errors."""
        has_default = self.default is not _NO_DEFAULT
        kind = self.type if self.type is not None else _type_of(self.default, what)
        one_of(kind, PARAM_TYPES, f"{what}: type")
        spec: dict[str, Any] = {"type": kind}
        if has_default:
            if not _is_of_type(self.default, kind):
                raise DagDefinitionError(
                    f"{what}: default {self.default!r} is not of type '{kind}'. Leave the "
                    "default out to make the param required in each run's conf."
                )
            spec["default"] = json_value(self.default, f"{what}: default")
        optional = {
            "description": self.description,
            "enum": None if self.enum is None else json_value(list(self.enum), f"{what}: enum"),
            "minimum": self.minimum,
            "maximum": self.maximum,
            "minLength": self.min_length,
            "maxLength": self.max_length,
        }
        spec.update({key: value for key, value in optional.items() if value is not None})
        return spec


def param_specs(params: dict[str, Any] | None, dag_id: str) -> dict[str, dict[str, Any]]:
    if params is None:
        return {}
    if not isinstance(params, dict):
        raise DagDefinitionError(
            f"DAG '{dag_id}': params must be a dict of names to Param(...) or default values."
        )
    return {
        name: (value if isinstance(value, Param) else Param(value)).to_spec(
            f"DAG '{dag_id}': param '{name}'"
        )
        for name, value in params.items()
    }


def _type_of(default: Any, what: str) -> str:
    # "integer" before "number": a whole number's type is read as the narrower one.
    for kind in ("string", "integer", "number", "boolean", "object", "array"):
        if default is not _NO_DEFAULT and _is_of_type(default, kind):
            return kind
    raise DagDefinitionError(
        f'{what}: give it a type (Param(type="string"), ...) or a default it can be read '
        f"from; {'no default' if default is _NO_DEFAULT else repr(default)} says neither."
    )


def _is_of_type(value: Any, kind: str) -> bool:
    if isinstance(value, bool):
        return kind == "boolean"
    checks = {
        "string": str,
        "integer": int,
        "number": int | float,
        "object": dict,
        "array": list | tuple,
    }
    return kind in checks and isinstance(value, checks[kind])
