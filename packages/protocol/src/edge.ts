import { z } from "zod";
import { secretIdSchema } from "./apiConnections.js";
import { callbackInfoSchema } from "./callbacks.js";
import { pythonTaskSchema } from "./dagSpec.js";
import {
  maxCallbackOutputChars,
  maxLogChunkBytes,
  maxReportedErrorChars,
  reportedWorkerStates,
} from "./edgeConstants.js";
import {
  queuePattern,
  queuePatternRule,
  workerNamePattern,
  workerNameRule,
} from "./namePatterns.js";
import { sensorSchema } from "./sensors.js";
import { Isolation, TaskKind, TaskRuntime } from "./taskTerms.js";

/**
 * The worker API, `/edge/v1`: what an edge worker and the control plane say to each
 * other. The worker opens every connection (outbound HTTPS only) and presents its token
 * as `Authorization: Bearer <token>` on every call but `GET /edge/v1/health`.
 *
 *   POST /edge/v1/workers/{name}/register              RegisterRequest  → RegisterResponse
 *   POST /edge/v1/workers/{name}/heartbeat             HeartbeatRequest → WorkerDirectives
 *   POST /edge/v1/workers/{name}/fetch                 FetchRequest     → FetchResponse (long-poll)
 *   POST /edge/v1/workers/{name}/attempts/{id}/start   {}               → AttemptAck
 *   POST /edge/v1/workers/{name}/attempts/{id}/success SuccessReport    → AttemptAck
 *   POST /edge/v1/workers/{name}/attempts/{id}/failure FailureReport    → AttemptAck
 *   POST /edge/v1/workers/{name}/attempts/{id}/release ReleaseReport    → AttemptAck
 *   POST /edge/v1/workers/{name}/attempts/{id}/reschedule RescheduleReport → AttemptAck (1.3)
 *   POST /edge/v1/workers/{name}/attempts/{id}/external-state ExternalStateRequest → ExternalStateResponse (1.3)
 *   POST /edge/v1/workers/{name}/attempts/{id}/xcoms   XcomPullRequest  → XcomPullResponse
 *   POST /edge/v1/workers/{name}/attempts/{id}/connection ConnectionRequest → TaskConnection
 *   POST /edge/v1/workers/{name}/attempts/{id}/variable   VariableRequest   → TaskVariable
 *   POST /edge/v1/workers/{name}/attempts/{id}/logs    LogChunk         → LogAck
 *   POST /edge/v1/workers/{name}/callbacks/{id}/result CallbackReport   → CallbackAck (1.3)
 *   GET  /edge/v1/bundles/{hash}                       → the bundle (immutable)
 *   GET  /edge/v1/health                               → EdgeHealth (no auth)
 *
 * Any call about an attempt that is no longer current answers 409 with code
 * `stale_attempt`; the worker then kills that attempt's processes.
 *
 * A worker keeps its attempts for its worker timeout of silence (its token's, else the
 * server's): heartbeats renew their leases, and only time in which the control plane was
 * up counts against them. A job the worker claimed but will not run (it started draining
 * or entered maintenance) is released: it goes back to its queue on the same try.
 *
 * From 1.4 a heartbeat may say why the worker put itself in maintenance
 * (`selfMaintenance`); the control plane shows it, and never lifts that maintenance.
 *
 * From 1.5 a task costs one round trip, not three (docs/internals.md, "One round trip per
 * task"): a worker that registered with 1.5 has each job recorded as started when it is
 * claimed (`started: true` on the job; it sends no start), and a success, failure or
 * reschedule report may ask for the worker's next jobs (`next`), which its answer carries
 * (`next` on the ack). A job started at its claim that the worker will not run is released
 * as a claimed one is. A 1.4 control plane sends no `started` and ignores `next`: the
 * worker then starts each job and fetches as before.
 *
 * From 1.3 a worker that says so in its fetch (`callbacks: true`) is also handed code
 * callbacks of tasks on its queues (`callbacks` in the answer) and reports how each
 * ended; an older worker is never given one (docs/notifications.md). While a callback
 * runs, its claim id stands in for an attempt id in XCom, connection and variable reads.
 *
 * A running task reads a connection or variable one at a time, naming its attempt: there
 * is no bulk download. The control plane answers only when the attempt's queue is in the
 * value's scope and the worker's token may serve that queue (403 `forbidden`, naming the
 * reason, otherwise; 404 `not_found` when there is no such value).
 */

export const workerNameSchema = z.string().regex(workerNamePattern, workerNameRule);

/** A queue name, or a pattern where `*` stands for any run of characters (`team_a_*`). */
export const queuePatternSchema = z.string().regex(queuePattern, queuePatternRule);

export const sysInfoSchema = z.object({
  platform: z.string().max(100),
  arch: z.string().max(100),
  cpus: z.number().int().nonnegative(),
  /** 1, 5 and 15 minute load averages. */
  loadAverage: z.array(z.number()).max(3),
  memoryTotalBytes: z.number().nonnegative(),
  memoryFreeBytes: z.number().nonnegative(),
  /** Free bytes on the disk of the worker's cache directory; null when unknown. */
  diskFreeBytes: z.number().nonnegative().nullable(),
  nodeVersion: z.string().max(100),
});
export type SysInfo = z.infer<typeof sysInfoSchema>;

export const registerRequestSchema = z.object({
  /** Random per worker installation (kept in its state directory): a restart on the same box may take its name back at once. */
  instanceId: z.string().min(8).max(100),
  queues: z.array(queuePatternSchema).min(1).max(100),
  concurrency: z.number().int().min(1).max(10_000),
  /** The worker's Borda version. */
  version: z.string().max(100),
  protocolVersion: z.string().max(20),
  sysinfo: sysInfoSchema,
});
export type RegisterRequest = z.infer<typeof registerRequestSchema>;

/** What the control plane wants of a worker; sent on every heartbeat and fetch response. */
export const workerDirectivesSchema = z.object({
  /** The queues the worker must serve (an admin may have added or removed some). */
  queues: z.array(queuePatternSchema),
  concurrency: z.number().int().min(1),
  /** True: stop taking new work, finish what runs, stay registered (maintenance). */
  maintenance: z.boolean(),
  maintenanceComment: z.string().nullable(),
  /** True: drain and exit. */
  shutdown: z.boolean(),
  /** Attempts the worker holds that are no longer current: kill them. */
  cancelAttemptIds: z.array(z.string()),
});
export type WorkerDirectives = z.infer<typeof workerDirectivesSchema>;

export const registerResponseSchema = z.object({
  directives: workerDirectivesSchema,
  heartbeatIntervalMs: z.number().int().positive(),
  /** Default wait of a fetch long-poll when the worker does not ask for one. */
  fetchWaitMs: z.number().int().positive(),
  serverVersion: z.string(),
  /**
   * How long the control plane keeps this worker's attempts without hearing from it (its
   * token's worker timeout, else the server's). A worker silent this long treats its
   * attempts as at risk. Absent from 1.0 control planes: assume three heartbeat intervals.
   */
  workerTimeoutMs: z.number().int().positive().optional(),
});
export type RegisterResponse = z.infer<typeof registerResponseSchema>;

export const heartbeatRequestSchema = z.object({
  instanceId: z.string().min(8).max(100),
  state: z.enum(reportedWorkerStates),
  runningAttemptIds: z.array(z.string().max(100)).max(10_000),
  freeSlots: z.number().int().min(0).max(10_000),
  sysinfo: sysInfoSchema,
  /**
   * 1.4: why the worker holds itself in maintenance (free disk or memory, a failing health
   * check; it reports a maintenance state meanwhile); null or absent when it does not. An
   * older control plane drops the field and shows the worker `maintenance_exit`; the
   * worker stays in maintenance all the same, since only it lifts its own.
   */
  selfMaintenance: z.string().max(1000).nullable().optional(),
});
export type HeartbeatRequest = z.infer<typeof heartbeatRequestSchema>;

export const fetchRequestSchema = z.object({
  instanceId: z.string().min(8).max(100),
  freeSlots: z.number().int().min(1).max(10_000),
  /** How long to wait for work when none is queued (default: the server's, 25 s). */
  waitMs: z.number().int().min(0).max(120_000).optional(),
  /** 1.3: the worker runs code callbacks; absent or false, it is never handed one. */
  callbacks: z.boolean().optional(),
});
export type FetchRequest = z.infer<typeof fetchRequestSchema>;

/**
 * 1.5: a final report's request for the worker's next jobs, for the slots the reported
 * attempt frees: claimed at once (no wait) and carried by the report's answer, so a busy
 * worker needs no fetch between one task and the next.
 */
export const nextJobsRequestSchema = fetchRequestSchema.omit({ waitMs: true });
export type NextJobsRequest = z.infer<typeof nextJobsRequestSchema>;

/** An asset event as the task it triggered sees it (Airflow's `triggering_dataset_events`). */
export const triggeringAssetEventSchema = z.object({
  uri: z.string(),
  extra: z.record(z.string(), z.unknown()),
  /** Null for an event raised from outside (POST /api/v1/datasets/events). */
  sourceDagId: z.string().nullable(),
  sourceRunId: z.string().nullable(),
  sourceTaskId: z.string().nullable(),
  sourceMapIndex: z.number().int().nullable(),
  timestamp: z.string(),
});
export type TriggeringAssetEvent = z.infer<typeof triggeringAssetEventSchema>;

/** The plain part of a task context (SDK's TaskContextData); instants as ISO-8601. */
export const jobContextSchema = z.object({
  dagId: z.string(),
  runId: z.string(),
  taskId: z.string(),
  tryNumber: z.number().int(),
  /** The task instance's map index (dynamic task mapping); absent: -1, not mapped. */
  mapIndex: z.number().int().optional(),
  logicalDate: z.string(),
  dataIntervalStart: z.string().nullable(),
  dataIntervalEnd: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  conf: z.record(z.string(), z.unknown()),
  inputs: z.record(z.string(), z.unknown()),
  upstream: z.record(z.string(), z.unknown()),
  /** An asset-triggered run's triggering events, by asset URI (absent: none). */
  triggeringAssetEvents: z.record(z.string(), z.array(triggeringAssetEventSchema)).optional(),
});

/** A job: one attempt of a task instance, with everything a worker needs to run it. */
export const jobSchema = z.object({
  attemptId: z.string(),
  dagId: z.string(),
  runId: z.string(),
  taskId: z.string(),
  mapIndex: z.number().int(),
  tryNumber: z.number().int().positive(),
  queue: z.string(),
  pool: z.string(),
  /** Worker slots the job takes. */
  poolSlots: z.number().int().positive(),
  /** sha256 of the DAG's bundle: fetch it from /edge/v1/bundles/{hash} once, cache it. */
  bundleHash: z.string(),
  kind: z.enum([TaskKind.function, TaskKind.bash]),
  /** Absent: `node` (the bundle is one ESM file); `python`: the bundle is a zip of .py files. */
  runtime: z.enum([TaskRuntime.node, TaskRuntime.python]).optional(),
  /** Where the code of a Python task is in its bundle. */
  python: pythonTaskSchema.optional(),
  isolation: z.enum([Isolation.warm, Isolation.process]),
  executionTimeoutMs: z.number().int().positive().nullable(),
  /**
   * A sensor's policy (1.3): the task's result is a poke's. In reschedule mode a false
   * poke is reported to `.../reschedule`; in poke mode the worker pokes again itself. A
   * sensor is handed only to a worker that registered with 1.3 or newer
   * (`sensorsProtocolMinor`): a 1.2 worker would run one poke as an ordinary task.
   */
  sensor: sensorSchema.optional(),
  context: jobContextSchema,
  /**
   * 1.5: the control plane recorded the job as started when it was claimed: the worker
   * sends no start. Absent (an older control plane): the worker reports the start.
   */
  started: z.boolean().optional(),
});
export type Job = z.infer<typeof jobSchema>;

/**
 * A code callback to run (1.3): the function the DAG file declares for `event` on the
 * task (or, scope `dag`, on the DAG), called with the context of the task instance that
 * fired it plus `callback`. It is fenced by `claimId` as an attempt is by its id: a report
 * under a claim that is no longer current answers 409 `stale_attempt`.
 */
export const callbackJobSchema = z.object({
  callbackId: z.string(),
  claimId: z.string(),
  dagId: z.string(),
  runId: z.string(),
  /** The task whose callback this is, or (scope `dag`) the task instance that decided the run. */
  taskId: z.string(),
  mapIndex: z.number().int(),
  queue: z.string(),
  bundleHash: z.string(),
  runtime: z.enum([TaskRuntime.node, TaskRuntime.python]).optional(),
  python: pythonTaskSchema.optional(),
  /** The worker stops the callback after this long. */
  timeoutMs: z.number().int().positive(),
  context: jobContextSchema,
  callback: callbackInfoSchema,
});
export type CallbackJob = z.infer<typeof callbackJobSchema>;

export const callbackReportSchema = z.object({
  claimId: z.string().max(100),
  /** Null: the callback returned; else why it failed (its exception). */
  error: z.string().max(maxReportedErrorChars).nullable(),
  /** What the callback printed: its last `maxCallbackOutputChars` characters. */
  output: z.string().max(maxCallbackOutputChars),
});
export type CallbackReport = z.infer<typeof callbackReportSchema>;

export const callbackAckSchema = z.object({ callbackId: z.string(), state: z.string() });
export type CallbackAck = z.infer<typeof callbackAckSchema>;

export const fetchResponseSchema = z.object({
  jobs: z.array(jobSchema),
  /** 1.3, to workers that asked: code callbacks to run (they take no slot). */
  callbacks: z.array(callbackJobSchema).optional(),
  directives: workerDirectivesSchema,
});
export type FetchResponse = z.infer<typeof fetchResponseSchema>;

export const successReportSchema = z.object({
  /** The task's return value (JSON), stored as its XCom `return_value`. */
  returnValue: z.unknown().optional(),
  /** Other XCom entries the task pushed, by key (Airflow's `xcom_push`, `multiple_outputs`). */
  xcoms: z.record(z.string().min(1).max(250), z.unknown()).optional(),
  /** A mapped task instance's `map_index_template`, rendered after it ran (its name in the UI). */
  renderedMapIndex: z.string().max(250).optional(),
  next: nextJobsRequestSchema.optional(),
});
export type SuccessReport = z.infer<typeof successReportSchema>;

export const failureReportSchema = z.object({
  error: z.string().max(maxReportedErrorChars),
  exitCode: z.int32().nullable().optional(),
  /**
   * A sensor ran out of time (1.3): it fails without retries, or is skipped when its spec
   * says `softFail`, as Airflow's `AirflowSensorTimeout`.
   */
  sensorTimeout: z.boolean().optional(),
  /**
   * The task skipped itself (Airflow's `AirflowSkipException`, Borda's `SkipTask`): its
   * task instance is `skipped`, without retries or failure callbacks, and `error` says
   * why. A control plane that does not know it records a failure.
   */
  skipped: z.boolean().optional(),
  next: nextJobsRequestSchema.optional(),
});
export type FailureReport = z.infer<typeof failureReportSchema>;

/**
 * A running task reads XCom entries of its run (Airflow's `ti.xcom_pull`): those of
 * `taskIds` (all the run's tasks when absent) under `key`.
 */
export const xcomPullRequestSchema = z.object({
  taskIds: z.array(z.string().max(250)).max(1000).optional(),
  key: z.string().min(1).max(250).default("return_value"),
});
export type XcomPullRequest = z.input<typeof xcomPullRequestSchema>;

export const xcomPullResponseSchema = z.object({
  /**
   * One entry per task that has one, in the order of `taskIds`; a mapped task's value is
   * the list of its map indexes' values, in map_index order.
   */
  values: z.array(z.object({ taskId: z.string(), value: z.unknown() })),
});
export type XcomPullResponse = z.infer<typeof xcomPullResponseSchema>;

export const connectionRequestSchema = z.object({ connId: secretIdSchema });
export type ConnectionRequest = z.infer<typeof connectionRequestSchema>;

/** A connection as a task receives it, password included; `extra` is JSON text or null. */
export const taskConnectionSchema = z.object({
  connId: z.string(),
  connType: z.string(),
  description: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  login: z.string().nullable(),
  password: z.string().nullable(),
  schema: z.string().nullable(),
  extra: z.string().nullable(),
});
export type TaskConnection = z.infer<typeof taskConnectionSchema>;

export const variableRequestSchema = z.object({ key: secretIdSchema });
export type VariableRequest = z.infer<typeof variableRequestSchema>;

export const taskVariableSchema = z.object({ key: z.string(), value: z.string() });
export type TaskVariable = z.infer<typeof taskVariableSchema>;

/** Why a worker gives back a job it claimed and did not start. */
export const releaseReportSchema = z.object({
  reason: z.string().max(1000),
});
export type ReleaseReport = z.infer<typeof releaseReportSchema>;

/**
 * A sensor's poke found its condition false, in reschedule mode (1.3). The control plane
 * decides what follows from the try's first poke and the task's sensor policy: the next
 * poke's time (`up_for_reschedule`, no try spent), or the timeout (failed or skipped).
 */
export const rescheduleReportSchema = z.object({ next: nextJobsRequestSchema.optional() });
export type RescheduleReport = z.infer<typeof rescheduleReportSchema>;

export const attemptAckSchema = z.object({
  attemptId: z.string(),
  state: z.string(),
  /**
   * 1.5, to a final report that asked (`next`): the worker's next jobs, as a fetch would
   * answer them but without waiting (often none). Absent when the report did not ask, or
   * its worker may not be handed work now (another instance took its name).
   */
  next: fetchResponseSchema.optional(),
});
export type AttemptAck = z.infer<typeof attemptAckSchema>;

/**
 * A piece of an attempt's log. `offset` is the byte offset of `data` in the attempt's
 * whole log (UTF-8): re-sending a chunk is harmless, and a gap is refused (409 with the
 * offset the server expects) so nothing is lost or doubled.
 */
export const logChunkSchema = z.object({
  offset: z.number().int().nonnegative(),
  data: z.string().max(maxLogChunkBytes),
});
export type LogChunk = z.infer<typeof logChunkSchema>;

export const logAckSchema = z.object({
  /** The log's length on the server: where the next chunk starts. */
  nextOffset: z.number().int().nonnegative(),
});
export type LogAck = z.infer<typeof logAckSchema>;

/**
 * `GET /edge/v1/queue-depth?queues=a,b`: work on queues, for autoscalers (KEDA's
 * metrics-api scaler reads `total`). Authenticated with a worker token; every queue named
 * must be in its scope, and without `queues` it answers every queue with work that the
 * token may serve. Counts come from a cache a few seconds old (docs/metrics.md).
 */
export const queueDepthQuerySchema = z.object({
  queues: z
    .string()
    .max(10_000)
    .regex(
      /^[A-Za-z0-9_.-]{1,250}(,[A-Za-z0-9_.-]{1,250})*$/,
      "comma-separated queue names (letters, digits, '_', '.', '-'; no wildcards)",
    )
    .optional(),
});
export type QueueDepthQuery = z.infer<typeof queueDepthQuerySchema>;

export const queueDepthSchema = z.object({
  /** Attempts waiting for a worker. */
  queued: z.number().int().nonnegative(),
  /** Attempts workers hold (claimed or running). */
  running: z.number().int().nonnegative(),
  /** queued + running: what a scaler sizes workers on, so running work keeps its workers. */
  total: z.number().int().nonnegative(),
  /** How long the longest-waiting queued attempt has waited; null when none waits. */
  oldest_queued_age_seconds: z.number().nonnegative().nullable(),
  queues: z.array(
    z.object({
      queue: z.string(),
      queued: z.number().int().nonnegative(),
      running: z.number().int().nonnegative(),
    }),
  ),
});
export type QueueDepth = z.infer<typeof queueDepthSchema>;

export const edgeHealthSchema = z.object({
  status: z.literal("ok"),
  version: z.string(),
  protocolVersion: z.string(),
});
export type EdgeHealth = z.infer<typeof edgeHealthSchema>;

/**
 * The error body of every /edge/v1 and /api/v1 failure: Airflow's problem shape
 * (`status`, `title`, `detail`, `type`) plus Borda's stable `code`.
 */
export const problemSchema = z.object({
  status: z.number().int(),
  title: z.string(),
  detail: z.string(),
  type: z.string(),
  code: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Problem = z.infer<typeof problemSchema>;

/** A 204 answer: declared as `null` so the OpenAPI document describes it without a body. */
export const noContentSchema = z.null().describe("No content");
