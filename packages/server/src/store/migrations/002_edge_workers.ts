import type { Kysely } from "kysely";

/** Edge workers, their scoped tokens, and task logs shipped in offset-addressed chunks. */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function edgeWorkersSchema(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("worker_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("team", "text")
    .addColumn("queues", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("last_used_at", "bigint")
    .execute();

  await db.schema
    .createTable("workers")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("instance_id", "text", (c) => c.notNull())
    .addColumn("token_id", "text", (c) => c.notNull())
    .addColumn("team", "text")
    .addColumn("reported_state", "text", (c) => c.notNull())
    .addColumn("configured_queues", "text", (c) => c.notNull())
    .addColumn("added_queues", "text", (c) => c.notNull())
    .addColumn("removed_queues", "text", (c) => c.notNull())
    .addColumn("configured_concurrency", "integer", (c) => c.notNull())
    .addColumn("concurrency_override", "integer")
    .addColumn("free_slots", "integer", (c) => c.notNull())
    .addColumn("running_attempts", "integer", (c) => c.notNull())
    .addColumn("version", "text", (c) => c.notNull())
    .addColumn("sysinfo", "text", (c) => c.notNull())
    .addColumn("maintenance_requested", "integer", (c) => c.notNull())
    .addColumn("maintenance_comment", "text")
    .addColumn("shutdown_requested", "integer", (c) => c.notNull())
    .addColumn("first_online", "bigint", (c) => c.notNull())
    .addColumn("last_heartbeat", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("task_logs")
    .addColumn("attempt_id", "text", (c) => c.notNull())
    .addColumn("offset", "bigint", (c) => c.notNull())
    .addColumn("length", "integer", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("task_logs_pk", ["attempt_id", "offset"])
    .execute();
}
