"""sensors.ts, written with Borda's Python SDK (its DAG id ends in _py).

A sensor waits for a condition, freeing its worker slot between pokes (reschedule mode):
here, its own second look. Its value, the number of pokes it took, goes to the report.
"""

import os
import tempfile

from borda import PokeReturnValue, dag, task


def counter_of(ctx):
    """Where a run keeps its sensor's poke count."""
    return os.path.join(tempfile.gettempdir(), "borda-sensors", ctx.dag_id, ctx.run_id)


@dag(
    dag_id="sensors_py",
    description="A reschedule-mode sensor that is satisfied on its second poke.",
    tags=["example"],
)
def sensors_py():
    @task
    def reset(ctx):
        counter = counter_of(ctx)
        if os.path.exists(counter):
            os.remove(counter)
        os.makedirs(os.path.dirname(counter), exist_ok=True)
        return "reset"

    @task.sensor(poke_interval=0.5, timeout=60, mode="reschedule")
    def second_look(ctx):
        counter = counter_of(ctx)
        pokes = 1
        if os.path.exists(counter):
            with open(counter) as file:
                pokes = int(file.read()) + 1
        with open(counter, "w") as file:
            file.write(str(pokes))
        # False until the second poke; then done, with the count as the sensor's result.
        return PokeReturnValue(pokes >= 2, xcom_value=pokes)

    @task
    def report(ctx, pokes):
        return f"ready after {pokes} pokes"

    cleared = reset()
    looked = second_look()
    cleared >> looked
    report(looked)
