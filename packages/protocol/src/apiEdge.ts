import { z } from "zod";
import { collectionQuerySchema, instant, nullableInstant, repeated } from "./api.js";
import { queuePatternSchema } from "./edge.js";
import { WorkerState } from "./edgeConstants.js";
import { AttemptState } from "./states.js";

/**
 * Borda's own REST endpoints, `/api/v1/edge/...`: the edge workers, the jobs they run and
 * the tokens they present. Airflow has no counterpart (its edge3 provider shows workers
 * and jobs only as web pages), so these follow the conventions of the rest of `/api/v1`:
 * snake_case fields, ISO-8601 instants, collections with `total_entries`, `limit`,
 * `offset` and `order_by` (`-` first for descending).
 *
 *   GET    /edge/workers                              Viewer  EdgeWorkerCollection
 *   GET    /edge/workers/{worker_name}                Viewer  EdgeWorker
 *   POST   /edge/workers/{worker_name}/maintenance    Op      WorkerMaintenance → EdgeWorker
 *   POST   /edge/workers/{worker_name}/shutdown       Op      → EdgeWorker
 *   POST   /edge/workers/{worker_name}/queues         Op      WorkerQueue → EdgeWorker
 *   DELETE /edge/workers/{worker_name}/queues/{queue} Op      → EdgeWorker
 *   PATCH  /edge/workers/{worker_name}/concurrency    Op      WorkerConcurrency → EdgeWorker
 *   DELETE /edge/workers/{worker_name}                Op      → 204 (offline or unknown only)
 *   GET    /edge/queues                               Viewer  EdgeQueueCollection
 *   GET    /edge/jobs                                 Viewer  EdgeJobCollection
 *   POST   /edge/tokens                               Admin   NewWorkerToken → CreatedWorkerToken
 *   GET    /edge/tokens                               Admin   WorkerTokenCollection
 *   DELETE /edge/tokens/{id_or_name}                  Admin   → 204
 *
 * Every change to a worker reaches its waiting long-poll at once.
 */

// ---- workers --------------------------------------------------------------------------

export const edgeWorkerSchema = z.object({
  worker_name: z.string(),
  /** What the worker last reported, or a request it has not acted on yet, or `unknown` when silent. */
  state: z.enum(WorkerState),
  /** The queues (names or `*` patterns) it serves, an admin's changes included. */
  queues: z.array(z.string()),
  team: z.string().nullable(),
  concurrency: z.number().int(),
  free_slots: z.number().int(),
  running_attempts: z.number().int(),
  first_online: instant,
  last_heartbeat: instant,
  /** No heartbeat for two intervals: a warning before the worker turns `unknown`. */
  heartbeat_stale: z.boolean(),
  version: z.string(),
  sysinfo: z.object({
    platform: z.string(),
    arch: z.string(),
    cpus: z.number().int(),
    /** 1, 5 and 15 minute load averages. */
    load_average: z.array(z.number()),
    memory_total_bytes: z.number(),
    memory_free_bytes: z.number(),
    disk_free_bytes: z.number().nullable(),
    node_version: z.string(),
  }),
  maintenance_comment: z.string().nullable(),
  /**
   * Why the worker put itself in maintenance (its free disk or memory below its threshold,
   * or its health check failing); null when it did not. It leaves that maintenance by
   * itself once healthy; one an operator asked for (`maintenance_comment`) stays until
   * lifted through the API.
   */
  self_maintenance_reason: z.string().nullable(),
});
export type ApiEdgeWorker = z.infer<typeof edgeWorkerSchema>;

export const edgeWorkerCollectionSchema = z.object({
  workers: z.array(edgeWorkerSchema),
  total_entries: z.number().int(),
});

export const edgeWorkerListQuerySchema = collectionQuerySchema.extend({
  worker_name_pattern: z.string().max(250).optional().describe("Part of the name, any case"),
  queue: z.string().max(250).optional().describe("Only workers serving this queue"),
  state: repeated(z.enum(WorkerState)),
});

export const workerMaintenanceSchema = z.object({
  on: z.boolean(),
  comment: z.string().max(1000).optional(),
});

export const workerQueueSchema = z.object({ queue: queuePatternSchema });

export const workerConcurrencySchema = z.object({
  concurrency: z.number().int().min(1).max(10_000),
});

/**
 * A queue that has queued jobs or that a live worker serves; `live_workers` 0 with
 * `queued_jobs` above it means work waits that no worker will take.
 */
export const edgeQueueSchema = z.object({
  /** A queue name, or a worker's `*` pattern. */
  queue: z.string(),
  /** Jobs waiting on this queue (on a pattern: on every queue it matches). */
  queued_jobs: z.number().int(),
  /** Live workers that take new work (not in maintenance, not shutting down) and serve it. */
  live_workers: z.number().int(),
});

export const edgeQueueCollectionSchema = z.object({
  queues: z.array(edgeQueueSchema),
  total_entries: z.number().int(),
});

// ---- jobs -----------------------------------------------------------------------------

/** One attempt of a task instance, as handed to (or waiting for) an edge worker. */
export const edgeJobSchema = z.object({
  attempt_id: z.string(),
  dag_id: z.string(),
  run_id: z.string(),
  task_id: z.string(),
  map_index: z.number().int(),
  try_number: z.number().int(),
  state: z.enum(AttemptState),
  queue: z.string(),
  pool: z.string(),
  pool_slots: z.number().int(),
  worker_name: z.string().nullable(),
  queued_at: instant,
  claimed_at: nullableInstant,
  started_at: nullableInstant,
  ended_at: nullableInstant,
  /** The latest of queued_at, claimed_at, started_at and ended_at. */
  last_update: instant,
  error: z.string().nullable(),
});
export type ApiEdgeJob = z.infer<typeof edgeJobSchema>;

export const edgeJobCollectionSchema = z.object({
  jobs: z.array(edgeJobSchema),
  total_entries: z.number().int(),
});

export const edgeJobListQuerySchema = collectionQuerySchema.extend({
  dag_id: z.string().max(250).optional(),
  run_id: z.string().max(250).optional(),
  task_id: z.string().max(250).optional(),
  queue: z.string().max(250).optional(),
  worker_name: z.string().max(250).optional(),
  state: repeated(z.enum(AttemptState)),
});

// ---- worker tokens --------------------------------------------------------------------

export const newWorkerTokenSchema = z.object({
  name: z.string().max(200).min(1),
  /** The queues (names or `*` patterns) a worker presenting the token may serve. */
  queues: z.array(queuePatternSchema).min(1).max(100),
  team: z.string().max(200).min(1).optional(),
  /**
   * Seconds a worker presenting this token may be silent (a partition, a flaky link)
   * before the control plane gives up its running tasks and retries them elsewhere.
   * Unset: the server's --worker-timeout. Longer than the heartbeat interval.
   */
  worker_timeout: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .optional(),
});

/** A token as listed: never its secret. */
export const workerTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  queues: z.array(z.string()),
  /** Seconds of silence its workers are allowed; null: the server's default. */
  worker_timeout: z.number().int().nullable(),
  created_at: instant,
  last_used_at: nullableInstant,
  revoked_at: nullableInstant,
});

export const workerTokenCollectionSchema = z.object({
  tokens: z.array(workerTokenSchema),
  total_entries: z.number().int(),
});

/** The answer to creating a token: the only time its secret is shown. */
export const createdWorkerTokenSchema = workerTokenSchema.extend({
  /** `bwt_<id>_<secret>`: give it to the worker (BORDA_WORKER_TOKEN); it is not shown again. */
  token: z.string(),
});
