import type { Kysely } from "kysely";

/**
 * Sensors in reschedule mode: one attempt row spans a try's pokes (a reschedule spends no
 * try, and (task instance, try number) is unique), so the row counts the pokes that found
 * the condition false, which an exponential backoff doubles its interval by.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function sensorsSchema(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("task_attempts")
    .addColumn("reschedules", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}
