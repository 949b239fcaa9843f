import { z } from "zod";
import {
  collectionQuerySchema,
  dagRunStates,
  instant,
  maxStoredInt,
  nullableInstant,
} from "./api.js";
import { assetUriSchema } from "./dagSpec.js";

/**
 * The REST API of data-aware scheduling: Airflow 2.10's dataset endpoints (Airflow 3
 * calls datasets assets), with its paths, operation ids and field names.
 */

export const datasetListQuerySchema = collectionQuerySchema.extend({
  /** Only datasets whose URI contains this text. */
  uri_pattern: z.string().max(3000).optional(),
  /** Comma-separated DAG ids: datasets they produce or are scheduled on. */
  dag_ids: z.string().max(10_000).optional(),
});

const referenceTimes = { created_at: instant, updated_at: instant };

export const datasetSchema = z.object({
  id: z.number().int(),
  uri: z.string(),
  extra: z.record(z.string(), z.unknown()).nullable(),
  created_at: instant,
  updated_at: instant,
  consuming_dags: z.array(z.object({ dag_id: z.string(), ...referenceTimes })),
  producing_tasks: z.array(
    z.object({ dag_id: z.string(), task_id: z.string(), ...referenceTimes }),
  ),
});

export const datasetCollectionSchema = z.object({
  datasets: z.array(datasetSchema),
  total_entries: z.number().int(),
});

export const datasetEventListQuerySchema = collectionQuerySchema.extend({
  dataset_id: z.coerce.number().int().optional(),
  source_dag_id: z.string().max(250).optional(),
  source_task_id: z.string().max(250).optional(),
  source_run_id: z.string().max(250).optional(),
  source_map_index: z.coerce.number().int().min(-1).max(maxStoredInt).optional(),
});

/** Airflow's BasicDAGRun: a run an event triggered. */
export const basicDagRunSchema = z.object({
  run_id: z.string(),
  dag_id: z.string(),
  logical_date: instant,
  start_date: nullableInstant,
  end_date: nullableInstant,
  data_interval_start: nullableInstant,
  data_interval_end: nullableInstant,
  state: z.enum(dagRunStates),
});

export const datasetEventSchema = z.object({
  dataset_id: z.number().int(),
  dataset_uri: z.string(),
  extra: z.record(z.string(), z.unknown()).nullable(),
  source_dag_id: z.string().nullable(),
  source_task_id: z.string().nullable(),
  source_run_id: z.string().nullable(),
  source_map_index: z.number().int().nullable(),
  created_dagruns: z.array(basicDagRunSchema),
  timestamp: instant,
});
export type ApiDatasetEvent = z.infer<typeof datasetEventSchema>;

export const datasetEventCollectionSchema = z.object({
  dataset_events: z.array(datasetEventSchema),
  total_entries: z.number().int(),
});

/** POST /datasets/events: an event raised from outside (Airflow 2.9+). */
export const createDatasetEventSchema = z.strictObject({
  dataset_uri: assetUriSchema,
  extra: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const queuedEventQuerySchema = z.object({
  /** Only events queued before this instant. */
  before: z.iso
    .datetime({
      offset: true,
      message: "must be an ISO-8601 date and time, e.g. 2025-07-01T14:56:26Z",
    })
    .optional(),
});

export const queuedEventSchema = z.object({
  uri: z.string(),
  dag_id: z.string(),
  created_at: instant,
});

/** Airflow names the list `datasets`, though it holds queued events. */
export const queuedEventCollectionSchema = z.object({
  datasets: z.array(queuedEventSchema),
  total_entries: z.number().int(),
});
