import { TaskFlowKind, type TaskSpec } from "@borda/protocol";
import { type DagGraph, reachableFrom } from "./dagGraph.js";

/**
 * What a finished branch or short-circuit task's result means for the tasks after it
 * (the spec's `flow`, protocol's dagSpec.ts). Decided from stored facts only, the task's
 * success and its return value (XCom), so every evaluation of the run, on any replica and
 * after any restart, decides the same.
 */

/** How one flow task's result steers a direct downstream task. */
export type Steer =
  /** Run as its trigger rule says. */
  | "follow"
  /** Skipped; trigger rules carry the skip on. */
  | "skip"
  /** Skipped, and so is every task downstream of it, whatever its trigger rule. */
  | "cut";

/**
 * A branch follows the tasks it chose and, as Airflow's does, a direct downstream task
 * that also runs after one of them (a join under both the branch and its chosen path).
 */
export function steer(
  graph: DagGraph,
  task: TaskSpec,
  result: unknown,
  downstreamTaskId: string,
): Steer {
  if (!task.flow) return "follow";
  if (task.flow.kind === TaskFlowKind.branch) {
    const chosen = followed(result);
    const reached = reachableFrom(graph, chosen);
    return reached.has(downstreamTaskId) ? "follow" : "skip";
  }
  if (truthy(result)) return "follow";
  return task.flow.ignoreDownstreamTriggerRules === false ? "skip" : "cut";
}

/**
 * Why a flow task's result cannot be used, or null when it can: a branch must name only
 * its direct downstream tasks, as a task id, a list of them, or nothing.
 */
export function invalidFlowResult(graph: DagGraph, task: TaskSpec, result: unknown): string | null {
  if (task.flow?.kind !== TaskFlowKind.branch) return null;
  const downstream = graph.downstream.get(task.taskId) ?? [];
  const shape =
    result === null ||
    result === undefined ||
    typeof result === "string" ||
    (Array.isArray(result) && result.every((id) => typeof id === "string"));
  if (!shape) {
    return `Branch task '${task.taskId}' returned ${JSON.stringify(result)}; a branch returns the id of a downstream task to follow, a list of them, or nothing (${downstream.join(", ") || "it has none"}).`;
  }
  const unknown = followed(result).filter((id) => !downstream.includes(id));
  if (unknown.length === 0) return null;
  return `Branch task '${task.taskId}' returned ${unknown.map((id) => `'${id}'`).join(", ")}, which ${unknown.length === 1 ? "is not a direct downstream task" : "are not direct downstream tasks"} of it; it can follow ${downstream.map((id) => `'${id}'`).join(", ") || "none: it has no downstream tasks"}.`;
}

function followed(result: unknown): string[] {
  if (typeof result === "string") return [result];
  return Array.isArray(result) ? result.filter((id): id is string => typeof id === "string") : [];
}

/** Python's truthiness, which Airflow's short-circuit uses: [], {}, "", 0 are false too. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object" && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}
