import type { MetricsSnapshot } from "../store/index.js";

/**
 * How long a read of the database's gauges (queue depth, oldest age, pool slots, workers)
 * serves scrapes and queue-depth calls. Prometheus scrapes every 15-60 s and KEDA polls
 * every 30 s by default, so 5 s staleness is invisible to them, while ten scrapes a second
 * (or several Prometheus servers) still cost one read every 5 s: scrapes never load the
 * database that claims and heartbeats use.
 */
export const metricsSnapshotCacheMs = 5_000;

/**
 * The database's gauges, read at most once per `metricsSnapshotCacheMs`. Concurrent
 * callers while a read is in flight share it. A failed read is not cached: the next
 * caller tries again.
 */
export class MetricsSnapshotCache {
  readonly #read: () => Promise<MetricsSnapshot>;
  /** Monotonic time, so a wall-clock jump neither freezes nor floods the cache. */
  readonly #now: () => number;
  #snapshot: { value: MetricsSnapshot; readAt: number } | null = null;
  #inFlight: Promise<MetricsSnapshot> | null = null;

  constructor(read: () => Promise<MetricsSnapshot>, now: () => number = () => performance.now()) {
    this.#read = read;
    this.#now = now;
  }

  get(): Promise<MetricsSnapshot> {
    const cached = this.#snapshot;
    if (cached && this.#now() - cached.readAt < metricsSnapshotCacheMs) {
      return Promise.resolve(cached.value);
    }
    if (this.#inFlight) return this.#inFlight;
    const startedAt = this.#now();
    this.#inFlight = this.#read()
      .then((value) => {
        this.#snapshot = { value, readAt: startedAt };
        return value;
      })
      .finally(() => {
        this.#inFlight = null;
      });
    return this.#inFlight;
  }
}
