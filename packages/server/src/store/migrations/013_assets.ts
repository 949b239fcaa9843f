import type { Kysely } from "kysely";
import type { Dialect } from "../storeContext.js";

/**
 * Data-aware scheduling (Airflow's datasets, called assets in Airflow 3):
 * - `assets`: one row per URI any DAG names, as a producer's outlet or in a schedule;
 * - `asset_producers` / `asset_consumers`: which tasks update an asset and which DAGs are
 *   scheduled on it, as the current DAG versions say (kept in step when a version is stored);
 * - `asset_events`: each update, by a task's success or from outside (the REST API);
 * - `asset_event_queue`: per consuming DAG, the events it has not yet run for (Airflow's
 *   dataset DAG run queue, one row per event rather than per asset, so each event is
 *   consumed by exactly one run and that run can list it);
 * - `dag_run_asset_events`: which events triggered an asset-triggered run.
 */
export function assetsSchema(dialect: Dialect) {
  const idColumn = dialect === "sqlite" ? "integer" : "bigint";
  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
  return async function up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable("assets")
      .addColumn("id", idColumn, (c) =>
        dialect === "sqlite"
          ? c.primaryKey().autoIncrement()
          : c.primaryKey().generatedAlwaysAsIdentity(),
      )
      .addColumn("uri", "text", (c) => c.notNull().unique())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("extra", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("asset_producers")
      .addColumn("asset_id", idColumn, (c) =>
        c.notNull().references("assets.id").onDelete("cascade"),
      )
      .addColumn("dag_id", "text", (c) => c.notNull().references("dags.dag_id").onDelete("cascade"))
      .addColumn("task_id", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("asset_producers_pk", ["asset_id", "dag_id", "task_id"])
      .execute();

    await db.schema
      .createTable("asset_consumers")
      .addColumn("asset_id", idColumn, (c) =>
        c.notNull().references("assets.id").onDelete("cascade"),
      )
      .addColumn("dag_id", "text", (c) => c.notNull().references("dags.dag_id").onDelete("cascade"))
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("asset_consumers_pk", ["asset_id", "dag_id"])
      .execute();
    // Which DAGs to queue an event for: looked up by asset on every event.
    await db.schema
      .createIndex("asset_consumers_dag")
      .on("asset_consumers")
      .columns(["dag_id"])
      .execute();

    await db.schema
      .createTable("asset_events")
      .addColumn("id", idColumn, (c) =>
        dialect === "sqlite"
          ? c.primaryKey().autoIncrement()
          : c.primaryKey().generatedAlwaysAsIdentity(),
      )
      .addColumn("asset_id", idColumn, (c) =>
        c.notNull().references("assets.id").onDelete("cascade"),
      )
      .addColumn("extra", "text", (c) => c.notNull())
      .addColumn("source_dag_id", "text")
      .addColumn("source_run_id", "text")
      .addColumn("source_task_id", "text")
      .addColumn("source_map_index", "integer")
      .addColumn("timestamp", "bigint", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("asset_events_asset")
      .on("asset_events")
      .columns(["asset_id", "timestamp"])
      .execute();

    await db.schema
      .createTable("asset_event_queue")
      .addColumn("target_dag_id", "text", (c) =>
        c.notNull().references("dags.dag_id").onDelete("cascade"),
      )
      .addColumn("asset_event_id", idColumn, (c) =>
        c.notNull().references("asset_events.id").onDelete("cascade"),
      )
      .addColumn("asset_id", idColumn, (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("asset_event_queue_pk", ["target_dag_id", "asset_event_id"])
      .execute();
    await db.schema
      .createIndex("asset_event_queue_asset")
      .on("asset_event_queue")
      .columns(["asset_id", "target_dag_id"])
      .execute();

    await db.schema
      .createTable("dag_run_asset_events")
      .addColumn("dag_run_id", idColumn, (c) =>
        c.notNull().references("dag_runs.id").onDelete("cascade"),
      )
      .addColumn("asset_event_id", idColumn, (c) =>
        c.notNull().references("asset_events.id").onDelete("cascade"),
      )
      .addPrimaryKeyConstraint("dag_run_asset_events_pk", ["dag_run_id", "asset_event_id"])
      .execute();
    await db.schema
      .createIndex("dag_run_asset_events_event")
      .on("dag_run_asset_events")
      .columns(["asset_event_id"])
      .execute();
  };
}
