"""Airflow's trigger rules, and the ones Borda's scheduler evaluates."""

from enum import StrEnum
from typing import Any

from airflow._borda.subset import NotInSubsetError
from airflow._borda.user_code import Site


class TriggerRule(StrEnum):
    """Airflow's trigger rules (``airflow.utils.trigger_rule.TriggerRule``); Borda runs the
    rules its scheduler has (see ``borda_trigger_rule``)."""

    ALL_SUCCESS = "all_success"
    ALL_FAILED = "all_failed"
    ALL_DONE = "all_done"
    ALL_DONE_MIN_ONE_SUCCESS = "all_done_min_one_success"
    ALL_DONE_SETUP_SUCCESS = "all_done_setup_success"
    ONE_SUCCESS = "one_success"
    ONE_FAILED = "one_failed"
    ONE_DONE = "one_done"
    NONE_FAILED = "none_failed"
    NONE_FAILED_OR_SKIPPED = "none_failed_or_skipped"
    NONE_SKIPPED = "none_skipped"
    DUMMY = "dummy"
    ALWAYS = "always"
    NONE_FAILED_MIN_ONE_SUCCESS = "none_failed_min_one_success"
    ALL_SKIPPED = "all_skipped"

    @classmethod
    def is_valid(cls, trigger_rule: str) -> bool:
        return trigger_rule in cls.all_triggers()

    @classmethod
    def all_triggers(cls) -> set[str]:
        return {rule.value for rule in cls}


# Airflow's deprecated names for rules Borda has.
_ALIASES = {"dummy": "always", "none_failed_or_skipped": "none_failed_min_one_success"}
_WITHOUT = {
    "all_skipped": "Borda's scheduler does not have this rule yet",
    "none_skipped": "Borda's scheduler does not have this rule yet: use none_failed",
    "one_done": "use one_success, one_failed or all_done",
    "all_done_min_one_success": "use all_done or none_failed_min_one_success",
    "all_done_setup_success": "setup and teardown tasks are not supported",
}


def borda_trigger_rule(value: Any, owner: str, site: Site) -> Any:
    """The rule as Borda's spec names it; refuses Airflow rules Borda's scheduler lacks.

    A value that is no rule at all is passed on, for the spec's own check to name it.
    """
    rule = value.value if isinstance(value, TriggerRule) else value
    if rule in _WITHOUT:
        raise NotInSubsetError(f"The trigger rule '{rule}' of {owner}", _WITHOUT[rule], site)
    return _ALIASES.get(rule, rule)
