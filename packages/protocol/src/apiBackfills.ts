import { z } from "zod";
import { collectionQuerySchema, instant, nullableInstant } from "./api.js";

/**
 * Backfills, in Airflow 3's shape (`/api/v2/backfills`), served under `/api/v1/backfills`
 * until Borda serves v2. A backfill creates runs for each logical date of a DAG's
 * schedule from `from_date` to `to_date`, both included, at most `max_active_runs` at a
 * time, in order.
 *
 *   POST /backfills                   User   BackfillPostBody → Backfill
 *   POST /backfills/dry_run           User   BackfillPostBody → DryRunBackfillCollection
 *   GET  /backfills?dag_id=           Viewer BackfillCollection
 *   GET  /backfills/{id}              Viewer Backfill
 *   PUT  /backfills/{id}/pause        User   Backfill (no new runs until unpaused)
 *   PUT  /backfills/{id}/unpause      User   Backfill
 *   PUT  /backfills/{id}/cancel       User   Backfill (no new runs; queued ones fail)
 */

/**
 * What to do with a date that already has a run: `none` leaves it; `failed` re-runs a
 * failed one; `completed` re-runs any finished one (`all` is Borda's CLI name for it,
 * accepted here too). A run still going is never touched.
 */
export const reprocessBehaviors = ["none", "failed", "completed"] as const;
export type ReprocessBehavior = (typeof reprocessBehaviors)[number];

export const backfillPostBodySchema = z.object({
  dag_id: z.string().min(1).max(250),
  /**
   * The first logical date, an ISO-8601 date or date and time. Without an offset or "Z"
   * it is read as wall-clock time in the DAG's time zone.
   */
  from_date: z.string().min(1).max(64),
  /** The last logical date (included), read as `from_date` is. */
  to_date: z.string().min(1).max(64),
  /** Create the runs newest first. */
  run_backwards: z.boolean().default(false),
  /** The conf of every run it creates. */
  dag_run_conf: z.record(z.string(), z.unknown()).default({}),
  reprocess_behavior: z.enum([...reprocessBehaviors, "all"]).default("none"),
  /** How many of its runs may be queued or running at once; default: the DAG's max_active_runs. */
  max_active_runs: z.number().int().min(1).max(1000).optional(),
});
export type BackfillPostBody = z.input<typeof backfillPostBodySchema>;

/** How far a backfill got (Borda's addition), counted over its dates. */
export const backfillProgressSchema = z.object({
  /** Logical dates it covers. */
  total: z.number().int(),
  /** Dates given a run: created, or an existing one re-run. */
  created: z.number().int(),
  /** Dates that got no run: one existed and was not to be re-run, or was still going. */
  skipped: z.number().int(),
  /** Its runs queued or running. */
  running: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
});
export type BackfillProgress = z.infer<typeof backfillProgressSchema>;

export const backfillSchema = z.object({
  id: z.number().int(),
  dag_id: z.string(),
  from_date: instant,
  to_date: instant,
  dag_run_conf: z.record(z.string(), z.unknown()),
  /** A paused backfill creates no new runs; those it made go on. */
  is_paused: z.boolean(),
  reprocess_behavior: z.enum(reprocessBehaviors),
  max_active_runs: z.number().int(),
  created_at: instant,
  /** When its last run finished or it was cancelled; null while it goes on. */
  completed_at: nullableInstant,
  updated_at: instant,
  dag_display_name: z.string(),
  progress: backfillProgressSchema,
});
export type Backfill = z.infer<typeof backfillSchema>;

export const backfillCollectionSchema = z.object({
  backfills: z.array(backfillSchema),
  total_entries: z.number().int(),
});

export const backfillListQuerySchema = collectionQuerySchema.extend({
  /** Only this DAG's backfills (Airflow requires it; Borda lists every DAG's without it). */
  dag_id: z.string().min(1).max(250).optional(),
});

export const backfillParams = z.object({
  backfill_id: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});

/** The logical dates a backfill would give a run, in the order it would. */
export const dryRunBackfillCollectionSchema = z.object({
  backfills: z.array(z.object({ logical_date: instant })),
  total_entries: z.number().int(),
});
