/**
 * Wakes long-polling fetches when jobs are queued on a queue they serve. In-process
 * only: each waiter is a callback, so a waiting fetch holds no connection and no
 * transaction (invariant 3). Across replicas, PostgreSQL NOTIFY feeds `notify` here.
 */
export class JobNotifier {
  readonly #waiters = new Set<Waiter>();

  /** Jobs were queued on `queue`: wake every waiter whose queues match it. */
  notify(queue: string): void {
    for (const waiter of this.#waiters) {
      if (waiter.matches(queue)) waiter.wake();
    }
  }

  /** Wakes every waiter (shutdown, or a change that may concern anyone). */
  notifyAll(): void {
    for (const waiter of this.#waiters) waiter.wake();
  }

  /**
   * Resolves when a job is queued on one of `queues` (names or `*` patterns), when
   * `timeoutMs` passes, or when `signal` aborts; whichever comes first. Never rejects.
   */
  waitForJobs(
    queues: readonly string[],
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<"notified" | "timeout" | "aborted"> {
    if (signal?.aborted) return Promise.resolve("aborted");
    const matchers = queues.map(queueMatcher);
    return new Promise((resolve) => {
      const finish = (outcome: "notified" | "timeout" | "aborted") => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.#waiters.delete(waiter);
        resolve(outcome);
      };
      const onAbort = () => finish("aborted");
      const waiter: Waiter = {
        matches: (queue) => matchers.some((m) => m(queue)),
        wake: () => finish("notified"),
      };
      const timer = setTimeout(() => finish("timeout"), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiters.add(waiter);
    });
  }

  get waiting(): number {
    return this.#waiters.size;
  }
}

interface Waiter {
  matches(queue: string): boolean;
  wake(): void;
}

/** A queue name, or a pattern where `*` stands for any run of characters. */
export function queueMatcher(pattern: string): (queue: string) => boolean {
  if (!pattern.includes("*")) return (queue) => queue === pattern;
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  return (queue) => regex.test(queue);
}
