import type { Asset } from "./asset.js";
import type { CallbackOption } from "./callbacks.js";
import type { Duration } from "./duration.js";
import type { SensorPolicy } from "./sensor.js";
import type { TaskContext } from "./taskContext.js";
import type { InputValues, TaskInputs, TaskRef } from "./taskRef.js";

/** When a task may run, given its upstream tasks' states (Airflow's trigger rules). */
export type TriggerRule =
  | "all_success"
  | "all_failed"
  | "all_done"
  | "one_success"
  | "one_failed"
  | "none_failed"
  | "none_failed_min_one_success"
  | "always";

/** `warm`: a reusable runner process per bundle; `process`: a fresh process per attempt. */
export type Isolation = "warm" | "process";

/**
 * How a task's result steers the tasks after it (protocol's `TaskFlow`): what `branch()`
 * and `shortCircuit()` declare, and what a `python()` task's `flow` option sets. See
 * docs/scheduling.md, "Branching and short-circuit".
 */
export type TaskFlow =
  | { kind: "branch" }
  | {
      kind: "short_circuit";
      /** See `ShortCircuitOptions.ignoreDownstreamTriggerRules`. Default true. */
      ignoreDownstreamTriggerRules?: boolean;
    };

/** The options every task accepts; a DAG's `defaultTaskOptions` sets them for all its tasks. */
export interface TaskDefaults {
  /** The queue the task is sent to; workers pull from the queues they serve. Default "default". */
  queue?: string;
  /** The pool that caps how many such tasks run at once. Default "default_pool". */
  pool?: string;
  /** Slots of the pool one attempt occupies. Default 1. */
  poolSlots?: number;
  /** Attempts after the first one fails. Default 0. */
  retries?: number;
  /** Wait before a retry. Default 300 s. */
  retryDelay?: Duration;
  /** Doubles the retry delay after each failed try. Default false. */
  retryExponentialBackoff?: boolean;
  /** Cap on the (exponential) retry delay. Default none. */
  maxRetryDelay?: Duration | null;
  /** An attempt running longer fails (and may retry). Default none. */
  executionTimeout?: Duration | null;
  /** Default "all_success". */
  triggerRule?: TriggerRule;
  /** Higher runs first when a pool or queue is contended. Default 1. */
  priorityWeight?: number;
  /** Default "warm". */
  isolation?: Isolation;
  /**
   * Fired when the task succeeds: a function (run on a worker of the task's queue with
   * the context and `ctx.callback`), a notifier, or a list (docs/notifications.md).
   */
  onSuccess?: CallbackOption;
  /** Fired when the task fails for good (no tries left); `ctx.callback.exception` says why. */
  onFailure?: CallbackOption;
  /** Fired when a try fails and the task will be retried. */
  onRetry?: CallbackOption;
}

export interface TaskOptions<Inputs extends TaskInputs = TaskInputs> extends TaskDefaults {
  /** Unique within the DAG: letters, digits, '_', '.' or '-'. */
  id: string;
  /**
   * Data inputs: `{ name: upstreamTask }` gives the task `ctx.inputs.name`, the upstream
   * task's result, and makes it run after that task.
   */
  inputs?: Inputs;
  /**
   * Assets the task updates: each gets an event when the task succeeds, which runs the
   * DAGs scheduled on it (Airflow's `outlets`). An asset or its URI.
   */
  outlets?: (Asset | string)[];
}

export interface ShortCircuitOptions<Inputs extends TaskInputs = TaskInputs>
  extends TaskOptions<Inputs> {
  /**
   * What a falsy result skips. True (the default): every task downstream of this one,
   * whatever its trigger rule. False: only the direct downstream tasks; the tasks after
   * them run or skip as their trigger rules say (Airflow's `ignore_downstream_trigger_rules`).
   */
  ignoreDownstreamTriggerRules?: boolean;
}

export interface BashOptions<Params, Inputs extends TaskInputs = TaskInputs>
  extends TaskOptions<Inputs> {
  /** The shell command, fixed or computed from the context when the task runs. */
  command: string | ((ctx: TaskContext<Params, InputValues<Inputs>>) => string);
  /** Extra environment variables for the command. */
  env?: Record<string, string>;
  /** Working directory of the command (default: a fresh temporary directory). */
  cwd?: string;
}

export interface PythonOptions<Inputs extends TaskInputs = TaskInputs> extends TaskOptions<Inputs> {
  /**
   * The Python file holding the function, relative to this DAG file (`"etl/clean.py"`). It
   * and the modules it imports from the DAGs folder travel in the DAG's bundle.
   */
  file: string;
  /**
   * The function to call, `def run(ctx, **inputs)`: it gets the task context (params,
   * conf, run id, dates, try number, `ctx.log`) and the task's `inputs` as keyword
   * arguments; its return value (JSON) is the task's result.
   */
  callable: string;
  /** The Python interpreter to run it with on the worker. Default the worker's (--python). */
  interpreter?: string;
  /**
   * Makes the function's return value steer the tasks after it, as a `branch()` task's
   * (`{ kind: "branch" }`: it returns the ids of the direct downstream tasks to follow) or
   * a `shortCircuit()` task's (`{ kind: "short_circuit" }`: a falsy value skips what is
   * downstream). Default none: the result is only the task's XCom.
   */
  flow?: TaskFlow;
  /**
   * Makes the function a sensor's poke (see `sensor()`): it returns true, false, or
   * `{ "done": ..., "value": ... }`, and the worker pokes it until done or the timeout.
   */
  sensor?: SensorPolicy;
}

/** What a mapped task maps an argument over: an upstream task's list result, or a list. */
export type MapSource<Item = unknown> = TaskRef<readonly Item[]> | readonly Item[];

/** The item each map index receives for each mapped argument. */
export type MapItems<Expand> = {
  [Name in keyof Expand]: Expand[Name] extends TaskRef<infer Result>
    ? Result extends readonly (infer Item)[]
      ? Item
      : Result extends Record<string, infer Value>
        ? [string, Value]
        : unknown
    : Expand[Name] extends readonly (infer Item)[]
      ? Item
      : never;
};

export interface MappedTaskOptions<Inputs extends TaskInputs = TaskInputs>
  extends TaskOptions<Inputs> {
  /**
   * How many of its map indexes may run at once in one run (Airflow's
   * `max_active_tis_per_dagrun`). Default: no limit beyond the pool's and the DAG's.
   */
  maxActiveTisPerDagrun?: number;
}

/** A sensor's options: a task's, and its sensor policy (docs/scheduling.md, "Sensors"). */
export interface SensorOptions<Inputs extends TaskInputs = TaskInputs>
  extends TaskOptions<Inputs>,
    SensorPolicy {}
