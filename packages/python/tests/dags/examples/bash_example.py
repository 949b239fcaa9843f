"""examples/dags/bash_example.ts, written with the Python SDK."""

import shlex

from borda import Param, bash, dag, task


@dag(
    dag_id="bash_example",
    description="Shell commands, fixed and computed from params and upstream results.",
    tags=["example"],
    params={"greeting": Param("hello", type="string", max_length=100)},
)
def bash_example():
    host = bash(task_id="print_host", command="uname -n")
    greet = bash(
        task_id="greet",
        inputs={"host": host},
        env={"LC_ALL": "C"},
        command=lambda ctx: (
            "echo "
            + shlex.quote(
                f"{ctx.params['greeting']} from {ctx.inputs['host']}, try {ctx.try_number}"
            )
        ),
    )

    @task(task_id="measure")
    def measure(ctx, greeting):
        ctx.log(f"greet printed: {greeting}")
        return len(greeting)

    measure(greet)
