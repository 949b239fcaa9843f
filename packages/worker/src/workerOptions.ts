import type { BackoffOptions } from "./client/backoff.js";
import type { Logger } from "./logger.js";
import type { RunnerCommand } from "./runner/runnerProcess.js";

/** How an `EdgeWorker` runs, beyond its configuration: defaults for production, knobs for tests and embedders. */
export interface EdgeWorkerOptions {
  /** Default: a logger on stderr at the config's level and format. */
  logger?: Logger;
  /** Uniform in [0, 1), for backoff jitter; injectable for tests. Default Math.random. */
  random?: () => number;
  /** Bounds of every retry's backoff (start-up, fetch, shipping). Default 500 ms to 30 s. */
  backoff?: Omit<BackoffOptions, "random">;
  /**
   * Between asking a task to stop (its timeout, a drain) and killing its processes. Default
   * 5 s. An attempt the control plane gave up is killed at once, without it.
   */
  killGraceMs?: number;
  /** Largest task return value, serialised. Default 1 MiB. */
  maxReturnValueBytes?: number;
  /** An idle warm runner process is stopped after this long. Default 60 s. */
  runnerIdleMs?: number;
  /** Longest time new log lines wait before they are shipped. Default 1 s. */
  logFlushIntervalMs?: number;
  /**
   * After a drain, how long to keep trying to deliver unsent logs and results before
   * leaving them in the spool for the next start. Default 10 s.
   */
  exitFlushTimeoutMs?: number;
  /**
   * The worker's environment: where tasks' allowlisted variables and the worker's own
   * connections and variables (`AIRFLOW_CONN_*`, `AIRFLOW_VAR_*`) come from. Default process.env.
   */
  env?: NodeJS.ProcessEnv;
  /** Address the health server listens on. Default all interfaces. */
  healthHost?: string;
  /**
   * How runner processes are started; the bundle's path is appended. Default Node running
   * this package's runnerChild.js; a single-file worker starts itself again.
   */
  runnerCommand?: RunnerCommand;
}
