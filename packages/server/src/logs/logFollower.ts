import { activeAttemptStates } from "@borda/protocol";
import type { Store } from "../store/index.js";

/**
 * Follows an attempt's log as it grows: yields each new piece as soon as a chunk is
 * appended on this replica (and within `pollMs` when another replica appended it), and
 * ends once the attempt is over and its log read to the end. The server-sent events
 * endpoint streams what it yields.
 */
export class LogFollower {
  readonly #store: Store;
  readonly #pollMs: number;
  readonly #waiters = new Map<string, Set<() => void>>();

  constructor(store: Store, pollMs = 1000) {
    this.#store = store;
    this.#pollMs = pollMs;
  }

  /** A chunk of `attemptId`'s log was stored, or the attempt ended: wake its followers. */
  changed(attemptId: string): void {
    for (const wake of this.#waiters.get(attemptId) ?? []) wake();
  }

  async *follow(
    attemptId: string,
    fromOffset: number,
    signal: AbortSignal,
  ): AsyncGenerator<{ data: string; nextOffset: number }> {
    let offset = fromOffset;
    while (!signal.aborted) {
      const woken = this.#nextAppend(attemptId, signal);
      const piece = await this.#store.readLog(attemptId, offset);
      if (piece.data.length > 0) {
        offset = piece.nextOffset;
        yield piece;
        continue;
      }
      const attempt = await this.#store.getAttempt(attemptId);
      if (!attempt || !activeAttemptStates.includes(attempt.state)) {
        // Over: a chunk the worker sent just before its report may still land; read once more.
        const last = await this.#store.readLog(attemptId, offset);
        if (last.data.length > 0) yield last;
        return;
      }
      await woken;
    }
  }

  #nextAppend(attemptId: string, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(attemptId) ?? new Set();
      this.#waiters.set(attemptId, waiters);
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        waiters.delete(done);
        if (waiters.size === 0) this.#waiters.delete(attemptId);
        resolve();
      };
      const timer = setTimeout(done, this.#pollMs);
      signal.addEventListener("abort", done, { once: true });
      waiters.add(done);
    });
  }
}
