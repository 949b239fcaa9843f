"""``BaseSensorOperator`` and ``PokeReturnValue``: tasks that poke a condition until it holds.

A sensor's ``poke(self, context)`` returns True when its condition holds, False to poke
again, or a ``PokeReturnValue(is_done, xcom_value)``, whose ``xcom_value`` is the
sensor's result (its XCom). In Airflow the operator's ``execute`` loops over pokes; in
Borda each run of the task is one poke, and the worker loops: in ``mode="poke"`` it pokes
again after ``poke_interval`` holding the slot, in ``mode="reschedule"`` the attempt ends
and the task instance waits ``up_for_reschedule``, holding no worker or pool slot, until
the control plane queues the next poke on the same try. ``timeout`` counts from the try's
first poke; a sensor still waiting then fails without retries (``AirflowSensorTimeout``),
or is skipped with ``soft_fail``. ``exponential_backoff`` doubles each interval, up to
the timeout (without Airflow's jitter).
"""

from datetime import timedelta
from typing import Any

from airflow._borda.arguments import refuse_set_arguments
from airflow._borda.operator import BaseOperator
from airflow._borda.subset import module_getattr
from borda import DagDefinitionError
from borda._sensor import DEFAULT_POKE_INTERVAL, DEFAULT_TIMEOUT, PokeReturnValue, sensor_spec

__all__ = ["BaseSensorOperator", "PokeReturnValue"]


class BaseSensorOperator(BaseOperator):
    """Airflow's ``BaseSensorOperator``: subclass it and override ``poke(self, context)``."""

    ui_color = "#e6f1f2"
    valid_modes = ("poke", "reschedule")

    def __init__(
        self,
        *,
        poke_interval: timedelta | float = DEFAULT_POKE_INTERVAL,
        timeout: timedelta | float = DEFAULT_TIMEOUT,
        soft_fail: bool = False,
        mode: str = "poke",
        exponential_backoff: bool = False,
        max_wait: Any = None,
        silent_fail: bool = False,
        never_fail: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        owner = f"task '{self.task_id}' ({type(self).__name__})"
        refuse_set_arguments(
            owner,
            {"max_wait": max_wait, "silent_fail": silent_fail, "never_fail": never_fail},
            self._borda_site,
        )
        try:
            self._borda_sensor_spec = sensor_spec(
                owner,
                mode=mode,
                poke_interval=poke_interval,
                timeout=timeout,
                soft_fail=soft_fail,
                exponential_backoff=exponential_backoff,
            )
        except DagDefinitionError as error:
            error.where = self._borda_site
            raise
        # Seconds, as Airflow's attributes are.
        self.poke_interval = self._borda_sensor_spec["pokeIntervalMs"] / 1000
        self.timeout = self._borda_sensor_spec["timeoutMs"] / 1000
        self.soft_fail = soft_fail
        self.mode = mode
        self.exponential_backoff = exponential_backoff

    @property
    def reschedule(self) -> bool:
        return self.mode == "reschedule"

    def poke(self, context: Any) -> bool | PokeReturnValue:
        """Whether the condition holds; override it."""
        raise NotImplementedError(f"{type(self).__name__} must override poke(self, context).")

    def execute(self, context: Any) -> Any:
        # One poke per run: the worker pokes again, or reschedules (see the module's doc).
        return self.poke(context)

    def _borda_sensor(self) -> dict[str, Any]:
        return self._borda_sensor_spec


__getattr__ = module_getattr(__name__, package=False)
