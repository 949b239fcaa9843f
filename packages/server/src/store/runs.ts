import {
  type DagRunState,
  type DagSpec,
  finishedTaskInstanceStates,
  type RunType,
} from "@borda/protocol";
import {
  type Expression,
  type ExpressionBuilder,
  type Kysely,
  type Selectable,
  type SqlBool,
  sql,
} from "kysely";
import { recordRunCallbacks } from "./callbackOutbox.js";
import { dagOfTeams } from "./dagsOfTeams.js";
import type { DagRunsTable, Database } from "./database.js";
import type { Range } from "./findTaskInstances.js";
import { insertDagRun } from "./insertDagRun.js";
import type { DagRunRecord } from "./records.js";
import { toDate } from "./records.js";
import type { StoreContext } from "./storeContext.js";
import { loadVersions } from "./versions.js";

/**
 * DAG runs: creating them with their task instances, reading them, starting and finishing
 * them, notes and deleting.
 */

export type NewDagRun = Pick<
  DagRunRecord,
  | "dagId"
  | "runId"
  | "dagVersionId"
  | "runType"
  | "logicalDate"
  | "dataIntervalStart"
  | "dataIntervalEnd"
  | "conf"
  | "note"
  | "externalTrigger"
> & { tasks: DagSpec["tasks"]; backfillId?: number | undefined };

/**
 * Creates a queued run and one task instance per task (state `none`). A run id that
 * already exists is a conflict; with `ifAbsent` (scheduled runs, whose ids are derived
 * from the logical date, so racing schedulers compute the same one) it returns null.
 * With `transaction`, it writes in that open transaction instead of one of its own.
 */
export async function createDagRun(
  ctx: StoreContext,
  run: NewDagRun,
  at: Date,
  options: { ifAbsent?: boolean; transaction?: Kysely<Database> } = {},
): Promise<DagRunRecord | null> {
  const write = (trx: Kysely<Database>) => insertDagRun(trx, run, at.getTime(), options);
  return options.transaction ? write(options.transaction) : ctx.write(write);
}

export async function getDagRun(
  ctx: StoreContext,
  dagId: string,
  runId: string,
): Promise<DagRunRecord | null> {
  const row = await ctx.db
    .selectFrom("dag_runs")
    .selectAll()
    .where("dag_id", "=", dagId)
    .where("run_id", "=", runId)
    .executeTakeFirst();
  return row ? toRunRecord(row) : null;
}

export async function getDagRunById(ctx: StoreContext, id: number): Promise<DagRunRecord | null> {
  const row = await ctx.db
    .selectFrom("dag_runs")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toRunRecord(row) : null;
}

/** Which runs `listDagRuns` and `countDagRuns` find: every field given must match. */
export interface DagRunFilter {
  dagId?: string | undefined;
  /** Any of these DAGs; an empty list matches nothing. */
  dagIds?: readonly string[] | undefined;
  states?: readonly DagRunState[] | undefined;
  runType?: RunType | undefined;
  logicalDate?: Range<Date> | undefined;
  startDate?: Range<Date> | undefined;
  endDate?: Range<Date> | undefined;
  /** Only runs of DAGs of these teams (a caller's); an empty list matches nothing. */
  teams?: readonly string[] | undefined;
}

/** The fields a page of runs can be ordered by, named as the REST API names them. */
export const dagRunOrderFields = [
  "dag_id",
  "dag_run_id",
  "logical_date",
  "execution_date",
  "start_date",
  "end_date",
  "state",
] as const;
export type DagRunOrderField = (typeof dagRunOrderFields)[number];

export interface DagRunPage {
  orderBy: DagRunOrderField;
  descending: boolean;
  limit: number;
  offset: number;
}

const orderColumns = {
  dag_id: "dag_id",
  dag_run_id: "run_id",
  logical_date: "logical_date",
  execution_date: "logical_date",
  start_date: "start_date",
  end_date: "end_date",
  state: "state",
} as const satisfies Record<DagRunOrderField, keyof DagRunsTable>;

/**
 * The runs matching `filter`: all of them, by logical date, or one `page` in the order it
 * asks. Pages are ordered in SQL: a DAG scheduled every few minutes has too many runs to
 * sort in memory. Nulls sort first ascending on both backends, and the id breaks ties,
 * so pages never overlap.
 */
export async function listDagRuns(
  ctx: StoreContext,
  filter: DagRunFilter = {},
  page?: DagRunPage,
): Promise<DagRunRecord[]> {
  if (filter.dagIds?.length === 0 || filter.states?.length === 0) return [];
  let query = ctx.db
    .selectFrom("dag_runs")
    .selectAll()
    .where((eb) => matchesRuns(eb, filter));
  if (page) {
    const column = orderColumns[page.orderBy];
    const direction = page.descending ? "desc" : "asc";
    query = query
      .orderBy(sql`${sql.ref(column)} is null`, page.descending ? "asc" : "desc")
      .orderBy(column, direction)
      .orderBy("id", direction)
      .limit(page.limit)
      .offset(page.offset);
  } else {
    query = query.orderBy("logical_date").orderBy("id");
  }
  return (await query.execute()).map(toRunRecord);
}

export async function countDagRuns(ctx: StoreContext, filter: DagRunFilter = {}): Promise<number> {
  if (filter.dagIds?.length === 0 || filter.states?.length === 0) return 0;
  const row = await ctx.db
    .selectFrom("dag_runs")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where((eb) => matchesRuns(eb, filter))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many runs each of the DAGs has in each state; a state without runs is absent. */
export async function countDagRunsByState(
  ctx: StoreContext,
  dagIds: readonly string[],
): Promise<{ dagId: string; state: DagRunState; count: number }[]> {
  if (dagIds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom("dag_runs")
    .select((eb) => ["dag_id", "state", eb.fn.countAll<number>().as("n")])
    .where("dag_id", "in", dagIds)
    .groupBy(["dag_id", "state"])
    .execute();
  return rows.map((r) => ({ dagId: r.dag_id, state: r.state as DagRunState, count: Number(r.n) }));
}

function matchesRuns(eb: ExpressionBuilder<Database, "dag_runs">, f: DagRunFilter) {
  const conditions: Expression<SqlBool>[] = [];
  if (f.dagId !== undefined) conditions.push(eb("dag_id", "=", f.dagId));
  if (f.dagIds) conditions.push(eb("dag_id", "in", f.dagIds));
  if (f.states) conditions.push(eb("state", "in", f.states));
  if (f.runType !== undefined) conditions.push(eb("run_type", "=", f.runType));
  const within = (column: "logical_date" | "start_date" | "end_date", range?: Range<Date>) => {
    if (range?.gte !== undefined) conditions.push(eb(column, ">=", range.gte.getTime()));
    if (range?.lte !== undefined) conditions.push(eb(column, "<=", range.lte.getTime()));
  };
  within("logical_date", f.logicalDate);
  within("start_date", f.startDate);
  within("end_date", f.endDate);
  if (f.teams) conditions.push(dagOfTeams("dag_runs.dag_id", f.teams));
  return eb.and(conditions);
}

/** The data interval of the DAG's newest scheduled run, where the timetable continues from. */
export async function getLastScheduledInterval(
  ctx: StoreContext,
  dagId: string,
): Promise<{ start: Date; end: Date } | null> {
  const row = await ctx.db
    .selectFrom("dag_runs")
    .select(["data_interval_start", "data_interval_end"])
    .where("dag_id", "=", dagId)
    .where("run_type", "=", "scheduled")
    .orderBy("logical_date", "desc")
    .limit(1)
    .executeTakeFirst();
  if (!row || row.data_interval_start === null || row.data_interval_end === null) return null;
  return { start: new Date(row.data_interval_start), end: new Date(row.data_interval_end) };
}

/**
 * Starts queued runs of unpaused DAGs, oldest logical date first, while each DAG has
 * fewer running runs than its maxActiveRuns. Inside the scheduling lock, so replicas
 * cannot both start the last free run slot. A backfill's runs are held to the backfill's
 * own limit when the backfill driver creates them (as in Airflow 3), so they neither
 * wait for nor take the DAG's slots.
 */
export async function startQueuedRuns(ctx: StoreContext, at: Date): Promise<number[]> {
  return ctx.write(async (trx) => {
    await ctx.lockScheduling(trx);
    const queued = await trx
      .selectFrom("dag_runs as r")
      .innerJoin("dags as d", "d.dag_id", "r.dag_id")
      .select(["r.id", "r.dag_id", "r.backfill_id", "d.current_version_id", "r.dag_version_id"])
      .where("r.state", "=", "queued")
      .where("d.is_paused", "=", 0)
      .orderBy("r.logical_date")
      .orderBy("r.id")
      .execute();
    if (queued.length === 0) return [];
    const dagIds = [...new Set(queued.map((r) => r.dag_id))];
    const running = await trx
      .selectFrom("dag_runs")
      .select(["dag_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("state", "=", "running")
      .where("dag_id", "in", dagIds)
      .where("backfill_id", "is", null)
      .groupBy("dag_id")
      .execute();
    const runningByDag = new Map(running.map((r) => [r.dag_id, Number(r.n)]));
    const versions = await loadVersions(
      ctx,
      trx,
      queued.map((r) => Number(r.current_version_id ?? r.dag_version_id)),
    );
    const started: number[] = [];
    for (const run of queued) {
      const version = versions.get(Number(run.current_version_id ?? run.dag_version_id));
      const limit = version?.spec.maxActiveRuns ?? 16;
      const active = runningByDag.get(run.dag_id) ?? 0;
      const backfill = run.backfill_id !== null;
      if (!backfill && active >= limit) continue;
      const result = await trx
        .updateTable("dag_runs")
        .set({ state: "running", start_date: at.getTime(), updated_at: at.getTime() })
        .where("id", "=", run.id)
        .where("state", "=", "queued")
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) > 0) {
        if (!backfill) runningByDag.set(run.dag_id, active + 1);
        started.push(Number(run.id));
      }
    }
    return started;
  });
}

/** Ids of running runs: what a full scheduling pass re-evaluates. */
export async function listRunningRunIds(ctx: StoreContext): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom("dag_runs")
    .select("id")
    .where("state", "=", "running")
    .orderBy("id")
    .execute();
  return rows.map((r) => Number(r.id));
}

/**
 * Finishes a running run, but only if every one of its task instances is finished at
 * the moment of the update: a clear racing with this decision wins.
 */
export async function finishDagRun(
  ctx: StoreContext,
  dagRunId: number,
  state: DagRunState,
  at: Date,
): Promise<boolean> {
  return ctx.write(async (trx) => {
    const result = await trx
      .updateTable("dag_runs")
      .set({ state, end_date: at.getTime(), updated_at: at.getTime() })
      .where("id", "=", dagRunId)
      .where("state", "=", "running")
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("task_instances")
              .select("id")
              .where("dag_run_id", "=", dagRunId)
              .where("state", "not in", finishedTaskInstanceStates),
          ),
        ),
      )
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await recordRunCallbacks(ctx, trx, dagRunId, state, at.getTime());
    return true;
  });
}

/** Sets (or, with null, removes) a person's note on a run. Whether the run exists. */
export async function setDagRunNote(
  ctx: StoreContext,
  dagRunId: number,
  note: string | null,
  at: Date,
): Promise<boolean> {
  const result = await ctx.db
    .updateTable("dag_runs")
    .set({ note, updated_at: at.getTime() })
    .where("id", "=", dagRunId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Deletes a run with everything it produced: task instances, attempts, their logs, XCom.
 * A worker still running one of its attempts finds it gone on its next report and drops
 * it. Whether the run existed.
 */
export async function deleteDagRun(ctx: StoreContext, dagRunId: number): Promise<boolean> {
  return ctx.write(async (trx) => {
    // Logs have no foreign key (chunks arrive for attempts the worker held), so they go
    // by hand; the rest is spelled out too rather than left to cascades, which SQLite
    // honours only while its foreign_keys pragma is on.
    await trx
      .deleteFrom("task_logs")
      .where("attempt_id", "in", (eb) =>
        eb.selectFrom("task_attempts").select("attempt_id").where("dag_run_id", "=", dagRunId),
      )
      .execute();
    await trx.deleteFrom("task_attempts").where("dag_run_id", "=", dagRunId).execute();
    await trx.deleteFrom("xcom").where("dag_run_id", "=", dagRunId).execute();
    await trx.deleteFrom("callback_deliveries").where("dag_run_id", "=", dagRunId).execute();
    await trx.deleteFrom("task_instances").where("dag_run_id", "=", dagRunId).execute();
    const result = await trx.deleteFrom("dag_runs").where("id", "=", dagRunId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}

export function toRunRecord(r: Selectable<DagRunsTable>): DagRunRecord {
  return {
    id: Number(r.id),
    dagId: r.dag_id,
    runId: r.run_id,
    dagVersionId: Number(r.dag_version_id),
    runType: r.run_type as RunType,
    state: r.state as DagRunState,
    logicalDate: new Date(r.logical_date),
    dataIntervalStart: toDate(r.data_interval_start),
    dataIntervalEnd: toDate(r.data_interval_end),
    conf: JSON.parse(r.conf) as Record<string, unknown>,
    note: r.note,
    externalTrigger: r.external_trigger === 1,
    queuedAt: new Date(r.queued_at),
    startDate: toDate(r.start_date),
    endDate: toDate(r.end_date),
    backfillId: r.backfill_id === null ? null : Number(r.backfill_id),
  };
}
