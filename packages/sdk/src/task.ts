import {
  currentDagBuilder,
  type DagBuilder,
  type MapDeclaration,
  type TaskSpecExtras,
} from "./dagBuilder.js";
import { type PokeResult, pokeOutcome, sensorSpec } from "./sensor.js";
import type { TaskContext } from "./taskContext.js";
import type {
  BashOptions,
  MapItems,
  MappedTaskOptions,
  MapSource,
  PythonOptions,
  SensorOptions,
  ShortCircuitOptions,
  TaskFlow,
  TaskOptions,
} from "./taskOptions.js";
import type { InputValues, TaskInputs, TaskRef } from "./taskRef.js";

/** No inputs: `ctx.inputs` has no keys. */
type NoInputs = Record<never, never>;

/** Declares a task that runs `fn`; its (awaited) return value is the task's result (XCom). */
export type TaskFunction<Params> = <Inputs extends TaskInputs = NoInputs, Result = unknown>(
  options: TaskOptions<Inputs>,
  fn: (ctx: TaskContext<Params, InputValues<Inputs>>) => Result,
) => TaskRef<Awaited<Result>>;

/**
 * What a branch task's function returns: the id of the direct downstream task to follow,
 * or a list of them; null, undefined or an empty list follows none.
 */
export type BranchResult = string | readonly string[] | null | undefined;

/**
 * Declares a task that chooses which of its direct downstream tasks run (Airflow's
 * `@task.branch`): `fn` returns their ids, and the others are skipped, their own
 * downstream tasks skipping or running as their trigger rules say. An id that is not a
 * direct downstream task fails the attempt. The result is also the task's XCom.
 */
export type BranchFunction<Params> = <
  Inputs extends TaskInputs = NoInputs,
  Result extends BranchResult | PromiseLike<BranchResult> = BranchResult,
>(
  options: TaskOptions<Inputs>,
  fn: (ctx: TaskContext<Params, InputValues<Inputs>>) => Result,
) => TaskRef<Awaited<Result>>;

/**
 * Declares a task that lets the tasks after it run only when `fn` returns a truthy value
 * (Airflow's `@task.short_circuit`). Truthiness is Python's, as in Airflow: null,
 * undefined, false, 0, "", [] and {} are falsy; a falsy result skips what is downstream
 * (see `ignoreDownstreamTriggerRules`). The result is also the task's XCom.
 */
export type ShortCircuitFunction<Params> = <Inputs extends TaskInputs = NoInputs, Result = unknown>(
  options: ShortCircuitOptions<Inputs>,
  fn: (ctx: TaskContext<Params, InputValues<Inputs>>) => Result,
) => TaskRef<Awaited<Result>>;

/**
 * Declares a mapped task (Airflow's dynamic task mapping): when its sources are known, it
 * becomes one task instance per item, `ctx.mapIndex` 0..N-1, each with its own tries,
 * logs and result, and each receiving its item in `ctx.inputs`. Tasks after it receive
 * its results as one list, in map index order. An empty list skips it.
 *
 * - `expand: { name: source, ... }` maps each argument over a list (an upstream task's
 *   result, or a literal list); several arguments map over their cross product, the last
 *   one varying fastest. An upstream result that is an object maps as [key, value] pairs.
 * - `expandKwargs: source` maps over a list of argument objects, one task instance each:
 *   `ctx.inputs` holds the object's keys.
 *
 * `inputs` stay fixed for every map index (Airflow's `partial`).
 */
export interface MappedTaskFunction<Params> {
  <
    Expand extends Record<string, MapSource>,
    Inputs extends TaskInputs = NoInputs,
    Result = unknown,
  >(
    options: MappedTaskOptions<Inputs> & { expand: Expand },
    fn: (ctx: TaskContext<Params, InputValues<Inputs> & MapItems<Expand>>) => Result,
  ): TaskRef<Awaited<Result>[]>;
  <Kwargs extends Record<string, unknown>, Inputs extends TaskInputs = NoInputs, Result = unknown>(
    options: MappedTaskOptions<Inputs> & { expandKwargs: MapSource<Kwargs> },
    fn: (ctx: TaskContext<Params, InputValues<Inputs> & Kwargs>) => Result,
  ): TaskRef<Awaited<Result>[]>;
}

/**
 * Declares a sensor: `poke` runs every `pokeInterval` until it returns true (or
 * `{ done: true, value }`, whose `value` is the sensor's result) or `timeout` passes,
 * counted from the try's first poke. A timeout fails the task without retries (skips it
 * with `softFail`). In `mode: "reschedule"` the slot is free between pokes and the task
 * instance shows `up_for_reschedule`; a reschedule spends no try.
 */
export type SensorFunction<Params> = <Inputs extends TaskInputs = NoInputs, Value = unknown>(
  options: SensorOptions<Inputs>,
  poke: (
    ctx: TaskContext<Params, InputValues<Inputs>>,
  ) => PokeResult<Value> | PromiseLike<PokeResult<Value>>,
) => TaskRef<Value>;

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
 * whichever DAG is being built (the free `task()`, `branch()`, `bash()`, ...). `target`
 * is told which declarer asks, for the error when no DAG is being built.
 */
export function taskDeclarers<Params>(target: (declarer: string) => DagBuilder): {
  task: TaskFunction<Params>;
  branch: BranchFunction<Params>;
  shortCircuit: ShortCircuitFunction<Params>;
  mappedTask: MappedTaskFunction<Params>;
  sensor: SensorFunction<Params>;
  bash: BashFunction<Params>;
  python: PythonFunction;
} {
  /** A task whose code is `fn`, run in the worker's Node runner. */
  const declareFunction = <Result>(
    declarer: string,
    options: TaskOptions,
    fn: (ctx: never) => unknown,
    extras?: TaskSpecExtras,
    mapping?: MapDeclaration,
  ): TaskRef<Result> => {
    const declaredAt = new Error("task declared here");
    if (typeof fn !== "function") {
      throw new Error(
        `task '${options?.id}' needs a function to run: ${declarer}({ id }, async (ctx) => { ... }).`,
      );
    }
    const run = async (ctx: TaskContext) => fn(ctx as never);
    return target(declarer).declareTask(
      options,
      { kind: "function", run },
      null,
      declaredAt,
      extras,
      mapping,
    );
  };
  return {
    task: (options, fn) => declareFunction("task", options, fn),
    branch: (options, fn) =>
      declareFunction("branch", options, fn, { operator: "branch", flow: { kind: "branch" } }),
    shortCircuit: (options, fn) =>
      declareFunction("shortCircuit", options, fn, {
        operator: "shortCircuit",
        flow: flowSpec({
          kind: "short_circuit",
          ignoreDownstreamTriggerRules: options?.ignoreDownstreamTriggerRules,
        }),
      }),
    mappedTask: (
      options: MappedTaskOptions & { expand?: Record<string, MapSource>; expandKwargs?: MapSource },
      fn: (ctx: never) => unknown,
    ) =>
      declareFunction<unknown[]>(
        "mappedTask",
        options,
        fn,
        { operator: "mappedTask" },
        {
          expand: options?.expand,
          expandKwargs: options?.expandKwargs,
          maxActive: options?.maxActiveTisPerDagrun,
        },
      ),
    sensor: (options, poke) =>
      declareFunction(
        "sensor",
        options,
        async (ctx: never) => pokeOutcome(options.id, await poke(ctx)),
        { operator: "sensor", sensor: sensorSpec(options?.id, options ?? {}) },
      ),
    bash: (options) => {
      const declaredAt = new Error("task declared here");
      const { command } = options ?? {};
      if (typeof command !== "string" && typeof command !== "function") {
        throw new Error(
          `bash task '${options?.id}' needs a command: a string, or a function of the context returning one.`,
        );
      }
      return target("bash").declareTask(
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
      const { file, callable, interpreter, flow, sensor } = options ?? {};
      if (typeof file !== "string" || !file.endsWith(".py") || typeof callable !== "string") {
        throw new Error(
          `python task '${options?.id}' needs a .py file and the function in it to call: python({ id, file: "etl/clean.py", callable: "run" }).`,
        );
      }
      const run = async () => {
        throw new Error(`python task '${options.id}' runs in a Python runner, not in Node.`);
      };
      return target("python").declareTask(options, { kind: "function", run }, null, declaredAt, {
        runtime: "python",
        operator: "python",
        python: { entry: file, callable, interpreter: interpreter ?? null },
        ...(flow && { flow: flowSpec(flow) }),
        ...(sensor && { sensor: sensorSpec(options.id, sensor) }),
      });
    },
  };
}

/**
 * The spec's `flow`: only the fields protocol knows. Protocol reads an absent
 * `ignoreDownstreamTriggerRules` as true, so a spec names it only when it is false, as
 * the Python SDK's does: the same DAG gets the same spec in either language.
 */
function flowSpec(flow: TaskFlow): TaskFlow {
  if (flow.kind === "short_circuit" && flow.ignoreDownstreamTriggerRules === false) {
    return { kind: flow.kind, ignoreDownstreamTriggerRules: false };
  }
  return { kind: flow.kind };
}

const free = taskDeclarers<Record<string, unknown>>((declarer) =>
  currentDagBuilder(`${declarer}()`),
);

/**
 * Declares a task of the DAG being built. Inside `dag(options, ({ task }) => ...)` prefer
 * the toolkit's `task`, whose `ctx.params` is typed from the DAG's params.
 */
export const task: TaskFunction<Record<string, unknown>> = free.task;

/** Declares a branch task of the DAG being built (see `task`). */
export const branch: BranchFunction<Record<string, unknown>> = free.branch;

/** Declares a short-circuit task of the DAG being built (see `task`). */
export const shortCircuit: ShortCircuitFunction<Record<string, unknown>> = free.shortCircuit;

/** Declares a mapped task of the DAG being built (see `task`). */
export const mappedTask: MappedTaskFunction<Record<string, unknown>> = free.mappedTask;

/** Declares a sensor of the DAG being built (see `task`). */
export const sensor: SensorFunction<Record<string, unknown>> = free.sensor;

/** Declares a bash task of the DAG being built (see `task`). */
export const bash: BashFunction<Record<string, unknown>> = free.bash;

/** Declares a Python task of the DAG being built (see `task`). */
export const python: PythonFunction = free.python;
