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
import { mapLength, maxMapLength } from "./taskMapping.js";

/**
 * The stored results (return values) an evaluation decides from, by task id: those of
 * the run's branch and short-circuit tasks that succeeded (what they chose decides their
 * downstream tasks, taskFlow.ts), and those of the sources of mapped tasks not yet
 * expanded (how many task instances each becomes, taskMapping.ts). A mapped task's
 * result is the list of its map indexes' results.
 */
export type DecidingResults = ReadonlyMap<string, unknown>;

/**
 * A mapped task to become `count` task instances, map_index 0..count-1, all scheduled:
 * applied by the store only while every instance of the task is still in `none`.
 */
export interface MapExpansion {
  taskId: string;
  count: number;
}

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
  results: DecidingResults,
): { changes: TaskStateChange[]; expansions: MapExpansion[]; runState: DagRunState | null } {
  const graph = dagGraph(spec);
  const all = new Set(graph.byId.keys());
  const { changes, expansions, state } = decideTasks(graph, taskInstances, all, results);
  return { changes, expansions, runState: runOutcome(graph, state) };
}

/**
 * Decides only for `focus` (the downstream tasks of one that just finished) and what a
 * skip or upstream failure among them cascades to, from the task instances of those
 * tasks and their upstream ones. Null when the cascade reaches a task whose state (or an
 * upstream's) was not given, one below a branch or short-circuit that succeeded, or a
 * mapped task to expand (results are not read here): then the whole run must be evaluated.
 */
export function evaluateTasks(
  spec: DagSpec,
  taskInstances: readonly TaskInstanceRecord[],
  focus: readonly string[],
): TaskStateChange[] | null {
  const result = decideTasks(dagGraph(spec), taskInstances, new Set(focus), new Map());
  return result.complete && result.expansions.length === 0 ? result.changes : null;
}

function decideTasks(
  graph: DagGraph,
  taskInstances: readonly TaskInstanceRecord[],
  visit: Set<string>,
  results: DecidingResults,
) {
  const byTask = new Map<string, TaskInstanceRecord[]>();
  for (const ti of taskInstances) {
    const list = byTask.get(ti.taskId);
    if (list) list.push(ti);
    else byTask.set(ti.taskId, [ti]);
  }
  /** The states of each task's instances; a map index a smaller expansion removed is none of them. */
  const state = new Map<string, TaskInstanceState[]>();
  for (const [taskId, tis] of byTask) {
    const live = tis.filter((ti) => ti.mapIndex < 0 || ti.state !== S.removed);
    state.set(
      taskId,
      (live.length > 0 ? live : tis).map((ti) => ti.state),
    );
  }
  const changes: TaskStateChange[] = [];
  const expansions: MapExpansion[] = [];
  const incomplete = () => ({ changes, expansions, state, complete: false });
  /**
   * Tasks a short-circuit skipped whatever their trigger rules (so is all below them),
   * each with that short-circuit's task id.
   */
  const cut = new Map<string, string>();
  for (const task of graph.order) {
    if (!visit.has(task.taskId)) continue;
    const tis = byTask.get(task.taskId);
    if (!tis || task.upstream.some((up) => !state.has(up))) return incomplete();
    const waiting = tis.filter((ti) => ti.state === S.none);
    if (waiting.length === 0) continue;
    let steered: "follow" | "skip" | "cut" = "follow";
    /** The upstream task whose branch or short-circuit skips this one. */
    let steeredBy = "";
    for (const up of task.upstream) {
      const upstream = graph.byId.get(up);
      const cutter = cut.get(up);
      if (cutter !== undefined) {
        steered = "cut";
        steeredBy = cutter;
      }
      if (!upstream?.flow || state.get(up)?.[0] !== S.success || steered === "cut") continue;
      if (!results.has(up)) return incomplete();
      const decided = steer(graph, upstream, results.get(up), task.taskId);
      if (decided !== "follow") {
        steered = decided;
        steeredBy = up;
      }
    }
    if (steered === "cut") cut.set(task.taskId, steeredBy);
    let next =
      steered === "follow"
        ? decide(
            task.triggerRule,
            task.upstream.flatMap((id) => state.get(id) ?? [S.removed]),
          )
        : S.skipped;
    if (next === null) continue;
    // Why a task instance will never run, kept as its error so every view can show it.
    let error: string | undefined =
      steered === "cut"
        ? `Skipped: short-circuit '${steeredBy}' skipped every task below it.`
        : steered === "skip"
          ? `Skipped: branch or short-circuit '${steeredBy}' did not follow to this task.`
          : next === S.scheduled
            ? undefined
            : `${next === S.skipped ? "Skipped" : "Upstream failed"}: trigger rule ${task.triggerRule}, upstream ${upstreamStates(task.upstream, state)}.`;
    // A mapped task none of whose instances has run yet becomes as many as its sources
    // hold now (again, after a clear of the whole task: the sources may have changed).
    if (next === S.scheduled && task.mapped && waiting.length === tis.length) {
      const count = mapLength(task.mapped, results);
      if (count === undefined) return incomplete();
      if (count > maxMapLength) {
        next = S.failed;
        error = `Task '${task.taskId}' would map to ${count} task instances (the cross product of its sources); at most ${maxMapLength} are allowed.`;
      } else if (count > 0) {
        expansions.push({ taskId: task.taskId, count });
        state.set(task.taskId, [S.scheduled]);
        continue;
      } else {
        next = S.skipped;
        error = `Skipped: it maps over nothing (its sources are empty).`;
      }
    }
    const to = next;
    for (const ti of waiting)
      changes.push({ taskInstanceId: ti.id, from: S.none, to, ...(error && { error }) });
    state.set(
      task.taskId,
      tis.map((ti) => (ti.state === S.none ? to : ti.state)),
    );
    // A task that will never run decides for its downstream tasks too.
    if (to !== S.scheduled) for (const d of graph.downstream.get(task.taskId) ?? []) visit.add(d);
  }
  return { changes, expansions, state, complete: true };
}

/** "'extract' failed, 'load' success": the upstream tasks' states, a mapped task's distinct ones. */
function upstreamStates(
  upstream: readonly string[],
  state: ReadonlyMap<string, readonly TaskInstanceState[]>,
): string {
  return upstream
    .map((id) => `'${id}' ${[...new Set(state.get(id) ?? [S.removed])].join("/")}`)
    .join(", ");
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

/** The next state of a task instance in `none`, or null to keep waiting (also why one waits: taskDependencies.ts). */
export function decide(
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
 * depends on) failed or could not run because of a failure, as in Airflow: for a mapped
 * leaf, any of its map indexes.
 */
function runOutcome(
  graph: DagGraph,
  state: ReadonlyMap<string, TaskInstanceState[]>,
): DagRunState | null {
  for (const states of state.values()) {
    if (!states.every((s) => finishedTaskInstanceStates.includes(s))) return null;
  }
  const failedLeaf = graph.leaves.some((t) =>
    state.get(t.taskId)?.some((s) => s === S.failed || s === S.upstreamFailed),
  );
  return failedLeaf ? "failed" : "success";
}
