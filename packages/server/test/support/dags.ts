import { createHash } from "node:crypto";
import type { DagSpec, TaskSpec } from "@borda/protocol";
import type { Store } from "../../src/store/index.js";

/** Builds DAG specs for scheduler tests without going through the DAG processor. */

export function taskSpec(taskId: string, overrides: Partial<TaskSpec> = {}): TaskSpec {
  return {
    taskId,
    kind: "function",
    bashCommand: null,
    queue: "default",
    pool: "default_pool",
    poolSlots: 1,
    retries: 0,
    retryDelayMs: 300_000,
    retryExponentialBackoff: false,
    maxRetryDelayMs: null,
    executionTimeoutMs: null,
    triggerRule: "all_success",
    priorityWeight: 1,
    isolation: "warm",
    upstream: [],
    inputs: {},
    ...overrides,
  };
}

export function dagSpec(
  dagId: string,
  tasks: TaskSpec[],
  overrides: Partial<DagSpec> = {},
): DagSpec {
  return {
    dagId,
    description: null,
    schedule: null,
    startDate: "2021-01-01T00:00:00.000Z",
    endDate: null,
    timezone: "UTC",
    catchup: false,
    tags: [],
    params: {},
    maxActiveRuns: 16,
    maxActiveTasks: 16,
    tasks,
    ...overrides,
  };
}

/** A chain a → b → c ... of `length` tasks. */
export function chainTasks(length: number, overrides: Partial<TaskSpec> = {}): TaskSpec[] {
  return Array.from({ length }, (_, i) =>
    taskSpec(`t${String(i).padStart(2, "0")}`, {
      ...overrides,
      upstream: i === 0 ? [] : [`t${String(i - 1).padStart(2, "0")}`],
    }),
  );
}

/** Records the DAGs as one parsed file and unpauses them, as the processor and a user would. */
export async function deployDags(
  store: Store,
  dags: DagSpec[],
  at = new Date("2026-01-01T00:00:00Z"),
) {
  const content = new TextEncoder().encode(JSON.stringify(dags));
  const hash = createHash("sha256").update(content).digest("hex");
  await store.recordParsedFile(
    {
      fileloc: `${dags[0]?.dagId ?? "empty"}.ts`,
      origin: "folder",
      source: "// test DAG",
      bundle: { hash, content },
      dags,
    },
    at,
  );
  for (const dag of dags) await store.setDagPaused(dag.dagId, false, at);
}
