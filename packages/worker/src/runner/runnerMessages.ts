import type { TaskContextData } from "@borda/sdk";

/**
 * What the worker and a runner process say to each other over the IPC channel. A runner
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
    }
  /** Aborts the running task's `ctx.signal` with this reason. */
  | { type: "abort"; reason: string };

export type FromRunner =
  | { type: "loaded" }
  | { type: "loadFailed"; error: string }
  | { type: "done"; outcome: RunOutcome };

export type RunOutcome =
  /** The function returned; `json` is its value serialised, null for undefined. */
  | { kind: "returned"; json: string | null }
  /** A bash task: the command the worker runs, computed from the context. */
  | { kind: "bash"; command: string; env: Record<string, string>; cwd: string | null }
  | { kind: "failed"; error: string };
