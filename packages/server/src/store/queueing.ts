import { randomUUID } from "node:crypto";
import {
  AttemptState,
  findTask,
  sensorsProtocolMinor,
  type TaskSpec,
  TaskInstanceState as TIState,
} from "@borda/protocol";
import { type Insertable, sql } from "kysely";
import type { TaskAttemptsTable } from "./database.js";
import { insertChunks } from "./insertChunks.js";
import { isRescheduled, resumeRescheduled } from "./resumeRescheduled.js";
import type { StoreContext } from "./storeContext.js";
import { loadVersions } from "./versions.js";

/**
 * Queueing: which scheduled task instances become attempts now, as the scheduler's
 * planner decides within pool, DAG and mapped-task capacity.
 */

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
  // Most calls come after an attempt ended and find nothing scheduled (a fan-out's tasks
  // end one by one): one read of the queueing index answers them, without the write lock
  // and the capacity counts (0.5 ms a call with 1,000 running, npm run bench). Whatever is
  // scheduled after this read is queued by the call that follows its own change.
  const waiting = await ctx.db
    .selectFrom("task_instances")
    .select("id")
    .where("state", "=", TIState.scheduled)
    .limit(1)
    .executeTakeFirst();
  if (!waiting) return { queued: [], rejectedRunIds: [] };
  return ctx.write(async (trx) => {
    await ctx.lockScheduling(trx);
    // Capacity first: pools already full and DAGs at their maxActiveTasks are left out of
    // the candidates, as Airflow's scheduler leaves out starved pools and DAGs. Read in
    // priority order without them, 10,000 waiting task instances of one full DAG or pool
    // would fill every window of `limit` and starve every other DAG.
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
        .selectFrom("task_instances as ti")
        .innerJoin("dags as d", "d.dag_id", "ti.dag_id")
        .select(["ti.dag_id", "d.current_version_id", (eb) => eb.fn.countAll<number>().as("n")])
        .where("ti.state", "in", activeStates)
        .groupBy(["ti.dag_id", "d.current_version_id"])
        .execute(),
    ]);
    const poolSlots = new Map(pools.map((p) => [p.name, p.slots]));
    const poolSlotsUsed = new Map(used.map((u) => [u.pool, Number(u.slots)]));
    const fullPools = pools
      .filter((p) => (poolSlotsUsed.get(p.name) ?? 0) >= p.slots)
      .map((p) => p.name);
    const currentVersions = await loadVersions(
      ctx,
      trx,
      byDag.flatMap((d) => (d.current_version_id === null ? [] : [Number(d.current_version_id)])),
    );
    const fullDags = byDag
      .filter((d) => {
        const spec = currentVersions.get(Number(d.current_version_id))?.spec;
        return spec !== undefined && Number(d.n) >= spec.maxActiveTasks;
      })
      .map((d) => d.dag_id);
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
      .$if(fullPools.length > 0, (qb) => qb.where("ti.pool", "not in", fullPools))
      .$if(fullDags.length > 0, (qb) => qb.where("ti.dag_id", "not in", fullDags))
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
      poolSlots,
      poolSlotsUsed,
      activeTasksByDag: new Map(byDag.map((d) => [d.dag_id, Number(d.n)])),
      activeByRunTask: new Map(
        byRunTask.map((r) => [runTaskKey(Number(r.dag_run_id), r.task_id), Number(r.n)]),
      ),
    });

    const queued: QueuedAttempt[] = [];
    const rejectedRunIds = new Set<number>();
    const rowById = new Map(rows.map((r) => [Number(r.id), r]));
    const attempts: Insertable<TaskAttemptsTable>[] = [];
    for (const decision of decisions) {
      const c = decision.candidate;
      const row = rowById.get(c.taskInstanceId);
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
      // The hot statement of a fan-out (hundreds per transaction, which on SQLite hold
      // the event loop): raw SQL, prepared once, not a query built per row.
      const result = await sql`update task_instances
        set state = ${TIState.queued}, try_number = ${tryNumber}, current_attempt_id = ${attemptId},
            queued_at = ${now}, hostname = null, updated_at = ${now}
        where id = ${c.taskInstanceId} and state = ${TIState.scheduled}`.execute(trx);
      if (Number(result.numAffectedRows ?? 0) === 0) continue;
      queued.push({ attemptId, queue: c.task.queue, dagRunId: c.dagRunId });
      if (resumed) {
        await resumeRescheduled(trx, row.current_attempt_id ?? "", attemptId, now);
        continue;
      }
      const version = versions.get(Number(row.dag_version_id));
      attempts.push({
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
        needs_protocol_minor: c.task.sensor ? sensorsProtocolMinor : 0,
        queued_at: now,
        claimed_at: null,
        started_at: null,
        ended_at: null,
        error: null,
        exit_code: null,
      });
    }
    for (const chunk of insertChunks(attempts)) {
      await trx.insertInto("task_attempts").values(chunk).execute();
    }
    await ctx.jobNotifications.publish(
      trx,
      queued.map((q) => q.queue),
    );
    return { queued, rejectedRunIds: [...rejectedRunIds] };
  });
}
