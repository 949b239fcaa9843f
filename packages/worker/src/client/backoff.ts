/**
 * Capped exponential backoff with full jitter: the n-th wait (from 0) is uniform in
 * [0, min(cap, base · 2ⁿ)). Jitter spreads a fleet of workers that lost the control
 * plane at the same moment, so they do not all come back in the same millisecond.
 */
export interface BackoffOptions {
  /** Upper bound of the first wait. Default 500 ms. */
  baseMs?: number;
  /** No wait exceeds this. Default 30 s. */
  capMs?: number;
  /** Uniform in [0, 1); injectable for tests. Default Math.random. */
  random?: () => number;
}

export class Backoff {
  readonly #baseMs: number;
  readonly #capMs: number;
  readonly #random: () => number;
  #failures = 0;

  constructor(options: BackoffOptions = {}) {
    this.#baseMs = options.baseMs ?? 500;
    this.#capMs = options.capMs ?? 30_000;
    this.#random = options.random ?? Math.random;
  }

  /** The wait after one more failure. */
  next(): number {
    const ceiling = Math.min(this.#capMs, this.#baseMs * 2 ** Math.min(this.#failures, 52));
    this.#failures++;
    return Math.floor(this.#random() * ceiling);
  }

  /** Failures since the last success. */
  get failures(): number {
    return this.#failures;
  }

  reset(): void {
    this.#failures = 0;
  }
}

/** Resolves after `ms`, or at once when `signal` aborts (never rejects). */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}
