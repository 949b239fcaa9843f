"""Borda's Python SDK: what Python DAG files import. Standard library only.

```python
from datetime import timedelta
from borda import Param, bash, dag, task

@dag(dag_id="etl", schedule="@daily", start_date="2024-01-01",
     params={"n": Param(3, type="integer", minimum=0)})
def etl():
    @task(retries=2, retry_delay=timedelta(seconds=5))
    def extract(ctx):
        return list(range(ctx.params["n"]))

    @task
    def total(ctx, numbers):
        return sum(numbers)

    done = bash(task_id="done", command="echo done")
    total(extract()) >> done
```

The same concepts as the TypeScript SDK (``dag()``, ``task()``, ``bash()``, the task
context), producing the same DAG spec; tasks run in Borda's Python runner on the worker.
A running task reads connections and variables through its context, in its scope:

```python
@task
def load(ctx):
    plant = ctx.connection("plant_db")    # a Connection: .host, .password, .get_uri(), ...
    region = ctx.variable("region", default="eu-west")
    settings = ctx.variable("settings", deserialize_json=True)
```

A value it cannot have raises ``LookupFailed``, whose ``code`` says why. A task skips
itself by raising ``SkipTask("why")`` (Airflow's ``AirflowSkipException``).

A task's result may steer the tasks after it, as Airflow's branching does:

```python
@task.branch
def route(ctx, rows):
    return "load" if rows else "report_empty"    # the direct downstream task(s) to follow

@task.short_circuit
def has_rows(ctx, rows):
    return len(rows) > 0                          # false: every task after it is skipped
```

A task may be mapped over a list, one task instance per item (Airflow's dynamic task
mapping); the tasks after it receive its results as a list, in order:

```python
@task(max_active_tis_per_dagrun=4)
def scale(ctx, x, factor):
    return x * factor                             # ctx.map_index: 0, 1, 2, ...

total(scale.partial(factor=10).expand(x=extract()))
```

Callbacks and notifiers (docs/notifications.md):

```python
def page_someone(ctx):
    print(ctx.callback.exception["message"])      # runs on a worker of the task's queue

@task(retries=2, on_failure=[page_someone, slack_notifier("ops_slack")])
def load(ctx): ...
```

A DAG may run when data it needs was updated (data-aware scheduling):

```python
orders = Asset("s3://warehouse/orders")

@dag(dag_id="load_orders")
def load_orders():
    @task(outlets=[orders])             # its success is an event of the asset
    def write(ctx): ...
    write()

@dag(dag_id="report", schedule=orders & Asset("s3://warehouse/customers"))
def report():
    @task
    def build(ctx):
        return [e.source_run_id for e in ctx.triggering_asset_events[orders]]
    build()
```

A sensor pokes until its condition holds; in reschedule mode its slot is free between pokes:

```python
@task.sensor(poke_interval=30, timeout=3600, mode="reschedule")
def file_arrived(ctx):
    path = f"/data/{ctx.logical_date:%Y-%m-%d}.csv"
    return PokeReturnValue(os.path.exists(path), xcom_value=path)
```
"""

from borda._asset import Asset, AssetAll, AssetAny, AssetEvent
from borda._bash import bash
from borda._callbacks import (
    CallbackDetails,
    Notifier,
    email_notifier,
    slack_notifier,
    webhook_notifier,
)
from borda._connection import Connection
from borda._context import LookupFailed, SkipTask, TaskAborted, TaskContext
from borda._dag import Dag, TaskRef, dag
from borda._definition_error import DagDefinitionError
from borda._params import Param
from borda._sensor import PokeReturnValue
from borda._task import PartialTask, TaskFunction, task
from borda._task_options import TaskDefaults, TaskOptions

__all__ = [
    "Asset",
    "AssetAll",
    "AssetAny",
    "AssetEvent",
    "CallbackDetails",
    "Connection",
    "Dag",
    "DagDefinitionError",
    "LookupFailed",
    "Notifier",
    "Param",
    "PartialTask",
    "PokeReturnValue",
    "SkipTask",
    "TaskAborted",
    "TaskContext",
    "TaskDefaults",
    "TaskFunction",
    "TaskOptions",
    "TaskRef",
    "bash",
    "dag",
    "email_notifier",
    "slack_notifier",
    "task",
    "webhook_notifier",
]
