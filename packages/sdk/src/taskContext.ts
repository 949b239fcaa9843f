/**
 * What a running task receives. The SDK defines the type and builds it from plain data;
 * the worker's runner supplies the data, the log sink and the abort signal.
 */
export interface TaskContext<Params = Record<string, unknown>, Inputs = Record<string, unknown>> {
  readonly dagId: string;
  readonly runId: string;
  readonly taskId: string;
  /** 1 for the first attempt, incremented by each retry. */
  readonly tryNumber: number;
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
  /** Writes a line to the task's log. */
  log(...args: unknown[]): void;
  /** Aborted when the attempt must stop (timeout, kill, lost lease). */
  readonly signal: AbortSignal;
  /** Waits `ms` milliseconds; rejects with the abort reason as soon as `signal` aborts. */
  sleep(ms: number): Promise<void>;
}

/** The plain (JSON) part of a task context, as the runner receives it. Instants are ISO-8601. */
export interface TaskContextData {
  dagId: string;
  runId: string;
  taskId: string;
  tryNumber: number;
  logicalDate: string;
  dataIntervalStart: string | null;
  dataIntervalEnd: string | null;
  params: Record<string, unknown>;
  conf: Record<string, unknown>;
  /** Input name → the upstream result it receives (the runner resolves the task's `inputs`). */
  inputs: Record<string, unknown>;
  upstream: Record<string, unknown>;
}

export interface TaskRuntime {
  log(...args: unknown[]): void;
  signal: AbortSignal;
}

export function createTaskContext(data: TaskContextData, runtime: TaskRuntime): TaskContext {
  const { signal } = runtime;
  return {
    dagId: data.dagId,
    runId: data.runId,
    taskId: data.taskId,
    tryNumber: data.tryNumber,
    logicalDate: new Date(data.logicalDate),
    dataIntervalStart: data.dataIntervalStart === null ? null : new Date(data.dataIntervalStart),
    dataIntervalEnd: data.dataIntervalEnd === null ? null : new Date(data.dataIntervalEnd),
    params: data.params,
    conf: data.conf,
    inputs: data.inputs,
    upstream: data.upstream,
    log: runtime.log,
    signal,
    sleep: (ms) => sleep(ms, signal),
  };
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
