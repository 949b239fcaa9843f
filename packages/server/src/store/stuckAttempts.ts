import { AttemptState } from "@borda/protocol";
import { dagOfTeams } from "./dagsOfTeams.js";
import type { StoreContext } from "./storeContext.js";

/** A job that has waited on its queue since `queuedAt`. */
export interface QueuedJob {
  dagId: string;
  runId: string;
  taskId: string;
  mapIndex: number;
  queue: string;
  queuedAt: Date;
}

/**
 * Jobs queued before `before` and still waiting, of `teams`' DAGs when given: how many,
 * and the `limit` oldest. Both
 * queries filter on `state` first, so the claim index (state, queue, ...) keeps them to the
 * queued attempts, which a healthy deployment keeps few.
 */
export async function findStuckQueuedAttempts(
  ctx: StoreContext,
  before: Date,
  limit: number,
  teams?: readonly string[],
): Promise<{ count: number; oldest: QueuedJob[] }> {
  const stuck = ctx.db
    .selectFrom("task_attempts")
    .where("state", "=", AttemptState.queued)
    .where("queued_at", "<", before.getTime())
    .$if(teams !== undefined, (q) => q.where(dagOfTeams("task_attempts.dag_id", teams ?? [])));
  const [counted, rows] = await Promise.all([
    stuck.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
    stuck
      .select(["dag_id", "run_id", "task_id", "map_index", "queue", "queued_at"])
      .orderBy("queued_at")
      .orderBy("attempt_id")
      .limit(limit)
      .execute(),
  ]);
  return {
    count: Number(counted.count),
    oldest: rows.map((r) => ({
      dagId: r.dag_id,
      runId: r.run_id,
      taskId: r.task_id,
      mapIndex: r.map_index,
      queue: r.queue,
      queuedAt: new Date(Number(r.queued_at)),
    })),
  };
}
