/**
 * What a running task receives. The SDK defines the type and builds it from plain data;
 * the worker's runner supplies the data, the log sink, the abort signal and the way to
 * ask the worker for connections and variables.
 */
export interface TaskContext<Params = Record<string, unknown>, Inputs = Record<string, unknown>> {
  readonly dagId: string;
  readonly runId: string;
  readonly taskId: string;
  /** 1 for the first attempt, incremented by each retry. */
  readonly tryNumber: number;
  /** Which of a mapped task's instances this is (0..N-1); -1 for a task that is not mapped. */
  readonly mapIndex: number;
  readonly logicalDate: Date;
  /** The run's data interval; null for a manual run of an unscheduled DAG. */
  readonly dataIntervalStart: Date | null;
  readonly dataIntervalEnd: Date | null;
  /** The DAG's params: defaults overridden by the run's conf. */
  readonly params: Params;
  /** The run's conf as given when it was triggered. */
  readonly conf: Record<string, unknown>;
  /** The results of the tasks named in the task's `inputs`. */
  readonly inputs: Inputs;
  /** The results of every direct upstream task, by task id. */
  readonly upstream: Record<string, unknown>;
  /**
   * In a run its assets triggered, the events that did, by asset URI, oldest first
   * (Airflow's `triggering_asset_events`); empty in any other run.
   */
  readonly triggeringAssetEvents: Record<string, TriggeringAssetEvent[]>;
  /** Writes a line to the task's log. */
  log(...args: unknown[]): void;
  /** Aborted when the attempt must stop (timeout, kill, lost lease). */
  readonly signal: AbortSignal;
  /** Waits `ms` milliseconds; rejects with the abort reason as soon as `signal` aborts. */
  sleep(ms: number): Promise<void>;
  /**
   * Connection `id` (Airflow's `BaseHook.get_connection`), password included: from the
   * worker's environment (`AIRFLOW_CONN_<ID>`), its `--secrets-dir`, else the control
   * plane, which gives it only to tasks on the queues in its scope. Its password and
   * sensitive extra fields are masked (`***`) in this attempt's log from then on. Rejects
   * when it is defined nowhere (the error names the places looked at) or refused (the
   * control plane's reason).
   */
  connection(id: string): Promise<Connection>;
  /**
   * Variable `key`'s value (Airflow's `Variable.get`), looked for as a connection is
   * (`AIRFLOW_VAR_<KEY>`, ...). Defined nowhere, it is `options.default` when given, else
   * the call rejects with an error naming the places looked at. With `json: true`, the
   * value is parsed as JSON (a default is returned as it is). A variable whose key looks
   * sensitive (`api_token`, `db_password`, ...) is masked in this attempt's log.
   */
  variable<Default = never>(
    key: string,
    options?: VariableOptions<Default> & { json?: false },
  ): Promise<string | Default>;
  variable<Value = unknown, Default = never>(
    key: string,
    options: VariableOptions<Default> & { json: true },
  ): Promise<Value | Default>;
  /**
   * The state of another DAG's run (or, with `taskId`, of one of its task instances) at
   * `logicalDate` (default this run's), as the control plane knows it now: `"success"`,
   * `"running"`, ... or null when there is no such run or task instance. What an
   * external-task sensor pokes (Airflow's `ExternalTaskSensor`). A state only: nothing
   * else of the other DAG is readable from a task.
   */
  dagState(
    dagId: string,
    options?: { taskId?: string | null; logicalDate?: Date | string },
  ): Promise<string | null>;
}

/** A connection as a task receives it (Airflow's `Connection`). */
export interface Connection {
  /** The connection id. */
  readonly id: string;
  /** The connection type (`postgres`, `http`, ...). */
  readonly type: string;
  readonly description: string | null;
  readonly host: string | null;
  readonly port: number | null;
  readonly login: string | null;
  readonly password: string | null;
  /** The schema, or database, part (Airflow's name for it). */
  readonly schema: string | null;
  /** The extra fields, parsed; `{}` when there are none (Airflow's `extra_dejson`). */
  readonly extra: Record<string, unknown>;
  /** The connection as a URI, `type://login:password@host:port/schema?extra` (Airflow's `get_uri()`). */
  readonly uri: string;
}

/** How `ctx.variable()` reads a variable. */
export interface VariableOptions<Default> {
  /** The answer when the variable is defined nowhere (not when it is refused). */
  default?: Default;
  /** Parse the value as JSON (Airflow's `deserialize_json`). */
  json?: boolean;
}

/** An asset event that triggered the run. */
export interface TriggeringAssetEvent {
  readonly uri: string;
  readonly extra: Record<string, unknown>;
  /** The task instance whose success raised it; null for an event raised from outside. */
  readonly sourceDagId: string | null;
  readonly sourceRunId: string | null;
  readonly sourceTaskId: string | null;
  readonly sourceMapIndex: number | null;
  readonly timestamp: Date;
}

/** The plain (JSON) part of a task context, as the runner receives it. Instants are ISO-8601. */
export interface TaskContextData {
  dagId: string;
  runId: string;
  taskId: string;
  tryNumber: number;
  /** Absent: -1, not mapped. */
  mapIndex?: number;
  logicalDate: string;
  dataIntervalStart: string | null;
  dataIntervalEnd: string | null;
  params: Record<string, unknown>;
  conf: Record<string, unknown>;
  /** Input name → the upstream result it receives (the runner resolves the task's `inputs`). */
  inputs: Record<string, unknown>;
  upstream: Record<string, unknown>;
  /** By asset URI; instants as ISO-8601. Absent: none. */
  triggeringAssetEvents?: Record<
    string,
    (Omit<TriggeringAssetEvent, "timestamp"> & { timestamp: string })[]
  >;
}

/** What the process that runs a task (the worker's runner) gives its context. */
export interface TaskRuntime {
  /** Writes a line to the task's log. */
  log(...args: unknown[]): void;
  /** Aborted when the attempt must stop. */
  signal: AbortSignal;
  /**
   * Asks the worker for a connection. Rejects with an Error whose message says why there
   * is none, and whose `code` is `"not_found"` when it is defined nowhere.
   */
  connection(id: string): Promise<Connection>;
  /** Asks the worker for a variable's value; rejects as `connection()` does. */
  variable(key: string): Promise<string>;
  /** Asks the worker for another DAG's run or task state (an ISO-8601 logical date). */
  dagState(request: {
    dagId: string;
    taskId: string | null;
    logicalDate: string;
  }): Promise<string | null>;
}

export function createTaskContext(data: TaskContextData, runtime: TaskRuntime): TaskContext {
  const { signal } = runtime;
  return {
    dagId: data.dagId,
    runId: data.runId,
    taskId: data.taskId,
    tryNumber: data.tryNumber,
    mapIndex: data.mapIndex ?? -1,
    logicalDate: new Date(data.logicalDate),
    dataIntervalStart: data.dataIntervalStart === null ? null : new Date(data.dataIntervalStart),
    dataIntervalEnd: data.dataIntervalEnd === null ? null : new Date(data.dataIntervalEnd),
    params: data.params,
    conf: data.conf,
    inputs: data.inputs,
    upstream: data.upstream,
    triggeringAssetEvents: Object.fromEntries(
      Object.entries(data.triggeringAssetEvents ?? {}).map(([uri, events]) => [
        uri,
        events.map((event) => ({ ...event, timestamp: new Date(event.timestamp) })),
      ]),
    ),
    log: runtime.log,
    signal,
    sleep: (ms) => sleep(ms, signal),
    connection: (id) => runtime.connection(id),
    variable: (key: string, options: VariableOptions<unknown> = {}) =>
      readVariable(runtime, key, options),
    dagState: (dagId, options = {}) =>
      runtime.dagState({
        dagId,
        taskId: options.taskId ?? null,
        logicalDate: new Date(options.logicalDate ?? data.logicalDate).toISOString(),
      }),
  };
}

async function readVariable(
  runtime: TaskRuntime,
  key: string,
  options: VariableOptions<unknown>,
): Promise<unknown> {
  let value: string;
  try {
    value = await runtime.variable(key);
  } catch (error) {
    if ("default" in options && (error as { code?: unknown }).code === "not_found") {
      return options.default;
    }
    throw error;
  }
  if (!options.json) return value;
  try {
    return JSON.parse(value);
  } catch (error) {
    // Only the position: the parser's message quotes the value, which may be a secret.
    const at = /at position (\d+)/.exec((error as Error).message)?.[1];
    throw new Error(
      `Variable '${key}' is not valid JSON${at === undefined ? "" : ` (at character ${Number(at) + 1})`}; read it without { json: true } to get the text.`,
    );
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
