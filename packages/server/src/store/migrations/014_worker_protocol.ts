import type { Kysely } from "kysely";

/**
 * A mapped task instance's name (Airflow's `rendered_map_index`), its `map_index_template`
 * rendered by the worker after the task ran: `task_instances.rendered_map_index`.
 *
 * Jobs only workers of a recent enough protocol may run (docs/internals.md, "Worker
 * protocol versions"): a worker's row keeps the protocol version it registered with (null
 * for one registered before 014, which is treated as 1.2 until it registers again), and
 * an attempt the minor version of protocol 1.x its job needs (0: any worker; 3: a
 * sensor, which a 1.2 worker would run as one poke). A claim hands a worker only the
 * attempts whose need its version meets.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function workerProtocolSchema(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("workers").addColumn("protocol_version", "text").execute();
  await db.schema
    .alterTable("task_attempts")
    .addColumn("needs_protocol_minor", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("task_instances").addColumn("rendered_map_index", "text").execute();
}
