"""``PythonSensor``: pokes a Python function until it returns a true value.

``python_callable`` gets ``op_args``, ``op_kwargs`` (templated) and the context keywords
it names, as a ``PythonOperator``'s; it returns a truthy value when the condition holds,
or a ``PokeReturnValue`` whose ``xcom_value`` is the sensor's result.
"""

from typing import Any

from airflow._borda.subset import module_getattr
from airflow.operators.python import PythonOperator
from airflow.sensors.base import BaseSensorOperator, PokeReturnValue

__all__ = ["PythonSensor"]


class PythonSensor(BaseSensorOperator, PythonOperator):
    """Airflow's ``PythonSensor``: the sensor's arguments and a ``PythonOperator``'s."""

    def poke(self, context: Any) -> PokeReturnValue:
        result = PythonOperator.execute(self, context)
        return result if isinstance(result, PokeReturnValue) else PokeReturnValue(bool(result))


__getattr__ = module_getattr(__name__, package=False)
