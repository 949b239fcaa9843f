"""examples/dags/count_to_twenty.ts, written with the Python SDK."""

from borda import Param, dag, task


@dag(
    dag_id="count_to_twenty",
    description="Counts to twenty on worker-1, one log line per count.",
    schedule=None,
    start_date="2021-01-01",
    catchup=False,
    tags=["example"],
    params={
        "sleep_seconds": Param(1, type="number", minimum=0, description="Pause after each count."),
    },
)
def count_to_twenty():
    @task(pool="worker-1", queue="worker-1")
    def count_to_twenty(ctx):
        for i in range(1, 21):
            ctx.log(f"Counting: {i}")
            ctx.sleep(ctx.params["sleep_seconds"])
        return "done"

    count_to_twenty()
