"""mapping.ts, written with Borda's Python SDK (its DAG id ends in _py).

Dynamic task mapping: `plants` returns a list only known at run time, `check` runs once
per plant (map indexes 0..N-1, two at a time), and `summary` receives every result, in
map index order. With `plants: []` in the conf, `check` and `summary` are skipped.
"""

from borda import Param, dag, task


@dag(
    dag_id="mapping_py",
    description="A task mapped over a list known at run time, and a summary of its results.",
    tags=["example"],
    params={"plants": Param(["porto", "lyon", "gdansk"], type="array")},
)
def mapping_py():
    @task
    def plants(ctx):
        return ctx.params["plants"]

    @task
    def threshold(ctx):
        return 0.9

    @task(max_active_tis_per_dagrun=2)
    def check(ctx, plant, threshold):
        uptime = 0.8 + (len(plant) % 3) / 10
        ctx.log(f"map index {ctx.map_index}: {plant} uptime {uptime:.1f}")
        return {"plant": plant, "ok": uptime >= threshold}

    @task
    def summary(ctx, checks):
        failing = [c["plant"] for c in checks if not c["ok"]]
        ctx.log(f"{len(checks)} plants checked, failing: {', '.join(failing) or 'none'}")
        return failing

    found = plants()
    limit = threshold()
    # `threshold` is the same for every map index (Airflow's partial).
    summary(check.partial(threshold=limit).expand(plant=found))
