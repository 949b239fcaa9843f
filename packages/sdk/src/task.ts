import { currentDagBuilder, type DagBuilder } from "./dagBuilder.js";
import type { TaskContext } from "./taskContext.js";
import type { BashOptions, PythonOptions, TaskOptions } from "./taskOptions.js";
import type { InputValues, TaskInputs, TaskRef } from "./taskRef.js";

/** No inputs: `ctx.inputs` has no keys. */
type NoInputs = Record<never, never>;

/** Declares a task that runs `fn`; its (awaited) return value is the task's result (XCom). */
export type TaskFunction<Params> = <Inputs extends TaskInputs = NoInputs, Result = unknown>(
  options: TaskOptions<Inputs>,
  fn: (ctx: TaskContext<Params, InputValues<Inputs>>) => Result,
) => TaskRef<Awaited<Result>>;

/**
 * Declares a task that runs a shell command. Its result is the last line the command
 * writes to stdout (as Airflow's BashOperator); a non-zero exit status fails the task.
 */
export type BashFunction<Params> = <Inputs extends TaskInputs = NoInputs>(
  options: BashOptions<Params, Inputs>,
) => TaskRef<string>;

/**
 * Declares a task whose code is a Python function in a file beside the DAG file. It runs
 * in a Python runner on the worker; its result is the function's return value (JSON).
 */
export type PythonFunction = <Inputs extends TaskInputs = NoInputs, Result = unknown>(
  options: PythonOptions<Inputs>,
) => TaskRef<Result>;

/**
 * Task declarers: bound to one DAG (the build toolkit, typed with its params), or to
 * whichever DAG is being built (the free `task()`, `bash()` and `python()`).
 */
export function taskDeclarers<Params>(target: () => DagBuilder): {
  task: TaskFunction<Params>;
  bash: BashFunction<Params>;
  python: PythonFunction;
} {
  return {
    task: (options, fn) => {
      const declaredAt = new Error("task declared here");
      if (typeof fn !== "function") {
        throw new Error(
          `task '${options?.id}' needs a function to run: task({ id }, async (ctx) => { ... }).`,
        );
      }
      const run = async (ctx: TaskContext) => fn(ctx as never);
      return target().declareTask(options, { kind: "function", run }, null, declaredAt);
    },
    bash: (options) => {
      const declaredAt = new Error("task declared here");
      const { command } = options ?? {};
      if (typeof command !== "string" && typeof command !== "function") {
        throw new Error(
          `bash task '${options?.id}' needs a command: a string, or a function of the context returning one.`,
        );
      }
      return target().declareTask(
        options,
        {
          kind: "bash",
          command: (ctx) => {
            const text = typeof command === "string" ? command : command(ctx as never);
            if (typeof text !== "string") {
              throw new Error(
                `The command function of bash task '${options.id}' returned ${typeof text}, not a string.`,
              );
            }
            return text;
          },
          env: { ...options.env },
          cwd: options.cwd ?? null,
        },
        typeof command === "string" ? command : null,
        declaredAt,
      );
    },
    python: (options) => {
      const declaredAt = new Error("task declared here");
      const { file, callable, interpreter } = options ?? {};
      if (typeof file !== "string" || !file.endsWith(".py") || typeof callable !== "string") {
        throw new Error(
          `python task '${options?.id}' needs a .py file and the function in it to call: python({ id, file: "etl/clean.py", callable: "run" }).`,
        );
      }
      const run = async () => {
        throw new Error(`python task '${options.id}' runs in a Python runner, not in Node.`);
      };
      return target().declareTask(options, { kind: "function", run }, null, declaredAt, {
        runtime: "python",
        operator: "python",
        python: { entry: file, callable, interpreter: interpreter ?? null },
      });
    },
  };
}

const free = taskDeclarers<Record<string, unknown>>(() =>
  currentDagBuilder("task()/bash()/python()"),
);

/**
 * Declares a task of the DAG being built. Inside `dag(options, ({ task }) => ...)` prefer
 * the toolkit's `task`, whose `ctx.params` is typed from the DAG's params.
 */
export const task: TaskFunction<Record<string, unknown>> = free.task;

/** Declares a bash task of the DAG being built (see `task`). */
export const bash: BashFunction<Record<string, unknown>> = free.bash;

/** Declares a Python task of the DAG being built (see `task`). */
export const python: PythonFunction = free.python;
