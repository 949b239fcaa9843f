import { TaskInstanceState } from "@borda/protocol";
import type { StoreContext } from "./storeContext.js";

/** What `deleteDag` found: the DAG gone, no such DAG, or task instances still running. */
export type DeleteDagOutcome =
  | { deleted: true; fileloc: string; origin: string }
  | { deleted: false; reason: "notFound" | "running" };

/**
 * Deletes a DAG's metadata, as Airflow's DELETE /dags/{dag_id} does: the DAG, its
 * versions and tags, its runs with their task instances, attempts, logs and XCom, its
 * backfills, its asset references and queued asset events, and its file's import
 * errors. The event log keeps its rows (an audit trail), as Airflow's keeps its Log;
 * bundles stay too, addressed by hash and perhaps shared with other DAGs' versions.
 * Refused while one of its task instances runs, as Airflow refuses.
 */
export async function deleteDag(ctx: StoreContext, dagId: string): Promise<DeleteDagOutcome> {
  return ctx.write(async (trx) => {
    const dag = await trx
      .selectFrom("dags")
      .select(["fileloc", "origin"])
      .where("dag_id", "=", dagId)
      .executeTakeFirst();
    if (!dag) return { deleted: false, reason: "notFound" };
    const running = await trx
      .selectFrom("task_instances")
      .select("id")
      .where("dag_id", "=", dagId)
      .where("state", "=", TaskInstanceState.running)
      .limit(1)
      .executeTakeFirst();
    if (running) return { deleted: false, reason: "running" };
    const runIds = trx.selectFrom("dag_runs").select("id").where("dag_id", "=", dagId);
    // Spelled out rather than left to cascades, which SQLite honours only while its
    // foreign_keys pragma is on; logs have no foreign key at all.
    await trx
      .deleteFrom("task_logs")
      .where("attempt_id", "in", (eb) =>
        eb.selectFrom("task_attempts").select("attempt_id").where("dag_id", "=", dagId),
      )
      .execute();
    await trx.deleteFrom("task_attempts").where("dag_id", "=", dagId).execute();
    await trx.deleteFrom("xcom").where("dag_id", "=", dagId).execute();
    await trx.deleteFrom("callback_deliveries").where("dag_id", "=", dagId).execute();
    await trx.deleteFrom("dag_run_asset_events").where("dag_run_id", "in", runIds).execute();
    await trx.deleteFrom("task_instances").where("dag_id", "=", dagId).execute();
    const backfillIds = trx.selectFrom("backfills").select("id").where("dag_id", "=", dagId);
    await trx.deleteFrom("backfill_dates").where("backfill_id", "in", backfillIds).execute();
    await trx.deleteFrom("backfills").where("dag_id", "=", dagId).execute();
    await trx.deleteFrom("dag_runs").where("dag_id", "=", dagId).execute();
    await trx.deleteFrom("asset_event_queue").where("target_dag_id", "=", dagId).execute();
    await trx.deleteFrom("asset_consumers").where("dag_id", "=", dagId).execute();
    await trx.deleteFrom("asset_producers").where("dag_id", "=", dagId).execute();
    await trx.deleteFrom("dag_tags").where("dag_id", "=", dagId).execute();
    await trx.deleteFrom("dag_versions").where("dag_id", "=", dagId).execute();
    await trx.deleteFrom("dags").where("dag_id", "=", dagId).execute();
    await trx
      .deleteFrom("import_errors")
      .where("origin", "=", dag.origin)
      .where("fileloc", "=", dag.fileloc)
      .execute();
    return { deleted: true, fileloc: dag.fileloc, origin: dag.origin };
  });
}
