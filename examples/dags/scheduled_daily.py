"""scheduled_daily.ts, written with Borda's Python SDK (its DAG id ends in _py).

Runs every day at 06:30 on Berlin's clocks (05:30 UTC in winter, 04:30 UTC in summer).
Each run processes the day before: its data interval is [yesterday 06:30, today 06:30).
With catchup False, unpausing it creates only the latest interval, not one run for every
day since start_date.
"""

from datetime import datetime, timedelta

from borda import dag, task


def iso(instant: datetime) -> str:
    """As JavaScript's toISOString() writes an instant: 2024-03-10T05:30:00.000Z."""
    return instant.isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dag(
    dag_id="scheduled_daily_py",
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
def scheduled_daily_py():
    @task(execution_timeout=timedelta(minutes=10))
    def extract(ctx):
        ctx.log(f"extracting {iso(ctx.data_interval_start)} .. {iso(ctx.data_interval_end)}")
        return {"rows": 42, "day": ctx.logical_date.date().isoformat()}

    @task
    def publish(ctx, extracted):
        return f"published {extracted['rows']} rows for {extracted['day']}"

    publish(extract())
