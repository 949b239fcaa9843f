"""examples/dags/fan_out_fan_in.ts, written with the Python SDK."""

from borda import Param, dag, task


@dag(
    dag_id="fan_out_fan_in",
    description="A generator fanning out to parallel tasks, joined by a report.",
    tags=["example"],
    params={"count": Param(10, type="integer", minimum=1, maximum=1000)},
)
def fan_out_fan_in():
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
    # The input names of the TypeScript example, camelCase and all.
    def report(ctx, sumOfSquares, evens, summary):
        ctx.log(f"{summary}: {len(evens)} even, sum of squares {sumOfSquares}")
        return {"summary": summary, "evenCount": len(evens), "sumOfSquares": sumOfSquares}

    numbers = generate()
    report(
        sumOfSquares=sum_of_squares(numbers),
        evens=evens(numbers),
        summary=describe(numbers),
    )
