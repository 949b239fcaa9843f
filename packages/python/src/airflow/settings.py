"""Airflow's ``settings``: only ``AIRFLOW_HOME``, which DAG files import to find files.

As Airflow reads it: the ``AIRFLOW_HOME`` environment variable, else ``~/airflow``, in the
process that imports the file (the DAG processor's, or the worker's runner's; the worker
passes ``AIRFLOW_HOME`` to tasks only when ``--task-env`` names it).
"""

import os

from airflow._borda.subset import module_getattr

__all__ = ["AIRFLOW_HOME"]

AIRFLOW_HOME = os.path.expanduser(os.environ.get("AIRFLOW_HOME", "~/airflow"))

__getattr__ = module_getattr(__name__, package=False)
