import { assetConditionMet, RunType } from "@borda/protocol";
import { insertChunks } from "./insertChunks.js";
import { insertDagRun } from "./insertDagRun.js";
import type { DagRunRecord } from "./records.js";
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

/**
 * Airflow renders instants in run ids as `2025-07-01T14:56:26.123000+00:00` when they have
 * a fraction: asset-triggered runs come in quick succession, so the milliseconds stay.
 */
const runIdInstant = (date: Date) => date.toISOString().replace(/Z$/, "000+00:00");

/**
 * Creates `dagId`'s asset-triggered run when the events queued for it satisfy its asset
 * condition, consuming them and linking them to the run; null when the condition is not
 * met (yet), or the DAG is paused, gone or no longer asset-scheduled.
 */
export async function createAssetTriggeredRun(
  ctx: StoreContext,
  dagId: string,
  at: Date,
): Promise<DagRunRecord | null> {
  const now = at.getTime();
  return ctx.write(async (trx) => {
    // NO KEY UPDATE: it serialises the replicas deciding this DAG's run, yet lets a
    // producer's transaction queue an event for the DAG meanwhile (its foreign key check
    // takes KEY SHARE, which this lock does not block).
    const dag = await trx
      .selectFrom("dags")
      .select(["is_paused", "is_active", "current_version_id"])
      .where("dag_id", "=", dagId)
      .$if(ctx.dialect === "postgres", (qb) => qb.forNoKeyUpdate())
      .executeTakeFirst();
    if (!dag || dag.is_paused === 1 || dag.is_active === 0 || dag.current_version_id === null)
      return null;
    const versionId = Number(dag.current_version_id);
    const version = (await loadVersions(ctx, trx, [versionId])).get(versionId);
    const condition = version?.spec.assetSchedule;
    if (!version || !condition) return null;

    const queued = await trx
      .selectFrom("asset_event_queue as q")
      .innerJoin("asset_events as e", "e.id", "q.asset_event_id")
      .innerJoin("assets as a", "a.id", "q.asset_id")
      .select(["q.asset_event_id", "a.uri", "e.timestamp"])
      .where("q.target_dag_id", "=", dagId)
      .orderBy("q.asset_event_id")
      .execute();
    if (!assetConditionMet(condition, new Set(queued.map((q) => q.uri)))) return null;

    const eventIds = queued.map((q) => Number(q.asset_event_id));
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
    const timestamps = queued.map((q) => Number(q.timestamp));
    const run = await insertDagRun(
      trx,
      {
        dagId,
        runId: `dataset_triggered__${runIdInstant(logicalDate)}`,
        dagVersionId: versionId,
        runType: RunType.datasetTriggered,
        logicalDate,
        // As Airflow: the interval spans the triggering events.
        dataIntervalStart: new Date(Math.min(...timestamps)),
        dataIntervalEnd: new Date(Math.max(...timestamps)),
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
