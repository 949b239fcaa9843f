import { AttemptState } from "@borda/protocol";
import type { Kysely } from "kysely";
import type { Database } from "./database.js";

/*
 * A sensor's next poke, as queueing puts it on its queue: the try that waited
 * `up_for_reschedule` goes on (docs/internals.md, "Sensors").
 */

/** Whether a task instance's current attempt is a sensor's try waiting for its next poke. */
export async function isRescheduled(
  trx: Kysely<Database>,
  attemptId: string | null,
): Promise<boolean> {
  if (attemptId === null) return false;
  const row = await trx
    .selectFrom("task_attempts")
    .select("state")
    .where("attempt_id", "=", attemptId)
    .executeTakeFirst();
  return row?.state === AttemptState.upForReschedule;
}

/**
 * Queues a sensor's next poke on the try's own attempt row, under a new attempt id: the
 * previous poke's id stays fenced, and (task instance, try number) stays unique. The
 * try's first start is kept, since its timeout counts from there, and so is its log: the
 * pokes so far move to the new id, and the next poke's log continues after them.
 */
export async function resumeRescheduled(
  trx: Kysely<Database>,
  previousId: string,
  attemptId: string,
  now: number,
): Promise<void> {
  const log = await trx
    .selectFrom("task_logs")
    .select((eb) => eb.fn.max(eb("offset", "+", eb.ref("length"))).as("end"))
    .where("attempt_id", "=", previousId)
    .executeTakeFirst();
  await trx
    .updateTable("task_logs")
    .set({ attempt_id: attemptId })
    .where("attempt_id", "=", previousId)
    .execute();
  await trx
    .updateTable("task_attempts")
    .set({
      log_offset: Number(log?.end ?? 0),
      attempt_id: attemptId,
      state: AttemptState.queued,
      worker_name: null,
      claimed_at: null,
      lease_expires_at: null,
      lease_ms: null,
      ended_at: null,
      queued_at: now,
    })
    .where("attempt_id", "=", previousId)
    .where("state", "=", AttemptState.upForReschedule)
    .execute();
}
