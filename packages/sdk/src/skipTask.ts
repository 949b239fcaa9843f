/** Marks a `SkipTask` across copies of this SDK: each DAG bundle carries its own. */
const skipTaskKey: unique symbol = Symbol.for("borda.skipTask");

/**
 * Thrown by a running task to skip itself: its task instance becomes `skipped`, without
 * retries or failure callbacks, and the tasks after it run or skip as their trigger
 * rules say. The message says why (Airflow's `AirflowSkipException`).
 *
 * ```ts
 * task({ id: "load" }, (ctx) => {
 *   if (ctx.params.dryRun) throw new SkipTask("a dry run loads nothing");
 * });
 * ```
 */
export class SkipTask extends Error {
  readonly [skipTaskKey] = true;

  constructor(reason: string) {
    super(reason);
    this.name = "SkipTask";
  }
}

/** Whether `error` is a `SkipTask`, from whichever copy of the SDK threw it. */
export function isSkipTask(error: unknown): error is SkipTask {
  return typeof error === "object" && error !== null && skipTaskKey in error;
}
