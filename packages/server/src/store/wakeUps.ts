import { AttemptState, TaskInstanceState } from "@borda/protocol";
import type { StoreContext } from "./storeContext.js";

/**
 * The earliest instant at which time alone makes scheduling work due: a cron run to
 * create, a retry delay that ends, a sensor's next poke, a lease or execution timeout that expires. The
 * scheduler sleeps until then instead of ticking.
 */
export async function nextWakeUp(ctx: StoreContext): Promise<Date | null> {
  const [dag, retry, lease, timeout] = await Promise.all([
    ctx.db
      .selectFrom("dags")
      .select((eb) => eb.fn.min("next_dagrun_create_after").as("at"))
      .where("is_active", "=", 1)
      .where("is_paused", "=", 0)
      .executeTakeFirst(),
    ctx.db
      .selectFrom("task_instances")
      .select((eb) => eb.fn.min("next_retry_at").as("at"))
      .where("state", "in", [TaskInstanceState.upForRetry, TaskInstanceState.upForReschedule])
      .executeTakeFirst(),
    ctx.db
      .selectFrom("task_attempts")
      .select((eb) => eb.fn.min("lease_expires_at").as("at"))
      .where("state", "in", [AttemptState.claimed, AttemptState.running])
      .executeTakeFirst(),
    ctx.db
      .selectFrom("task_attempts")
      .select((eb) => eb.fn.min("timeout_at").as("at"))
      .where("state", "=", AttemptState.running)
      .executeTakeFirst(),
  ]);
  const instants = [dag?.at, retry?.at, lease?.at, timeout?.at]
    .filter((v) => v !== null && v !== undefined)
    .map(Number);
  return instants.length === 0 ? null : new Date(Math.min(...instants));
}
