import { BordaError, ErrorCode, TaskInstanceState } from "@borda/protocol";
import type { PoolRecord } from "./records.js";
import type { StoreContext } from "./storeContext.js";
import { defaultTeam } from "./teams.js";

/** Pools: named slot counts that cap how many task instances run at once across all DAGs. */

export const defaultPoolName = "default_pool";

export interface PoolUsage extends PoolRecord {
  team: string;
  runningSlots: number;
  queuedSlots: number;
  scheduledSlots: number;
}

/** Every pool, or with `teams` only those teams' (an empty list: none). */
export async function listPools(
  ctx: StoreContext,
  teams?: readonly string[],
): Promise<PoolUsage[]> {
  if (teams?.length === 0) return [];
  const [pools, usage] = await Promise.all([
    ctx.db
      .selectFrom("pools")
      .selectAll()
      .$if(teams !== undefined, (q) => q.where("team", "in", teams ?? []))
      .orderBy("name")
      .execute(),
    ctx.db
      .selectFrom("task_instances")
      .select(["pool", "state", (eb) => eb.fn.sum<number>("pool_slots").as("slots")])
      .where("state", "in", [
        TaskInstanceState.running,
        TaskInstanceState.queued,
        TaskInstanceState.scheduled,
      ])
      .groupBy(["pool", "state"])
      .execute(),
  ]);
  const used = (pool: string, state: string) =>
    Number(usage.find((u) => u.pool === pool && u.state === state)?.slots ?? 0);
  return pools.map((p) => ({
    name: p.name,
    slots: p.slots,
    description: p.description,
    includeDeferred: p.include_deferred === 1,
    team: p.team,
    runningSlots: used(p.name, TaskInstanceState.running),
    queuedSlots: used(p.name, TaskInstanceState.queued),
    scheduledSlots: used(p.name, TaskInstanceState.scheduled),
  }));
}

export async function getPool(ctx: StoreContext, name: string): Promise<PoolUsage | null> {
  return (await listPools(ctx)).find((p) => p.name === name) ?? null;
}

/** Creates the pool, or updates it when it exists. */
export async function savePool(ctx: StoreContext, pool: PoolRecord): Promise<void> {
  if (!Number.isInteger(pool.slots) || pool.slots < 0) {
    throw new BordaError(ErrorCode.invalidInput, "slots must be a whole number, 0 or more.");
  }
  const row = {
    name: pool.name,
    slots: pool.slots,
    description: pool.description,
    include_deferred: pool.includeDeferred ? 1 : 0,
    ...(pool.team === undefined ? {} : { team: pool.team }),
  };
  await ctx.db
    .insertInto("pools")
    .values({ team: defaultTeam, ...row })
    .onConflict((oc) => oc.column("name").doUpdateSet(row))
    .execute();
}

/** Deletes a pool; never `default_pool`, nor one with queued or running task instances. */
export async function deletePool(ctx: StoreContext, name: string): Promise<boolean> {
  if (name === defaultPoolName) {
    throw new BordaError(ErrorCode.invalidInput, "default_pool cannot be deleted.");
  }
  return ctx.write(async (trx) => {
    const busy = await trx
      .selectFrom("task_instances")
      .select("id")
      .where("pool", "=", name)
      .where("state", "in", [TaskInstanceState.queued, TaskInstanceState.running])
      .limit(1)
      .executeTakeFirst();
    if (busy) {
      throw new BordaError(
        ErrorCode.conflict,
        `Pool '${name}' has queued or running tasks; wait for them to finish before deleting it.`,
      );
    }
    const result = await trx.deleteFrom("pools").where("name", "=", name).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  });
}

/**
 * The team of each named pool that exists: the DAG processor refuses a team's DAG whose
 * tasks take another team's pool (docs/teams.md, "Checked when a DAG is parsed").
 */
export async function teamsOfPools(
  ctx: StoreContext,
  names: readonly string[],
): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom("pools")
    .select(["name", "team"])
    .where("name", "in", names)
    .execute();
  return new Map(rows.map((row) => [row.name, row.team]));
}
