import type { Kysely } from "kysely";

/**
 * Sensors in reschedule mode: one attempt row spans a try's pokes (a reschedule spends no
 * try, and (task instance, try number) is unique), so the row counts the pokes that found
 * the condition false, which an exponential backoff doubles its interval by, and says where
 * the current poke's log starts in the try's log: each poke's worker counts its log's
 * offsets from 0, and the try keeps one log.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function sensorsSchema(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("task_attempts")
    .addColumn("reschedules", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable("task_attempts")
    .addColumn("log_offset", "bigint", (c) => c.notNull().defaultTo(0))
    .execute();
}
