"""Run by Apache Airflow's own Python (never Borda's): parses DAG files with Airflow's
DagBag and writes, as JSON, what the parity test compares with Borda's parse.

    python airflow_dagbag.py OUT.json FOLDER FILE...

For each file: its import errors (their last lines) and, per DAG, per task, the upstream
task ids, pool, pool slots, queue, retries and trigger rule. Airflow 2's and 3's DagBag
both answer (Airflow 3 moved it and dropped ``include_examples``).
"""

import inspect
import json
import os
import sys
import warnings
from typing import Any


def main() -> None:
    out, folder, *files = sys.argv[1:]
    warnings.simplefilter("ignore")
    try:
        from airflow.dag_processing.dagbag import DagBag  # Airflow 3
    except ImportError:
        from airflow.models.dagbag import DagBag  # Airflow 2
    import airflow

    options = {"include_examples": False}
    accepted = inspect.signature(DagBag).parameters
    options = {name: value for name, value in options.items() if name in accepted}
    parsed = {}
    for file in files:
        bag = DagBag(os.path.join(folder, file), **options)
        parsed[file] = {
            "errors": [error.strip().splitlines()[-1] for error in bag.import_errors.values()],
            "dags": {
                dag_id: {task.task_id: _task(task) for task in dag.tasks}
                for dag_id, dag in sorted(bag.dags.items())
            },
        }
    with open(out, "w", encoding="utf-8") as written:
        json.dump({"version": airflow.__version__, "files": parsed}, written)


def _task(task: Any) -> dict[str, Any]:
    rule = task.trigger_rule
    return {
        "upstream": sorted(task.upstream_task_ids),
        "pool": task.pool,
        "pool_slots": task.pool_slots,
        "queue": task.queue,
        "retries": task.retries,
        "trigger_rule": getattr(rule, "value", rule),
    }


if __name__ == "__main__":
    main()
