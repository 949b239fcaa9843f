"""Borda's implementation of its Airflow-compatible layer.

Nothing here is Airflow's API: the public modules (``airflow``, ``airflow.decorators``,
``airflow.sdk``, ...) re-export what Airflow's own modules export, from here; the standard
operators live at their Airflow 2 paths (``airflow.operators.bash``, ``.python``,
``.empty``), which Airflow 3's ``airflow.providers.standard`` paths re-export.

Declaring (``dag``, ``operator``, ``taskflow``, ``mapping``, ``params``) is kept apart
from running (``execution``, ``context``, ``templating``, ``credentials``), which only the
worker's runner calls, so parsing a DAG file never loads Jinja2. (``credentials`` also
answers what a DAG file reads while it is parsed: its defaults, or a refusal.)
"""
