import type { CallbackInfo, PythonTask } from "@borda/protocol";
import type { TaskContextData } from "@borda/sdk";

/**
 * What the worker and a runner process say to each other over the IPC channel, whatever
 * the runner's language (Node's runnerChild, or Python's `borda._runtime.runner`, which
 * speaks the same JSON lines on NODE_CHANNEL_FD: invariant 10). A runner
 * loads one bundle and runs one task at a time; its stdout and stderr carry the task's
 * output, and each run ends with `endMarker` on both, so the worker knows every byte of
 * output before the marker belongs to that run.
 */

export type ToRunner =
  | {
      type: "run";
      dagId: string;
      taskId: string;
      context: TaskContextData;
      /** Variables set in the runner's environment while the task runs (BORDA_DAG_ID, ...). */
      env: Record<string, string>;
      maxReturnValueBytes: number;
      endMarker: string;
      /** A Python task: where its code is in the bundle (the Python runner's). */
      python?: PythonTask;
      /**
       * Run the task's (scope `task`) or the DAG's (scope `dag`) callback for this event
       * instead of the task, with this added to the context (docs/notifications.md).
       */
      callback?: CallbackInfo;
      /**
       * The run is a sensor's poke: the Python runner turns its result (a bool, a
       * `PokeReturnValue`) into `{ done, value }`. A Node task is a sensor only through
       * the SDK's `sensor()`, whose wrapper returns that already.
       */
      sensor?: boolean;
    }
  /** Aborts the running task's `ctx.signal` with this reason. */
  | { type: "abort"; reason: string }
  /** The answer to the running task's `ask` of the same `requestId`: a value, or why there is none. */
  | { type: "answer"; requestId: number; value?: unknown; error?: AnswerError };

export type FromRunner =
  | { type: "loaded" }
  | { type: "loadFailed"; error: string }
  | { type: "done"; outcome: RunOutcome }
  /** The running task asks the worker for something; `requestId` pairs it with the answer. */
  | { type: "ask"; requestId: number; question: RunnerQuestion };

/**
 * What a running task may ask the worker, and what the answer's `value` then is:
 * - `xcomPull`: XCom entries of its run (Airflow's `ti.xcom_pull`), `XcomPullResponse["values"]`;
 * - `connection`: a connection, password included, as a `TaskConnection`;
 * - `variable`: a variable's value, a string;
 * - `externalState`: the state of another DAG's run (`taskId` null) or task instance at
 *   a logical date (an external-task sensor), as `ExternalStateResponse`: `state`, a
 *   string or null, and with `checkExistence` whether that DAG and task exist.
 */
export type RunnerQuestion =
  | { kind: "xcomPull"; taskIds?: string[]; key: string }
  | { kind: "connection"; connId: string }
  | { kind: "variable"; key: string }
  | {
      kind: "externalState";
      dagId: string;
      taskId: string | null;
      logicalDate: string;
      checkExistence?: boolean;
    };

/**
 * Why an ask has no value: `not_found`, defined nowhere the worker looked (a default may
 * apply); `forbidden`, refused (the message says by whom and why); `failed`, anything else.
 */
export interface AnswerError {
  code: "not_found" | "forbidden" | "failed";
  message: string;
}

export type RunOutcome =
  /**
   * The function returned; `json` is its value serialised, null for undefined. `xcoms`:
   * other entries it pushed, key → JSON (Airflow's `xcom_push`, `multiple_outputs`).
   */
  | {
      kind: "returned";
      json: string | null;
      xcoms?: Record<string, string>;
      /** A mapped task's map_index_template, rendered after it ran (the Python runner's). */
      renderedMapIndex?: string;
    }
  /** A bash task: the command the worker runs, computed from the context. */
  | { kind: "bash"; command: string; env: Record<string, string>; cwd: string | null }
  | { kind: "failed"; error: string }
  /** The task skipped itself (Borda's `SkipTask`, Airflow's `AirflowSkipException`), saying why. */
  | { kind: "skipped"; reason: string };
