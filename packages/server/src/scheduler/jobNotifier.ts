/**
 * Wakes long-polling fetches when jobs are queued on a queue they serve. In-process
 * only: each waiter is a callback, so a waiting fetch holds no connection and no
 * transaction (invariant 3). Across replicas, PostgreSQL NOTIFY feeds `notify` here.
 * Waiters on plain queue names are indexed by name, so a job queued while thousands of
 * workers wait on other queues wakes its own waiters without visiting the rest; only
 * waiters with a `*` pattern are tested one by one.
 */
export class JobNotifier {
  readonly #byQueue = new Map<string, Set<Waiter>>();
  readonly #patterned = new Set<Waiter>();
  #size = 0;

  /** Jobs were queued on `queue`: wake every waiter whose queues match it. */
  notify(queue: string): void {
    for (const waiter of [...(this.#byQueue.get(queue) ?? []), ...this.#patterned]) {
      if (waiter.matches(queue)) waiter.wake();
    }
  }

  /** Wakes every waiter (shutdown, or a change that may concern anyone). */
  notifyAll(): void {
    const all = new Set([
      ...this.#patterned,
      ...[...this.#byQueue.values()].flatMap((s) => [...s]),
    ]);
    for (const waiter of all) waiter.wake();
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
    const patterned = queues.some((q) => q.includes("*"));
    return new Promise((resolve) => {
      let done = false;
      const finish = (outcome: "notified" | "timeout" | "aborted") => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        this.#remove(waiter, queues, patterned);
        resolve(outcome);
      };
      const onAbort = () => finish("aborted");
      const waiter: Waiter = {
        matches: (queue) => matchers.some((m) => m(queue)),
        wake: () => finish("notified"),
      };
      const timer = setTimeout(() => finish("timeout"), timeoutMs);
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#add(waiter, queues, patterned);
    });
  }

  #add(waiter: Waiter, queues: readonly string[], patterned: boolean): void {
    this.#size += 1;
    if (patterned) {
      this.#patterned.add(waiter);
      return;
    }
    for (const queue of queues) {
      const waiters = this.#byQueue.get(queue);
      if (waiters) waiters.add(waiter);
      else this.#byQueue.set(queue, new Set([waiter]));
    }
  }

  #remove(waiter: Waiter, queues: readonly string[], patterned: boolean): void {
    this.#size -= 1;
    if (patterned) {
      this.#patterned.delete(waiter);
      return;
    }
    for (const queue of queues) {
      const waiters = this.#byQueue.get(queue);
      waiters?.delete(waiter);
      if (waiters?.size === 0) this.#byQueue.delete(queue);
    }
  }

  get waiting(): number {
    return this.#size;
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
