"""The Airflow side of `npm run bench:airflow`: the same scenarios as Borda's benchmark DAGs
(bench/dags/bench.ts), written for Airflow 3 (airflow.sdk) and 2.10 (airflow.decorators).
Every task is a Python callable that does nothing, so it runs on the edge worker: an
EmptyOperator would be marked done by the scheduler without running anywhere."""

from datetime import datetime

try:
    from airflow.sdk import dag, task
except ImportError:  # Airflow 2
    from airflow.decorators import dag, task

# No schedule, no catch-up: runs only when the benchmark triggers them.
DEFAULTS = {"schedule": None, "start_date": datetime(2026, 1, 1), "catchup": False}


@task
def noop():
    return None


@task
def items():
    return list(range(100))


@task
def each(item):
    return item


@task
def collect(values):
    values = list(values)
    if values != list(range(100)):
        raise ValueError("out of order")
    return len(values)


@dag(dag_id="bench_single", max_active_runs=1000, **DEFAULTS)
def bench_single():
    noop()


@dag(dag_id="bench_chain", max_active_runs=1000, **DEFAULTS)
def bench_chain():
    previous = noop.override(task_id="hop_00")()
    for i in range(1, 40):
        previous = previous >> noop.override(task_id=f"hop_{i:02d}")()


@dag(dag_id="bench_fan_in_out", max_active_runs=1000, **DEFAULTS)
def bench_fan_in_out():
    collect(each.expand(item=items()))


@dag(dag_id="bench_fan_out", max_active_runs=1000, **DEFAULTS)
def bench_fan_out():
    for i in range(1000):
        noop.override(task_id=f"noop_{i:04d}")()


bench_single()
bench_chain()
bench_fan_in_out()
bench_fan_out()
