import {
  type DagRunState,
  TaskInstanceState as S,
  type TaskInstanceState,
  type TaskSpec,
  type TriggerRule,
} from "@borda/protocol";
import { decide } from "./evaluateRun.js";

/** One reason a task instance is not running, named as Airflow names its dependency. */
export interface FailedDependency {
  name: string;
  reason: string;
}

/** What the scheduler would look at before queueing the task instance, read by the caller. */
export interface DependencySnapshot {
  dagId: string;
  dagPaused: boolean;
  runState: DagRunState;
  task: TaskSpec;
  state: TaskInstanceState;
  pool: string;
  poolSlots: number;
  /** The pool's slots and the slots its queued and running task instances hold; null: no such pool. */
  poolCapacity: { slots: number; used: number } | null;
  /** The DAG's maxActiveTasks, and its task instances queued or running now. */
  maxActiveTasks: number;
  activeTasksOfDag: number;
  /** Queued or running map indexes of this task in the run (for `mapped.maxActive`). */
  activeMapIndexes: number;
  /** The states of each upstream task's instances in the run (its live map indexes). */
  upstreamStates: ReadonlyMap<string, readonly TaskInstanceState[]>;
}

/** What each trigger rule waits for, in words. */
const ruleNeeds: Record<TriggerRule, string> = {
  all_success: "all upstream tasks to have succeeded",
  all_failed: "all upstream tasks to have failed",
  all_done: "all upstream tasks to have finished",
  one_success: "at least one upstream task to have succeeded",
  one_failed: "at least one upstream task to have failed",
  none_failed: "no upstream task to have failed",
  none_failed_min_one_success:
    "no upstream task to have failed, and at least one to have succeeded",
  always: "nothing",
};

/**
 * Why a task instance is not running, as Airflow's `dependencies` endpoint says: only for
 * one not yet queued (`none` or `scheduled`; any other state is past these checks, and the
 * answer is empty), sorted by name. The checks are the scheduler's own: trigger rule
 * (evaluateRun), the run running and the DAG unpaused (queueScheduledTasks), pool slots,
 * the DAG's maxActiveTasks and a mapped task's maxActive (planQueueing).
 */
export function failedDependencies(s: DependencySnapshot): FailedDependency[] {
  if (s.state !== S.none && s.state !== S.scheduled) return [];
  const failed: FailedDependency[] = [];
  if (s.dagPaused) {
    failed.push({ name: "Dag Not Paused", reason: `Task's DAG '${s.dagId}' is paused.` });
  }
  if (s.runState !== "running") {
    failed.push({
      name: "Dagrun Running",
      reason: `Task instance's dagrun was not in the 'running' state but in the state '${s.runState}'.`,
    });
  }
  if (s.state === S.none) {
    const trigger = triggerRuleFailure(s);
    if (trigger) failed.push(trigger);
  }
  if (s.poolCapacity === null) {
    failed.push({
      name: "Pool Slots Available",
      reason: `Pool '${s.pool}' does not exist: create it (POST /api/v1/pools), then clear the task.`,
    });
  } else if (s.poolCapacity.slots - s.poolCapacity.used < s.poolSlots) {
    failed.push({
      name: "Pool Slots Available",
      reason: `Not scheduling since there are ${s.poolCapacity.slots - s.poolCapacity.used} open slots in pool ${s.pool} and require ${s.poolSlots} pool slots.`,
    });
  }
  if (s.activeTasksOfDag >= s.maxActiveTasks) {
    failed.push({
      name: "Task Instance Slots Available",
      reason: `The maximum number of running tasks (${s.maxActiveTasks}) for this task's DAG '${s.dagId}' has been reached.`,
    });
  }
  const mapLimit = s.task.mapped?.maxActive;
  if (mapLimit !== undefined && s.activeMapIndexes >= mapLimit) {
    failed.push({
      name: "Task Concurrency",
      reason: `The task's maxActiveTisPerDagrun (${mapLimit}) map indexes are queued or running in this run.`,
    });
  }
  return failed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The trigger rule's verdict when it does not let the task be scheduled yet (or ever). */
function triggerRuleFailure(s: DependencySnapshot): FailedDependency | null {
  const upstream = s.task.upstream.flatMap((id) => s.upstreamStates.get(id) ?? [S.removed]);
  if (decide(s.task.triggerRule, upstream) === S.scheduled) return null;
  const count = (state: TaskInstanceState) => upstream.filter((u) => u === state).length;
  const tally = [S.success, S.skipped, S.failed, S.upstreamFailed, S.removed]
    .map((state) => `${state}=${count(state)}`)
    .join(", ");
  return {
    name: "Trigger Rule",
    reason: `Task's trigger rule '${s.task.triggerRule}' requires ${ruleNeeds[s.task.triggerRule]}; upstream states: ${tally} of ${upstream.length}; upstream_task_ids=${s.task.upstream.join(",")}.`,
  };
}
