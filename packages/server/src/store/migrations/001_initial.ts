import type { CreateTableBuilder, Kysely } from "kysely";
import type { Dialect } from "../storeContext.js";

/**
 * The first schema. `id` columns are `integer primary key autoincrement` on SQLite and
 * `bigint generated always as identity` on PostgreSQL; every other type is shared.
 */
export function initialSchema(dialect: Dialect) {
  const idColumn = dialect === "sqlite" ? "integer" : "bigint";
  const blob = dialect === "sqlite" ? "blob" : "bytea";
  const withId = <TB extends string>(builder: CreateTableBuilder<TB>) =>
    dialect === "sqlite"
      ? builder.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      : builder.addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity());

  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
  return async function up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable("dags")
      .addColumn("dag_id", "text", (c) => c.primaryKey())
      .addColumn("is_paused", "integer", (c) => c.notNull())
      .addColumn("is_active", "integer", (c) => c.notNull())
      .addColumn("fileloc", "text", (c) => c.notNull())
      .addColumn("origin", "text", (c) => c.notNull())
      .addColumn("current_version_id", idColumn)
      .addColumn("next_dagrun_logical_date", "bigint")
      .addColumn("next_dagrun_data_interval_start", "bigint")
      .addColumn("next_dagrun_data_interval_end", "bigint")
      .addColumn("next_dagrun_create_after", "bigint")
      .addColumn("last_parsed_at", "bigint", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("dag_tags")
      .addColumn("dag_id", "text", (c) => c.notNull().references("dags.dag_id").onDelete("cascade"))
      .addColumn("tag", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("dag_tags_pk", ["dag_id", "tag"])
      .execute();

    await db.schema
      .createTable("bundles")
      .addColumn("hash", "text", (c) => c.primaryKey())
      .addColumn("content", blob, (c) => c.notNull())
      .addColumn("size", "integer", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .execute();

    await withId(db.schema.createTable("dag_versions"))
      .addColumn("dag_id", "text", (c) => c.notNull().references("dags.dag_id"))
      .addColumn("version_number", "integer", (c) => c.notNull())
      .addColumn("bundle_hash", "text", (c) => c.notNull().references("bundles.hash"))
      .addColumn("spec_hash", "text", (c) => c.notNull())
      .addColumn("spec", "text", (c) => c.notNull())
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("fileloc", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addUniqueConstraint("dag_versions_number_unique", ["dag_id", "version_number"])
      .execute();

    await withId(db.schema.createTable("import_errors"))
      .addColumn("fileloc", "text", (c) => c.notNull())
      .addColumn("origin", "text", (c) => c.notNull())
      .addColumn("message", "text", (c) => c.notNull())
      .addColumn("line", "integer")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      // A deployed file and a folder file may share a name.
      .addUniqueConstraint("import_errors_file_unique", ["origin", "fileloc"])
      .execute();

    await db.schema
      .createTable("pools")
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("slots", "integer", (c) => c.notNull())
      .addColumn("description", "text")
      .addColumn("include_deferred", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db
      .insertInto("pools")
      .values({
        name: "default_pool",
        slots: 128,
        description: "Default pool",
        include_deferred: 0,
      })
      .execute();

    await withId(db.schema.createTable("dag_runs"))
      .addColumn("dag_id", "text", (c) => c.notNull().references("dags.dag_id"))
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("dag_version_id", idColumn, (c) => c.notNull().references("dag_versions.id"))
      .addColumn("run_type", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("logical_date", "bigint", (c) => c.notNull())
      .addColumn("data_interval_start", "bigint")
      .addColumn("data_interval_end", "bigint")
      .addColumn("conf", "text", (c) => c.notNull())
      .addColumn("note", "text")
      .addColumn("external_trigger", "integer", (c) => c.notNull())
      .addColumn("queued_at", "bigint", (c) => c.notNull())
      .addColumn("start_date", "bigint")
      .addColumn("end_date", "bigint")
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addUniqueConstraint("dag_runs_run_id_unique", ["dag_id", "run_id"])
      .execute();
    await db.schema
      .createIndex("dag_runs_state")
      .on("dag_runs")
      .columns(["state", "dag_id"])
      .execute();

    await withId(db.schema.createTable("task_instances"))
      .addColumn("dag_run_id", idColumn, (c) =>
        c.notNull().references("dag_runs.id").onDelete("cascade"),
      )
      .addColumn("dag_id", "text", (c) => c.notNull())
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("task_id", "text", (c) => c.notNull())
      .addColumn("map_index", "integer", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("try_number", "integer", (c) => c.notNull())
      .addColumn("max_tries", "integer", (c) => c.notNull())
      .addColumn("pool", "text", (c) => c.notNull())
      .addColumn("pool_slots", "integer", (c) => c.notNull())
      .addColumn("queue", "text", (c) => c.notNull())
      .addColumn("priority_weight", "integer", (c) => c.notNull())
      .addColumn("operator", "text", (c) => c.notNull())
      .addColumn("current_attempt_id", "text")
      .addColumn("hostname", "text")
      .addColumn("start_date", "bigint")
      .addColumn("end_date", "bigint")
      .addColumn("queued_at", "bigint")
      .addColumn("next_retry_at", "bigint")
      .addColumn("last_error", "text")
      .addColumn("note", "text")
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .addUniqueConstraint("task_instances_unique", ["dag_run_id", "task_id", "map_index"])
      .execute();
    await db.schema
      .createIndex("task_instances_state_pool")
      .on("task_instances")
      .columns(["state", "pool"])
      .execute();
    await db.schema
      .createIndex("task_instances_retry")
      .on("task_instances")
      .columns(["state", "next_retry_at"])
      .execute();

    await db.schema
      .createTable("task_attempts")
      .addColumn("attempt_id", "text", (c) => c.primaryKey())
      .addColumn("task_instance_id", idColumn, (c) =>
        c.notNull().references("task_instances.id").onDelete("cascade"),
      )
      .addColumn("dag_run_id", idColumn, (c) => c.notNull())
      .addColumn("dag_id", "text", (c) => c.notNull())
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("task_id", "text", (c) => c.notNull())
      .addColumn("map_index", "integer", (c) => c.notNull())
      .addColumn("try_number", "integer", (c) => c.notNull())
      .addColumn("dag_version_id", idColumn, (c) => c.notNull())
      .addColumn("bundle_hash", "text", (c) => c.notNull())
      .addColumn("queue", "text", (c) => c.notNull())
      .addColumn("pool", "text", (c) => c.notNull())
      .addColumn("pool_slots", "integer", (c) => c.notNull())
      .addColumn("priority_weight", "integer", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("worker_name", "text")
      .addColumn("lease_expires_at", "bigint")
      .addColumn("timeout_at", "bigint")
      .addColumn("execution_timeout_ms", "bigint")
      .addColumn("queued_at", "bigint", (c) => c.notNull())
      .addColumn("claimed_at", "bigint")
      .addColumn("started_at", "bigint")
      .addColumn("ended_at", "bigint")
      .addColumn("error", "text")
      .addColumn("exit_code", "integer")
      // Belt and braces for invariant 1: one attempt per try, whatever a racing scheduler does.
      .addUniqueConstraint("task_attempts_try_unique", ["task_instance_id", "try_number"])
      .execute();
    await db.schema
      .createIndex("task_attempts_claim")
      .on("task_attempts")
      .columns(["state", "queue", "priority_weight", "queued_at"])
      .execute();

    await db.schema
      .createTable("xcom")
      .addColumn("dag_run_id", idColumn, (c) =>
        c.notNull().references("dag_runs.id").onDelete("cascade"),
      )
      .addColumn("task_id", "text", (c) => c.notNull())
      .addColumn("map_index", "integer", (c) => c.notNull())
      .addColumn("key", "text", (c) => c.notNull())
      .addColumn("dag_id", "text", (c) => c.notNull())
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addPrimaryKeyConstraint("xcom_pk", ["dag_run_id", "task_id", "map_index", "key"])
      .execute();
  };
}
