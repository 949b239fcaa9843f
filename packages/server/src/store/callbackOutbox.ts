import {
  CallbackEvent,
  type CallbackException,
  type CallbackInfo,
  CallbackScope,
  callbackTargets,
  DagRunState,
  DeliveryState,
  type DeliveryTarget,
  findTask,
  type TaskCallbacks,
  TaskInstanceState,
  type TaskSpec,
} from "@borda/protocol";
import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import type { StoreContext } from "./storeContext.js";
import { loadVersions } from "./versions.js";

/**
 * The outbox side of callbacks (docs/internals.md, "Callbacks and notifications"): the
 * transitions that fire an event (an attempt's success or failure, a run's end) call these
 * inside their own transaction, so a delivery row exists exactly when the transition
 * committed. Deliveries are claimed later (callbackDeliveries.ts); nothing here waits.
 */

/** The task instance an event is about, and the run it belongs to. */
export interface CallbackSubject {
  dagRunId: number;
  dagId: string;
  runId: string;
  dagVersionId: number;
  taskId: string;
  mapIndex: number;
  tryNumber: number;
}

/**
 * Records one delivery per target `callbacks` names for `event`: the code callback (run on
 * a worker of `task`'s queue) and each notifier. Wakes the workers of that queue on other
 * replicas too (the NOTIFY commits with the rows). Returns how many it recorded.
 */
export async function recordCallbacks(
  ctx: StoreContext,
  trx: Kysely<Database>,
  callbacks: TaskCallbacks | undefined,
  event: CallbackEvent,
  subject: CallbackSubject,
  task: TaskSpec,
  info: Omit<CallbackInfo, "event">,
  now: number,
): Promise<number> {
  const targets = callbackTargets(callbacks, event);
  if (!targets || (!targets.code && targets.notifiers.length === 0)) return 0;
  const row = {
    dag_run_id: subject.dagRunId,
    dag_id: subject.dagId,
    run_id: subject.runId,
    task_id: subject.taskId,
    map_index: subject.mapIndex,
    try_number: subject.tryNumber,
    dag_version_id: subject.dagVersionId,
    scope: info.scope,
    event,
    info: JSON.stringify({ ...info, event } satisfies CallbackInfo),
    state: DeliveryState.pending,
    tries: 0,
    next_try_at: now,
    created_at: now,
  };
  const rows = targets.notifiers.map((notifier) => ({
    ...row,
    target: notifier.kind as DeliveryTarget,
    notifier: JSON.stringify(notifier) as string | null,
    queue: null as string | null,
  }));
  if (targets.code) rows.push({ ...row, target: "code", notifier: null, queue: task.queue });
  await trx.insertInto("callback_deliveries").values(rows).execute();
  if (targets.code) await ctx.jobNotifications.publish(trx, [task.queue]);
  return rows.length;
}

/**
 * The exception a failure hands its callbacks, from the attempt's error: a Python
 * traceback's last line or a JavaScript stack's first (`ValueError: boom`), else the text
 * under a generic type. Failures the control plane decides name their own type.
 */
export function exceptionOf(error: string, overdue?: "lease" | "timeout"): CallbackException {
  // The worker's own stop of a task past its executionTimeout (worker/runner/taskRunner.ts).
  if (overdue === "timeout" || /^timed out after .*executionTimeout\)/.test(error)) {
    return { type: "AirflowTaskTimeout", message: error };
  }
  if (overdue === "lease") return { type: "WorkerLost", message: error };
  const lines = error.split("\n").filter((line) => line.trim() !== "");
  const line = (error.startsWith("Traceback") ? lines.at(-1) : lines[0]) ?? "";
  const match = /^([A-Za-z_][\w.]*): ([\s\S]*)$/.exec(line.trim());
  return match?.[1] && match[2] !== undefined
    ? { type: match[1], message: match[2] }
    : { type: "TaskFailure", message: line.trim() || error };
}

/** Info for a task's own callback. */
export function taskCallbackInfo(
  taskState: string,
  exception: CallbackException | null,
): Omit<CallbackInfo, "event"> {
  return { scope: CallbackScope.task, taskState, runState: null, exception, reason: null };
}

/**
 * Records the DAG's callbacks for a run that just finished in `state`. As in Airflow, a
 * DAG's callback gets the context of the task instance that decided the run: the failed
 * one that ended last, or for a success the last one to finish.
 */
export async function recordRunCallbacks(
  ctx: StoreContext,
  trx: Kysely<Database>,
  dagRunId: number,
  state: string,
  now: number,
): Promise<number> {
  const run = await trx
    .selectFrom("dag_runs")
    .select(["dag_id", "run_id", "dag_version_id"])
    .where("id", "=", dagRunId)
    .executeTakeFirst();
  if (!run) return 0;
  const spec = (await loadVersions(ctx, trx, [Number(run.dag_version_id)])).get(
    Number(run.dag_version_id),
  )?.spec;
  const failed = state === DagRunState.failed;
  const event = failed ? CallbackEvent.failure : CallbackEvent.success;
  if (!spec || !callbackTargets(spec.callbacks, event)) return 0;
  const decider = await trx
    .selectFrom("task_instances")
    .select(["task_id", "map_index", "try_number", "last_error"])
    .where("dag_run_id", "=", dagRunId)
    .where("end_date", "is not", null)
    .$if(failed, (qb) => qb.where("state", "=", TaskInstanceState.failed))
    .orderBy("end_date", "desc")
    .orderBy("id", "desc")
    .executeTakeFirst();
  const task = decider ? findTask(spec, decider.task_id) : spec.tasks[0];
  if (!task) return 0;
  return recordCallbacks(
    ctx,
    trx,
    spec.callbacks,
    event,
    {
      dagRunId,
      dagId: run.dag_id,
      runId: run.run_id,
      dagVersionId: Number(run.dag_version_id),
      taskId: task.taskId,
      mapIndex: decider?.map_index ?? -1,
      tryNumber: decider?.try_number ?? 0,
    },
    task,
    {
      scope: CallbackScope.dag,
      taskState: failed ? TaskInstanceState.failed : TaskInstanceState.success,
      runState: state,
      exception: failed && decider?.last_error ? exceptionOf(decider.last_error) : null,
      reason: failed ? "task_failure" : "success",
    },
    now,
  );
}
