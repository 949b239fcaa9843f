import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { Counter, Gauge, type GaugeSample, Histogram, MetricsRegistry } from "./metricsText.js";
import { ProblemKind } from "./selfCheck.js";

/**
 * The worker's metrics, served at `GET /metrics` on its health port (docs/deploy-workers.md,
 * "Metrics"). Counts are kept as things happen; the rest is read from the worker when
 * scraped, so a scrape shows the worker as it is, and costs nothing between scrapes.
 */

/** How an attempt ended on this worker, as `borda_worker_tasks_finished_total{state}` counts it. */
export const FinishedState = {
  success: "success",
  failed: "failed",
  /** The task skipped itself (no retry). */
  skipped: "skipped",
  /** A reschedule-mode sensor's poke found its condition false. */
  rescheduled: "up_for_reschedule",
  /** The control plane gave it up (cancelled, or failed after this worker's silence): killed here. */
  givenUp: "given_up",
} as const;
export type FinishedState = (typeof FinishedState)[keyof typeof FinishedState];

/** What the gauges read from the worker at scrape time. */
export interface WorkerGauges {
  runningTasks: () => number;
  freeSlots: () => number;
  /** Where attempts' logs and results wait to be shipped. */
  spoolDir: string;
  controlPlaneReachable: () => boolean;
  /** The kinds of the problems holding the worker in maintenance by itself. */
  selfMaintenance: () => readonly ProblemKind[];
}

/** Heartbeat round trips: a LAN answers in milliseconds, a congested VPN in seconds. */
const rttBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class WorkerMetrics {
  readonly #registry = new MetricsRegistry();
  readonly #tasksFinished: Counter;
  readonly #reconnects: Counter;
  readonly #heartbeatRtt: Histogram;

  constructor(gauges: WorkerGauges) {
    const r = this.#registry;
    r.register(
      new Gauge("borda_worker_running_tasks", "Tasks running on this worker.", gauges.runningTasks),
    );
    r.register(
      new Gauge(
        "borda_worker_free_slots",
        "Slots free for new tasks under the concurrency in effect.",
        gauges.freeSlots,
      ),
    );
    r.register(
      new Gauge(
        "borda_worker_spool_bytes",
        "Bytes of logs and results in the worker's local spool, waiting to be shipped or acknowledged.",
        () => directoryBytes(gauges.spoolDir),
      ),
    );
    r.register(
      new Gauge(
        "borda_worker_control_plane_reachable",
        "1 while calls to the control plane get answers, 0 once one failed.",
        () => (gauges.controlPlaneReachable() ? 1 : 0),
      ),
    );
    this.#heartbeatRtt = r.register(
      new Histogram(
        "borda_worker_heartbeat_rtt_seconds",
        "Round trip of the heartbeats the control plane answered.",
        rttBuckets,
      ),
    );
    this.#tasksFinished = r.register(
      new Counter(
        "borda_worker_tasks_finished_total",
        "Attempts that ended on this worker, by how they ended.",
      ),
    );
    // Every state at 0 from the start: rate() over a series that appears late misses its first increase.
    for (const state of Object.values(FinishedState)) this.#tasksFinished.inc({ state }, 0);
    this.#reconnects = r.register(
      new Counter(
        "borda_worker_reconnects_total",
        "Times the worker regained the control plane after losing it.",
      ),
    );
    this.#reconnects.inc({}, 0);
    r.register(
      new Gauge(
        "borda_worker_maintenance",
        "1 while the worker holds itself in maintenance for this reason (disk, memory, health_check).",
        (): GaugeSample[] => {
          const active = gauges.selfMaintenance();
          return Object.values(ProblemKind).map((reason) => ({
            labels: { reason },
            value: active.includes(reason) ? 1 : 0,
          }));
        },
      ),
    );
  }

  taskFinished(state: FinishedState): void {
    this.#tasksFinished.inc({ state });
  }

  reconnected(): void {
    this.#reconnects.inc();
  }

  heartbeatAnswered(seconds: number): void {
    this.#heartbeatRtt.observe(seconds);
  }

  render(): Promise<string> {
    return this.#registry.render();
  }
}

/** The bytes of the files in `dir` (the spool is flat); 0 when it does not exist yet. */
async function directoryBytes(dir: string): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const sizes = await Promise.all(
    names.map((name) =>
      stat(path.join(dir, name)).then(
        (s) => (s.isFile() ? s.size : 0),
        // Shipped and removed between the listing and the look.
        () => 0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}
