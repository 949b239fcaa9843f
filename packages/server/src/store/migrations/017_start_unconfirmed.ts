import type { Kysely } from "kysely";

/**
 * `task_attempts.start_unconfirmed`: 1 while an attempt's start is only its claim's
 * (protocol 1.5, docs/internals.md "One round trip per task"). A 1.5 claim records the
 * start, so the attempt is `running` from then on, but its worker may never have got the
 * answer: until the worker shows it holds the attempt (the first heartbeat that lists it
 * clears the flag), a lapsed lease or a release puts it back on its queue on the same
 * try, as for a claim that was never started, instead of failing it.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function startUnconfirmedSchema(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("task_attempts")
    .addColumn("start_unconfirmed", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
}
