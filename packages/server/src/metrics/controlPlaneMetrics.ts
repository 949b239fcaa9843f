import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { Clock } from "../scheduler/clock.js";
import type { SchedulerObserver } from "../scheduler/scheduler.js";
import type { FinishedTaskInstance, MetricsSnapshot, StoreObserver } from "../store/index.js";
import { MetricsSnapshotCache } from "./metricsSnapshotCache.js";

/** The label of requests no route matched: raw URLs would give a series per scanner probe. */
export const unmatchedRoute = "unmatched";

/** Hops are meant to take milliseconds; a slow one (no free worker) may wait minutes. */
const dispatchBuckets = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300,
];
/** Long-polls hold their request up to the fetch wait (25 s by default). */
const httpBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const queryBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 1];
const passBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const misnamedDefaultMetrics = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

export interface ControlPlaneMetricsSources {
  /** The database's gauges (one read, cached: metricsSnapshotCache.ts). */
  readSnapshot(): Promise<MetricsSnapshot>;
  /** Long-polls open on this replica now. */
  openPolls(): number;
  /** The control plane's clock, which stamps queueing times. */
  clock: Clock;
}

/**
 * This replica's Prometheus metrics, in a registry of its own (several control planes share
 * a process in tests; prom-client's global registry would mix them). Counters and
 * histograms are fed by the code that does the work, synchronously and without I/O, so the
 * hot paths (claims, heartbeats, reports) pay a few additions. Gauges read from the
 * database are computed at scrape time from the cached snapshot.
 */
export class ControlPlaneMetrics implements StoreObserver, SchedulerObserver {
  readonly registry = new Registry();
  /** Shared with the KEDA queue-depth endpoint, so both cost one read per cache period. */
  readonly snapshots: MetricsSnapshotCache;
  readonly #finished: Counter<"dag_id" | "queue" | "state">;
  readonly #dispatchLatency: Histogram;
  readonly #schedulerPass: Histogram;
  readonly #httpDuration: Histogram<"route" | "method" | "status">;
  readonly #queryDuration: Histogram;
  readonly #logBytes: Counter;

  constructor(sources: ControlPlaneMetricsSources) {
    const registers = [this.registry];
    this.snapshots = new MetricsSnapshotCache(sources.readSnapshot);
    this.#finished = new Counter({
      name: "borda_task_instances_finished_total",
      help: "Task instances that reached a finished state (success, failed, skipped, upstream_failed) by this replica's writes.",
      labelNames: ["dag_id", "queue", "state"],
      registers,
    });
    this.#dispatchLatency = new Histogram({
      name: "borda_dispatch_latency_seconds",
      help: "From an attempt's queueing (its task ready) to its worker's start report.",
      buckets: dispatchBuckets,
      registers,
    });
    this.#schedulerPass = new Histogram({
      name: "borda_scheduler_loop_seconds",
      help: "Duration of the scheduler's full passes (due runs, leases, retries, evaluation, queueing).",
      buckets: passBuckets,
      registers,
    });
    this.#httpDuration = new Histogram({
      name: "borda_http_request_duration_seconds",
      help: "HTTP requests on the main port, by route template, method and status.",
      labelNames: ["route", "method", "status"],
      buckets: httpBuckets,
      registers,
    });
    this.#queryDuration = new Histogram({
      name: "borda_db_query_seconds",
      help: "Metadata database queries, as Kysely timed them.",
      buckets: queryBuckets,
      registers,
    });
    this.#logBytes = new Counter({
      name: "borda_log_bytes_ingested_total",
      help: "Bytes of task log chunks received from workers.",
      registers,
    });
    new Gauge({
      name: "borda_long_polls_open",
      help: "Workers' fetch long-polls waiting on this replica.",
      registers,
      collect() {
        this.set(sources.openPolls());
      },
    });
    const snapshots = this.snapshots;
    new Gauge({
      name: "borda_queue_depth",
      help: "Attempts waiting for a worker, per queue (queues with work only).",
      labelNames: ["queue"],
      registers,
      async collect() {
        const { queues } = await snapshots.get();
        this.reset();
        for (const q of queues) if (q.queued > 0) this.set({ queue: q.queue }, q.queued);
      },
    });
    new Gauge({
      name: "borda_queue_oldest_age_seconds",
      help: "How long the longest-waiting queued attempt has waited, per queue.",
      labelNames: ["queue"],
      registers,
      async collect() {
        const { queues } = await snapshots.get();
        this.reset();
        const now = sources.clock.now().getTime();
        for (const q of queues) {
          if (q.oldestQueuedAt) {
            this.set({ queue: q.queue }, Math.max(0, now - q.oldestQueuedAt.getTime()) / 1000);
          }
        }
      },
    });
    new Gauge({
      name: "borda_pool_slots",
      help: "Pool slots: used (running task instances), queued (queued ones), open (the rest).",
      labelNames: ["pool", "state"],
      registers,
      async collect() {
        const { pools } = await snapshots.get();
        this.reset();
        for (const p of pools) {
          this.set({ pool: p.pool, state: "used" }, p.running);
          this.set({ pool: p.pool, state: "queued" }, p.queued);
          this.set({ pool: p.pool, state: "open" }, Math.max(0, p.slots - p.running - p.queued));
        }
      },
    });
    new Gauge({
      name: "borda_edge_workers",
      help: "Registered edge workers, by state and their token's team.",
      labelNames: ["state", "team"],
      registers,
      async collect() {
        const { workers } = await snapshots.get();
        this.reset();
        for (const w of workers) this.set({ state: w.state, team: w.team }, w.count);
      },
    });
    collectDefaultMetrics({ register: this.registry });
    // prom-client names these gauges with a counter's `_total` suffix, which promtool's
    // lint rejects; the process's CPU, memory, event-loop lag and GC figures stay.
    for (const name of misnamedDefaultMetrics) this.registry.removeSingleMetric(name);
  }

  /** The exposition, in Prometheus' text format. */
  async expose(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  queryFinished(durationMs: number): void {
    this.#queryDuration.observe(durationMs / 1000);
  }

  taskInstancesFinished(finished: readonly FinishedTaskInstance[]): void {
    for (const ti of finished) {
      this.#finished.inc({ dag_id: ti.dagId, queue: ti.queue, state: ti.state });
    }
  }

  attemptStarted(attempt: { queuedAt: Date; startedAt: Date | null }): void {
    if (!attempt.startedAt) return;
    const seconds = (attempt.startedAt.getTime() - attempt.queuedAt.getTime()) / 1000;
    this.#dispatchLatency.observe(Math.max(0, seconds));
  }

  schedulerPassFinished(seconds: number): void {
    this.#schedulerPass.observe(seconds);
  }

  httpRequestFinished(route: string, method: string, status: number, seconds: number): void {
    this.#httpDuration.observe({ route, method, status: String(status) }, seconds);
  }

  logBytesIngested(bytes: number): void {
    this.#logBytes.inc(bytes);
  }
}
