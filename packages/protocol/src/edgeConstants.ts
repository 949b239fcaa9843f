/**
 * The worker API's version, route prefix, limits and worker states: what both ends of
 * `/edge/v1` read as values. The messages themselves are described in edge.ts; this module
 * imports no zod, so the worker can read it (docs/internals.md, "The worker loads no zod").
 */

export const edgeApiPrefix = "/edge/v1";

/** The version of this protocol; a worker and a server agree when their majors match. */
export const edgeProtocolVersion = "1.5";

/**
 * The minor of protocol 1.x a worker must have registered with to be handed a sensor or a
 * code callback: a 1.2 worker would run a sensor as one poke and report `{ done: false }`
 * as a success, and cannot run callbacks. Other jobs go to any 1.x worker.
 */
export const sensorsProtocolMinor = 3;

/**
 * The minor of protocol 1.x a worker must have registered with for its jobs to be
 * started at their claim (`started` on the job): an older worker would not know it need
 * not send the start (docs/internals.md, "One round trip per task").
 */
export const startOnClaimProtocolMinor = 5;

/** The minor of a `major.minor` protocol version: 0 when it names none. */
export function protocolMinorOf(version: string): number {
  const minor = Number(version.split(".")[1]);
  return Number.isInteger(minor) && minor > 0 ? minor : 0;
}

/**
 * Worker states, at parity with Airflow's Edge Executor. A worker reports `starting`,
 * `running`, `idle`, `maintenance_pending`, `maintenance_mode`, `terminating` or
 * `offline`; the others are how the control plane shows a request the worker has not
 * acted on yet, or a worker it has not heard from.
 */
export const WorkerState = {
  starting: "starting",
  running: "running",
  idle: "idle",
  maintenanceRequest: "maintenance_request",
  maintenancePending: "maintenance_pending",
  maintenanceMode: "maintenance_mode",
  maintenanceExit: "maintenance_exit",
  shutdownRequest: "shutdown_request",
  terminating: "terminating",
  offline: "offline",
  unknown: "unknown",
  offlineMaintenance: "offline_maintenance",
} as const;
export type WorkerState = (typeof WorkerState)[keyof typeof WorkerState];

export const reportedWorkerStates = [
  WorkerState.starting,
  WorkerState.running,
  WorkerState.idle,
  WorkerState.maintenancePending,
  WorkerState.maintenanceMode,
  WorkerState.terminating,
  WorkerState.offline,
] as const;
export type ReportedWorkerState = (typeof reportedWorkerStates)[number];

/** The most of an error a failure or callback report carries (64 KiB). */
export const maxReportedErrorChars = 64 * 1024;

/** The end of a callback's output that its report carries and the control plane keeps. */
export const maxCallbackOutputChars = 16 * 1024;

/** Largest log chunk a worker sends, in bytes of UTF-8. */
export const maxLogChunkBytes = 256 * 1024;
