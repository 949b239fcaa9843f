import { BordaError, ErrorCode, TaskInstanceState } from "@borda/protocol";
import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import { insertChunks } from "./insertChunks.js";
import type { DagRunRecord } from "./records.js";
import type { NewDagRun } from "./runs.js";
import { toRunRecord } from "./runs.js";

/**
 * Inserts a queued run and one task instance per task (state `none`) inside the caller's
 * transaction: `createDagRun` for a run of its own, and an asset-triggered run together
 * with consuming the events that triggered it.
 */
export async function insertDagRun(
  trx: Kysely<Database>,
  run: NewDagRun,
  now: number,
  options: { ifAbsent?: boolean } = {},
): Promise<DagRunRecord | null> {
  const existing = await trx
    .selectFrom("dag_runs")
    .select("id")
    .where("dag_id", "=", run.dagId)
    .where("run_id", "=", run.runId)
    .executeTakeFirst();
  if (existing) {
    if (options.ifAbsent) return null;
    throw new BordaError(
      ErrorCode.conflict,
      `DAG run '${run.runId}' of DAG '${run.dagId}' already exists; choose another dag_run_id.`,
    );
  }
  const inserted = await trx
    .insertInto("dag_runs")
    .values({
      dag_id: run.dagId,
      run_id: run.runId,
      dag_version_id: run.dagVersionId,
      run_type: run.runType,
      state: "queued",
      logical_date: run.logicalDate.getTime(),
      data_interval_start: run.dataIntervalStart?.getTime() ?? null,
      data_interval_end: run.dataIntervalEnd?.getTime() ?? null,
      conf: JSON.stringify(run.conf),
      note: run.note,
      external_trigger: run.externalTrigger ? 1 : 0,
      queued_at: now,
      start_date: null,
      end_date: null,
      updated_at: now,
      backfill_id: run.backfillId ?? null,
    })
    // On PostgreSQL two schedulers may both pass the check above; the unique
    // constraint decides, and the loser creates nothing.
    .onConflict((oc) => oc.columns(["dag_id", "run_id"]).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!inserted) {
    if (options.ifAbsent) return null;
    throw new BordaError(ErrorCode.conflict, `DAG run '${run.runId}' already exists.`);
  }
  const taskInstances = run.tasks.map((task) => ({
    dag_run_id: inserted.id,
    dag_id: run.dagId,
    run_id: run.runId,
    task_id: task.taskId,
    map_index: -1,
    state: TaskInstanceState.none,
    try_number: 0,
    max_tries: task.retries,
    pool: task.pool,
    pool_slots: task.poolSlots,
    queue: task.queue,
    priority_weight: task.priorityWeight,
    run_logical_date: run.logicalDate.getTime(),
    operator: task.operator ?? task.kind,
    ...notYetRun,
    updated_at: now,
  }));
  for (const chunk of insertChunks(taskInstances)) {
    await trx.insertInto("task_instances").values(chunk).execute();
  }
  return toRunRecord(inserted);
}

/** The columns of a task instance that has not run yet: a new run's, or a new map index's. */
export const notYetRun = {
  current_attempt_id: null,
  hostname: null,
  start_date: null,
  end_date: null,
  queued_at: null,
  next_retry_at: null,
  last_error: null,
  note: null,
} as const;
