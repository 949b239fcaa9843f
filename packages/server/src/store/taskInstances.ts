import { randomUUID } from "node:crypto";
import {
  AttemptState,
  activeAttemptStates,
  type DagRunState,
  findTask,
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
import { isRescheduled, resumeRescheduled } from "./resumeRescheduled.js";
import { toRunRecord } from "./runs.js";
import type { StoreContext } from "./storeContext.js";
import { loadVersions } from "./versions.js";
import { readTaskValues } from "./xcom.js";

/**
 * Task instances: the scheduler's view of a run, its state changes, queueing, retries,
 * clears, and what people set by hand (marks, notes).
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
  return ctx.write(async (trx) => {
    let applied = 0;
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
        .executeTakeFirst();
      applied += Number(result.numUpdatedRows);
    }
    return applied;
  });
}

/** A scheduled task instance waiting for pool and DAG capacity, as the queue planner sees it. */
export interface QueueCandidate {
  taskInstanceId: number;
  dagRunId: number;
  dagId: string;
  taskId: string;
  pool: string;
  poolSlots: number;
  task: TaskSpec;
  maxActiveTasks: number;
}

export interface QueueCapacity {
  /** Slots of each existing pool. */
  poolSlots: ReadonlyMap<string, number>;
  /** Slots taken in each pool by queued and running task instances. */
  poolSlotsUsed: ReadonlyMap<string, number>;
  /** Queued and running task instances per DAG. */
  activeTasksByDag: ReadonlyMap<string, number>;
  /**
   * Queued and running map indexes of each limited mapped task in a run (keyed by
   * `runTaskKey`), for `mapped.maxActive`.
   */
  activeByRunTask: ReadonlyMap<string, number>;
}

/** The key of a task in one run, in QueueCapacity's `activeByRunTask`. */
export const runTaskKey = (dagRunId: number, taskId: string) => `${dagRunId}:${taskId}`;

export type QueueDecision =
  | { kind: "queue"; candidate: QueueCandidate }
  | { kind: "reject"; candidate: QueueCandidate; reason: string };

/** The scheduler's policy for which candidates to queue now; the store applies it. */
export type QueuePlanner = (
  candidates: readonly QueueCandidate[],
  capacity: QueueCapacity,
) => QueueDecision[];

export interface QueuedAttempt {
  attemptId: string;
  queue: string;
  dagRunId: number;
}

export interface QueueResult {
  queued: QueuedAttempt[];
  /** Runs with a task the planner rejected (it failed): they need evaluating. */
  rejectedRunIds: number[];
}

/**
 * Moves scheduled task instances of running runs of unpaused DAGs to `queued` and
 * creates one attempt (the job a worker claims) for each, as far as pools and
 * maxActiveTasks allow. Queued and running task instances hold their pool slots, as in
 * Airflow. The whole decision runs under the scheduling lock: capacity is counted and
 * spent in one transaction, so replicas never overfill a pool.
 */
export async function queueScheduledTasks(
  ctx: StoreContext,
  plan: QueuePlanner,
  at: Date,
  limit = 512,
): Promise<QueueResult> {
  const now = at.getTime();
  return ctx.write(async (trx) => {
    await ctx.lockScheduling(trx);
    const rows = await trx
      .selectFrom("task_instances as ti")
      .innerJoin("dag_runs as r", "r.id", "ti.dag_run_id")
      .innerJoin("dags as d", "d.dag_id", "ti.dag_id")
      .select([
        "ti.id",
        "ti.dag_run_id",
        "ti.dag_id",
        "ti.task_id",
        "ti.map_index",
        "ti.pool",
        "ti.pool_slots",
        "ti.try_number",
        "ti.current_attempt_id",
        "r.run_id",
        "r.dag_version_id",
      ])
      .where("ti.state", "=", TIState.scheduled)
      .where("r.state", "=", "running")
      .where("d.is_paused", "=", 0)
      // The order of the task_instances_queueing index: read in it, the query stops at
      // `limit` instead of sorting every scheduled task instance (migration 008).
      .orderBy("ti.priority_weight", "desc")
      .orderBy("ti.run_logical_date")
      .orderBy("ti.id")
      .limit(limit)
      .execute();
    if (rows.length === 0) return { queued: [], rejectedRunIds: [] };

    const versions = await loadVersions(
      ctx,
      trx,
      rows.map((r) => Number(r.dag_version_id)),
    );
    const candidates: QueueCandidate[] = [];
    for (const row of rows) {
      const version = versions.get(Number(row.dag_version_id));
      const task = version && findTask(version.spec, row.task_id);
      if (!version || !task) continue;
      candidates.push({
        taskInstanceId: Number(row.id),
        dagRunId: Number(row.dag_run_id),
        dagId: row.dag_id,
        taskId: row.task_id,
        pool: row.pool,
        poolSlots: row.pool_slots,
        task,
        maxActiveTasks: version.spec.maxActiveTasks,
      });
    }
    const activeStates = [TIState.queued, TIState.running];
    const [pools, used, byDag] = await Promise.all([
      trx.selectFrom("pools").select(["name", "slots"]).execute(),
      trx
        .selectFrom("task_instances")
        .select(["pool", (eb) => eb.fn.sum<number>("pool_slots").as("slots")])
        .where("state", "in", activeStates)
        .groupBy("pool")
        .execute(),
      trx
        .selectFrom("task_instances")
        .select(["dag_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("state", "in", activeStates)
        .where("dag_id", "in", [...new Set(candidates.map((c) => c.dagId))])
        .groupBy("dag_id")
        .execute(),
    ]);
    // Only mapped tasks with a limit on their map indexes at once need this count.
    const limited = candidates.filter((c) => c.task.mapped?.maxActive !== undefined);
    const byRunTask =
      limited.length === 0
        ? []
        : await trx
            .selectFrom("task_instances")
            .select(["dag_run_id", "task_id", (eb) => eb.fn.countAll<number>().as("n")])
            .where("state", "in", activeStates)
            .where("dag_run_id", "in", [...new Set(limited.map((c) => c.dagRunId))])
            .where("task_id", "in", [...new Set(limited.map((c) => c.taskId))])
            .groupBy(["dag_run_id", "task_id"])
            .execute();
    const decisions = plan(candidates, {
      poolSlots: new Map(pools.map((p) => [p.name, p.slots])),
      poolSlotsUsed: new Map(used.map((u) => [u.pool, Number(u.slots)])),
      activeTasksByDag: new Map(byDag.map((d) => [d.dag_id, Number(d.n)])),
      activeByRunTask: new Map(
        byRunTask.map((r) => [runTaskKey(Number(r.dag_run_id), r.task_id), Number(r.n)]),
      ),
    });

    const queued: QueuedAttempt[] = [];
    const rejectedRunIds = new Set<number>();
    for (const decision of decisions) {
      const c = decision.candidate;
      const row = rows.find((r) => Number(r.id) === c.taskInstanceId);
      if (!row) continue;
      if (decision.kind === "reject") {
        const result = await trx
          .updateTable("task_instances")
          .set({
            state: TIState.failed,
            last_error: decision.reason,
            end_date: now,
            updated_at: now,
          })
          .where("id", "=", c.taskInstanceId)
          .where("state", "=", TIState.scheduled)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) > 0) rejectedRunIds.add(c.dagRunId);
        continue;
      }
      const attemptId = randomUUID();
      // A sensor's next poke goes on with the try it waited in: a reschedule spends none.
      const resumed = await isRescheduled(trx, row.current_attempt_id);
      const tryNumber = resumed ? row.try_number : row.try_number + 1;
      const result = await trx
        .updateTable("task_instances")
        .set({
          state: TIState.queued,
          try_number: tryNumber,
          current_attempt_id: attemptId,
          queued_at: now,
          hostname: null,
          updated_at: now,
        })
        .where("id", "=", c.taskInstanceId)
        .where("state", "=", TIState.scheduled)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) continue;
      queued.push({ attemptId, queue: c.task.queue, dagRunId: c.dagRunId });
      if (resumed) {
        await resumeRescheduled(trx, row.current_attempt_id ?? "", attemptId, now);
        continue;
      }
      const version = versions.get(Number(row.dag_version_id));
      await trx
        .insertInto("task_attempts")
        .values({
          attempt_id: attemptId,
          task_instance_id: c.taskInstanceId,
          dag_run_id: c.dagRunId,
          dag_id: c.dagId,
          run_id: row.run_id,
          task_id: c.taskId,
          map_index: row.map_index,
          try_number: tryNumber,
          dag_version_id: Number(row.dag_version_id),
          // A TypeScript DAG's Python task runs from a bundle of its own (its .py files).
          bundle_hash: c.task.python?.bundleHash ?? version?.bundleHash ?? "",
          queue: c.task.queue,
          pool: c.pool,
          pool_slots: c.poolSlots,
          priority_weight: c.task.priorityWeight,
          state: AttemptState.queued,
          worker_name: null,
          lease_expires_at: null,
          timeout_at: null,
          execution_timeout_ms: c.task.executionTimeoutMs,
          queued_at: now,
          claimed_at: null,
          started_at: null,
          ended_at: null,
          error: null,
          exit_code: null,
        })
        .execute();
    }
    await ctx.jobNotifications.publish(
      trx,
      queued.map((q) => q.queue),
    );
    return { queued, rejectedRunIds: [...rejectedRunIds] };
  });
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
 * `none` with its retries renewed, its XCom goes, and the run is queued again. With
 * `onlyStates`, only instances in one of them as the write finds them. Decided under the
 * scheduling lock with the rows locked, so a clear and a queueing of the same instance
 * never interleave. Returns the task ids cleared.
 */
export async function clearTaskInstances(
  ctx: StoreContext,
  dagRunId: number,
  tasks: readonly { taskId: string; retries: number }[],
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
    const rows = await trx
      .selectFrom("task_instances")
      .select(["id", "task_id", "map_index", "try_number", "current_attempt_id"])
      .where("dag_run_id", "=", dagRunId)
      .where(
        "task_id",
        "in",
        tasks.map((t) => t.taskId),
      )
      .$if(options.onlyStates !== undefined, (qb) =>
        qb.where("state", "in", options.onlyStates ?? []),
      )
      .orderBy("id")
      .$if(ctx.dialect === "postgres", (qb) => qb.forUpdate())
      .execute();
    if (rows.length === 0) return [];
    for (const row of rows) {
      await supersedeAttempt(trx, row.current_attempt_id, "cleared", now);
      const retries = tasks.find((t) => t.taskId === row.task_id)?.retries ?? 0;
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
  return ctx.write(async (trx) => {
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
          start_date: eb.fn.coalesce("start_date", sql.lit(now)),
          end_date: now,
          updated_at: now,
        }))
        .where("id", "=", dagRunId)
        .execute();
    }
    return marked;
  });
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
  };
}
