import type { Generated } from "kysely";

/**
 * The metadata schema as Kysely sees it. Conventions that hold in both dialects:
 * - instants are integer epoch milliseconds (`bigint` on PostgreSQL, parsed to number);
 * - booleans are integers 0/1, so both dialects return the same JavaScript values;
 * - JSON documents are text, parsed by the store.
 */
export interface Database {
  dags: DagsTable;
  dag_tags: DagTagsTable;
  dag_versions: DagVersionsTable;
  bundles: BundlesTable;
  import_errors: ImportErrorsTable;
  pools: PoolsTable;
  dag_runs: DagRunsTable;
  task_instances: TaskInstancesTable;
  task_attempts: TaskAttemptsTable;
  xcom: XcomTable;
  worker_tokens: WorkerTokensTable;
  workers: WorkersTable;
  task_logs: TaskLogsTable;
  users: UsersTable;
  event_log: EventLogTable;
  api_tokens: ApiTokensTable;
  connections: ConnectionsTable;
  variables: VariablesTable;
  backfills: BackfillsTable;
  backfill_dates: BackfillDatesTable;
  callback_deliveries: CallbackDeliveriesTable;
  assets: AssetsTable;
  asset_producers: AssetProducersTable;
  asset_consumers: AssetConsumersTable;
  asset_events: AssetEventsTable;
  asset_event_queue: AssetEventQueueTable;
  dag_run_asset_events: DagRunAssetEventsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
}

export interface DagsTable {
  dag_id: string;
  is_paused: number;
  is_active: number;
  fileloc: string;
  origin: string;
  current_version_id: number | null;
  /** Next scheduled run, as computed from the current version's timetable (null: none). */
  next_dagrun_logical_date: number | null;
  next_dagrun_data_interval_start: number | null;
  next_dagrun_data_interval_end: number | null;
  next_dagrun_create_after: number | null;
  last_parsed_at: number;
  created_at: number;
  updated_at: number;
  /** The team that owns it (migration 018; docs/teams.md). */
  team: Generated<string>;
}

export interface DagTagsTable {
  dag_id: string;
  tag: string;
}

export interface DagVersionsTable {
  id: Generated<number>;
  dag_id: string;
  version_number: number;
  bundle_hash: string;
  /** sha256 of the spec JSON: with bundle_hash it decides whether a re-parse is a new version. */
  spec_hash: string;
  spec: string;
  source: string;
  fileloc: string;
  created_at: number;
}

export interface BundlesTable {
  hash: string;
  content: Uint8Array;
  size: number;
  created_at: number;
}

export interface ImportErrorsTable {
  id: Generated<number>;
  fileloc: string;
  origin: string;
  message: string;
  line: number | null;
  created_at: number;
  /** The team that owns it (migration 018; docs/teams.md). */
  team: Generated<string>;
}

export interface PoolsTable {
  name: string;
  slots: number;
  description: string | null;
  include_deferred: number;
  /** The team that owns it (migration 018; docs/teams.md). */
  team: Generated<string>;
}

export interface DagRunsTable {
  id: Generated<number>;
  dag_id: string;
  run_id: string;
  dag_version_id: number;
  run_type: string;
  state: string;
  logical_date: number;
  data_interval_start: number | null;
  data_interval_end: number | null;
  conf: string;
  note: string | null;
  external_trigger: number;
  queued_at: number;
  start_date: number | null;
  end_date: number | null;
  updated_at: number;
  /** The backfill that created or re-ran this run; null for others. */
  backfill_id: number | null;
}

export interface TaskInstancesTable {
  id: Generated<number>;
  dag_run_id: number;
  dag_id: string;
  run_id: string;
  task_id: string;
  map_index: number;
  state: string;
  /** Tries started so far; the next attempt gets try_number + 1. */
  try_number: number;
  /** Airflow's max_tries: retries allowed, raised by a clear so a cleared task may retry again. */
  max_tries: number;
  pool: string;
  pool_slots: number;
  queue: string;
  priority_weight: number;
  /** Its run's logical date, so queueing reads candidates in index order (migration 008). */
  run_logical_date: number;
  operator: string;
  current_attempt_id: string | null;
  hostname: string | null;
  start_date: number | null;
  end_date: number | null;
  queued_at: number | null;
  next_retry_at: number | null;
  last_error: string | null;
  note: string | null;
  /** Its map_index_template as the worker rendered it after its last success (migration 014). */
  rendered_map_index: string | null;
  updated_at: number;
}

export interface TaskAttemptsTable {
  attempt_id: string;
  task_instance_id: number;
  dag_run_id: number;
  dag_id: string;
  run_id: string;
  task_id: string;
  map_index: number;
  try_number: number;
  dag_version_id: number;
  bundle_hash: string;
  queue: string;
  pool: string;
  pool_slots: number;
  priority_weight: number;
  state: string;
  worker_name: string | null;
  lease_expires_at: number | null;
  /** The lease this attempt's claim granted: its worker's timeout (set at claim). */
  lease_ms: number | null;
  timeout_at: number | null;
  execution_timeout_ms: number | null;
  queued_at: number;
  claimed_at: number | null;
  started_at: number | null;
  ended_at: number | null;
  error: string | null;
  exit_code: number | null;
  /** Pokes of this try that found a sensor's condition false (reschedule mode; migration 010). */
  reschedules: Generated<number>;
  /** Where this poke's log starts in the try's log (migration 010); 0 but for a resumed sensor. */
  log_offset: Generated<number>;
  /** The minor of worker protocol 1.x its job needs: 0 any, 3 a sensor (migration 014). */
  needs_protocol_minor: Generated<number>;
  /** 1 while its start is only its claim's (protocol 1.5; migration 017). */
  start_unconfirmed: Generated<number>;
}

export interface XcomTable {
  dag_run_id: number;
  task_id: string;
  map_index: number;
  key: string;
  dag_id: string;
  run_id: string;
  value: string;
  created_at: number;
}

export interface WorkerTokensTable {
  /** Public part of the token, shown in listings. */
  id: string;
  name: string;
  team: string | null;
  /** JSON array of queue names or `*` patterns the token may serve. */
  queues: string;
  /** HMAC-SHA256 of the token's secret part under the server's secret key. */
  secret_hash: string;
  created_at: number;
  revoked_at: number | null;
  last_used_at: number | null;
  /** How long its workers may be silent before their attempts are given up; null: the server's. */
  worker_timeout_ms: number | null;
}

export interface WorkersTable {
  name: string;
  instance_id: string;
  token_id: string;
  team: string | null;
  /** What the worker last said it is doing; the shown state is derived (see workers.ts). */
  reported_state: string;
  /** JSON arrays: the queues the worker was started with, and an admin's changes to them. */
  configured_queues: string;
  added_queues: string;
  removed_queues: string;
  configured_concurrency: number;
  concurrency_override: number | null;
  free_slots: number;
  running_attempts: number;
  version: string;
  sysinfo: string;
  maintenance_requested: number;
  maintenance_comment: string | null;
  shutdown_requested: number;
  first_online: number;
  last_heartbeat: number;
  /** Its token's worker timeout when it registered (null for workers registered before 006). */
  worker_timeout_ms: number | null;
  /** The protocol version it registered with (migration 014); null: registered before, 1.2. */
  protocol_version: string | null;
  /** Why the worker holds itself in maintenance, from its last heartbeat (migration 015); null: it does not. */
  self_maintenance: string | null;
}

export interface TaskLogsTable {
  attempt_id: string;
  /** Byte offset (UTF-8) of this chunk in the attempt's log. */
  offset: number;
  /** Byte length of `data`. */
  length: number;
  data: string;
  created_at: number;
}

export interface UsersTable {
  username: string;
  /** One of auth/roles.ts's roles: Viewer, User, Op, Admin. */
  role: string;
  /** `scrypt$N$r$p$salt$hash` (auth/passwords.ts). */
  password_hash: string;
  created_at: number;
  last_login_at: number | null;
  /** Failed sign-ins since the last success; from the fifth on, each locks the user a while. */
  failed_logins: Generated<number>;
  locked_until: number | null;
}

/** The audit trail: one row per change made through the REST API (Airflow's `log` table). */
export interface EventLogTable {
  id: Generated<number>;
  /** When it happened, epoch milliseconds. */
  dttm: number;
  /** What happened: an operation id (`update_dag_run_state`) or `METHOD /route/template`. */
  event: string;
  /** The signed-in user who did it. */
  owner: string | null;
  dag_id: string | null;
  run_id: string | null;
  task_id: string | null;
  map_index: number | null;
  try_number: number | null;
  /** Logical date of the run, when the event concerned one. */
  execution_date: number | null;
  /** A short JSON summary of the request, secrets masked. */
  extra: string | null;
  /** The team that owns it (migration 018; docs/teams.md). */
  team: Generated<string>;
}

/** Tokens with which scripts use /api/v1 as their owner (auth/apiTokens.ts). */
export interface ApiTokensTable {
  /** Public part of the token, shown in listings. */
  id: string;
  /** The owner, whose current role the token has; deleting the user deletes its tokens. */
  username: string;
  name: string;
  /** HMAC-SHA256 of the token's secret part under the server's secret key. */
  secret_hash: string;
  created_at: number;
  /** After this instant the token signs nobody in (null: never expires). */
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A connection; `sealed` holds host, port, login, password, schema and extra, encrypted. */
export interface ConnectionsTable {
  conn_id: string;
  conn_type: string;
  description: string | null;
  queues: string | null;
  sealed: string;
  updated_at: number;
  /** The team that owns it (migration 018; docs/teams.md). */
  team: Generated<string>;
}

/** A variable; `sealed` holds its value, encrypted. */
export interface VariablesTable {
  key: string;
  description: string | null;
  queues: string | null;
  sealed: string;
  updated_at: number;
  /** The team that owns it (migration 018; docs/teams.md). */
  team: Generated<string>;
}

export interface BackfillsTable {
  id: Generated<number>;
  dag_id: string;
  from_date: number;
  to_date: number;
  /** JSON object: the conf of every run the backfill creates. */
  dag_run_conf: string;
  /** 1: no new runs are created until it is unpaused. */
  is_paused: number;
  /** none | failed | completed: what to do with a date that already has a run. */
  reprocess_behavior: string;
  max_active_runs: number;
  triggering_user_name: string | null;
  created_at: number;
  /** When its last run finished, or it was cancelled; null while it goes on. */
  completed_at: number | null;
  updated_at: number;
}

/** One logical date of a backfill: pending until it has a run or a reason it got none. */
export interface BackfillDatesTable {
  backfill_id: number;
  sort_ordinal: number;
  logical_date: number;
  data_interval_start: number;
  data_interval_end: number;
  dag_run_id: number | null;
  exception_reason: string | null;
}

/** The callback outbox: one row per target an event fired (migration 012). */
export interface CallbackDeliveriesTable {
  id: Generated<number>;
  dag_run_id: number;
  dag_id: string;
  run_id: string;
  task_id: string | null;
  map_index: number;
  try_number: number | null;
  dag_version_id: number;
  scope: string;
  event: string;
  /** `code`, or a notifier kind. */
  target: string;
  /** The notifier spec (JSON); null for a code callback. */
  notifier: string | null;
  queue: string | null;
  /** CallbackInfo (JSON). */
  info: string;
  state: string;
  tries: number;
  next_try_at: number;
  /** Fences a claim, as an attempt id does (a report under another claim is stale). */
  claim_id: string | null;
  /** The replica or worker holding the claim. */
  claimed_by: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  output: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface AssetsTable {
  id: Generated<number>;
  uri: string;
  name: string;
  /** JSON object. */
  extra: string;
  created_at: number;
  updated_at: number;
}

export interface AssetProducersTable {
  asset_id: number;
  dag_id: string;
  task_id: string;
  created_at: number;
  updated_at: number;
}

export interface AssetConsumersTable {
  asset_id: number;
  dag_id: string;
  created_at: number;
  updated_at: number;
}

export interface AssetEventsTable {
  id: Generated<number>;
  asset_id: number;
  /** JSON object. */
  extra: string;
  /** Null for an event raised from outside (the REST API). */
  source_dag_id: string | null;
  source_run_id: string | null;
  source_task_id: string | null;
  source_map_index: number | null;
  timestamp: number;
}

export interface AssetEventQueueTable {
  target_dag_id: string;
  asset_event_id: number;
  asset_id: number;
  created_at: number;
}

export interface DagRunAssetEventsTable {
  dag_run_id: number;
  asset_event_id: number;
}

/** A team: the queue patterns it owns (JSON array); `default` owns every queue no other team owns. */
export interface TeamsTable {
  name: string;
  description: string | null;
  queues: string;
  created_at: number;
}

/** A user's role (Viewer, User or Op) in a team; Admins need none. */
export interface TeamMembersTable {
  team: string;
  username: string;
  role: string;
}
