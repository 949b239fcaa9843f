import { WorkerState } from "@borda/protocol";
import { queueMatcher } from "../scheduler/jobNotifier.js";
import type { WorkerRecord } from "../store/index.js";

/** States in which a worker claims new work: what a queue needs to be served. */
const takingWork: readonly WorkerState[] = [
  WorkerState.starting,
  WorkerState.running,
  WorkerState.idle,
];

/** Whether the worker serves `queue`: one of its queue patterns matches it. */
export const serves = (worker: WorkerRecord, queue: string) =>
  worker.queues.some((pattern) => queueMatcher(pattern)(queue));

/** A queue (or a live worker's pattern), the jobs waiting on it and the live workers serving it. */
export interface QueueCoverage {
  queue: string;
  queuedJobs: number;
  /** When the oldest of those jobs was queued; null when none waits. */
  oldestQueuedAt: Date | null;
  liveWorkers: number;
}

/**
 * The queues jobs wait on, and the names or patterns live workers serve, each with its
 * waiting jobs and live workers: `GET /edge/queues` lists them, and `GET /status` picks
 * those with jobs and no live worker. A worker's `*` is matched literally against another
 * pattern, as token scopes are: a worker on `team_a_*` serves the entry `team_a_*`, not the
 * entry `*`.
 */
export function queueCoverage(
  queued: readonly { queue: string; count: number; oldestQueuedAt: Date }[],
  workers: readonly WorkerRecord[],
): QueueCoverage[] {
  const live = workers.filter((w) => takingWork.includes(w.state));
  const names = new Set([...queued.map((q) => q.queue), ...live.flatMap((w) => w.queues)]);
  return [...names].map((queue) => {
    const matches = queueMatcher(queue);
    const waiting = queued.filter((q) => matches(q.queue));
    const oldest = Math.min(...waiting.map((q) => q.oldestQueuedAt.getTime()));
    return {
      queue,
      queuedJobs: waiting.reduce((sum, q) => sum + q.count, 0),
      oldestQueuedAt: waiting.length === 0 ? null : new Date(oldest),
      liveWorkers: live.filter((w) => serves(w, queue)).length,
    };
  });
}

/** Queues with jobs waiting and no live worker to take them: they wait until one starts. */
export const unserved = (coverage: readonly QueueCoverage[]) =>
  coverage.filter(
    (entry): entry is QueueCoverage & { oldestQueuedAt: Date } =>
      entry.oldestQueuedAt !== null && entry.liveWorkers === 0,
  );
