import type { Kysely } from "kysely";

/**
 * Connections and variables. Everything that may be secret is one sealed text per row
 * (credentials/encryptionKeys.ts): a connection's host, port, login, password, schema and
 * extra; a variable's value. Ids, types, descriptions and queue scopes stay plain, so
 * lists and scope checks need no key.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function credentialsSchema(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("connections")
    .addColumn("conn_id", "text", (c) => c.primaryKey())
    .addColumn("conn_type", "text", (c) => c.notNull())
    .addColumn("description", "text")
    // JSON array of queue patterns; null: every queue.
    .addColumn("queues", "text")
    .addColumn("sealed", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("variables")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("description", "text")
    .addColumn("queues", "text")
    .addColumn("sealed", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}
