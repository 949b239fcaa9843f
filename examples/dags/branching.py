"""branching.ts, written with Borda's Python SDK (its DAG id ends in _py).

A branch takes one of two ways, by the size of the load; a report joins them again
(trigger rule none_failed_min_one_success: it runs after whichever ran). A short-circuit
then stops the publishing when there were no rows.
"""

from borda import Param, dag, task


@dag(
    dag_id="branching_py",
    description="A branch between two loads, joined again; a short-circuit before publishing.",
    tags=["example"],
    params={"rows": Param(10, type="integer", minimum=0)},
)
def branching_py():
    @task.branch
    def choose(ctx):
        return "bulk_load" if ctx.params["rows"] > 1000 else "quick_load"

    @task
    def quick_load(ctx):
        return f"loaded {ctx.params['rows']} rows at once"

    @task
    def bulk_load(ctx):
        return f"loaded {ctx.params['rows']} rows in batches"

    @task(trigger_rule="none_failed_min_one_success")
    def report(ctx):
        # Only the load that ran has a result; the other was skipped.
        loaded = ctx.upstream.get("quick_load") or ctx.upstream.get("bulk_load")
        ctx.log(f"report: {loaded}")
        return loaded

    # 0 rows: False, so publish is skipped (and so would be anything after it).
    @task.short_circuit
    def has_rows(ctx):
        return ctx.params["rows"] > 0

    @task
    def publish(ctx):
        return f"published {ctx.params['rows']} rows"

    choose() >> [quick_load(), bulk_load()] >> report() >> has_rows() >> publish()
