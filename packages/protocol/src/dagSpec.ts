import { z } from "zod";
import { dagCallbacksSchema, taskCallbacksSchema } from "./callbacks.js";
import { sensorSchema } from "./sensors.js";
import {
  Isolation,
  maxPythonCallableChars,
  maxPythonPathChars,
  TaskKind,
  TaskRuntime,
} from "./taskTerms.js";

/**
 * The serialized structure of a DAG: what the DAG processor extracts from a bundle and
 * stores as a DAG version, and what the scheduler plans from. Functions never appear
 * here; they stay in the bundle, which workers load to run a task.
 *
 * Durations are integer milliseconds; instants are ISO-8601 UTC strings.
 */

export const TriggerRule = {
  allSuccess: "all_success",
  allFailed: "all_failed",
  allDone: "all_done",
  oneSuccess: "one_success",
  oneFailed: "one_failed",
  noneFailed: "none_failed",
  noneFailedMinOneSuccess: "none_failed_min_one_success",
  always: "always",
} as const;
export type TriggerRule = (typeof TriggerRule)[keyof typeof TriggerRule];
export const triggerRules = Object.values(TriggerRule) as [TriggerRule, ...TriggerRule[]];

/**
 * Where a Python task's code is. A Python or Airflow-style DAG file declares its tasks
 * itself (`callable` null: the worker imports `entry` and finds the task by DAG and task
 * id); a TypeScript DAG's `python()` task names a function in a file beside it.
 */
export const pythonTaskSchema = z.object({
  /** The Python file to import, relative to the bundle's root (the DAGs folder). */
  entry: z.string().min(1).max(maxPythonPathChars),
  /** A function of `entry` to call with the context; null: the task `entry` declares. */
  callable: z.string().max(maxPythonCallableChars).nullable(),
  /** The interpreter the worker runs it with; absent or null: the worker's (--python). */
  interpreter: z.string().max(maxPythonPathChars).nullable().optional(),
  /**
   * sha256 of the zip bundle holding `entry` and the files it imports, when it is not the
   * DAG version's own bundle (a TypeScript DAG's Python task); absent: the version's.
   */
  bundleHash: z.string().nullable().optional(),
});
export type PythonTask = z.infer<typeof pythonTaskSchema>;

/**
 * How a task's result steers the tasks after it (Airflow's branching and short-circuit
 * operators). A `branch` task returns the ids of the direct downstream tasks to follow (a
 * string, a list, or null/empty for none): the others are skipped, and trigger rules
 * carry the skips on. A `short_circuit` task that returns a falsy value (null, false, 0,
 * "", [], {}: Python's truthiness) skips every task downstream of it, whatever their
 * trigger rules; with `ignoreDownstreamTriggerRules: false` it skips only its direct
 * downstream tasks and trigger rules decide the rest.
 */
export const TaskFlowKind = { branch: "branch", shortCircuit: "short_circuit" } as const;
export type TaskFlowKind = (typeof TaskFlowKind)[keyof typeof TaskFlowKind];

export const taskFlowSchema = z.object({
  kind: z.enum([TaskFlowKind.branch, TaskFlowKind.shortCircuit]),
  /** short_circuit only; absent: true. */
  ignoreDownstreamTriggerRules: z.boolean().optional(),
});
export type TaskFlow = z.infer<typeof taskFlowSchema>;

export const idPattern = /^[A-Za-z0-9_.-]{1,250}$/;
const identifier = z
  .string()
  .regex(idPattern, "use letters, digits, '_', '.' or '-' (at most 250 characters)");

/**
 * Where a mapped task's list comes from: literal values written in the DAG, or the result
 * of an upstream task (a list; a mapping's entries as [key, value] pairs; a mapped
 * task's results in map_index order).
 */
export const mapSourceSchema = z.union([
  z.object({ values: z.array(z.unknown()) }).strict(),
  z.object({ from: identifier }).strict(),
]);
export type MapSource = z.infer<typeof mapSourceSchema>;

/**
 * Dynamic task mapping (Airflow's `expand`): at run time the task becomes one task
 * instance per item, `map_index` 0..N-1, each with its own tries, logs and XCom, and
 * each receiving its item in `inputs`. `expand` maps arguments over the cross product of
 * their lists (declaration order, the last varying fastest, as `itertools.product`);
 * `expandKwargs` maps over a list of argument objects, one task instance each. An empty
 * list skips the task. Downstream tasks receive the results as one list.
 */
export const taskMappingSchema = z
  .object({
    expand: z.record(z.string().min(1).max(250), mapSourceSchema).optional(),
    expandKwargs: mapSourceSchema.optional(),
    /** How many of its map indexes may run at once in one run (Airflow's max_active_tis_per_dagrun). */
    maxActive: z.number().int().positive().optional(),
  })
  .refine((m) => (m.expand === undefined) !== (m.expandKwargs === undefined), {
    message: "a mapped task needs exactly one of expand and expandKwargs",
  })
  .refine((m) => m.expand === undefined || Object.keys(m.expand).length > 0, {
    message: "expand needs at least one argument",
  });
export type TaskMapping = z.infer<typeof taskMappingSchema>;

/** Upstream task ids whose results a mapping reads. */
export function mapSourceTasks(mapping: TaskMapping): string[] {
  const sources = mapping.expand ? Object.values(mapping.expand) : [mapping.expandKwargs];
  return sources.flatMap((source) => (source && "from" in source ? [source.from] : []));
}

export const paramTypes = ["string", "number", "integer", "boolean", "object", "array"] as const;
export type ParamType = (typeof paramTypes)[number];

/** A DAG param, a subset of JSON Schema (what Airflow's `Param` accepts, and what a form can render). */
export const paramSpecSchema = z.object({
  type: z.enum(paramTypes),
  default: z.unknown().optional(),
  description: z.string().optional(),
  enum: z.array(z.unknown()).optional(),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  minLength: z.number().int().nonnegative().optional(),
  maxLength: z.number().int().nonnegative().optional(),
});
export type ParamSpec = z.infer<typeof paramSpecSchema>;

const millis = z.number().int().nonnegative();

/**
 * An asset's (Airflow 2: dataset's) URI, checked as Airflow checks it: not empty nor
 * blank, ASCII only, at most 3000 characters, and not in the `airflow` scheme, which
 * Airflow keeps for itself.
 */
export const assetUriSchema = z
  .string()
  .min(1, "an asset URI cannot be empty")
  .max(3000, "an asset URI has at most 3000 characters")
  .refine((uri) => uri.trim().length > 0, "an asset URI cannot be just whitespace")
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ASCII is the whole range.
  .refine((uri) => /^[\x00-\x7f]*$/.test(uri), "an asset URI must consist of ASCII characters only")
  .refine(
    (uri) => !/^airflow:/i.test(uri),
    "the 'airflow' URI scheme is reserved: use another scheme (s3://, file://, ...)",
  );

/** An asset a task updates when it succeeds (Airflow's outlet). */
export const assetRefSchema = z.object({
  uri: assetUriSchema,
  /** Absent: the URI. */
  name: z.string().min(1).max(1500).optional(),
  /** Free JSON the asset carries (Airflow's `extra`). */
  extra: z.record(z.string(), z.unknown()).optional(),
});
export type AssetRef = z.infer<typeof assetRefSchema>;

/**
 * When an asset-scheduled DAG runs: once every asset named by `asset` has received an
 * event since its last asset-triggered run, combined with `all` (Airflow's `&`, and a
 * list) and `any` (`|`).
 */
export type AssetCondition =
  | { asset: string }
  | { all: AssetCondition[] }
  | { any: AssetCondition[] };
export const assetConditionSchema: z.ZodType<AssetCondition> = z.lazy(() =>
  z.union([
    z.strictObject({ asset: assetUriSchema }),
    z.strictObject({ all: z.array(assetConditionSchema).min(1) }),
    z.strictObject({ any: z.array(assetConditionSchema).min(1) }),
  ]),
);

export const taskSpecSchema = z.object({
  taskId: identifier,
  kind: z.enum([TaskKind.function, TaskKind.bash]),
  /** The shell command of a bash task, when it is a fixed string (null when computed at run time). */
  bashCommand: z.string().nullable(),
  queue: identifier,
  pool: identifier,
  poolSlots: z.number().int().positive(),
  retries: z.number().int().nonnegative(),
  retryDelayMs: millis,
  retryExponentialBackoff: z.boolean(),
  maxRetryDelayMs: millis.nullable(),
  executionTimeoutMs: z.number().int().positive().nullable(),
  triggerRule: z.enum(triggerRules),
  priorityWeight: z.number().int(),
  isolation: z.enum([Isolation.warm, Isolation.process]),
  /** Direct upstream task ids: explicit dependencies and data inputs together. */
  upstream: z.array(identifier),
  /** Data inputs: argument name → the upstream task whose result (XCom) it receives. */
  inputs: z.record(z.string(), identifier),
  /** Absent: `node`. */
  runtime: z.enum([TaskRuntime.node, TaskRuntime.python]).optional(),
  /** Where a Python task's code is (runtime `python`). */
  python: pythonTaskSchema.optional(),
  /** Absent: the task's result does not steer its downstream tasks. */
  flow: taskFlowSchema.optional(),
  /** Absent: one task instance (map_index -1). */
  mapped: taskMappingSchema.optional(),
  /** Absent: not a sensor. A sensor's result is a poke's (sensors.ts). */
  sensor: sensorSchema.optional(),
  /** What declared the task, as shown to people: `bash`, `@task`, `PythonOperator`, ... Absent: the kind. */
  operator: z.string().min(1).max(100).optional(),
  /** What the task's success, failure and retry fire (docs/notifications.md). Absent: nothing. */
  callbacks: taskCallbacksSchema.optional(),
  /** Assets that get an event when the task succeeds (Airflow's outlets). */
  outlets: z.array(assetRefSchema).optional(),
});
export type TaskSpec = z.infer<typeof taskSpecSchema>;

export const dagSpecSchema = z.object({
  dagId: identifier,
  description: z.string().nullable(),
  /** A cron expression, a preset (`@daily`, `@once`, ...), or null for manual runs only. */
  schedule: z.string().nullable(),
  /** Data-aware scheduling: runs when assets are updated (`schedule` is then null). */
  assetSchedule: assetConditionSchema.optional(),
  /** ISO-8601 UTC instant. */
  startDate: z.iso.datetime().nullable(),
  endDate: z.iso.datetime().nullable(),
  /** IANA time zone in which the schedule's wall-clock times are read. */
  timezone: z.string(),
  catchup: z.boolean(),
  tags: z.array(z.string()),
  params: z.record(z.string(), paramSpecSchema),
  maxActiveRuns: z.number().int().positive(),
  maxActiveTasks: z.number().int().positive(),
  tasks: z.array(taskSpecSchema).min(1, "a DAG needs at least one task"),
  /** What a run's success or failure fires (docs/notifications.md). Absent: nothing. */
  callbacks: dagCallbacksSchema.optional(),
});
export type DagSpec = z.infer<typeof dagSpecSchema>;

/** Every asset URI a condition names, each once, in order of first mention. */
export function assetUrisOf(condition: AssetCondition): string[] {
  if ("asset" in condition) return [condition.asset];
  const parts = "all" in condition ? condition.all : condition.any;
  return [...new Set(parts.flatMap(assetUrisOf))];
}

/** Whether the assets with an event (`updated`, by URI) satisfy `condition`. */
export function assetConditionMet(
  condition: AssetCondition,
  updated: ReadonlySet<string>,
): boolean {
  if ("asset" in condition) return updated.has(condition.asset);
  if ("all" in condition) return condition.all.every((part) => assetConditionMet(part, updated));
  return condition.any.some((part) => assetConditionMet(part, updated));
}

// Specs are immutable once parsed (DAG versions never change), so each one's index by
// task id is built once. A run of 10,000 tasks looked each task up by scanning the list,
// 512 candidates at a time, on every attempt's end.
const taskIndexes = new WeakMap<DagSpec, Map<string, TaskSpec>>();

/** The task `taskId` of `spec`, found through an index built once per spec. */
export function findTask(spec: DagSpec, taskId: string): TaskSpec | undefined {
  let index = taskIndexes.get(spec);
  if (!index) {
    index = new Map(spec.tasks.map((task) => [task.taskId, task]));
    taskIndexes.set(spec, index);
  }
  return index.get(taskId);
}
