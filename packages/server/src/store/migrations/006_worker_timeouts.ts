import { type Kysely, sql } from "kysely";

/**
 * Worker timeouts per token, and the lease each attempt was granted (invariant 8): a
 * site chooses how long its workers may be silent, and a restart can renew every lease
 * by the length it was granted with.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function workerTimeoutsSchema(db: Kysely<any>): Promise<void> {
  // Null: the server's --worker-timeout.
  await db.schema.alterTable("worker_tokens").addColumn("worker_timeout_ms", "bigint").execute();
  // The timeout in force when the worker registered, so its shown state needs no join.
  await db.schema.alterTable("workers").addColumn("worker_timeout_ms", "bigint").execute();
  // Set by each claim; attempts in flight during the upgrade keep the old default lease.
  await db.schema.alterTable("task_attempts").addColumn("lease_ms", "bigint").execute();
  await sql`update task_attempts set lease_ms = 15000 where lease_expires_at is not null`.execute(
    db,
  );
}
