import type { Kysely } from "kysely";

/** Users of the REST API and the UI: one role each, a scrypt password hash, login throttling. */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function usersSchema(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("username", "text", (c) => c.primaryKey())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_login_at", "bigint")
    .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("locked_until", "bigint")
    .execute();
}
