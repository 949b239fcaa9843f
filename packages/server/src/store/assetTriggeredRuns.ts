import { assetConditionMet, RunType } from "@borda/protocol";
import type { Kysely } from "kysely";
import { runIdInstantWithFraction } from "../scheduler/runIds.js";
import type { Database } from "./database.js";
import { insertChunks } from "./insertChunks.js";
import { insertDagRun } from "./insertDagRun.js";
import type { DagRunRecord, DagVersionRecord } from "./records.js";
import type { StoreContext } from "./storeContext.js";
import { loadVersions } from "./versions.js";

/**
 * Turning queued asset events into runs (docs/internals.md, "Asset events trigger each
 * consumer once"). Each queued event is consumed by exactly one run: consuming it and
 * creating the run are one transaction, and the consumer's DAG row is locked while its
 * queue is read, so two replicas reacting to the same event take turns, and the second
 * finds the queue empty.
 */

/** The DAGs that have events queued: the candidates for an asset-triggered run. */
export async function listDagsWithQueuedAssetEvents(ctx: StoreContext): Promise<string[]> {
  const rows = await ctx.db
    .selectFrom("asset_event_queue")
    .select("target_dag_id")
    .distinct()
    .orderBy("target_dag_id")
    .execute();
  return rows.map((row) => row.target_dag_id);
}

/** A DAG whose queued events satisfy its asset condition, with those events. */
interface Satisfied {
  versionId: number;
  version: DagVersionRecord;
  queued: { eventId: number; intervalStart: number; intervalEnd: number }[];
}

/**
 * Reads `dagId`'s queued events through `executor` and whether they satisfy its condition:
 * null when they do not (yet), or the DAG is paused, gone or no longer asset-scheduled.
 * With `lock` (inside the write) it locks the DAG's row first, FOR NO KEY UPDATE: that
 * serialises the replicas deciding this DAG's run, yet lets a producer's transaction queue
 * an event for the DAG meanwhile (its foreign key check takes KEY SHARE, which this lock
 * does not block).
 */
async function satisfiedQueue(
  ctx: StoreContext,
  executor: Kysely<Database>,
  dagId: string,
  lock: boolean,
): Promise<Satisfied | null> {
  const dag = await executor
    .selectFrom("dags")
    .select(["is_paused", "is_active", "current_version_id"])
    .where("dag_id", "=", dagId)
    .$if(lock && ctx.dialect === "postgres", (qb) => qb.forNoKeyUpdate())
    .executeTakeFirst();
  if (!dag || dag.is_paused === 1 || dag.is_active === 0 || dag.current_version_id === null)
    return null;
  const versionId = Number(dag.current_version_id);
  const version = (await loadVersions(ctx, executor, [versionId])).get(versionId);
  const condition = version?.spec.assetSchedule;
  if (!version || !condition) return null;
  const rows = await executor
    .selectFrom("asset_event_queue as q")
    .innerJoin("asset_events as e", "e.id", "q.asset_event_id")
    .innerJoin("assets as a", "a.id", "q.asset_id")
    .leftJoin("dag_runs as r", (join) =>
      join.onRef("r.dag_id", "=", "e.source_dag_id").onRef("r.run_id", "=", "e.source_run_id"),
    )
    .select([
      "q.asset_event_id",
      "a.uri",
      "e.timestamp",
      "r.data_interval_start",
      "r.data_interval_end",
    ])
    .where("q.target_dag_id", "=", dagId)
    .orderBy("q.asset_event_id")
    .execute();
  if (!assetConditionMet(condition, new Set(rows.map((row) => row.uri)))) return null;
  return {
    versionId,
    version,
    // As Airflow's dataset timetable: the run's data interval spans the data intervals of
    // the runs whose tasks raised its events; an event from outside counts as its instant.
    queued: rows.map((row) => ({
      eventId: Number(row.asset_event_id),
      intervalStart: Number(row.data_interval_start ?? row.timestamp),
      intervalEnd: Number(row.data_interval_end ?? row.timestamp),
    })),
  };
}

/**
 * Creates `dagId`'s asset-triggered run when the events queued for it satisfy its asset
 * condition, consuming them and linking them to the run; null when they do not (yet), or
 * the DAG is paused, gone or no longer asset-scheduled.
 */
export async function createAssetTriggeredRun(
  ctx: StoreContext,
  dagId: string,
  at: Date,
): Promise<DagRunRecord | null> {
  const now = at.getTime();
  // A read first: a DAG still waiting for some of its assets, the common case on a pass,
  // costs no write transaction (SQLite's write lock, PostgreSQL's row lock).
  if (!(await satisfiedQueue(ctx, ctx.db, dagId, false))) return null;
  return ctx.write(async (trx) => {
    const satisfied = await satisfiedQueue(ctx, trx, dagId, true);
    if (!satisfied) return null;
    const { versionId, version, queued } = satisfied;

    const eventIds = queued.map((q) => q.eventId);
    const consumed = await trx
      .deleteFrom("asset_event_queue")
      .where("target_dag_id", "=", dagId)
      .where("asset_event_id", "in", eventIds)
      .executeTakeFirst();
    // Compare-and-set: only the transaction that removed every event it read creates the
    // run. Under the DAG row lock (and SQLite's single writer) it always is this one.
    if (Number(consumed.numDeletedRows) !== eventIds.length) {
      throw new Error(`asset events of DAG '${dagId}' were consumed concurrently`);
    }

    // Run ids and logical dates are unique per DAG: two runs in one millisecond take the next.
    const last = await trx
      .selectFrom("dag_runs")
      .select((eb) => eb.fn.max("logical_date").as("latest"))
      .where("dag_id", "=", dagId)
      .executeTakeFirst();
    const logicalDate = new Date(Math.max(now, Number(last?.latest ?? 0) + 1));
    const run = await insertDagRun(
      trx,
      {
        dagId,
        runId: `dataset_triggered__${runIdInstantWithFraction(logicalDate)}`,
        dagVersionId: versionId,
        runType: RunType.datasetTriggered,
        logicalDate,
        dataIntervalStart: new Date(Math.min(...queued.map((q) => q.intervalStart))),
        dataIntervalEnd: new Date(Math.max(...queued.map((q) => q.intervalEnd))),
        conf: {},
        note: null,
        externalTrigger: false,
        tasks: version.spec.tasks,
      },
      now,
    );
    if (!run) return null;
    const links = eventIds.map((id) => ({ dag_run_id: run.id, asset_event_id: id }));
    for (const chunk of insertChunks(links)) {
      await trx.insertInto("dag_run_asset_events").values(chunk).execute();
    }
    return run;
  });
}
