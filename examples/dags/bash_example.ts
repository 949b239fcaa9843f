import { dag } from "borda";

/** Quotes a value for a POSIX shell, so a param cannot inject commands. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", "'\\''")}'`;
}

/**
 * Bash tasks: a fixed command, and one built from the context when the task runs. A bash
 * task's result is the last line its command prints, so it can feed another task.
 */
export default dag(
  {
    id: "bash_example",
    description: "Shell commands, fixed and computed from params and upstream results.",
    tags: ["example"],
    params: { greeting: { type: "string", default: "hello", maxLength: 100 } },
  },
  ({ bash, task }) => {
    const host = bash({ id: "print_host", command: "uname -n" });
    const greet = bash({
      id: "greet",
      inputs: { host },
      env: { LC_ALL: "C" },
      command: (ctx) =>
        `echo ${shellQuote(`${ctx.params.greeting} from ${ctx.inputs.host}, try ${ctx.tryNumber}`)}`,
    });
    task({ id: "measure", inputs: { greeting: greet } }, (ctx) => {
      ctx.log(`greet printed: ${ctx.inputs.greeting}`);
      return ctx.inputs.greeting.length;
    });
  },
);
