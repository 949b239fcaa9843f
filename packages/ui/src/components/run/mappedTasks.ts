import type { TaskInstance } from "../../api/types.js";

/**
 * How the UI reads a mapped task: the API lists one task instance per map index (0..N-1
 * once the task has expanded; one instance, map index -1, before), and the grid and the
 * run page show them collapsed into one summary of counts per state.
 */

/** Airflow's task states in the order people look for them: what moves first, then how it ended. */
const listingOrder = [
  "running",
  "queued",
  "scheduled",
  "up_for_retry",
  "up_for_reschedule",
  "success",
  "failed",
  "upstream_failed",
  "skipped",
  "removed",
  "none",
];

/**
 * Which state a mapped task shows as one: the first of these its map indexes are in. What
 * needs attention (a failure, a retry) comes before what still moves, and both before how
 * the rest ended, so one failed map index among a hundred successes shows as failed.
 */
const summaryPrecedence = [
  "failed",
  "upstream_failed",
  "up_for_retry",
  "up_for_reschedule",
  "running",
  "restarting",
  "deferred",
  "queued",
  "scheduled",
  "none",
  "success",
  "skipped",
  "removed",
];

const rank = (order: readonly string[], state: string) => {
  const at = order.indexOf(state);
  return at === -1 ? order.length : at;
};

/** How many task instances are in each state, in listing order: [["running", 1], ["success", 12]]. */
export function countStates(
  taskInstances: readonly Pick<TaskInstance, "state">[],
): [state: string, count: number][] {
  const byState = new Map<string, number>();
  for (const ti of taskInstances) {
    const state = ti.state ?? "none";
    byState.set(state, (byState.get(state) ?? 0) + 1);
  }
  return [...byState].sort(
    ([a], [b]) => rank(listingOrder, a) - rank(listingOrder, b) || a.localeCompare(b),
  );
}

/** Whether these instances of one task in one run are the map indexes of a mapped task. */
export const isMapped = (taskInstances: readonly Pick<TaskInstance, "map_index">[]) =>
  taskInstances.some((ti) => ti.map_index >= 0);

/** A mapped task at a glance: its summary state, how many map indexes it has, counts per state. */
export interface MappedSummary {
  state: string;
  /** Map indexes the task has now: those a shorter re-expansion removed are not counted. */
  count: number;
  /** "3 success, 1 failed". */
  counts: string;
}

export function summarizeMapped(mapIndexes: readonly Pick<TaskInstance, "state">[]): MappedSummary {
  const counts = countStates(mapIndexes);
  const state =
    counts
      .map(([s]) => s)
      .sort((a, b) => rank(summaryPrecedence, a) - rank(summaryPrecedence, b))[0] ?? "none";
  return {
    state,
    count: mapIndexes.filter((ti) => ti.state !== "removed").length,
    counts: counts.map(([s, n]) => `${n} ${s.replaceAll("_", " ")}`).join(", "),
  };
}

/** "process[2]": a map index's name, as Airflow writes it; a task's own id when it is not mapped. */
export const instanceName = (ti: Pick<TaskInstance, "task_id" | "map_index">) =>
  ti.map_index >= 0 ? `${ti.task_id}[${ti.map_index}]` : ti.task_id;

/** The search of a task's log page: a map index names which instance of a mapped task. */
export const logSearch = (mapIndex: number) =>
  mapIndex >= 0 ? { map_index: String(mapIndex) } : {};
