import type { Kysely } from "kysely";

/**
 * API tokens, with which scripts sign in to /api/v1 as their owner; and an index for the
 * edge jobs list.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function apiTokensSchema(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("api_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    // Deleting the user deletes its tokens: a token never outlives the user it signs in as.
    .addColumn("username", "text", (c) =>
      c.notNull().references("users.username").onDelete("cascade"),
    )
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("secret_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint")
    .addColumn("last_used_at", "bigint")
    .addColumn("revoked_at", "bigint")
    .execute();
  // A user's tokens, for listing them; PostgreSQL does not index a foreign key by itself,
  // and the cascade from deleting a user looks tokens up by it too.
  await db.schema
    .createIndex("api_tokens_username")
    .on("api_tokens")
    .columns(["username", "created_at"])
    .execute();

  // `GET /edge/jobs` pages through every attempt newest first, ordered by (queued_at,
  // attempt_id) so ties fall the same way on every page. Without an index both databases
  // sort the whole table for each page; with one on queued_at alone SQLite still sorts
  // ("USE TEMP B-TREE FOR LAST TERM OF ORDER BY") and PostgreSQL adds an incremental sort.
  // On both columns, both plans are a bare (backward) index scan that stops after
  // `offset + limit` rows.
  await db.schema
    .createIndex("task_attempts_queued_at")
    .on("task_attempts")
    .columns(["queued_at", "attempt_id"])
    .execute();
}
