import type { CallbackContext } from "./callbacks.js";
import type { TaskContext } from "./taskContext.js";

/**
 * The contract between a DAG bundle and the processes that load it: the DAG processor's
 * evaluation child, and the worker's runner. They may carry a different copy (and version)
 * of the SDK than the bundle, so the handle sits under a global symbol, is versioned, and
 * speaks only plain data and functions.
 */
export const dagHandleKey: unique symbol = Symbol.for("borda.dag");

export interface DagHandle {
  readonly version: 1;
  /** The DAG as plain JSON matching protocol's `DagSpec`, before validation: dates as written. */
  spec(): unknown;
  task(taskId: string): TaskHandle | undefined;
  /**
   * Where the DAG (no argument) or one of its tasks was declared, as an error stack, so
   * the processor can point an import error at a line. Optional: a handle may omit it.
   */
  declarationStack?(taskId?: string): string | undefined;
  /**
   * The callback the DAG (`scope` "dag") or task `taskId` declares for `event`, or
   * undefined. Optional: a handle from an SDK without callbacks has none.
   */
  callback?(
    scope: "task" | "dag",
    taskId: string,
    event: "success" | "failure" | "retry",
  ): ((ctx: CallbackContext) => Promise<void>) | undefined;
}

export type TaskHandle =
  | { readonly kind: "function"; run(ctx: TaskContext): Promise<unknown> }
  | {
      readonly kind: "bash";
      command(ctx: TaskContext): string;
      readonly env: Readonly<Record<string, string>>;
      readonly cwd: string | null;
    };

/** The DAG handle carried by `value` (what `dag()` returned), or null when it carries none. */
export function getDagHandle(value: unknown): DagHandle | null {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return null;
  const handle = (value as { [dagHandleKey]?: Partial<DagHandle> })[dagHandleKey];
  if (typeof handle !== "object" || handle === null) return null;
  return handle.version === 1 &&
    typeof handle.spec === "function" &&
    typeof handle.task === "function"
    ? (handle as DagHandle)
    : null;
}
