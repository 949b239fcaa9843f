import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import type { StoreContext } from "./storeContext.js";

/** Row locks that writes touching several tables share, so they take them in one order. */

/**
 * Locks the task instance an attempt belongs to (PostgreSQL; SQLite's write lock already
 * serialises writers). Every write that changes both takes the task instance first and
 * the attempt second — clears and marks lock the same rows in the same order — so two
 * such writes wait for each other instead of deadlocking.
 */
export async function lockTaskInstanceOf(
  ctx: StoreContext,
  trx: Kysely<Database>,
  attemptId: string,
): Promise<void> {
  if (ctx.dialect !== "postgres") return;
  await trx
    .selectFrom("task_instances")
    .select("id")
    .where(
      "id",
      "=",
      trx
        .selectFrom("task_attempts")
        .select("task_instance_id")
        .where("attempt_id", "=", attemptId),
    )
    .forUpdate()
    .execute();
}
