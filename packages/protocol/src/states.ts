/**
 * The states of Borda's records, as `as const` objects with derived unions.
 * The string values are Airflow's, because the REST API and the people reading it speak
 * Airflow's vocabulary.
 */

export const DagRunState = {
  queued: "queued",
  running: "running",
  success: "success",
  failed: "failed",
} as const;
export type DagRunState = (typeof DagRunState)[keyof typeof DagRunState];

/**
 * Task instance states. `none` is Airflow's `null` state (created, not yet considered);
 * the REST API renders it as `null`.
 */
export const TaskInstanceState = {
  none: "none",
  scheduled: "scheduled",
  queued: "queued",
  running: "running",
  success: "success",
  failed: "failed",
  upForRetry: "up_for_retry",
  /** A sensor in reschedule mode between pokes: no slot held, the same try goes on. */
  upForReschedule: "up_for_reschedule",
  upstreamFailed: "upstream_failed",
  skipped: "skipped",
  removed: "removed",
} as const;
export type TaskInstanceState = (typeof TaskInstanceState)[keyof typeof TaskInstanceState];

/** States a task instance never leaves on its own (only a clear moves it back to `none`). */
export const finishedTaskInstanceStates: readonly TaskInstanceState[] = [
  TaskInstanceState.success,
  TaskInstanceState.failed,
  TaskInstanceState.upstreamFailed,
  TaskInstanceState.skipped,
  TaskInstanceState.removed,
];

/**
 * Why a task instance failed, was skipped or could not run, as the REST API tells it: in
 * its note (Airflow has no field for it), which says the error the scheduler or the
 * worker recorded until someone writes a note of their own. One line, the note's first
 * (an error's stack trace is in the task's log); null in other states.
 */
export function taskInstanceReason(ti: {
  state: string | null;
  note: string | null;
}): string | null {
  const explained: readonly (string | null)[] = [
    TaskInstanceState.failed,
    TaskInstanceState.upstreamFailed,
    TaskInstanceState.skipped,
  ];
  if (!explained.includes(ti.state) || ti.note === null) return null;
  return ti.note.split("\n", 1)[0] ?? null;
}

/**
 * One try of a task instance, as a worker sees it (the "job"). `queued` waits for a
 * worker; `claimed` is handed to a worker that has not yet said it started; `running`
 * has started. Every later state is final: an attempt never runs twice.
 */
export const AttemptState = {
  queued: "queued",
  claimed: "claimed",
  running: "running",
  success: "success",
  failed: "failed",
  /** Ended by the control plane: lease expired, execution timeout, cleared or marked. */
  superseded: "superseded",
  /**
   * A sensor's poke found its condition false (reschedule mode): the try goes on under a
   * new attempt id when the next poke is queued, so this id is fenced meanwhile.
   */
  upForReschedule: "up_for_reschedule",
} as const;
export type AttemptState = (typeof AttemptState)[keyof typeof AttemptState];

export const activeAttemptStates: readonly AttemptState[] = [
  AttemptState.queued,
  AttemptState.claimed,
  AttemptState.running,
];

export const RunType = {
  manual: "manual",
  scheduled: "scheduled",
  backfill: "backfill",
  /** Created when the assets a DAG is scheduled on were updated (Airflow 2's name). */
  datasetTriggered: "dataset_triggered",
} as const;
export type RunType = (typeof RunType)[keyof typeof RunType];
