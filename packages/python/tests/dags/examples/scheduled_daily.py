"""examples/dags/scheduled_daily.ts, written with the Python SDK."""

from datetime import timedelta

from borda import dag, task


@dag(
    dag_id="scheduled_daily",
    description="A daily 06:30 Europe/Berlin job over the previous day's data interval.",
    schedule="30 6 * * *",
    timezone="Europe/Berlin",
    start_date="2024-01-01",
    catchup=False,
    max_active_runs=1,
    tags=["example", "scheduled"],
    default_args={
        "retries": 2,
        "retry_delay": timedelta(minutes=1),
        "retry_exponential_backoff": True,
    },
)
def scheduled_daily():
    @task(execution_timeout=timedelta(minutes=10))
    def extract(ctx):
        ctx.log(f"extracting {ctx.data_interval_start} .. {ctx.data_interval_end}")
        return {"rows": 42, "day": ctx.logical_date.date().isoformat()}

    @task
    def publish(ctx, extracted):
        return f"published {extracted['rows']} rows for {extracted['day']}"

    publish(extract())
