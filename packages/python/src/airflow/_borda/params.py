"""Airflow's ``Param``: a DAG param's default and its JSON Schema, as Borda's ``Param``.

Borda checks the subset of JSON Schema that protocol's ``ParamSpec`` holds: ``type`` (one
type), ``enum``, ``minimum``, ``maximum``, ``minLength``, ``maxLength``, and a
``description``. Keywords that only shape the trigger form (``title``, ``examples``,
``values_display``, ``section``, ``description_md``, ``format``) are accepted and not
checked; other keywords, whose checks Borda would skip, are refused.
"""

from typing import Any

from airflow._borda.arguments import NOTSET
from airflow._borda.subset import NotInSubsetError
from airflow._borda.user_code import user_site
from borda import Param as BordaParam

_FORM_ONLY = frozenset(
    {"title", "examples", "values_display", "section", "description_md", "custom_html_form"}
)
_FORMAT = "format"
_RENAMED = {"minLength": "min_length", "maxLength": "max_length"}
_CHECKED = frozenset({"enum", "minimum", "maximum", "minLength", "maxLength"})


class Param(BordaParam):
    """``Param(5, type="integer", minimum=0, description="...")``, as in Airflow.

    Without a default (or with None and a type that is not "null") the param must be given
    in each run's conf, as Airflow's validation makes it.
    """

    def __init__(self, default: Any = NOTSET, description: str | None = None, **schema: Any):
        site = user_site()
        kind = schema.pop("type", None)
        if isinstance(kind, list | tuple):
            raise NotInSubsetError(
                f"Param type {list(kind)!r}", "a param has one type (and no 'null')", site
            )
        if kind == "null":
            raise NotInSubsetError("Param type 'null'", "a param has one type, not null", site)
        unknown = sorted(set(schema) - _FORM_ONLY - _CHECKED - {_FORMAT})
        if unknown:
            raise NotInSubsetError(
                f"The Param schema keyword '{unknown[0]}'",
                "Borda checks type, enum, minimum, maximum, minLength and maxLength",
                site,
            )
        checks = {_RENAMED.get(key, key): value for key, value in schema.items() if key in _CHECKED}
        self.schema = {"type": kind, **schema} if kind else dict(schema)
        self.value = None if default is NOTSET else default
        if default is NOTSET or (default is None and kind is not None):
            super().__init__(type=kind, description=description, **checks)
        else:
            super().__init__(default, type=kind, description=description, **checks)
