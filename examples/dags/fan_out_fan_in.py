"""fan_out_fan_in.ts, written with Borda's Python SDK (its DAG id ends in _py).

One task produces numbers; three tasks work on them in parallel, each receiving the list
as an argument; a join receives all three results.
"""

from borda import Param, dag, task


@dag(
    dag_id="fan_out_fan_in_py",
    description="A generator fanning out to parallel tasks, joined by a report.",
    tags=["example"],
    params={"count": Param(10, type="integer", minimum=1, maximum=1000)},
)
def fan_out_fan_in_py():
    @task
    def generate(ctx):
        return list(range(1, ctx.params["count"] + 1))

    @task
    def sum_of_squares(ctx, numbers):
        return sum(n * n for n in numbers)

    @task
    def evens(ctx, numbers):
        return [n for n in numbers if n % 2 == 0]

    @task
    def describe(ctx, numbers):
        ctx.sleep(0.1)
        return f"{len(numbers)} numbers from {numbers[0]}"

    @task(trigger_rule="all_success")
    def report(ctx, sum_of_squares, evens, summary):
        ctx.log(f"{summary}: {len(evens)} even, sum of squares {sum_of_squares}")
        # The keys of the TypeScript twin's result.
        return {"summary": summary, "evenCount": len(evens), "sumOfSquares": sum_of_squares}

    numbers = generate()
    report(
        sum_of_squares=sum_of_squares(numbers),
        evens=evens(numbers),
        summary=describe(numbers),
    )
