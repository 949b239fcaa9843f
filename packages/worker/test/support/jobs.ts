import type { Job } from "@borda/protocol";

let sequence = 0;

/** A job as the control plane hands it out: one attempt of `taskId` of DAG `dagId`. */
export function jobFor(
  bundleHash: string,
  dagId: string,
  taskId: string,
  overrides: Partial<Job> & { params?: Record<string, unknown> } = {},
): Job {
  const { params = {}, ...rest } = overrides;
  const tryNumber = rest.tryNumber ?? 1;
  return {
    attemptId: `${taskId}-attempt-${++sequence}`,
    dagId,
    runId: "manual__1",
    taskId,
    mapIndex: -1,
    tryNumber,
    queue: "default",
    pool: "default_pool",
    poolSlots: 1,
    bundleHash,
    kind: taskId.startsWith("bash") ? "bash" : "function",
    isolation: "warm",
    executionTimeoutMs: null,
    context: {
      dagId,
      runId: "manual__1",
      taskId,
      tryNumber,
      logicalDate: "2026-11-21T00:00:00.000Z",
      dataIntervalStart: null,
      dataIntervalEnd: null,
      params,
      conf: {},
      inputs: {},
      upstream: {},
    },
    ...rest,
  };
}
