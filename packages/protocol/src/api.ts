import { z } from "zod";
import { teamRoleNames } from "./apiTeams.js";
import { triggerRules } from "./dagSpec.js";

/**
 * The REST API, `/api/v1`: Airflow's stable REST API v1 paths and field names
 * (snake_case), so the scripts and generated clients people already have work as they
 * are. Instants are ISO-8601 strings; these schemas describe the wire, with no transforms.
 */

export const apiPrefix = "/api/v1";

export const instant = z.string().describe("ISO-8601 date and time");

/**
 * The largest whole number a metadata `integer` column holds (32 bits on PostgreSQL):
 * slots, map indexes, try numbers. An input stored in or compared with such a column is
 * bounded by it, so a larger one is a 400 that says so rather than a database error.
 */
export const maxStoredInt = 2_147_483_647;
export const nullableInstant = instant.nullable();

export const collectionQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
  order_by: z.string().max(100).optional(),
});
export type CollectionQuery = z.infer<typeof collectionQuerySchema>;

export const healthInfoSchema = z.object({
  metadatabase: z.object({ status: z.enum(["healthy", "unhealthy"]) }),
  scheduler: z.object({
    status: z.enum(["healthy", "unhealthy"]),
    latest_scheduler_heartbeat: nullableInstant,
  }),
});

export const versionInfoSchema = z.object({
  version: z.string(),
  git_version: z.string().nullable(),
});

// ---- pools ----------------------------------------------------------------------------

export const poolSchema = z.object({
  name: z.string(),
  slots: z.number().int(),
  occupied_slots: z.number().int(),
  running_slots: z.number().int(),
  queued_slots: z.number().int(),
  open_slots: z.number().int(),
  scheduled_slots: z.number().int(),
  deferred_slots: z.number().int(),
  description: z.string().nullable(),
  include_deferred: z.boolean(),
  /** Borda: the team that owns it (docs/teams.md); absent: `default`. */
  team: z.string().optional(),
});
export type ApiPool = z.infer<typeof poolSchema>;

const poolName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[^/]+$/, "must not contain '/'");

/** The writable fields of a pool; read-only ones a client sends back are ignored, as Airflow does. */
export const poolBodySchema = z.object({
  name: poolName,
  slots: z.number().int().min(0).max(maxStoredInt),
  description: z.string().max(10_000).nullable().optional(),
  include_deferred: z.boolean().optional(),
  /** Borda: the team it belongs to (docs/teams.md); absent: the caller's only team as Op. */
  team: z.string().min(1).max(63).optional(),
});

export const poolPatchSchema = poolBodySchema.partial();

export const updateMaskQuerySchema = z.object({
  update_mask: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .describe("Fields to update, comma-separated or repeated; unset: every field given"),
});

export const poolCollectionSchema = z.object({
  pools: z.array(poolSchema),
  total_entries: z.number().int(),
});

// ---- DAGs -----------------------------------------------------------------------------

export const dagSchema = z.object({
  dag_id: z.string(),
  dag_display_name: z.string(),
  is_paused: z.boolean(),
  is_active: z.boolean(),
  last_parsed_time: nullableInstant,
  last_pickled: nullableInstant,
  last_expired: nullableInstant,
  scheduler_lock: z.boolean().nullable(),
  pickle_id: z.string().nullable(),
  default_view: z.string().nullable(),
  fileloc: z.string(),
  file_token: z.string(),
  owners: z.array(z.string()),
  description: z.string().nullable(),
  schedule_interval: z
    .object({ __type: z.literal("CronExpression"), value: z.string() })
    .nullable(),
  timetable_description: z.string().nullable(),
  tags: z.array(z.object({ name: z.string() })),
  max_active_tasks: z.number().int().nullable(),
  max_active_runs: z.number().int().nullable(),
  has_task_concurrency_limits: z.boolean().nullable(),
  has_import_errors: z.boolean().nullable(),
  next_dagrun: nullableInstant,
  next_dagrun_data_interval_start: nullableInstant,
  next_dagrun_data_interval_end: nullableInstant,
  next_dagrun_create_after: nullableInstant,
  max_consecutive_failed_dag_runs: z.number().int().nullable(),
});
export type ApiDag = z.infer<typeof dagSchema>;

export const dagCollectionSchema = z.object({
  dags: z.array(dagSchema),
  total_entries: z.number().int(),
});

// Python clients (Airflow's own among them) write a bool parameter as True or False.
export const booleanQuery = z
  .enum(["true", "false", "True", "False"])
  .transform((v) => v.toLowerCase() === "true")
  .describe("true or false");

export const dagListQuerySchema = collectionQuerySchema.extend({
  dag_id_pattern: z.string().max(250).optional(),
  tags: z.union([z.string(), z.array(z.string())]).optional(),
  paused: booleanQuery.optional(),
  only_active: booleanQuery.default(true),
});

export const dagPatchSchema = z.object({ is_paused: z.boolean() });

/** `PATCH /dags`: the DAGs to pause or unpause; `dag_id_pattern` `~` is every DAG. */
export const dagBulkPatchQuerySchema = dagListQuerySchema
  .omit({ paused: true, order_by: true })
  .extend({
    dag_id_pattern: z.string().min(1).max(250),
    update_mask: z.union([z.string(), z.array(z.string())]).optional(),
  });

/** A DAG param as Airflow serialises one: `{ __class, value, description, schema }`. */
export const dagParamSchema = z.object({
  __class: z.literal("airflow.models.param.Param"),
  value: z.unknown(),
  description: z.string().nullable(),
  schema: z.record(z.string(), z.unknown()),
});

/** GET /dags/{dag_id}/details: the DAG and what its definition says beyond it. */
export const dagDetailSchema = dagSchema.extend({
  timezone: z.string().nullable(),
  catchup: z.boolean().nullable(),
  orientation: z.string().nullable(),
  concurrency: z.number().nullable(),
  start_date: nullableInstant,
  dag_run_timeout: z.null(),
  /** An asset-scheduled DAG's condition: URIs nested in `all` / `any`. */
  dataset_expression: z.record(z.string(), z.unknown()).nullable(),
  doc_md: z.string().nullable(),
  params: z.record(z.string(), dagParamSchema),
  end_date: nullableInstant,
  is_paused_upon_creation: z.boolean().nullable(),
  last_parsed: nullableInstant,
  template_search_path: z.array(z.string()).nullable(),
  render_template_as_native_obj: z.boolean().nullable(),
});
export type ApiDagDetail = z.infer<typeof dagDetailSchema>;

/** GET /dagSources/{file_token} as JSON; `Accept: text/plain` gets the bare text. */
export const dagSourceSchema = z.object({ content: z.string() });

/**
 * GET /dags/{dag_id}/pythonSources (Borda's own): the Python files the DAG's tasks run
 * besides the DAG file itself, as their bundles hold them.
 */
export const pythonSourceCollectionSchema = z.object({
  files: z.array(z.object({ path: z.string(), content: z.string() })),
});

// ---- tasks (of a DAG's definition) ------------------------------------------------------

/** Airflow's TimeDelta: a duration as whole days, seconds and microseconds. */
export const timeDeltaSchema = z.object({
  __type: z.literal("TimeDelta"),
  days: z.number().int(),
  seconds: z.number().int(),
  microseconds: z.number().int(),
});

/** Airflow's ClassReference: where the class of a task lives. */
const classReferenceSchema = z.object({ module_path: z.string(), class_name: z.string() });

/** GET /dags/{dag_id}/tasks/{task_id}: Airflow's Task, as far as a Borda task has its fields. */
export const taskSchema = z.object({
  class_ref: classReferenceSchema,
  task_id: z.string(),
  task_display_name: z.string(),
  owner: z.string(),
  start_date: nullableInstant,
  end_date: nullableInstant,
  trigger_rule: z.enum(triggerRules),
  extra_links: z.array(z.object({ class_ref: classReferenceSchema })),
  depends_on_past: z.boolean(),
  is_mapped: z.boolean(),
  wait_for_downstream: z.boolean(),
  retries: z.number().int(),
  queue: z.string().nullable(),
  executor: z.string().nullable(),
  pool: z.string(),
  pool_slots: z.number().int(),
  execution_timeout: timeDeltaSchema.nullable(),
  retry_delay: timeDeltaSchema.nullable(),
  retry_exponential_backoff: z.boolean(),
  priority_weight: z.number().int(),
  /** Borda runs the most important task first by its own weight, not its relatives'. */
  weight_rule: z.literal("absolute"),
  ui_color: z.string(),
  ui_fgcolor: z.string(),
  template_fields: z.array(z.string()),
  downstream_task_ids: z.array(z.string()),
  doc_md: z.string().nullable(),
  params: z.record(z.string(), dagParamSchema),
});
export type ApiTask = z.infer<typeof taskSchema>;

export const taskCollectionSchema = z.object({
  tasks: z.array(taskSchema),
  total_entries: z.number().int(),
});

export const taskListQuerySchema = z.object({ order_by: z.string().max(100).optional() });

// ---- DAG runs -------------------------------------------------------------------------

export const dagRunStates = ["queued", "running", "success", "failed"] as const;

export const dagRunSchema = z.object({
  dag_run_id: z.string(),
  dag_id: z.string(),
  logical_date: instant,
  execution_date: instant,
  start_date: nullableInstant,
  end_date: nullableInstant,
  data_interval_start: nullableInstant,
  data_interval_end: nullableInstant,
  last_scheduling_decision: nullableInstant,
  run_type: z.enum(["backfill", "manual", "scheduled", "dataset_triggered"]),
  state: z.enum(dagRunStates),
  external_trigger: z.boolean(),
  conf: z.record(z.string(), z.unknown()),
  note: z.string().nullable(),
});
export type ApiDagRun = z.infer<typeof dagRunSchema>;

export const dagRunCollectionSchema = z.object({
  dag_runs: z.array(dagRunSchema),
  total_entries: z.number().int(),
});

const isoInstant = z.iso.datetime({
  offset: true,
  message: "must be an ISO-8601 date and time, e.g. 2025-07-01T14:56:26Z",
});

/** POST /dags/{dag_id}/dagRuns: Airflow's DAGRun body; only the writable fields matter. */
export const triggerDagRunSchema = z.object({
  dag_run_id: z
    .string()
    .min(1)
    .max(250)
    .regex(/^[^/]+$/, "must not contain '/'")
    .nullable()
    .optional(),
  logical_date: isoInstant.nullable().optional(),
  execution_date: isoInstant.nullable().optional(),
  data_interval_start: isoInstant.nullable().optional(),
  data_interval_end: isoInstant.nullable().optional(),
  conf: z.record(z.string(), z.unknown()).nullable().optional(),
  note: z.string().max(10_000).nullable().optional(),
});

export const dagRunListQuerySchema = collectionQuerySchema.extend({
  state: z.union([z.enum(dagRunStates), z.array(z.enum(dagRunStates))]).optional(),
});

/**
 * A list of values to match in a batch form. Each value is bound as an SQL parameter,
 * and SQLite binds at most 32,766 in one statement; beyond the cap a form is refused.
 */
const batchFilter = <T extends z.ZodType>(item: T) =>
  z.array(item).max(1000, "at most 1000 values");

/**
 * POST /dags/~/dagRuns/list: Airflow's ListDagRunsForm, the run list across DAGs. As in
 * Airflow, a filter sent as null is no filter.
 */
export const dagRunBatchFormSchema = z.object({
  dag_ids: batchFilter(z.string().max(250)).nullish(),
  states: batchFilter(z.enum(dagRunStates)).nullish(),
  execution_date_gte: isoInstant.nullish(),
  execution_date_lte: isoInstant.nullish(),
  start_date_gte: isoInstant.nullish(),
  start_date_lte: isoInstant.nullish(),
  end_date_gte: isoInstant.nullish(),
  end_date_lte: isoInstant.nullish(),
  page_offset: z.number().int().min(0).default(0),
  page_limit: z.number().int().min(1).max(10_000).default(100),
  order_by: z.string().max(100).optional(),
});

/** GET /dagStats: Airflow's `dag_ids`, comma-separated; empty means every DAG. */
export const dagStatsQuerySchema = z.object({
  dag_ids: z.string().max(100_000).describe("DAG ids, comma-separated"),
});

/** Airflow's DagStatsCollectionSchema: each DAG's count of runs in every run state. */
export const dagStatsCollectionSchema = z.object({
  dags: z.array(
    z.object({
      dag_id: z.string(),
      stats: z.array(z.object({ state: z.enum(dagRunStates), count: z.number().int() })),
    }),
  ),
  total_entries: z.number().int(),
});

/** PATCH /dags/{dag_id}/dagRuns/{dag_run_id}: Airflow's UpdateDagRunState. */
export const updateDagRunStateSchema = z.object({
  state: z.enum(["success", "failed", "queued"]),
});

/** PATCH .../setNote (runs and task instances): Airflow's SetDagRunNote / SetTaskInstanceNote. */
export const setNoteSchema = z.object({
  note: z.string().max(1000).nullable(),
});

/** POST /dags/{dag_id}/dagRuns/{dag_run_id}/clear: Airflow's ClearDagRun (a dry run unless told). */
export const clearDagRunSchema = z.object({
  dry_run: z.boolean().default(true),
});

// ---- import errors --------------------------------------------------------------------

export const importErrorSchema = z.object({
  import_error_id: z.number().int(),
  timestamp: instant,
  filename: z.string(),
  stack_trace: z.string(),
});

export const importErrorCollectionSchema = z.object({
  import_errors: z.array(importErrorSchema),
  total_entries: z.number().int(),
});

// ---- task instances -------------------------------------------------------------------

/** Airflow's TaskState; Borda's `none` is Airflow's null. */
export const apiTaskStates = [
  "success",
  "running",
  "failed",
  "upstream_failed",
  "skipped",
  "up_for_retry",
  "up_for_reschedule",
  "queued",
  "scheduled",
  "removed",
] as const;

export const taskInstanceSchema = z.object({
  task_id: z.string(),
  task_display_name: z.string(),
  dag_id: z.string(),
  dag_run_id: z.string(),
  execution_date: instant,
  start_date: nullableInstant,
  end_date: nullableInstant,
  duration: z.number().nullable(),
  state: z.enum(apiTaskStates).nullable(),
  try_number: z.number().int(),
  map_index: z.number().int(),
  max_tries: z.number().int(),
  hostname: z.string(),
  unixname: z.string(),
  pool: z.string(),
  pool_slots: z.number().int(),
  queue: z.string().nullable(),
  priority_weight: z.number().int().nullable(),
  operator: z.string().nullable(),
  queued_when: nullableInstant,
  pid: z.number().int().nullable(),
  executor: z.string().nullable(),
  executor_config: z.string(),
  sla_miss: z.null(),
  rendered_map_index: z.string().nullable(),
  rendered_fields: z.record(z.string(), z.unknown()),
  trigger: z.null(),
  triggerer_job: z.null(),
  note: z.string().nullable(),
});
export type ApiTaskInstance = z.infer<typeof taskInstanceSchema>;

export const taskInstanceCollectionSchema = z.object({
  task_instances: z.array(taskInstanceSchema),
  total_entries: z.number().int(),
});

/** Airflow's TaskState as a filter: its names, `none` and null both meaning "not yet considered". */
export const taskStateFilterValues = [...apiTaskStates, "none", "deferred", "restarting"] as const;
const taskStateFilter = z.enum(taskStateFilterValues);
/** A query parameter that may be given once or repeated (`?state=a&state=b`). */
export const repeated = <T extends z.ZodType>(item: T) => z.union([item, z.array(item)]).optional();

/** GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances (`~` for all DAGs and runs). */
export const taskInstanceListQuerySchema = collectionQuerySchema.extend({
  state: repeated(taskStateFilter),
  pool: repeated(z.string().max(256)),
  queue: repeated(z.string().max(256)),
  execution_date_gte: isoInstant.optional(),
  execution_date_lte: isoInstant.optional(),
  start_date_gte: isoInstant.optional(),
  start_date_lte: isoInstant.optional(),
  end_date_gte: isoInstant.optional(),
  end_date_lte: isoInstant.optional(),
  duration_gte: z.coerce.number().optional(),
  duration_lte: z.coerce.number().optional(),
});

/** POST /dags/~/dagRuns/~/taskInstances/list: Airflow's ListTaskInstanceForm. */
export const taskInstanceBatchFormSchema = z.object({
  dag_ids: batchFilter(z.string()).optional(),
  dag_run_ids: batchFilter(z.string()).optional(),
  task_ids: batchFilter(z.string()).optional(),
  state: batchFilter(taskStateFilter.nullable()).optional(),
  pool: batchFilter(z.string()).optional(),
  queue: batchFilter(z.string()).optional(),
  executor: batchFilter(z.string()).optional(),
  execution_date_gte: isoInstant.optional(),
  execution_date_lte: isoInstant.optional(),
  start_date_gte: isoInstant.optional(),
  start_date_lte: isoInstant.optional(),
  end_date_gte: isoInstant.optional(),
  end_date_lte: isoInstant.optional(),
  duration_gte: z.number().optional(),
  duration_lte: z.number().optional(),
  page_offset: z.number().int().min(0).default(0),
  page_limit: z.number().int().min(1).max(10_000).default(100),
  order_by: z.string().max(100).optional(),
});

/** Airflow's UpdateTaskState: the states a person may set by hand. */
export const updateTaskStates = ["success", "failed", "skipped"] as const;

/** POST /dags/{dag_id}/clearTaskInstances: Airflow's ClearTaskInstances (a dry run unless told). */
/**
 * A task to clear: a task id clears all its instances, a `[task_id, map_index]` pair only
 * that map index (Airflow accepts both forms, in v1 and v2).
 */
export const clearedTaskSchema = z.union([
  z.string().min(1).max(250),
  z.tuple([z.string().min(1).max(250), z.number().int().min(0)]),
]);

export const clearTaskInstancesSchema = z.object({
  dry_run: z.boolean().default(true),
  task_ids: z.array(clearedTaskSchema).min(1).optional(),
  start_date: isoInstant.optional(),
  end_date: isoInstant.optional(),
  only_failed: z.boolean().default(true),
  only_running: z.boolean().default(false),
  reset_dag_runs: z.boolean().optional(),
  dag_run_id: z.string().min(1).max(250).nullable().optional(),
  include_upstream: z.boolean().default(false),
  include_downstream: z.boolean().default(false),
  include_future: z.boolean().default(false),
  include_past: z.boolean().default(false),
});

/** POST /dags/{dag_id}/updateTaskInstancesState: Airflow's UpdateTaskInstancesState. */
export const updateTaskInstancesStateSchema = z.object({
  dry_run: z.boolean().default(true),
  task_id: z.string().min(1).max(250),
  execution_date: isoInstant.optional(),
  dag_run_id: z.string().min(1).max(250).optional(),
  include_upstream: z.boolean().default(false),
  include_downstream: z.boolean().default(false),
  include_future: z.boolean().default(false),
  include_past: z.boolean().default(false),
  new_state: z.enum(updateTaskStates),
});

/** PATCH /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}: Airflow's UpdateTaskInstance. */
export const updateTaskInstanceSchema = z.object({
  dry_run: z.boolean().default(true),
  new_state: z.enum(updateTaskStates),
});

export const taskInstanceReferenceSchema = z.object({
  task_id: z.string(),
  dag_id: z.string(),
  execution_date: instant,
  dag_run_id: z.string(),
});
export type ApiTaskInstanceReference = z.infer<typeof taskInstanceReferenceSchema>;

export const taskInstanceReferenceCollectionSchema = z.object({
  task_instances: z.array(taskInstanceReferenceSchema),
});

export const taskLogQuerySchema = z.object({
  full_content: booleanQuery.optional(),
  map_index: z.coerce.number().int().min(-1).max(maxStoredInt).optional(),
  token: z.string().max(1000).optional(),
});

export const taskLogSchema = z.object({
  /** Opaque; pass it back as `token` to read on from where this answer ended. */
  continuation_token: z.string(),
  content: z.string(),
});

// ---- XCom ----------------------------------------------------------------------------

export const xcomListQuerySchema = collectionQuerySchema.extend({
  map_index: z.coerce.number().int().min(-1).max(maxStoredInt).optional(),
  xcom_key: z.string().max(512).optional(),
});

export const xcomEntryQuerySchema = z.object({
  map_index: z.coerce.number().int().min(-1).max(maxStoredInt).optional(),
  deserialize: booleanQuery.optional(),
  /** Airflow's default: the value as a string (Borda's: its JSON); false gives the value itself. */
  stringify: booleanQuery.default(true),
});

export const xcomCollectionItemSchema = z.object({
  key: z.string(),
  timestamp: instant,
  execution_date: instant,
  map_index: z.number().int(),
  task_id: z.string(),
  dag_id: z.string(),
  run_id: z.string(),
});

export const xcomCollectionSchema = z.object({
  xcom_entries: z.array(xcomCollectionItemSchema),
  total_entries: z.number().int(),
});

export const xcomSchema = xcomCollectionItemSchema.extend({ value: z.unknown() });

// ---- event log ------------------------------------------------------------------------

export const eventLogSchema = z.object({
  event_log_id: z.number().int(),
  when: instant,
  dag_id: z.string().nullable(),
  task_id: z.string().nullable(),
  run_id: z.string().nullable(),
  map_index: z.number().int().nullable(),
  try_number: z.number().int().nullable(),
  event: z.string(),
  execution_date: nullableInstant,
  owner: z.string().nullable(),
  extra: z.string().nullable(),
});
export type ApiEventLog = z.infer<typeof eventLogSchema>;

export const eventLogCollectionSchema = z.object({
  event_logs: z.array(eventLogSchema),
  total_entries: z.number().int(),
});

export const eventLogListQuerySchema = collectionQuerySchema.extend({
  dag_id: z.string().max(250).optional(),
  task_id: z.string().max(250).optional(),
  run_id: z.string().max(250).optional(),
  map_index: z.coerce.number().int().min(-1).max(maxStoredInt).optional(),
  try_number: z.coerce.number().int().min(0).max(maxStoredInt).optional(),
  event: z.string().max(250).optional(),
  owner: z.string().max(256).optional(),
  before: isoInstant.optional(),
  after: isoInstant.optional(),
  included_events: z.string().max(2000).optional(),
  excluded_events: z.string().max(2000).optional(),
});

// ---- deploying DAG files --------------------------------------------------------------

/** POST /dags/deploy (Borda's own): a DAG file's source, processed like one in the DAGs folder. */
export const deployDagFileSchema = z.object({
  file_name: z
    .string()
    .min(1)
    .max(250)
    .regex(
      /^[A-Za-z0-9_.\-/]+\.(ts|mts|js|mjs)$/,
      "must be a relative .ts, .mts, .js or .mjs path",
    ),
  source: z.string().max(5 * 1024 * 1024),
});

export const deployResultSchema = z.object({
  file_name: z.string(),
  dags: z.array(
    z.object({ dag_id: z.string(), version_number: z.number().int(), new_version: z.boolean() }),
  ),
});

// ---- browser sessions (Borda's own) -----------------------------------------------------

export const signInSchema = z.object({
  username: z.string().min(1).max(256),
  password: z.string().min(1).max(1024),
});

export const sessionSchema = z.object({
  username: z.string(),
  /** Admin, or the user's highest role in any of their teams. */
  role: z.string(),
  /**
   * The teams whose objects the user sees (docs/teams.md), by name, with their role in
   * each. An Admin sees every team and holds every role: all teams, each with role null,
   * as `GET /teams` answers an Admin.
   */
  teams: z.array(z.object({ name: z.string(), role: z.enum(teamRoleNames).nullable() })),
  /** Send it as `X-CSRF-Token` with every change made through the session cookie. */
  csrf_token: z.string().nullable(),
  expires_at: z.string().nullable(),
});
