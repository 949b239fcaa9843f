import { BordaError, ErrorCode } from "@borda/protocol";
import { z } from "zod";
import type { DagRecord, DagRunRecord, TaskInstanceView } from "../../store/index.js";
import type { ApiContext } from "../apiContext.js";

/**
 * The path parameters of the DAG, DAG run and task instance routes, and the lookups that
 * turn them into records or answer 404 saying what was not found. Where Airflow allows
 * it, `~` in a path stands for "every DAG" or "every run" (see `unlessAll`).
 */

export const dagParams = z.object({ dag_id: z.string().min(1).max(250) });
export const runParams = dagParams.extend({ dag_run_id: z.string().min(1).max(250) });
export const taskParams = runParams.extend({ task_id: z.string().min(1).max(250) });

/** Airflow's `~` path wildcard: undefined (no filter) for `~`, else the value. */
export const unlessAll = (value: string): string | undefined => (value === "~" ? undefined : value);

export async function requireDag(api: ApiContext, dagId: string): Promise<DagRecord> {
  const dag = await api.store.getDag(dagId);
  if (!dag) throw new BordaError(ErrorCode.notFound, `DAG '${dagId}' not found.`);
  return dag;
}

export async function requireRun(
  api: ApiContext,
  dagId: string,
  runId: string,
): Promise<DagRunRecord> {
  const run = await api.store.getDagRun(dagId, runId);
  if (!run) {
    throw new BordaError(
      ErrorCode.notFound,
      `DAG run '${runId}' of DAG '${dagId}' not found; GET /dags/${dagId}/dagRuns lists its runs.`,
    );
  }
  return run;
}

export async function requireTaskInstance(
  api: ApiContext,
  dagId: string,
  runId: string,
  taskId: string,
): Promise<TaskInstanceView> {
  const run = await requireRun(api, dagId, runId);
  const {
    items: [ti],
  } = await api.store.findTaskInstances(
    { dagIds: [dagId], runIds: [run.runId], taskIds: [taskId] },
    { orderBy: "task_id", descending: false, limit: 1, offset: 0 },
  );
  if (!ti) {
    throw new BordaError(
      ErrorCode.notFound,
      `Task '${taskId}' not found in run '${runId}' of DAG '${dagId}'; GET /dags/${dagId}/dagRuns/${runId}/taskInstances lists its task instances.`,
    );
  }
  return ti;
}
