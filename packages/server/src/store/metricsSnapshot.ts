import { AttemptState, activeAttemptStates } from "@borda/protocol";
import { listPools } from "./pools.js";
import type { StoreContext } from "./storeContext.js";
import { type Liveness, listWorkers } from "./workers.js";

/**
 * What the metrics exporter and the KEDA queue-depth endpoint read from the database, in
 * one read: work per queue, pool slots, workers by state and team. Only queues with work
 * appear. The reads are grouped counts over the attempts' claim index and two small
 * tables; the caller caches the result (metrics/metricsSnapshotCache.ts), so a scrape
 * never reaches the database more than once per cache period.
 */

export interface QueueWork {
  queue: string;
  /** Attempts waiting for a worker. */
  queued: number;
  /** Attempts a worker holds: claimed or running. */
  running: number;
  /** When the longest-waiting queued attempt was queued; null when none waits. */
  oldestQueuedAt: Date | null;
}

export interface PoolSlots {
  pool: string;
  slots: number;
  /** Slots held by running task instances. */
  running: number;
  /** Slots held by queued task instances (waiting for a worker). */
  queued: number;
}

export interface WorkerCount {
  state: string;
  /** The team of the worker's token; "" when it has none. */
  team: string;
  count: number;
}

export interface MetricsSnapshot {
  queues: QueueWork[];
  pools: PoolSlots[];
  workers: WorkerCount[];
}

export async function readMetricsSnapshot(
  ctx: StoreContext,
  liveness: Liveness,
): Promise<MetricsSnapshot> {
  const [attempts, pools, workers] = await Promise.all([
    ctx.db
      .selectFrom("task_attempts")
      .select((eb) => [
        "queue",
        "state",
        eb.fn.countAll<number>().as("count"),
        eb.fn.min<number>("queued_at").as("oldest"),
      ])
      .where("state", "in", [AttemptState.queued, ...activeAttemptStates])
      .groupBy(["queue", "state"])
      .execute(),
    listPools(ctx),
    listWorkers(ctx, liveness),
  ]);
  const queues = new Map<string, QueueWork>();
  for (const row of attempts) {
    const work = queues.get(row.queue) ?? {
      queue: row.queue,
      queued: 0,
      running: 0,
      oldestQueuedAt: null,
    };
    const count = Number(row.count);
    if (row.state === AttemptState.queued) {
      work.queued += count;
      work.oldestQueuedAt = new Date(Number(row.oldest));
    } else {
      work.running += count;
    }
    queues.set(row.queue, work);
  }
  const workerCounts = new Map<string, WorkerCount>();
  for (const worker of workers) {
    const team = worker.team ?? "";
    const key = `${worker.state}\u0000${team}`;
    const counted = workerCounts.get(key) ?? { state: worker.state, team, count: 0 };
    counted.count += 1;
    workerCounts.set(key, counted);
  }
  return {
    queues: [...queues.values()].sort((a, b) => a.queue.localeCompare(b.queue)),
    pools: pools.map((p) => ({
      pool: p.name,
      slots: p.slots,
      running: p.runningSlots,
      queued: p.queuedSlots,
    })),
    workers: [...workerCounts.values()],
  };
}
