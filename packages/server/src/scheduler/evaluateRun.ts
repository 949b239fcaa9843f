import {
  type DagRunState,
  type DagSpec,
  finishedTaskInstanceStates,
  TaskInstanceState as S,
  type TaskInstanceState,
  type TriggerRule,
} from "@borda/protocol";
import type { TaskInstanceRecord, TaskStateChange } from "../store/index.js";
import { type DagGraph, dagGraph } from "./dagGraph.js";
import { steer } from "./taskFlow.js";

/**
 * The results (return values) of the run's branch and short-circuit tasks that succeeded,
 * by task id: what they chose decides their downstream tasks (taskFlow.ts).
 */
export type FlowResults = ReadonlyMap<string, unknown>;

/**
 * Decides, from a snapshot of one run, which task instances become ready (`scheduled`)
 * or can never run (`skipped`, `upstream_failed`), following Airflow's trigger rules, and
 * whether the run is finished. Pure: the store applies the changes compare-and-set.
 *
 * Tasks are visited in dependency order and each decision is visible to the tasks
 * after it, so a failure cascades down a whole chain in one evaluation, and so does a
 * short-circuit's skip (it reaches every task below it in the same evaluation).
 */
export function evaluateRun(
  spec: DagSpec,
  taskInstances: readonly TaskInstanceRecord[],
  flowResults: FlowResults,
): { changes: TaskStateChange[]; runState: DagRunState | null } {
  const graph = dagGraph(spec);
  const all = new Set(graph.byId.keys());
  const { changes, state } = decideTasks(graph, taskInstances, all, flowResults);
  return { changes, runState: runOutcome(graph, state) };
}

/**
 * Decides only for `focus` (the downstream tasks of one that just finished) and what a
 * skip or upstream failure among them cascades to, from the task instances of those
 * tasks and their upstream ones. Null when the cascade reaches a task whose state (or an
 * upstream's) was not given, or one below a branch or short-circuit that succeeded (its
 * result is not read here): then the whole run must be evaluated.
 */
export function evaluateTasks(
  spec: DagSpec,
  taskInstances: readonly TaskInstanceRecord[],
  focus: readonly string[],
): TaskStateChange[] | null {
  const result = decideTasks(dagGraph(spec), taskInstances, new Set(focus), new Map());
  return result.complete ? result.changes : null;
}

function decideTasks(
  graph: DagGraph,
  taskInstances: readonly TaskInstanceRecord[],
  visit: Set<string>,
  flowResults: FlowResults,
) {
  const byTask = new Map(taskInstances.map((ti) => [ti.taskId, ti]));
  const state = new Map<string, TaskInstanceState>(
    taskInstances.map((ti) => [ti.taskId, ti.state]),
  );
  const changes: TaskStateChange[] = [];
  /** Tasks a short-circuit skipped whatever their trigger rules: so is all below them. */
  const cut = new Set<string>();
  for (const task of graph.order) {
    if (!visit.has(task.taskId)) continue;
    const ti = byTask.get(task.taskId);
    if (!ti || task.upstream.some((up) => !state.has(up)))
      return { changes, state, complete: false };
    if (ti.state !== S.none) continue;
    let steered: "follow" | "skip" | "cut" = "follow";
    for (const up of task.upstream) {
      const upstream = graph.byId.get(up);
      if (cut.has(up)) steered = "cut";
      if (!upstream?.flow || state.get(up) !== S.success || steered === "cut") continue;
      if (!flowResults.has(up)) return { changes, state, complete: false };
      const decided = steer(graph, upstream, flowResults.get(up), task.taskId);
      if (decided !== "follow") steered = decided;
    }
    if (steered === "cut") cut.add(task.taskId);
    const next =
      steered === "follow"
        ? decide(
            task.triggerRule,
            task.upstream.map((id) => state.get(id) ?? S.removed),
          )
        : S.skipped;
    if (next === null) continue;
    state.set(task.taskId, next);
    changes.push({ taskInstanceId: ti.id, from: S.none, to: next });
    // A task that will never run decides for its downstream tasks too.
    if (next !== S.scheduled) for (const d of graph.downstream.get(task.taskId) ?? []) visit.add(d);
  }
  return { changes, state, complete: true };
}

/** Counts of upstream states that the trigger rules look at. */
function tally(upstream: readonly TaskInstanceState[]) {
  const count = (...states: TaskInstanceState[]) =>
    upstream.filter((s) => states.includes(s)).length;
  return {
    total: upstream.length,
    success: count(S.success),
    skipped: count(S.skipped, S.removed),
    failed: count(S.failed, S.upstreamFailed),
    done: upstream.filter((s) => finishedTaskInstanceStates.includes(s)).length,
  };
}

/** The next state of a task instance in `none`, or null to keep waiting. */
function decide(
  rule: TriggerRule,
  upstream: readonly TaskInstanceState[],
): TaskInstanceState | null {
  if (upstream.length === 0) return S.scheduled;
  const t = tally(upstream);
  const allDone = t.done === t.total;
  switch (rule) {
    case "all_success":
      if (t.failed > 0) return S.upstreamFailed;
      if (t.skipped > 0) return S.skipped;
      return t.success === t.total ? S.scheduled : null;
    case "all_failed":
      if (t.success + t.skipped > 0) return S.skipped;
      return t.failed === t.total ? S.scheduled : null;
    case "all_done":
      return allDone ? S.scheduled : null;
    case "one_success":
      if (t.success > 0) return S.scheduled;
      if (!allDone) return null;
      return t.skipped === t.total ? S.skipped : S.upstreamFailed;
    case "one_failed":
      if (t.failed > 0) return S.scheduled;
      return allDone ? S.skipped : null;
    case "none_failed":
      if (t.failed > 0) return S.upstreamFailed;
      return allDone ? S.scheduled : null;
    case "none_failed_min_one_success":
      if (t.failed > 0) return S.upstreamFailed;
      if (!allDone) return null;
      return t.skipped === t.total ? S.skipped : S.scheduled;
    case "always":
      return S.scheduled;
  }
}

/**
 * A run is finished when every task instance is; it failed if a leaf (a task nothing
 * depends on) failed or could not run because of a failure, as in Airflow.
 */
function runOutcome(
  graph: DagGraph,
  state: ReadonlyMap<string, TaskInstanceState>,
): DagRunState | null {
  for (const s of state.values()) {
    if (!finishedTaskInstanceStates.includes(s)) return null;
  }
  const failedLeaf = graph.leaves.some((t) => {
    const s = state.get(t.taskId);
    return s === S.failed || s === S.upstreamFailed;
  });
  return failedLeaf ? "failed" : "success";
}
