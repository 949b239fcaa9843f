"""``XComArg``: a task's XCom as an argument of another task, before either runs.

What a TaskFlow call returns, and ``operator.output``. Passed to another task (a TaskFlow
argument, a templated field of an operator) it makes that task run after this one and
receive the value when it runs; ``xcom_arg["key"]`` names another key of the same task
(one its ``multiple_outputs`` pushed). ``xcom_arg.map(f)`` is the list with ``f`` applied
to each item when the receiving task runs (on its worker): the list a task maps over, or
an argument.
"""

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from airflow._borda.subset import NotInSubsetError
from airflow._borda.user_code import user_site

if TYPE_CHECKING:
    from airflow._borda.operator import BaseOperator

RETURN_KEY = "return_value"


class XComArg:
    """A reference to the XCom ``key`` of ``operator``, resolved when a downstream task runs."""

    def __init__(
        self,
        operator: "BaseOperator",
        key: str = RETURN_KEY,
        transforms: tuple[Callable[[Any], Any], ...] = (),
    ) -> None:
        self.operator = operator
        self.key = key
        self.transforms = transforms

    def __repr__(self) -> str:
        suffix = "" if self.key == RETURN_KEY else f"[{self.key!r}]"
        return f"XComArg(<Task({type(self.operator).__name__}): {self.operator.task_id}>){suffix}"

    def __str__(self) -> str:
        # As Airflow: in an f-string, the template that pulls the value when rendered.
        dag_id = self.operator.dag.dag_id if self.operator.dag else None
        return (
            f"{{{{ task_instance.xcom_pull(task_ids='{self.operator.task_id}', "
            f"dag_id='{dag_id}', key='{self.key}') }}}}"
        )

    def __getitem__(self, key: str) -> "XComArg":
        if self.transforms:
            raise TypeError("An XComArg made by map() has no keys: index the task's result.")
        if not isinstance(key, str):
            raise TypeError(f"An XComArg is indexed by an XCom key (a string), not {key!r}.")
        return XComArg(self.operator, key)

    def __iter__(self) -> Iterator[Any]:
        raise TypeError(
            "'XComArg' object is not iterable: its value exists only when the task runs; "
            "index it (result['key']) to pass one of its multiple_outputs."
        )

    # Dependencies, as the operator's.
    def set_upstream(self, other: Any) -> None:
        self.operator.set_upstream(other)

    def set_downstream(self, other: Any) -> None:
        self.operator.set_downstream(other)

    def __rshift__(self, other: Any) -> Any:
        self.operator.set_downstream(other)
        return other

    def __lshift__(self, other: Any) -> Any:
        self.operator.set_upstream(other)
        return other

    def __rrshift__(self, other: Any) -> "XComArg":
        self.operator.set_upstream(other)
        return self

    def __rlshift__(self, other: Any) -> "XComArg":
        self.operator.set_downstream(other)
        return self

    def resolve(self, context: Any) -> Any:
        """The value, read by the running task (``context["ti"]``), its items mapped by
        ``map()``'s functions."""
        value = context["ti"].xcom_pull(task_ids=self.operator.task_id, key=self.key)
        if not self.transforms or value is None:
            return value
        items = [list(pair) for pair in value.items()] if isinstance(value, dict) else value
        return [self.transformed(item) for item in items]

    def transformed(self, item: Any) -> Any:
        """One item of the value as ``map()``'s functions make it, in their order."""
        for transform in self.transforms:
            item = transform(item)
        return item

    def map(self, f: Callable[[Any], Any]) -> "XComArg":
        """The list with ``f`` applied to each item (a dict's items: [key, value] pairs), when
        the task that receives it runs."""
        if not callable(f):
            raise TypeError(f"XComArg.map() needs a function, not {f!r}.")
        return XComArg(self.operator, self.key, (*self.transforms, f))

    def _unsupported(self, method: str) -> Any:
        raise NotInSubsetError(
            f"XComArg.{method}()",
            "a task maps over one task's list: zip or concatenate the lists in a @task, and "
            "expand over that task's result",
            user_site(),
        )

    def zip(self, *_args: Any, **_kwargs: Any) -> Any:
        return self._unsupported("zip")

    def concat(self, *_args: Any, **_kwargs: Any) -> Any:
        return self._unsupported("concat")


def xcom_args_in(value: Any) -> list[XComArg]:
    """The XComArgs inside a value (lists, tuples, sets and dict values, at any depth)."""
    if isinstance(value, XComArg):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list | tuple):
        return [found for item in value for found in xcom_args_in(item)]
    if isinstance(value, set | frozenset):
        # A set's order changes from one import to the next; the spec's must not.
        found = xcom_args_in(list(value))
        return sorted(found, key=lambda arg: (arg.operator.task_id, arg.key))
    return []
