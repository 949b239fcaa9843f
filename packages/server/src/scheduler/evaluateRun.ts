import {
  type DagRunState,
  type DagSpec,
  finishedTaskInstanceStates,
  TaskInstanceState as S,
  type TaskInstanceState,
  type TriggerRule,
} from "@borda/protocol";
import type { TaskInstanceRecord, TaskStateChange } from "../store/index.js";

/**
 * Decides, from a snapshot of one run, which task instances become ready (`scheduled`)
 * or can never run (`skipped`, `upstream_failed`), following Airflow's trigger rules, and
 * whether the run is finished. Pure: the store applies the changes compare-and-set.
 *
 * Tasks are visited in dependency order and each decision is visible to the tasks
 * after it, so a failure cascades down a whole chain in one evaluation.
 */
export function evaluateRun(
  spec: DagSpec,
  taskInstances: readonly TaskInstanceRecord[],
): { changes: TaskStateChange[]; runState: DagRunState | null } {
  const byTask = new Map(taskInstances.map((ti) => [ti.taskId, ti]));
  const state = new Map<string, TaskInstanceState>(
    taskInstances.map((ti) => [ti.taskId, ti.state]),
  );
  const changes: TaskStateChange[] = [];
  for (const task of dependencyOrder(spec)) {
    const ti = byTask.get(task.taskId);
    if (!ti || state.get(task.taskId) !== S.none) continue;
    const upstream = task.upstream.map((id) => state.get(id) ?? S.removed);
    const next = decide(task.triggerRule, upstream);
    if (next !== null) {
      state.set(task.taskId, next);
      changes.push({ taskInstanceId: ti.id, from: S.none, to: next });
    }
  }
  return { changes, runState: runOutcome(spec, state) };
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
  spec: DagSpec,
  state: ReadonlyMap<string, TaskInstanceState>,
): DagRunState | null {
  for (const s of state.values()) {
    if (!finishedTaskInstanceStates.includes(s)) return null;
  }
  const hasDownstream = new Set(spec.tasks.flatMap((t) => t.upstream));
  const leaves = spec.tasks.filter((t) => !hasDownstream.has(t.taskId));
  const failedLeaf = leaves.some((t) => {
    const s = state.get(t.taskId);
    return s === S.failed || s === S.upstreamFailed;
  });
  return failedLeaf ? "failed" : "success";
}

/** Tasks upstream-first (the DAG processor guarantees there is no cycle). */
export function dependencyOrder(spec: DagSpec): DagSpec["tasks"] {
  const byId = new Map(spec.tasks.map((t) => [t.taskId, t]));
  const ordered: DagSpec["tasks"] = [];
  const seen = new Set<string>();
  const visit = (taskId: string) => {
    if (seen.has(taskId)) return;
    seen.add(taskId);
    const task = byId.get(taskId);
    if (!task) return;
    for (const up of task.upstream) visit(up);
    ordered.push(task);
  };
  for (const task of spec.tasks) visit(task.taskId);
  return ordered;
}

/** The task ids downstream of `roots` (transitively), for "clear with downstream". */
export function downstreamOf(spec: DagSpec, roots: readonly string[]): string[] {
  const found = new Set(roots);
  for (const task of dependencyOrder(spec)) {
    if (task.upstream.some((up) => found.has(up))) found.add(task.taskId);
  }
  return [...found];
}
