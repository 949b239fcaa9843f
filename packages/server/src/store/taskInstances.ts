import {
  AttemptState,
  activeAttemptStates,
  type DagRunState,
  finishedTaskInstanceStates,
  mapSourceTasks,
  type TaskInstanceState,
  type TaskSpec,
  TaskInstanceState as TIState,
} from "@borda/protocol";
import { type Kysely, type Selectable, sql } from "kysely";
import type { Database, TaskInstancesTable } from "./database.js";
import type { DagRunRecord, DagVersionRecord, TaskInstanceRecord } from "./records.js";
import { toDate } from "./records.js";
import { toRunRecord } from "./runs.js";
import type { FinishedTaskInstance, StoreContext } from "./storeContext.js";
import { loadVersions } from "./versions.js";
import { readTaskValues } from "./xcom.js";

/**
 * Task instances: the scheduler's view of a run, its state changes, retries, clears, and
 * what people set by hand (marks, notes). Queueing them is queueing.ts.
 */

export interface RunSnapshot {
  run: DagRunRecord;
  version: DagVersionRecord;
  taskInstances: TaskInstanceRecord[];
  /**
   * The stored results its evaluation decides from, by task id: those of its branch and
   * short-circuit tasks that succeeded, and of the sources of its mapped tasks that have
   * not run yet (evaluateRun's DecidingResults). A task that stored none has null.
   */
  decidingResults: Map<string, unknown>;
}

export async function loadRunSnapshot(
  ctx: StoreContext,
  dagRunId: number,
): Promise<RunSnapshot | null> {
  const row = await ctx.db
    .selectFrom("dag_runs")
    .selectAll()
    .where("id", "=", dagRunId)
    .executeTakeFirst();
  if (!row) return null;
  const run = toRunRecord(row);
  const versions = await loadVersions(ctx, ctx.db, [run.dagVersionId]);
  const version = versions.get(run.dagVersionId);
  if (!version) return null;
  const taskInstances = await listTaskInstances(ctx, { dagRunId });
  const deciding = decidingTasks(version.spec.tasks, taskInstances);
  const decidingResults = await readTaskValues(ctx, version.spec, {
    dagRunId,
    taskIds: deciding,
    key: "return_value",
  });
  // A flow task that returned nothing (no XCom) chose nothing.
  for (const taskId of deciding)
    if (!decidingResults.has(taskId)) decidingResults.set(taskId, null);
  return { run, version, taskInstances, decidingResults };
}

/**
 * The tasks whose results an evaluation may read: flow tasks that succeeded, and the
 * sources of mapped tasks none of whose instances has left `none`.
 */
function decidingTasks(
  tasks: readonly TaskSpec[],
  taskInstances: readonly TaskInstanceRecord[],
): string[] {
  const succeeded = new Set<string>();
  const started = new Set<string>();
  for (const ti of taskInstances) {
    if (ti.state === TIState.success) succeeded.add(ti.taskId);
    if (ti.state !== TIState.none) started.add(ti.taskId);
  }
  const deciding = new Set<string>();
  for (const task of tasks) {
    if (task.flow && succeeded.has(task.taskId)) deciding.add(task.taskId);
    if (task.mapped && !started.has(task.taskId))
      for (const source of mapSourceTasks(task.mapped)) deciding.add(source);
  }
  return [...deciding];
}

export async function listTaskInstances(
  ctx: StoreContext,
  filter: {
    dagRunId?: number;
    dagId?: string;
    taskIds?: readonly string[];
    states?: readonly TaskInstanceState[];
  },
): Promise<TaskInstanceRecord[]> {
  let query = ctx.db.selectFrom("task_instances").selectAll().orderBy("id");
  if (filter.taskIds) {
    if (filter.taskIds.length === 0) return [];
    query = query.where("task_id", "in", filter.taskIds);
  }
  if (filter.dagRunId !== undefined) query = query.where("dag_run_id", "=", filter.dagRunId);
  if (filter.dagId !== undefined) query = query.where("dag_id", "=", filter.dagId);
  if (filter.states) query = query.where("state", "in", filter.states);
  return (await query.execute()).map(toTaskInstanceRecord);
}

/**
 * Whether any task instance of the run (of its task `taskId`, when given) is not finished
 * yet: the run cannot be over.
 */
const unfinishedStates = Object.values(TIState).filter(
  (state) => !finishedTaskInstanceStates.includes(state),
);

export async function hasUnfinishedTaskInstances(
  ctx: StoreContext,
  dagRunId: number,
  taskId?: string,
): Promise<boolean> {
  const row = await ctx.db
    .selectFrom("task_instances")
    .select("id")
    .where("dag_run_id", "=", dagRunId)
    .$if(taskId !== undefined, (qb) => qb.where("task_id", "=", taskId ?? ""))
    // `in` the unfinished states, not `not in` the finished ones: each is a probe of the
    // (dag_run_id, state) index (migration 008), where `not in` scans the run.
    .where("state", "in", unfinishedStates)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export interface TaskStateChange {
  taskInstanceId: number;
  from: TaskInstanceState;
  to: TaskInstanceState;
  /** Why a task instance fails without running (shown as its last error). */
  error?: string;
}

/**
 * Applies the scheduler's decisions for one run, each compare-and-set on the state it
 * was decided from. Returns how many applied; fewer than asked means the run changed
 * under the decision and should be evaluated again.
 */
export async function applyTaskStateChanges(
  ctx: StoreContext,
  changes: readonly TaskStateChange[],
  at: Date,
): Promise<number> {
  if (changes.length === 0) return 0;
  const { applied, finished } = await ctx.write(async (trx) => {
    let applied = 0;
    const finished: FinishedTaskInstance[] = [];
    for (const change of changes) {
      const finishing = finishedTaskInstanceStates.includes(change.to);
      const result = await trx
        .updateTable("task_instances")
        .set({
          state: change.to,
          updated_at: at.getTime(),
          ...(finishing ? { end_date: at.getTime() } : {}),
          ...(change.error ? { last_error: change.error } : {}),
        })
        .where("id", "=", change.taskInstanceId)
        .where("state", "=", change.from)
        .returning(["dag_id", "queue"])
        .executeTakeFirst();
      if (!result) continue;
      applied += 1;
      if (finishing) finished.push({ dagId: result.dag_id, queue: result.queue, state: change.to });
    }
    return { applied, finished };
  });
  if (finished.length > 0) ctx.observer.taskInstancesFinished(finished);
  return applied;
}

/**
 * Task instances whose retry delay has passed, and sensors whose next poke is due, go back
 * to `scheduled`. Returns their runs.
 *
 * On PostgreSQL the rows are locked in id order first, skipping those another write holds:
 * one multi-row update locked them in whatever order it met them, and deadlocked with a
 * mark (which locks a run's rows in id order) and with another replica's pass (measured:
 * ten sensors rescheduling at once while their run was marked). A row skipped stays due,
 * and the next pass takes it. SQLite's one writer needs no such care.
 */
export async function rescheduleDueRetries(ctx: StoreContext, at: Date): Promise<number[]> {
  const now = at.getTime();
  const waiting = [TIState.upForRetry, TIState.upForReschedule];
  return ctx.write(async (trx) => {
    let update = trx
      .updateTable("task_instances")
      .set({ state: TIState.scheduled, next_retry_at: null, updated_at: now })
      .where("state", "in", waiting)
      .where("next_retry_at", "<=", now);
    if (ctx.dialect === "postgres") {
      const due = await trx
        .selectFrom("task_instances")
        .select("id")
        .where("state", "in", waiting)
        .where("next_retry_at", "<=", now)
        .orderBy("id")
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      // One array parameter, however many are due.
      update = update.where("id", "=", sql<number>`any(${due.map((d) => Number(d.id))})`);
    }
    const rows = await update.returning("dag_run_id").execute();
    return [...new Set(rows.map((r) => Number(r.dag_run_id)))];
  });
}

/**
 * Clears task instances of a run so they run again (Airflow's clear): an attempt still
 * in flight is superseded (its worker's next report gets 409), the instance goes back to
 * `none` with its retries renewed, its XCom goes, and the run is queued again. A task
 * with `mapIndexes` clears only those instances of it (each stays expanded: its siblings
 * are kept, so it runs again over the same item); without, every instance. With
 * `onlyStates`, only instances in one of them as the write finds them. Decided under the
 * scheduling lock with the rows locked, so a clear and a queueing of the same instance
 * never interleave. Returns the task ids cleared.
 */
export async function clearTaskInstances(
  ctx: StoreContext,
  dagRunId: number,
  tasks: readonly { taskId: string; retries: number; mapIndexes?: readonly number[] }[],
  at: Date,
  options: {
    onlyStates?: readonly TaskInstanceState[] | undefined;
    /** Write in this open transaction (which holds the scheduling lock) instead of one of its own. */
    transaction?: Kysely<Database>;
  } = {},
): Promise<string[]> {
  if (tasks.length === 0) return [];
  const now = at.getTime();
  const work = async (trx: Kysely<Database>) => {
    await ctx.lockScheduling(trx);
    const byTask = new Map(tasks.map((t) => [t.taskId, t]));
    const rows = (
      await trx
        .selectFrom("task_instances")
        .select(["id", "task_id", "map_index", "try_number", "current_attempt_id"])
        .where("dag_run_id", "=", dagRunId)
        .where("task_id", "in", [...byTask.keys()])
        .$if(options.onlyStates !== undefined, (qb) =>
          qb.where("state", "in", options.onlyStates ?? []),
        )
        .orderBy("id")
        .$if(ctx.dialect === "postgres", (qb) => qb.forUpdate())
        .execute()
    ).filter((row) => byTask.get(row.task_id)?.mapIndexes?.includes(row.map_index) ?? true);
    if (rows.length === 0) return [];
    for (const row of rows) {
      await supersedeAttempt(trx, row.current_attempt_id, "cleared", now);
      const retries = byTask.get(row.task_id)?.retries ?? 0;
      await trx
        .updateTable("task_instances")
        .set({
          state: TIState.none,
          max_tries: row.try_number + retries,
          current_attempt_id: null,
          next_retry_at: null,
          start_date: null,
          end_date: null,
          last_error: null,
          rendered_map_index: null,
          updated_at: now,
        })
        .where("id", "=", row.id)
        .execute();
    }
    for (const row of rows) {
      await trx
        .deleteFrom("xcom")
        .where("dag_run_id", "=", dagRunId)
        .where("task_id", "=", row.task_id)
        .where("map_index", "=", row.map_index)
        .execute();
    }
    const cleared = [...new Set(rows.map((r) => r.task_id))];
    await trx
      .updateTable("dag_runs")
      .set({ state: "queued", end_date: null, updated_at: now })
      .where("id", "=", dagRunId)
      .execute();
    return cleared;
  };
  return options.transaction ? work(options.transaction) : ctx.write(work);
}

/** What a person sets a task instance to: its new state, or null to leave it as it is. */
export type MarkPolicy = (ti: TaskInstanceRecord) => TaskInstanceState | null;

/**
 * Sets task instances of a run to the state `policy` picks for each (Airflow's "mark
 * success / failed / skipped"), read and decided inside the write, so an instance that
 * moved on since the caller looked is decided on its current state. An attempt still in
 * flight is superseded: its worker's next report gets 409 and the next heartbeat kills
 * it. With `runState`, the run takes that state in the same transaction, so no
 * evaluation in between can finish it otherwise. Like a clear, it is decided under the
 * scheduling lock with the rows locked. Returns the marked instances as they now are.
 */
export async function markTaskInstances(
  ctx: StoreContext,
  dagRunId: number,
  policy: MarkPolicy,
  at: Date,
  options: { runState?: DagRunState } = {},
): Promise<TaskInstanceRecord[]> {
  const now = at.getTime();
  const marked = await ctx.write(async (trx) => {
    await ctx.lockScheduling(trx);
    const rows = await trx
      .selectFrom("task_instances")
      .selectAll()
      .where("dag_run_id", "=", dagRunId)
      .orderBy("id")
      .$if(ctx.dialect === "postgres", (qb) => qb.forUpdate())
      .execute();
    const marked: TaskInstanceRecord[] = [];
    for (const row of rows) {
      const ti = toTaskInstanceRecord(row);
      const state = policy(ti);
      if (state === null || state === ti.state) continue;
      const finished = finishedTaskInstanceStates.includes(ti.state);
      await supersedeAttempt(trx, ti.currentAttemptId, `marked ${state}`, now);
      const updated = await trx
        .updateTable("task_instances")
        .set({
          state,
          start_date: row.start_date ?? now,
          // A finished instance keeps when it ended; one in flight ends now.
          end_date: finished ? (row.end_date ?? now) : now,
          next_retry_at: null,
          updated_at: now,
          // Why it will not run (or ran no further): the views show this beside the state.
          last_error:
            state === TIState.success
              ? row.last_error
              : options.runState
                ? `The run was marked ${options.runState} by hand.`
                : `Marked ${state} by hand.`,
        })
        .where("id", "=", row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      marked.push(toTaskInstanceRecord(updated));
    }
    if (options.runState) {
      await trx
        .updateTable("dag_runs")
        .set((eb) => ({
          state: options.runState,
          start_date: eb.fn.coalesce("start_date", sql<number>`${now}`),
          end_date: now,
          updated_at: now,
        }))
        .where("id", "=", dagRunId)
        .execute();
    }
    return marked;
  });
  const finished = marked.filter((ti) => finishedTaskInstanceStates.includes(ti.state));
  if (finished.length > 0) ctx.observer.taskInstancesFinished(finished);
  return marked;
}

/** Sets (or, with null, removes) a person's note on a task instance. Whether it exists. */
export async function setTaskInstanceNote(
  ctx: StoreContext,
  dagRunId: number,
  taskId: string,
  mapIndex: number,
  note: string | null,
  at: Date,
): Promise<boolean> {
  const result = await ctx.db
    .updateTable("task_instances")
    .set({ note, updated_at: at.getTime() })
    .where("dag_run_id", "=", dagRunId)
    .where("task_id", "=", taskId)
    .where("map_index", "=", mapIndex)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends an attempt still in flight for the control plane's `reason`; a finished one stays as it is. */
async function supersedeAttempt(
  trx: Kysely<Database>,
  attemptId: string | null,
  reason: string,
  now: number,
): Promise<void> {
  if (!attemptId) return;
  await trx
    .updateTable("task_attempts")
    .set({ state: AttemptState.superseded, ended_at: now, error: reason })
    .where("attempt_id", "=", attemptId)
    .where("state", "in", [...activeAttemptStates, AttemptState.upForReschedule])
    .execute();
}

export function toTaskInstanceRecord(r: Selectable<TaskInstancesTable>): TaskInstanceRecord {
  return {
    id: Number(r.id),
    dagRunId: Number(r.dag_run_id),
    dagId: r.dag_id,
    runId: r.run_id,
    taskId: r.task_id,
    mapIndex: r.map_index,
    state: r.state as TaskInstanceState,
    tryNumber: r.try_number,
    maxTries: r.max_tries,
    pool: r.pool,
    poolSlots: r.pool_slots,
    queue: r.queue,
    priorityWeight: r.priority_weight,
    operator: r.operator,
    currentAttemptId: r.current_attempt_id,
    hostname: r.hostname,
    startDate: toDate(r.start_date),
    endDate: toDate(r.end_date),
    queuedAt: toDate(r.queued_at),
    nextRetryAt: toDate(r.next_retry_at),
    lastError: r.last_error,
    renderedMapIndex: r.rendered_map_index,
  };
}
