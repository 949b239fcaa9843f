import type { QueueDepth } from "@borda/protocol";
import { requireQueuesInScope, tokenCoversQueue } from "../auth/workerTokens.js";
import type { MetricsSnapshot, WorkerTokenRecord } from "../store/index.js";

/**
 * The answer of `GET /edge/v1/queue-depth` for a worker token: the named queues (each in
 * its scope, else 403), or every queue with work that its patterns cover. A named queue
 * with no work answers zeros, so a scaler sees it rather than a missing series.
 */
export function queueDepthFor(
  token: WorkerTokenRecord,
  requested: readonly string[] | null,
  snapshot: MetricsSnapshot,
  now: Date,
): QueueDepth {
  if (requested) requireQueuesInScope(token, requested);
  const withWork = new Map(snapshot.queues.map((q) => [q.queue, q]));
  const names = requested
    ? [...new Set(requested)]
    : snapshot.queues.map((q) => q.queue).filter((queue) => tokenCoversQueue(token, queue));
  const queues = names.map((queue) => {
    const work = withWork.get(queue);
    return { queue, queued: work?.queued ?? 0, running: work?.running ?? 0 };
  });
  const oldest = names
    .map((queue) => withWork.get(queue)?.oldestQueuedAt?.getTime())
    .filter((at): at is number => at !== undefined);
  const queued = queues.reduce((sum, q) => sum + q.queued, 0);
  const running = queues.reduce((sum, q) => sum + q.running, 0);
  return {
    queued,
    running,
    total: queued + running,
    oldest_queued_age_seconds:
      oldest.length > 0 ? Math.max(0, now.getTime() - Math.min(...oldest)) / 1000 : null,
    queues,
  };
}
