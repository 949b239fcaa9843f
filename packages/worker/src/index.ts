/**
 * Borda's edge worker: `EdgeWorker` pulls task work from a control plane over outbound
 * HTTPS and runs it; `workerSettings` and `resolveWorkerConfig` are its configuration,
 * from which `borda worker` builds its flags. What a runner process does is
 * `@borda/worker/runner/runnerMain`, for a single-file worker that is its own runner.
 */
export {
  type LogFormat,
  type LogLevel,
  resolveWorkerConfig,
  type WorkerConfig,
  type WorkerSettingName,
  workerSettings,
} from "./config.js";
export type { Readiness } from "./health/healthServer.js";
export type { LogFields, Logger } from "./logger.js";
export type { RunnerCommand } from "./runner/runnerProcess.js";
export { workerVersion } from "./version.js";
export { EdgeWorker } from "./worker.js";
export type { EdgeWorkerOptions } from "./workerOptions.js";
