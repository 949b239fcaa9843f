"""Branching: ``BranchMixIn`` and ``BaseBranchOperator``, operators whose result chooses
which of their direct downstream tasks run.

In Airflow a branch task skips the tasks it did not choose from inside its ``execute``.
In Borda it only returns its choice, a task id, a list of them or None, as its result
(its XCom ``return_value``); the spec says the task is a branch (its ``flow``), and the
control plane skips the direct downstream tasks it did not name once it succeeds, then
their trigger rules carry the skips on. A choice that names any other task fails the try.
"""

from typing import Any

from airflow._borda.operator import BaseOperator
from airflow._borda.subset import module_getattr
from borda._spec_values import branch_flow

__all__ = ["BaseBranchOperator", "BranchMixIn"]


class BranchMixIn:
    """Makes an operator a branch (``class MyBranch(BaseOperator, BranchMixIn)``, as
    Airflow's own): ``do_branch`` logs and returns the choice."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # Airflow's classes list the mixin after the operator class, whose _borda_flow
        # (None) would come first in the MRO: each subclass gets the branch's own.
        if "_borda_flow" not in cls.__dict__:
            cls._borda_flow = BranchMixIn._borda_flow  # type: ignore[method-assign]

    def _borda_flow(self) -> dict[str, Any]:
        return branch_flow()

    def do_branch(self, context: Any, branches_to_execute: Any) -> Any:
        """The task's result for the choice ``branches_to_execute``, as Airflow's."""
        self.log.info("Branch into %s", branches_to_execute)  # type: ignore[attr-defined]
        if isinstance(branches_to_execute, set | frozenset):
            # Airflow takes any iterable of ids; a set is no JSON, and its order varies.
            return sorted(branches_to_execute)
        return branches_to_execute


class BaseBranchOperator(BaseOperator, BranchMixIn):
    """Airflow's ``BaseBranchOperator``: override ``choose_branch(self, context)`` to return
    the direct downstream task(s) to follow."""

    def choose_branch(self, context: Any) -> Any:
        raise NotImplementedError(
            f"{type(self).__name__} must override choose_branch(self, context)."
        )

    def execute(self, context: Any) -> Any:
        return self.do_branch(context, self.choose_branch(context))


__getattr__ = module_getattr(__name__, package=False)
