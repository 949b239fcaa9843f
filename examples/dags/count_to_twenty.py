"""count_to_twenty.ts, written with Borda's Python SDK (its DAG id ends in _py).

The first seed's DAG: count to twenty on the edge worker that serves the "worker-1"
queue, one log line per step. Trigger it with conf {"sleep_seconds": 0} to go fast.
"""

from borda import Param, dag, task


@dag(
    dag_id="count_to_twenty_py",
    description="Counts to twenty on worker-1, one log line per count.",
    schedule=None,
    start_date="2021-01-01",
    catchup=False,
    tags=["example"],
    params={
        "sleep_seconds": Param(1, type="number", minimum=0, description="Pause after each count."),
    },
)
def count_to_twenty_py():
    @task(pool="worker-1", queue="worker-1")
    def count_to_twenty(ctx):
        for i in range(1, 21):
            ctx.log(f"Counting: {i}")
            ctx.sleep(ctx.params["sleep_seconds"])
        return "done"

    count_to_twenty()
