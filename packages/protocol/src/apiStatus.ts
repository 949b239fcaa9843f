import { z } from "zod";
import { instant } from "./api.js";

/**
 * `GET /api/v1/status` (Borda's own, Viewer): what needs attention at a glance, without
 * Prometheus. `borda status` prints it and the UI's banner shows it. `healthy` is false
 * when any list below is not empty.
 */

/** How many stuck tasks and import-error files the answer names; the counts are exact. */
export const statusListLimit = 20;

export const statusSchema = z.object({
  healthy: z.boolean(),
  /** The server's time when it looked: how long ago the instants below were, skew aside. */
  checked_at: instant,
  /** Queues with queued jobs that no live worker (taking new work) serves. */
  unserved_queues: z.array(
    z.object({
      queue: z.string(),
      queued: z.number().int(),
      oldest_queued_at: instant,
    }),
  ),
  /** Workers silent for their worker timeout: their running attempts were given up. */
  unknown_workers: z.array(z.object({ worker_name: z.string(), last_heartbeat: instant })),
  /** Jobs queued longer than the server's BORDA_STUCK_QUEUED_AFTER, oldest first. */
  stuck_tasks: z.object({
    count: z.number().int(),
    threshold_seconds: z.number(),
    oldest: z.array(
      z.object({
        dag_id: z.string(),
        run_id: z.string(),
        task_id: z.string(),
        map_index: z.number().int(),
        queue: z.string(),
        queued_at: instant,
      }),
    ),
  }),
  /** DAG files that failed to import. */
  import_errors: z.object({
    count: z.number().int(),
    files: z.array(z.object({ import_error_id: z.number().int(), filename: z.string() })),
  }),
});
export type ApiStatus = z.infer<typeof statusSchema>;
