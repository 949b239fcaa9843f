"""The benchmark's Python DAGs (Borda's Python SDK), in one file so they share one bundle
and one warm Python runner. Every task does nothing: what is measured is Borda and its
Python runner, not the work."""

from borda import dag, task


@task(queue="bench", pool="bench")
def noop(ctx):
    return None


@dag(dag_id="bench_py_single", max_active_runs=1000)
def bench_py_single():
    noop()


@dag(dag_id="bench_py_chain", max_active_runs=1000)
def bench_py_chain():
    previous = noop.override(task_id="hop_00")()
    for i in range(1, 40):
        previous = previous >> noop.override(task_id=f"hop_{i:02d}")()
