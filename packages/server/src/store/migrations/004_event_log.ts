import type { Kysely } from "kysely";
import type { Dialect } from "../storeContext.js";

/** The audit trail of changes made through the REST API (Airflow's event log). */
export function eventLogSchema(dialect: Dialect) {
  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
  return async function up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable("event_log")
      .addColumn("id", dialect === "sqlite" ? "integer" : "bigint", (c) =>
        dialect === "sqlite"
          ? c.primaryKey().autoIncrement()
          : c.primaryKey().generatedAlwaysAsIdentity(),
      )
      .addColumn("dttm", "bigint", (c) => c.notNull())
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("owner", "text")
      .addColumn("dag_id", "text")
      .addColumn("run_id", "text")
      .addColumn("task_id", "text")
      .addColumn("map_index", "integer")
      .addColumn("try_number", "integer")
      .addColumn("execution_date", "bigint")
      .addColumn("extra", "text")
      .execute();
    // The audit view of one DAG, newest first; the unfiltered list walks the primary key.
    await db.schema
      .createIndex("event_log_dag")
      .on("event_log")
      .columns(["dag_id", "dttm"])
      .execute();
  };
}
