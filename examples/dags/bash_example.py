"""bash_example.ts, written with Borda's Python SDK (its DAG id ends in _py).

Bash tasks: a fixed command, and one built from the context when the task runs. A bash
task's result is the last line its command prints, so it can feed another task.
"""

import shlex

from borda import Param, bash, dag, task


def greeting_command(ctx):
    """The greet task's command, built when it runs: shlex.quote, so a param cannot inject
    commands."""
    greeting = f"{ctx.params['greeting']} from {ctx.inputs['host']}, try {ctx.try_number}"
    return f"echo {shlex.quote(greeting)}"


@dag(
    dag_id="bash_example_py",
    description="Shell commands, fixed and computed from params and upstream results.",
    tags=["example"],
    params={"greeting": Param("hello", type="string", max_length=100)},
)
def bash_example_py():
    host = bash(task_id="print_host", command="uname -n")
    greet = bash(
        task_id="greet", inputs={"host": host}, env={"LC_ALL": "C"}, command=greeting_command
    )

    @task
    def measure(ctx, greeting):
        ctx.log(f"greet printed: {greeting}")
        return len(greeting)

    measure(greet)
