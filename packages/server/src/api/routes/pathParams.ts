import { BordaError, ErrorCode, maxStoredInt } from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import { z } from "zod";
import {
  type DagRecord,
  type DagRunRecord,
  defaultTeam,
  type TaskInstanceView,
} from "../../store/index.js";
import type { ApiContext } from "../apiContext.js";
import { requireTeamAccess } from "../teamAccess.js";

/**
 * The path parameters of the DAG, DAG run and task instance routes, and the lookups that
 * turn them into records or answer 404 saying what was not found. Where Airflow allows
 * it, `~` in a path stands for "every DAG" or "every run" (see `unlessAll`).
 */

export const dagParams = z.object({ dag_id: z.string().min(1).max(250) });
export const runParams = dagParams.extend({ dag_run_id: z.string().min(1).max(250) });
export const taskParams = runParams.extend({ task_id: z.string().min(1).max(250) });
export const mappedTaskParams = taskParams.extend({
  map_index: z.coerce.number().int().min(0).max(maxStoredInt),
});

/** The map index a task instance path names: -1, the unmapped task's, when it names none. */
export const mapIndexOf = (params: { task_id: string; map_index?: number | undefined }) =>
  params.map_index ?? -1;

/** The task instance a path names (either of `taskInstancePaths`); see `requireTaskInstance`. */
export const taskInstanceAt = (
  api: ApiContext,
  request: FastifyRequest,
  params: { dag_id: string; dag_run_id: string; task_id: string; map_index?: number | undefined },
) =>
  requireTaskInstance(
    api,
    request,
    params.dag_id,
    params.dag_run_id,
    params.task_id,
    mapIndexOf(params),
  );

/**
 * The two paths of a task instance's own routes: the task's, and one map index's of a
 * mapped task (Airflow's `..._mapped_...` operations, `mapped` in their ids).
 */
export const taskInstancePaths = [
  {
    path: "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id",
    params: taskParams,
    mapped: "",
  },
  {
    path: "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/:map_index",
    params: mappedTaskParams,
    mapped: "mapped_",
  },
] as const;

/** Airflow's `~` path wildcard: undefined (no filter) for `~`, else the value. */
export const unlessAll = (value: string): string | undefined => (value === "~" ? undefined : value);

/**
 * The DAG, if the caller may have it (teamAccess.ts): another team's DAG is as missing
 * as one that never existed.
 */
export async function requireDag(
  api: ApiContext,
  request: FastifyRequest,
  dagId: string,
): Promise<DagRecord> {
  const missing = () => new BordaError(ErrorCode.notFound, `DAG '${dagId}' not found.`);
  const dag = await api.store.getDag(dagId);
  if (!dag) throw missing();
  await requireTeamAccess(api, request, dag.team, missing);
  return dag;
}

/** The run, if the caller may have its DAG (see `requireDag`). */
export async function requireRun(
  api: ApiContext,
  request: FastifyRequest,
  dagId: string,
  runId: string,
): Promise<DagRunRecord> {
  const missing = () =>
    new BordaError(
      ErrorCode.notFound,
      `DAG run '${runId}' of DAG '${dagId}' not found; GET /dags/${dagId}/dagRuns lists its runs.`,
    );
  const run = await api.store.getDagRun(dagId, runId);
  if (!run) throw missing();
  await requireTeamAccess(api, request, (await api.store.teamOfDag(dagId)) ?? defaultTeam, missing);
  return run;
}

/**
 * One task instance: the task's in the run, or with `mapIndex` one of a mapped task's.
 * A mapped task asked for without its map index (as Airflow's paths without one do) is a
 * 404 that says how to name one.
 */
export async function requireTaskInstance(
  api: ApiContext,
  request: FastifyRequest,
  dagId: string,
  runId: string,
  taskId: string,
  mapIndex = -1,
): Promise<TaskInstanceView> {
  const run = await requireRun(api, request, dagId, runId);
  const find = (mapIndexes?: number[]) =>
    api.store.findTaskInstances(
      { dagIds: [dagId], runIds: [run.runId], taskIds: [taskId], mapIndexes },
      { orderBy: "task_id", descending: false, limit: 1, offset: 0 },
    );
  const [ti] = (await find([mapIndex])).items;
  if (ti) return ti;
  const tasks = `GET /dags/${dagId}/dagRuns/${runId}/taskInstances`;
  if ((await find()).total === 0) {
    throw new BordaError(
      ErrorCode.notFound,
      `Task '${taskId}' not found in run '${runId}' of DAG '${dagId}'; ${tasks} lists its task instances.`,
    );
  }
  const listMapped = `${tasks}/${taskId}/listMapped`;
  throw new BordaError(
    ErrorCode.notFound,
    mapIndex < 0
      ? `Task '${taskId}' of run '${runId}' is mapped: add the map index to the path (${tasks}/${taskId}/{map_index}); ${listMapped} lists them.`
      : `Task '${taskId}' of run '${runId}' has no map index ${mapIndex}; ${listMapped} lists them.`,
  );
}
