"""Borda's Airflow-compatible layer: DAG files written for Airflow 2 and 3 run on Borda.

``import airflow`` in a DAG file that Borda parses or runs imports this package, not
Apache Airflow: Borda's Python runtime puts it first on ``sys.path``. It implements a
subset of Airflow's authoring API (``DAG``, ``@dag``, ``@task``, ``BashOperator``,
``PythonOperator``, ``EmptyOperator``, branching and short-circuit, ``>>``, ``chain``,
params, templates, XComs, the task context), each construct producing the DAG spec
Borda's own Python SDK produces and registering through ``borda._registry``. The subset
is listed in docs/coming-from-airflow.md#the-supported-subset; anything outside it is an
import error that names it.

When Apache Airflow itself is installed in the same interpreter, this layer still wins
(it is first on the path), and says so with a warning that the DAG parser reports.
"""

import importlib.metadata
import os
import sys

from airflow._borda.dag import DAG
from airflow._borda.subset import install_finder, module_getattr
from airflow._borda.user_code import warn
from airflow.datasets import Dataset

__version__ = "2.10.5"
"""The Airflow version whose behaviour the layer follows where 2 and 3 differ in what a
file can test (the seed document's version); its defaults follow Airflow 3."""

__all__ = ["DAG", "Dataset", "__version__"]

install_finder()


def _warn_when_shadowing_apache_airflow() -> None:
    try:
        distribution = importlib.metadata.distribution("apache-airflow")
    except importlib.metadata.PackageNotFoundError:
        return
    here = os.path.dirname(os.path.abspath(__file__))
    warn(
        f"Apache Airflow {distribution.version} is installed in this Python ({sys.executable}, "
        f"at {distribution.locate_file('airflow')}), but `import airflow` loads Borda's "
        f"Airflow-compatible layer ({here}), which comes first on the path: DAG files are "
        "parsed and run by Borda within its subset, never by that Airflow. Point BORDA_PYTHON "
        "at an interpreter without Apache Airflow to silence this."
    )


_warn_when_shadowing_apache_airflow()

__getattr__ = module_getattr(__name__, package=True)
