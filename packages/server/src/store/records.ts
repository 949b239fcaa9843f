import type { DagRunState, DagSpec, RunType, TaskInstanceState } from "@borda/protocol";
import type { DagFileOrigin } from "../dags/dagRegistry.js";

/** What the store hands out: camelCase, instants as Date, JSON parsed. */

export interface DagVersionRecord {
  id: number;
  dagId: string;
  versionNumber: number;
  bundleHash: string;
  spec: DagSpec;
  source: string;
  fileloc: string;
  createdAt: Date;
}

export interface NextDagRun {
  logicalDate: Date;
  dataIntervalStart: Date;
  dataIntervalEnd: Date;
  createAfter: Date;
}

export interface DagRecord {
  dagId: string;
  isPaused: boolean;
  isActive: boolean;
  fileloc: string;
  origin: DagFileOrigin;
  /** The team that owns it: its DAGs folder subfolder's, when that names a team (docs/teams.md). */
  team: string;
  tags: string[];
  lastParsedAt: Date;
  /** When the scheduler next looks at this DAG's timetable; the epoch means "recompute now". */
  nextDagRunCreateAfter: Date | null;
  nextDagRun: NextDagRun | null;
  currentVersion: DagVersionRecord | null;
}

export interface ImportErrorRecord {
  id: number;
  fileloc: string;
  origin: DagFileOrigin;
  message: string;
  line: number | null;
  createdAt: Date;
  /** The team of the file (docs/teams.md). */
  team: string;
}

export interface PoolRecord {
  name: string;
  slots: number;
  description: string | null;
  includeDeferred: boolean;
  /**
   * The team that owns it (docs/teams.md); `default_pool` is `default`'s. Saving a pool
   * without one creates it in `default`, and leaves an existing pool's as it is.
   */
  team?: string;
}

export interface DagRunRecord {
  id: number;
  dagId: string;
  runId: string;
  dagVersionId: number;
  runType: RunType;
  state: DagRunState;
  logicalDate: Date;
  dataIntervalStart: Date | null;
  dataIntervalEnd: Date | null;
  conf: Record<string, unknown>;
  note: string | null;
  externalTrigger: boolean;
  queuedAt: Date;
  startDate: Date | null;
  endDate: Date | null;
  /** The backfill that created or re-ran this run; null for others. */
  backfillId: number | null;
}

export interface TaskInstanceRecord {
  id: number;
  dagRunId: number;
  dagId: string;
  runId: string;
  taskId: string;
  mapIndex: number;
  state: TaskInstanceState;
  tryNumber: number;
  maxTries: number;
  pool: string;
  poolSlots: number;
  queue: string;
  priorityWeight: number;
  operator: string;
  currentAttemptId: string | null;
  hostname: string | null;
  startDate: Date | null;
  endDate: Date | null;
  queuedAt: Date | null;
  nextRetryAt: Date | null;
  lastError: string | null;
  /** A mapped instance's name: its map_index_template, rendered after it ran (null: none). */
  renderedMapIndex: string | null;
}

export interface AttemptRecord {
  attemptId: string;
  taskInstanceId: number;
  dagRunId: number;
  dagId: string;
  runId: string;
  taskId: string;
  mapIndex: number;
  tryNumber: number;
  dagVersionId: number;
  bundleHash: string;
  queue: string;
  pool: string;
  poolSlots: number;
  priorityWeight: number;
  state: import("@borda/protocol").AttemptState;
  workerName: string | null;
  leaseExpiresAt: Date | null;
  /** The lease its claim granted (its worker's timeout); null until claimed. */
  leaseMs: number | null;
  timeoutAt: Date | null;
  executionTimeoutMs: number | null;
  queuedAt: Date;
  claimedAt: Date | null;
  startedAt: Date | null;
  endedAt: Date | null;
  error: string | null;
  exitCode: number | null;
  /** Pokes of this try that found a sensor's condition false (reschedule mode). */
  reschedules: number;
  /** Where this attempt's log starts in its try's log: 0, but for a sensor's later poke. */
  logOffset: number;
  /**
   * Running on its claim's word only (protocol 1.5): no heartbeat of its worker has listed
   * it yet, so it may never have reached the worker (migration 017).
   */
  startUnconfirmed: boolean;
}

export const toDate = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));
