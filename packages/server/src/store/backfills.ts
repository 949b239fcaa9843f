import {
  BordaError,
  type DagRunState,
  ErrorCode,
  type ReprocessBehavior,
  RunType,
} from "@borda/protocol";
import { type Kysely, type Selectable, sql } from "kysely";
import { dagOfTeams } from "./dagsOfTeams.js";
import type { BackfillsTable, Database } from "./database.js";
import { insertChunks } from "./insertChunks.js";
import { type DagVersionRecord, toDate } from "./records.js";
import { createDagRun } from "./runs.js";
import type { StoreContext } from "./storeContext.js";
import { clearTaskInstances } from "./taskInstances.js";
import { loadVersions } from "./versions.js";

/**
 * Backfills: creating one with its logical dates, reading them with their progress,
 * pausing and cancelling, and the driver step (`advanceBackfills`) that gives pending
 * dates their runs within each backfill's limit.
 */

export interface BackfillRecord {
  id: number;
  dagId: string;
  fromDate: Date;
  toDate: Date;
  dagRunConf: Record<string, unknown>;
  isPaused: boolean;
  reprocessBehavior: ReprocessBehavior;
  maxActiveRuns: number;
  triggeringUserName: string | null;
  createdAt: Date;
  completedAt: Date | null;
  updatedAt: Date;
}

export type NewBackfill = Omit<
  BackfillRecord,
  "id" | "isPaused" | "createdAt" | "completedAt" | "updatedAt"
>;

/** One logical date a backfill covers, with the data interval its run gets. */
export interface BackfillDate {
  logicalDate: Date;
  dataIntervalStart: Date;
  dataIntervalEnd: Date;
}

/** How far a backfill got, counted over its dates. */
export interface BackfillProgress {
  total: number;
  /** Dates given a run (created, or an existing one re-run). */
  created: number;
  /** Dates that got no run: one existed and was not to be re-run, or it was in flight. */
  skipped: number;
  /** Runs queued or running. */
  running: number;
  succeeded: number;
  failed: number;
}

/**
 * Creates a backfill and its dates. A DAG has at most one unfinished backfill: decided
 * under the scheduling lock, so two replicas cannot both create one.
 */
export async function createBackfill(
  ctx: StoreContext,
  backfill: NewBackfill,
  dates: readonly BackfillDate[],
  at: Date,
): Promise<BackfillRecord> {
  const now = at.getTime();
  return ctx.write(async (trx) => {
    await ctx.lockScheduling(trx);
    const active = await trx
      .selectFrom("backfills")
      .select("id")
      .where("dag_id", "=", backfill.dagId)
      .where("completed_at", "is", null)
      .executeTakeFirst();
    if (active) {
      throw new BordaError(
        ErrorCode.conflict,
        `DAG '${backfill.dagId}' already has a backfill going on (id ${active.id}); wait for it to finish or cancel it first (PUT /backfills/${active.id}/cancel).`,
      );
    }
    const row = await trx
      .insertInto("backfills")
      .values({
        dag_id: backfill.dagId,
        from_date: backfill.fromDate.getTime(),
        to_date: backfill.toDate.getTime(),
        dag_run_conf: JSON.stringify(backfill.dagRunConf),
        is_paused: 0,
        reprocess_behavior: backfill.reprocessBehavior,
        max_active_runs: backfill.maxActiveRuns,
        triggering_user_name: backfill.triggeringUserName,
        created_at: now,
        completed_at: null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const rows = dates.map((date, index) => ({
      backfill_id: Number(row.id),
      sort_ordinal: index + 1,
      logical_date: date.logicalDate.getTime(),
      data_interval_start: date.dataIntervalStart.getTime(),
      data_interval_end: date.dataIntervalEnd.getTime(),
      dag_run_id: null,
      exception_reason: null,
    }));
    for (const chunk of insertChunks(rows)) {
      await trx.insertInto("backfill_dates").values(chunk).execute();
    }
    return toBackfillRecord(row);
  });
}

export async function getBackfill(ctx: StoreContext, id: number): Promise<BackfillRecord | null> {
  const row = await ctx.db
    .selectFrom("backfills")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toBackfillRecord(row) : null;
}

/** One page of backfills (of one DAG, or all), newest first or by id, and how many in all. */
export async function listBackfills(
  ctx: StoreContext,
  filter: { dagId?: string | undefined; teams?: readonly string[] | undefined },
  page: { limit: number; offset: number; descending: boolean },
): Promise<{ backfills: BackfillRecord[]; total: number }> {
  let query = ctx.db.selectFrom("backfills");
  if (filter.dagId !== undefined) query = query.where("dag_id", "=", filter.dagId);
  if (filter.teams) query = query.where(dagOfTeams("backfills.dag_id", filter.teams));
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy("id", page.descending ? "desc" : "asc")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { backfills: rows.map(toBackfillRecord), total: Number(count.n) };
}

/** The progress of each backfill named, counted from its dates and their runs. */
export async function getBackfillProgress(
  ctx: StoreContext,
  ids: readonly number[],
): Promise<Map<number, BackfillProgress>> {
  const progress = new Map<number, BackfillProgress>(
    ids.map((id) => [
      id,
      { total: 0, created: 0, skipped: 0, running: 0, succeeded: 0, failed: 0 },
    ]),
  );
  if (ids.length === 0) return progress;
  const rows = await ctx.db
    .selectFrom("backfill_dates as d")
    .leftJoin("dag_runs as r", "r.id", "d.dag_run_id")
    .select((eb) => [
      "d.backfill_id",
      "r.state",
      sql<number>`d.dag_run_id is not null`.as("created"),
      sql<number>`d.exception_reason is not null`.as("skipped"),
      eb.fn.countAll<number>().as("n"),
    ])
    .where("d.backfill_id", "in", ids)
    .groupBy(["d.backfill_id", "r.state", sql`3`, sql`4`])
    .execute();
  for (const row of rows) {
    const counts = progress.get(Number(row.backfill_id));
    if (!counts) continue;
    const n = Number(row.n);
    counts.total += n;
    if (Number(row.created)) counts.created += n;
    if (Number(row.skipped)) counts.skipped += n;
    if (row.state === "queued" || row.state === "running") counts.running += n;
    if (row.state === "success") counts.succeeded += n;
    if (row.state === "failed") counts.failed += n;
  }
  return progress;
}

/**
 * Pauses or unpauses an unfinished backfill (a paused one creates no runs; those it made
 * go on). Returns it as it now is, or null when it does not exist; a finished one is a
 * conflict.
 */
export async function setBackfillPaused(
  ctx: StoreContext,
  id: number,
  paused: boolean,
  at: Date,
): Promise<BackfillRecord | null> {
  const result = await ctx.db
    .updateTable("backfills")
    .set({ is_paused: paused ? 1 : 0, updated_at: at.getTime() })
    .where("id", "=", id)
    .where("completed_at", "is", null)
    .executeTakeFirst();
  const backfill = await getBackfill(ctx, id);
  if (backfill && Number(result.numUpdatedRows) === 0) throw alreadyCompleted(id);
  return backfill;
}

/**
 * Cancels an unfinished backfill, as Airflow 3 does: it creates no more runs, its runs
 * that are queued and never started fail, and it is completed. Runs already running go
 * on. Returns it as it now is, or null when it does not exist; a finished one is a conflict.
 */
export async function cancelBackfill(
  ctx: StoreContext,
  id: number,
  at: Date,
): Promise<BackfillRecord | null> {
  const now = at.getTime();
  const cancelled = await ctx.write(async (trx) => {
    // Under the lock the driver and run starts take, so neither is halfway through.
    await ctx.lockScheduling(trx);
    const result = await trx
      .updateTable("backfills")
      .set({ is_paused: 1, completed_at: now, updated_at: now })
      .where("id", "=", id)
      .where("completed_at", "is", null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await trx
      .updateTable("dag_runs")
      .set({ state: "failed", end_date: now, updated_at: now })
      .where("backfill_id", "=", id)
      .where("state", "=", "queued")
      .execute();
    return true;
  });
  const backfill = await getBackfill(ctx, id);
  if (backfill && !cancelled) throw alreadyCompleted(id);
  return backfill;
}

/** How the backfill driver names runs and judges a date's existing run (scheduler/backfills.ts). */
export interface BackfillPolicy {
  runIdOf(logicalDate: Date): string;
  /** Why an existing run in `state` is not re-run, or null to re-run it. */
  noRerunReason(state: DagRunState, behavior: ReprocessBehavior): string | null;
}

/**
 * The backfill driver's step. For each unpaused, unfinished backfill, while fewer than
 * its `max_active_runs` of its runs are queued or running, the next pending date (in
 * order) gets its run: a new one, or, when the date already has a run, that run cleared
 * to run again if the policy says so (it then belongs to the backfill), else the date is
 * skipped with the policy's reason. A backfill with no pending date and no unfinished
 * run is completed.
 *
 * One transaction under the scheduling lock: two replicas never both fill a backfill's
 * last slot, and a date's run id is derived from it and unique, so no date gets two
 * runs. Returns how many runs it created or re-queued (the caller then starts them).
 */
export async function advanceBackfills(
  ctx: StoreContext,
  at: Date,
  policy: BackfillPolicy,
): Promise<number> {
  const now = at.getTime();
  // The common case, no backfill going on, costs a read rather than a write lock.
  const any = await ctx.db
    .selectFrom("backfills")
    .select("id")
    .where("completed_at", "is", null)
    .where("is_paused", "=", 0)
    .limit(1)
    .executeTakeFirst();
  if (!any) return 0;
  return ctx.write(async (trx) => {
    await ctx.lockScheduling(trx);
    const backfills = await trx
      .selectFrom("backfills as b")
      .innerJoin("dags as d", "d.dag_id", "b.dag_id")
      .select([
        "b.id",
        "b.dag_id",
        "b.dag_run_conf",
        "b.reprocess_behavior",
        "b.max_active_runs",
        "d.current_version_id",
      ])
      .where("b.completed_at", "is", null)
      .where("b.is_paused", "=", 0)
      .orderBy("b.id")
      .execute();
    let queued = 0;
    for (const backfill of backfills) {
      const versionId = backfill.current_version_id;
      const version =
        versionId === null ? undefined : (await loadVersions(ctx, trx, [versionId])).get(versionId);
      // A DAG not parsed (yet) has no tasks to run: its dates wait.
      if (!version) continue;
      const active = await trx
        .selectFrom("dag_runs")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("backfill_id", "=", backfill.id)
        .where("state", "in", ["queued", "running"])
        .executeTakeFirstOrThrow();
      const running = Number(active.n);
      let given = 0;
      let exhausted = false;
      // Dates in pages: a date handled leaves the pending index, so each page is the next.
      while (!exhausted && running + given < backfill.max_active_runs) {
        const pending = await trx
          .selectFrom("backfill_dates")
          .selectAll()
          .where("backfill_id", "=", backfill.id)
          .where("dag_run_id", "is", null)
          .where("exception_reason", "is", null)
          .orderBy("sort_ordinal")
          .limit(pendingPage)
          .execute();
        exhausted = pending.length < pendingPage;
        for (const date of pending) {
          if (running + given >= backfill.max_active_runs) {
            exhausted = false;
            break;
          }
          if ((await giveDateItsRun(ctx, trx, backfill, version, date, now, policy)) !== null) {
            given += 1;
          }
        }
      }
      queued += given;
      if (exhausted && running + given === 0) {
        await trx
          .updateTable("backfills")
          .set({ completed_at: now, updated_at: now })
          .where("id", "=", backfill.id)
          .where("completed_at", "is", null)
          .execute();
      }
    }
    return queued;
  });
}

/** Pending dates read at a time: a few pages cover the usual limits, skipped dates included. */
const pendingPage = 64;

/**
 * Gives one pending date its run, or records why it gets none (Airflow 3's reasons).
 * Returns the id of the run now queued for it, or null when the date was skipped.
 */
async function giveDateItsRun(
  ctx: StoreContext,
  trx: Kysely<Database>,
  backfill: {
    id: number;
    dag_id: string;
    dag_run_conf: string;
    reprocess_behavior: string;
  },
  /** The DAG's current version, which new runs get. */
  version: DagVersionRecord,
  date: Selectable<Database["backfill_dates"]>,
  now: number,
  policy: BackfillPolicy,
): Promise<number | null> {
  const existing = await trx
    .selectFrom("dag_runs")
    .select(["id", "state", "dag_version_id"])
    .where("dag_id", "=", backfill.dag_id)
    .where("logical_date", "=", date.logical_date)
    .orderBy(sql`start_date is null`)
    .orderBy("start_date", "desc")
    .limit(1)
    .executeTakeFirst();
  const conf = JSON.parse(backfill.dag_run_conf) as Record<string, unknown>;
  let dagRunId: number | null = null;
  let reason: string | null = null;
  if (existing) {
    reason = policy.noRerunReason(
      existing.state as DagRunState,
      backfill.reprocess_behavior as ReprocessBehavior,
    );
    if (reason === null) {
      // The run is cleared as the version it ran has it.
      const ran = (await loadVersions(ctx, trx, [Number(existing.dag_version_id)])).get(
        Number(existing.dag_version_id),
      );
      const tasks = (ran?.spec.tasks ?? []).map(({ taskId, retries }) => ({ taskId, retries }));
      await clearTaskInstances(ctx, Number(existing.id), tasks, new Date(now), {
        transaction: trx,
      });
      await trx
        .updateTable("dag_runs")
        .set({
          backfill_id: backfill.id,
          run_type: RunType.backfill,
          ...(Object.keys(conf).length > 0 ? { conf: backfill.dag_run_conf } : {}),
        })
        .where("id", "=", existing.id)
        .execute();
      dagRunId = Number(existing.id);
    }
  } else {
    const logicalDate = new Date(date.logical_date);
    const run = await createDagRun(
      ctx,
      {
        dagId: backfill.dag_id,
        runId: policy.runIdOf(logicalDate),
        dagVersionId: version.id,
        runType: RunType.backfill,
        logicalDate,
        dataIntervalStart: new Date(date.data_interval_start),
        dataIntervalEnd: new Date(date.data_interval_end),
        conf,
        note: null,
        externalTrigger: false,
        tasks: version.spec.tasks,
        backfillId: backfill.id,
      },
      new Date(now),
      { ifAbsent: true, transaction: trx },
    );
    if (run) dagRunId = run.id;
    else reason = "already exists";
  }
  await trx
    .updateTable("backfill_dates")
    .set({ dag_run_id: dagRunId, exception_reason: reason })
    .where("backfill_id", "=", date.backfill_id)
    .where("sort_ordinal", "=", date.sort_ordinal)
    .execute();
  return dagRunId;
}

const alreadyCompleted = (id: number) =>
  new BordaError(ErrorCode.conflict, `Backfill ${id} is already completed or cancelled.`);

function toBackfillRecord(r: Selectable<BackfillsTable>): BackfillRecord {
  return {
    id: Number(r.id),
    dagId: r.dag_id,
    fromDate: new Date(r.from_date),
    toDate: new Date(r.to_date),
    dagRunConf: JSON.parse(r.dag_run_conf) as Record<string, unknown>,
    isPaused: r.is_paused === 1,
    reprocessBehavior: r.reprocess_behavior as ReprocessBehavior,
    maxActiveRuns: r.max_active_runs,
    triggeringUserName: r.triggering_user_name,
    createdAt: new Date(r.created_at),
    completedAt: toDate(r.completed_at),
    updatedAt: new Date(r.updated_at),
  };
}
