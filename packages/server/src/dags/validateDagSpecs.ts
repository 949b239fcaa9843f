import { type DagSpec, dagSpecSchema, mapSourceTasks } from "@borda/protocol";
import { type core, z } from "zod";
import { maxMapLength } from "../scheduler/taskMapping.js";
import { toInstant, validateSchedule } from "../scheduler/timetable.js";
import type { EvaluatedDag } from "./evaluateBundle.js";

/**
 * Checks the DAGs one file exported and normalises them into `DagSpec`s: the shape (any
 * SDK copy, or none, may have produced it), the task graph, the schedule and the dates.
 * Each problem names the DAG and task, and says what to change.
 */

export type Validation =
  | { ok: true; dags: DagSpec[] }
  | { ok: false; message: string; line: number | null };

interface Problem {
  message: string;
  line: number | null;
}

/** The spec as the SDK writes it: dates as the user wrote them, read in the DAG's zone here. */
const writtenDagSpecSchema = dagSpecSchema.extend({
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});
type WrittenDagSpec = z.infer<typeof writtenDagSpecSchema>;

/** At most this many shape problems per DAG: the first few say enough. */
const maxShapeProblems = 3;

export function validateDagSpecs(evaluated: readonly EvaluatedDag[]): Validation {
  const problems: Problem[] = [];
  const dags: DagSpec[] = [];
  for (const dag of evaluated) {
    const result = validateDag(dag);
    if (!("dagId" in result)) {
      problems.push(...result);
    } else if (dags.some((other) => other.dagId === result.dagId)) {
      problems.push({
        message: `DAG id '${result.dagId}' is defined twice in this file: DAG ids must be unique; rename one of them.`,
        line: dag.line,
      });
    } else {
      dags.push(result);
    }
  }
  const [first] = problems;
  if (!first) return { ok: true, dags };
  return { ok: false, message: problems.map((p) => p.message).join("\n"), line: first.line };
}

function validateDag(dag: EvaluatedDag): DagSpec | Problem[] {
  const raw = dag.spec as { dagId?: unknown; tasks?: { taskId?: unknown }[] } | null;
  const dagName = typeof raw?.dagId === "string" ? `DAG '${raw.dagId}'` : "A DAG";
  const parsed = writtenDagSpecSchema.safeParse(dag.spec, { reportInput: true });
  if (!parsed.success) {
    return parsed.error.issues.slice(0, maxShapeProblems).map((issue) => {
      const taskIndex = issue.path[0] === "tasks" ? issue.path[1] : undefined;
      const taskId = typeof taskIndex === "number" ? raw?.tasks?.[taskIndex]?.taskId : undefined;
      return {
        message: `${dagName}: ${describeIssue(issue, typeof taskId === "string" ? taskId : undefined)}`,
        line: (typeof taskId === "string" ? dag.taskLines[taskId] : undefined) ?? dag.line,
      };
    });
  }
  const spec = parsed.data;
  const problem = (message: string, taskId?: string): Problem[] => [
    {
      message: `${dagName}: ${message}`,
      line: (taskId === undefined ? undefined : dag.taskLines[taskId]) ?? dag.line,
    },
  ];

  if (spec.assetSchedule && spec.schedule !== null) {
    return problem(
      `it is scheduled both on '${spec.schedule}' and on assets: a DAG runs on a timetable or when its assets are updated, not both.`,
    );
  }
  const scheduleError = validateSchedule(spec.schedule, spec.timezone);
  if (scheduleError !== null) return problem(`${scheduleError}.`);
  if (spec.schedule !== null && spec.startDate === null) {
    return problem(
      `it has schedule '${spec.schedule}' but no startDate: add one (startDate: "2024-01-01"); the first data interval starts there.`,
    );
  }
  const dates = readDates(spec);
  if (typeof dates === "string") return problem(dates);

  const graphProblem = checkTaskGraph(spec);
  if (graphProblem) return problem(graphProblem.message, graphProblem.taskId);

  return dagSpecSchema.parse({ ...spec, ...dates });
}

function describeIssue(issue: core.$ZodIssue, taskId: string | undefined): string {
  const path = (taskId === undefined ? issue.path : issue.path.slice(2)).join(".");
  const where = [taskId === undefined ? "" : `task '${taskId}'`, path].filter(Boolean).join(" ");
  if (issue.code === "invalid_value" && issue.path.at(-1) === "triggerRule") {
    return `${where}: unknown trigger rule ${JSON.stringify(issue.input)}; use one of ${issue.values.join(", ")}.`;
  }
  if (issue.code === "invalid_value") {
    return `${where}: ${JSON.stringify(issue.input)} is not allowed; use one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}.`;
  }
  return `${where || "the spec"}: ${issue.message}.`;
}

/** startDate and endDate as ISO UTC instants, or what is wrong with them. */
function readDates(
  spec: WrittenDagSpec,
): { startDate: string | null; endDate: string | null } | string {
  const read = (value: string | null, name: string) => {
    if (value === null) return null;
    try {
      return toInstant(value, spec.timezone).toISOString();
    } catch (error) {
      return new Error(`${name}: ${error instanceof Error ? error.message : String(error)}.`);
    }
  };
  const startDate = read(spec.startDate, "startDate");
  const endDate = read(spec.endDate, "endDate");
  if (startDate instanceof Error) return startDate.message;
  if (endDate instanceof Error) return endDate.message;
  if (startDate !== null && endDate !== null && endDate < startDate) {
    return `endDate ${endDate} is before startDate ${startDate}; move it after startDate or remove it.`;
  }
  return { startDate, endDate };
}

/** Duplicate ids, dependencies on missing tasks, inputs that are not dependencies, cycles. */
function checkTaskGraph(spec: WrittenDagSpec): { message: string; taskId: string } | null {
  const tasks = new Map<string, WrittenDagSpec["tasks"][number]>();
  for (const task of spec.tasks) {
    if (tasks.has(task.taskId)) {
      return {
        taskId: task.taskId,
        message: `task id '${task.taskId}' is used by more than one task; task ids must be unique within a DAG.`,
      };
    }
    tasks.set(task.taskId, task);
  }
  for (const task of spec.tasks) {
    const unknown = task.upstream.find((id) => !tasks.has(id));
    if (unknown !== undefined) {
      return {
        taskId: task.taskId,
        message: `task '${task.taskId}' depends on '${unknown}', which is not a task of this DAG.`,
      };
    }
    const loose = Object.entries(task.inputs).find(([, id]) => !task.upstream.includes(id));
    if (loose) {
      return {
        taskId: task.taskId,
        message: `input '${loose[0]}' of task '${task.taskId}' reads task '${loose[1]}', which is not among its upstream tasks.`,
      };
    }
    const mapping = task.mapped && invalidMapping(task);
    if (mapping) return { taskId: task.taskId, message: mapping };
  }
  const cycle = findCycle(spec.tasks);
  if (cycle) {
    return {
      taskId: cycle[0] as string,
      message: `its tasks depend on each other in a cycle: ${cycle.join(" → ")}. Remove one of these dependencies (an after() or an input).`,
    };
  }
  return null;
}

/** Why a mapped task's mapping cannot work, or null. */
function invalidMapping(task: WrittenDagSpec["tasks"][number]): string | null {
  const mapping = task.mapped;
  if (!mapping) return null;
  const name = `mapped task '${task.taskId}'`;
  if (task.flow)
    return `${name} cannot also be a ${task.flow.kind} task; map the tasks after it instead.`;
  const loose = mapSourceTasks(mapping).find((id) => !task.upstream.includes(id));
  if (loose !== undefined) {
    return `${name} maps over the result of '${loose}', which is not among its upstream tasks.`;
  }
  const twice = Object.keys(mapping.expand ?? {}).find((arg) => arg in task.inputs);
  if (twice !== undefined) {
    return `${name} receives '${twice}' both as a mapped argument and as an input; give it one of them.`;
  }
  const kwargs = mapping.expandKwargs;
  if (kwargs && "values" in kwargs) {
    const index = kwargs.values.findIndex(
      (item) => typeof item !== "object" || item === null || Array.isArray(item),
    );
    if (index >= 0) {
      return `item ${index} of the expandKwargs list of ${name} is not an object of arguments (name → value).`;
    }
  }
  const literal = Object.values(mapping.expand ?? {}).reduce(
    (count, source) => count * ("values" in source ? source.values.length : 1),
    1,
  );
  if (literal > maxMapLength) {
    return `${name} maps over ${literal} combinations of its literal lists; at most ${maxMapLength} task instances are allowed.`;
  }
  return null;
}

/**
 * A dependency cycle in run order ("a → b → a": b runs after a, a after b), starting at
 * its first declared task; null when the graph is acyclic. Depth-first over upstream edges.
 */
function findCycle(tasks: readonly { taskId: string; upstream: string[] }[]): string[] | null {
  const upstreamOf = new Map(tasks.map((task) => [task.taskId, task.upstream]));
  const order = new Map(tasks.map((task, index) => [task.taskId, index]));
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (taskId: string): string[] | null => {
    if (done.has(taskId)) return null;
    const onPath = path.indexOf(taskId);
    if (onPath >= 0) {
      const cycle = path.slice(onPath).reverse();
      const first = cycle.reduce((a, b) => ((order.get(a) ?? 0) <= (order.get(b) ?? 0) ? a : b));
      const start = cycle.indexOf(first);
      const rotated = [...cycle.slice(start), ...cycle.slice(0, start)];
      return [...rotated, first];
    }
    path.push(taskId);
    for (const upstream of upstreamOf.get(taskId) ?? []) {
      const cycle = visit(upstream);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(taskId);
    return null;
  };
  for (const task of tasks) {
    const cycle = visit(task.taskId);
    if (cycle) return cycle;
  }
  return null;
}
