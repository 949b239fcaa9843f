import type { TaskSpec } from "@borda/protocol";

/** Airflow's default cap on an exponential retry delay: one day. */
const defaultMaxRetryDelayMs = 24 * 60 * 60 * 1000;

/**
 * Delay before retrying after failed try `tryNumber` (1-based): `retryDelay`, or with
 * exponential backoff `retryDelay × 2^(tryNumber-1)`, capped by `maxRetryDelay`. No
 * jitter: retries of one task are already spread by their own failure times, and a
 * deterministic delay is what a user reading the task's next retry time expects.
 */
export function retryDelayMs(task: TaskSpec, tryNumber: number): number {
  const cap = task.maxRetryDelayMs ?? defaultMaxRetryDelayMs;
  if (!task.retryExponentialBackoff) {
    return task.maxRetryDelayMs === null ? task.retryDelayMs : Math.min(task.retryDelayMs, cap);
  }
  const factor = 2 ** Math.min(Math.max(tryNumber - 1, 0), 52);
  return Math.min(task.retryDelayMs * factor, cap);
}
