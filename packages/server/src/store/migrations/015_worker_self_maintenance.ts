import type { Kysely } from "kysely";

/**
 * Why a worker holds itself in maintenance (worker protocol 1.4): its free disk or memory
 * below its threshold, or its health check failing. `workers.self_maintenance` keeps the
 * reason from its last heartbeat (null: it does not), apart from an operator's request
 * (`maintenance_requested`), which only an operator lifts.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function workerSelfMaintenanceSchema(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("workers").addColumn("self_maintenance", "text").execute();
}
