"""The standard provider's sensors (Airflow 3's paths): ``python``, ``filesystem`` and
``external_task``; ``BaseSensorOperator`` is ``airflow.sdk``'s."""

from airflow._borda.subset import module_getattr

__getattr__ = module_getattr(__name__, package=True)
