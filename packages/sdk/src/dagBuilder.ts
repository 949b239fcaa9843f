import { conditionJson, isAssetSchedule, outletJson } from "./asset.js";
import {
  type CallbackFunction,
  type ResolvedCallbacks,
  resolveCallbacks,
  runCallbacks,
} from "./callbacks.js";
import { type DagHandle, dagHandleKey, type TaskHandle } from "./dagHandle.js";
import type { DagOptions } from "./dagOptions.js";
import { durationToMs } from "./duration.js";
import type { ParamSpecs } from "./params.js";
import type { SensorSpec } from "./sensor.js";
import type { MapSource, TaskDefaults, TaskFlow, TaskOptions } from "./taskOptions.js";
import type { TaskRef } from "./taskRef.js";

/**
 * Collects the tasks of one DAG while its build function runs, then seals into the DAG's
 * handle. The spec it produces mirrors protocol's `DagSpec`; the DAG processor validates
 * it, so a handle from any SDK copy gets the same checks.
 */

interface TaskSpecJson {
  taskId: string;
  kind: TaskHandle["kind"];
  bashCommand: string | null;
  queue: string;
  pool: string;
  poolSlots: number;
  retries: number;
  retryDelayMs: number;
  retryExponentialBackoff: boolean;
  maxRetryDelayMs: number | null;
  executionTimeoutMs: number | null;
  triggerRule: string;
  priorityWeight: number;
  isolation: string;
  upstream: string[];
  inputs: Record<string, string>;
  runtime?: "python";
  operator?: string;
  python?: { entry: string; callable: string | null; interpreter: string | null };
  flow?: TaskFlow;
  callbacks?: CallbacksJson;
  mapped?: {
    expand?: Record<string, MapSourceJson>;
    expandKwargs?: MapSourceJson;
    maxActive?: number;
  };
  outlets?: ReturnType<typeof outletJson>[];
  sensor?: SensorSpec;
}

type MapSourceJson = { values: unknown[] } | { from: string };

/** A mapped task's sources as declared: upstream tasks or literal lists (`mappedTask()`). */
export interface MapDeclaration {
  expand?: Record<string, MapSource> | undefined;
  expandKwargs?: MapSource | undefined;
  maxActive?: number | undefined;
}

type CallbackEvent = "success" | "failure" | "retry";
const callbackOptions = { success: "onSuccess", failure: "onFailure", retry: "onRetry" } as const;
type CallbacksJson = Partial<
  Record<(typeof callbackOptions)[CallbackEvent], ResolvedCallbacks["spec"]>
>;
/** The functions a task or the DAG declared, by event; the spec says only that they exist. */
type CallbackFunctions = Partial<Record<CallbackEvent, CallbackFunction[]>>;

/** What a task declaration adds to the spec besides the options every task has. */
export type TaskSpecExtras = Pick<
  TaskSpecJson,
  "runtime" | "operator" | "python" | "flow" | "sensor"
>;

interface TaskDeclaration {
  spec: TaskSpecJson;
  handle: TaskHandle;
  declaredAt: Error;
  callbacks: CallbackFunctions;
}

/** The object `dag()` returns: export it from the DAG file. */
export interface Dag {
  readonly dagId: string;
  readonly [dagHandleKey]: DagHandle;
}

const building: DagBuilder[] = [];

/** The DAG whose build function is running; `what` names the caller in the error. */
export function currentDagBuilder(what: string): DagBuilder {
  const builder = building.at(-1);
  if (!builder) {
    throw new Error(
      `${what} was called outside dag(): declare tasks inside the build function, as in dag({ id: "my_dag" }, () => { task(...) }).`,
    );
  }
  return builder;
}

export class DagBuilder {
  readonly dagId: string;
  readonly #options: DagOptions<ParamSpecs>;
  readonly #declaredAt: Error;
  readonly #tasks = new Map<string, TaskDeclaration>();
  readonly #refs = new WeakSet<TaskRef>();
  readonly #dagCallbacks: { spec: CallbacksJson; functions: CallbackFunctions };
  #sealed = false;

  constructor(options: DagOptions<ParamSpecs>, declaredAt: Error) {
    if (typeof options?.id !== "string" || options.id === "") {
      throw new Error('dag() needs an id: dag({ id: "my_dag", ... }, () => { ... }).');
    }
    this.dagId = options.id;
    this.#options = options;
    this.#declaredAt = declaredAt;
    this.#dagCallbacks = collectCallbacks(
      (event) => (event === "retry" ? undefined : options[callbackOptions[event]]),
      `of DAG '${this.dagId}'`,
    );
  }

  /** Runs `build` with this DAG as the target of free `task()`/`bash()` calls, then seals it. */
  build(build: () => unknown): Dag {
    building.push(this);
    let returned: unknown;
    try {
      returned = build();
    } finally {
      building.pop();
    }
    if (typeof (returned as PromiseLike<unknown> | undefined)?.then === "function") {
      throw new Error(
        `The build function of DAG '${this.dagId}' returned a promise: it must declare its tasks synchronously (make it a plain function; tasks themselves may be async).`,
      );
    }
    this.#sealed = true;
    const spec = JSON.stringify(this.#spec());
    const handle: DagHandle = {
      version: 1,
      spec: () => JSON.parse(spec),
      task: (taskId) => this.#tasks.get(taskId)?.handle,
      declarationStack: (taskId) =>
        (taskId === undefined ? this.#declaredAt : this.#tasks.get(taskId)?.declaredAt)?.stack,
      callback: (scope, taskId, event) => {
        const functions =
          scope === "dag"
            ? this.#dagCallbacks.functions[event]
            : this.#tasks.get(taskId)?.callbacks[event];
        return functions && ((ctx) => runCallbacks(functions, ctx));
      },
    };
    return Object.freeze({ dagId: this.dagId, [dagHandleKey]: handle });
  }

  declareTask<Result>(
    options: TaskOptions,
    handle: TaskHandle,
    bashCommand: string | null,
    declaredAt: Error,
    extras: TaskSpecExtras = {},
    mapping?: MapDeclaration,
  ): TaskRef<Result> {
    const taskId = options?.id;
    if (typeof taskId !== "string" || taskId === "") {
      throw new Error(
        `A task of DAG '${this.dagId}' has no id: give it one, as in task({ id: "extract" }, ...).`,
      );
    }
    this.#assertOpen(`task '${taskId}'`);
    if (this.#tasks.has(taskId)) {
      throw new Error(
        `Task id '${taskId}' is declared twice in DAG '${this.dagId}': task ids must be unique within a DAG.`,
      );
    }
    const option = <K extends keyof TaskDefaults>(key: K): TaskDefaults[K] =>
      options[key] !== undefined ? options[key] : this.#options.defaultTaskOptions?.[key];
    const nullableMs = (key: "maxRetryDelay" | "executionTimeout") => {
      const value = option(key);
      return value === undefined || value === null
        ? null
        : durationToMs(value, `${key} of task '${taskId}'`);
    };
    const inputs = Object.entries(options.inputs ?? {});
    const spec: TaskSpecJson = {
      taskId,
      kind: handle.kind,
      bashCommand,
      queue: option("queue") ?? "default",
      pool: option("pool") ?? "default_pool",
      poolSlots: option("poolSlots") ?? 1,
      retries: option("retries") ?? 0,
      retryDelayMs: durationToMs(option("retryDelay") ?? 300, `retryDelay of task '${taskId}'`),
      retryExponentialBackoff: option("retryExponentialBackoff") ?? false,
      maxRetryDelayMs: nullableMs("maxRetryDelay"),
      executionTimeoutMs: nullableMs("executionTimeout"),
      triggerRule: option("triggerRule") ?? "all_success",
      priorityWeight: option("priorityWeight") ?? 1,
      isolation: option("isolation") ?? "warm",
      upstream: [],
      inputs: {},
      ...(options.outlets?.length && {
        outlets: options.outlets.map((outlet) => outletJson(outlet)),
      }),
      ...extras,
    };
    const callbacks = collectCallbacks(
      (event) => option(callbackOptions[event]),
      `of task '${taskId}'`,
    );
    if (Object.keys(callbacks.spec).length > 0) spec.callbacks = callbacks.spec;
    for (const [name, ref] of inputs) {
      spec.inputs[name] = this.#memberId(ref, `input '${name}' of task '${taskId}'`);
    }
    const sources: TaskRef[] = [];
    if (mapping) spec.mapped = this.#mapping(taskId, mapping, sources);
    this.#tasks.set(taskId, { spec, handle, declaredAt, callbacks: callbacks.functions });
    const builder = this;
    const ref: TaskRef<Result> = {
      dagId: this.dagId,
      taskId,
      after(...upstream) {
        builder.#addUpstream(taskId, upstream);
        return this;
      },
    };
    this.#refs.add(ref);
    this.#addUpstream(taskId, [...inputs.map(([, upstream]) => upstream), ...sources]);
    return ref;
  }

  /** The spec's `mapped`; the upstream tasks it maps over are added to `sources`. */
  #mapping(taskId: string, mapping: MapDeclaration, sources: TaskRef[]): TaskSpecJson["mapped"] {
    const source = (value: MapSource, what: string): MapSourceJson => {
      if (Array.isArray(value)) return { values: [...value] };
      const ref = value as TaskRef;
      const from = this.#memberId(ref, what);
      sources.push(ref);
      return { from };
    };
    const { expand, expandKwargs, maxActive } = mapping;
    if ((expand === undefined) === (expandKwargs === undefined)) {
      throw new Error(
        `mapped task '${taskId}' needs exactly one of expand ({ name: list or task }) and expandKwargs (a list of argument objects, or a task returning one).`,
      );
    }
    return {
      ...(expand && {
        expand: Object.fromEntries(
          Object.entries(expand).map(([name, value]) => [
            name,
            source(value, `mapped argument '${name}' of task '${taskId}'`),
          ]),
        ),
      }),
      ...(expandKwargs !== undefined && {
        expandKwargs: source(expandKwargs, `expandKwargs of task '${taskId}'`),
      }),
      ...(maxActive !== undefined && { maxActive }),
    };
  }

  #addUpstream(taskId: string, upstream: readonly TaskRef[]): void {
    this.#assertOpen(`${taskId}.after()`);
    const declared = this.#tasks.get(taskId)?.spec.upstream ?? [];
    for (const ref of upstream) {
      const upstreamId = this.#memberId(ref, `an upstream of task '${taskId}'`);
      if (!declared.includes(upstreamId)) declared.push(upstreamId);
    }
  }

  #memberId(ref: TaskRef, what: string): string {
    if (this.#refs.has(ref)) return ref.taskId;
    if (typeof ref?.dagId === "string" && ref.dagId !== this.dagId) {
      throw new Error(
        `${what} is task '${ref.taskId}' of DAG '${ref.dagId}', not of DAG '${this.dagId}': tasks depend only on tasks of their own DAG.`,
      );
    }
    throw new Error(`${what} is not a task: pass what task() or bash() returned.`);
  }

  #assertOpen(what: string): void {
    if (this.#sealed) {
      throw new Error(
        `${what} was declared after DAG '${this.dagId}' was built: declare tasks and dependencies synchronously inside its build function.`,
      );
    }
  }

  #spec() {
    const options = this.#options;
    return {
      dagId: this.dagId,
      description: options.description ?? null,
      ...this.#schedule(),
      startDate: this.#date(options.startDate, "startDate"),
      endDate: this.#date(options.endDate, "endDate"),
      timezone: options.timezone ?? "UTC",
      catchup: options.catchup ?? false,
      tags: options.tags ?? [],
      params: options.params ?? {},
      maxActiveRuns: options.maxActiveRuns ?? 16,
      maxActiveTasks: options.maxActiveTasks ?? 16,
      tasks: [...this.#tasks.values()].map((task) => task.spec),
      ...(Object.keys(this.#dagCallbacks.spec).length > 0
        ? { callbacks: this.#dagCallbacks.spec }
        : {}),
    };
  }

  /** A timetable (`schedule`), or assets (`assetSchedule`, with no timetable). */
  #schedule() {
    const { schedule } = this.#options;
    if (!isAssetSchedule(schedule)) return { schedule: schedule ?? null };
    return {
      schedule: null,
      assetSchedule: conditionJson(schedule, `The schedule of DAG '${this.dagId}'`),
    };
  }

  /** Dates are kept as written; the processor reads plain dates in the DAG's timezone. */
  #date(value: string | Date | null | undefined, what: string): string | null {
    if (value === undefined || value === null) return null;
    if (!(value instanceof Date)) return value;
    if (Number.isNaN(value.getTime())) {
      throw new Error(`${what} of DAG '${this.dagId}' is an invalid Date.`);
    }
    return value.toISOString();
  }
}

/** The callbacks of each event, as `option` gives them; `what` names their owner in errors. */
function collectCallbacks(
  option: (event: CallbackEvent) => Parameters<typeof resolveCallbacks>[0],
  what: string,
): { spec: CallbacksJson; functions: CallbackFunctions } {
  const spec: CallbacksJson = {};
  const functions: CallbackFunctions = {};
  for (const event of Object.keys(callbackOptions) as CallbackEvent[]) {
    const name = callbackOptions[event];
    const resolved = resolveCallbacks(option(event), `${name} ${what}`);
    if (!resolved) continue;
    spec[name] = resolved.spec;
    if (resolved.functions.length > 0) functions[event] = resolved.functions;
  }
  return { spec, functions };
}
