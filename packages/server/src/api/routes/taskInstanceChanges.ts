import {
  BordaError,
  clearTaskInstancesSchema,
  ErrorCode,
  setNoteSchema,
  TaskInstanceState,
  taskInstanceReferenceCollectionSchema,
  taskInstanceReferenceSchema,
  taskInstanceSchema,
  updateTaskInstanceSchema,
  updateTaskInstancesStateSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import type { DagRunRecord } from "../../store/index.js";
import { type ApiContext, authorize } from "../apiContext.js";
import {
  dagParams,
  mapIndexOf,
  requireDag,
  requireRun,
  requireTaskInstance,
  taskInstancePaths,
} from "./pathParams.js";
import { toApiTaskInstance } from "./taskInstances.js";

/**
 * What people do to task instances: mark them success, failed or skipped, clear them to
 * run again, write notes on them. Every change goes through the scheduler, which
 * supersedes attempts in flight and moves the run on; the routes only choose the runs
 * and tasks a request means. Changes need the User role.
 */

const reference = (run: DagRunRecord, taskId: string) => ({
  task_id: taskId,
  dag_id: run.dagId,
  execution_date: run.logicalDate.toISOString(),
  dag_run_id: run.runId,
});

/**
 * The runs a request covers: `run` itself, with Airflow's include_past / include_future
 * every run of its DAG before or after it by logical date.
 */
async function runsAround(
  api: ApiContext,
  run: DagRunRecord,
  options: { past: boolean; future: boolean },
): Promise<DagRunRecord[]> {
  if (!options.past && !options.future) return [run];
  const at = run.logicalDate.getTime();
  return (await api.store.listDagRuns({ dagId: run.dagId })).filter((r) => {
    const t = r.logicalDate.getTime();
    return r.id === run.id || (options.past && t < at) || (options.future && t > at);
  });
}

/**
 * Which of `taskIds` a run other than the one named has: a run of an older version of the
 * DAG may lack a task, and Airflow then simply finds no task instance there.
 */
async function tasksOfRun(
  api: ApiContext,
  run: DagRunRecord,
  taskIds: readonly string[] | null,
): Promise<string[] | null> {
  if (taskIds === null) return null;
  const spec = (await api.store.getDagVersion(run.dagVersionId))?.spec;
  return taskIds.filter((id) => spec?.tasks.some((t) => t.taskId === id));
}

export function taskInstanceChangeRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    for (const { path, params, mapped } of taskInstancePaths) {
      /**
       * Marks one task instance (or one map index of a mapped task). A dry run (Airflow's
       * default) answers the instance and changes nothing.
       */
      app.patch(
        path,
        {
          schema: {
            tags: ["TaskInstance"],
            operationId: `patch_${mapped}task_instance`,
            params,
            body: updateTaskInstanceSchema,
            response: { 200: taskInstanceReferenceSchema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.user);
          const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
          const mapIndex = mapIndexOf(request.params);
          const ti = await requireTaskInstance(api, request, dagId, runId, taskId, mapIndex);
          if (!request.body.dry_run) {
            await api.scheduler.changes.markTaskInstances(
              dagId,
              runId,
              [taskId],
              request.body.new_state,
              {
                mapIndexes: [ti.mapIndex],
              },
            );
          }
          return reference(await requireRun(api, request, dagId, runId), taskId);
        },
      );

      app.patch(
        `${path}/setNote`,
        {
          schema: {
            tags: ["TaskInstance"],
            operationId: `set_${mapped}task_instance_note`,
            params,
            body: setNoteSchema,
            response: { 200: taskInstanceSchema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.user);
          const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
          const mapIndex = mapIndexOf(request.params);
          const ti = await requireTaskInstance(api, request, dagId, runId, taskId, mapIndex);
          await api.store.setTaskInstanceNote(
            ti.dagRunId,
            taskId,
            ti.mapIndex,
            request.body.note,
            new Date(),
          );
          return toApiTaskInstance(
            await requireTaskInstance(api, request, dagId, runId, taskId, mapIndex),
          );
        },
      );
    }

    /**
     * Marks a task (with its relatives, in this run and, when asked, earlier or later
     * ones) success, failed or skipped. Answers the instances that change; a dry run
     * (Airflow's default) changes none.
     */
    app.post(
      "/dags/:dag_id/updateTaskInstancesState",
      {
        schema: {
          tags: ["DAG"],
          operationId: "post_set_task_instances_state",
          params: dagParams,
          body: updateTaskInstancesStateSchema,
          response: { 200: taskInstanceReferenceCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const body = request.body;
        const dagId = request.params.dag_id;
        if ((body.dag_run_id === undefined) === (body.execution_date === undefined)) {
          throw new BordaError(
            ErrorCode.invalidInput,
            "Name the run with dag_run_id or with execution_date (its logical date): one of them, not both.",
          );
        }
        const run = await runOf(api, request, dagId, body);
        const references = [];
        for (const r of await runsAround(api, run, {
          past: body.include_past,
          future: body.include_future,
        })) {
          const taskIds =
            r.id === run.id ? [body.task_id] : ((await tasksOfRun(api, r, [body.task_id])) ?? []);
          if (taskIds.length === 0) continue;
          const marked = await api.scheduler.changes.markTaskInstances(
            dagId,
            r.runId,
            taskIds,
            body.new_state,
            {
              upstream: body.include_upstream,
              downstream: body.include_downstream,
              dryRun: body.dry_run,
            },
          );
          references.push(...marked.map((ti) => reference(r, ti.taskId)));
        }
        return { task_instances: references };
      },
    );

    /**
     * Clears task instances so they run again: of one run (dag_run_id, with earlier or
     * later runs when asked) or of the runs whose logical date is between start_date and
     * end_date; only failed ones unless only_failed is false. Answers the instances it
     * clears; a dry run (Airflow's default) clears none. A cleared run is always queued
     * again, as reset_dag_runs asks: a task instance of a finished run would never run.
     */
    app.post(
      "/dags/:dag_id/clearTaskInstances",
      {
        schema: {
          tags: ["DAG"],
          operationId: "post_clear_task_instances",
          params: dagParams,
          body: clearTaskInstancesSchema,
          response: { 200: taskInstanceReferenceCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const cleared = await clearDagTaskInstances(
          api,
          request,
          request.params.dag_id,
          request.body,
        );
        const references = cleared.map(({ run, taskId }) => reference(run, taskId));
        return { task_instances: references };
      },
    );
  };
}

/** What a ClearTaskInstances names, in both API versions' bodies. */
export interface ClearRequest {
  dag_run_id?: string | null | undefined;
  start_date?: string | null | undefined;
  end_date?: string | null | undefined;
  task_ids?: readonly (string | readonly [string, number])[] | null | undefined;
  only_failed: boolean;
  only_running: boolean;
  include_upstream: boolean;
  include_downstream: boolean;
  include_past: boolean;
  include_future: boolean;
  dry_run: boolean;
}

/**
 * Clears a DAG's task instances as a ClearTaskInstances asks (see the route above):
 * the run and task of each instance it clears, or would clear in a dry run.
 */
export async function clearDagTaskInstances(
  api: ApiContext,
  request: FastifyRequest,
  dagId: string,
  body: ClearRequest,
): Promise<{ run: DagRunRecord; taskId: string }[]> {
  const dag = await requireDag(api, request, dagId);
  const { taskIds, mapIndexes } = namedTasks(body.task_ids);
  const runs = await clearedRuns(api, request, dagId, body);
  if (!body.dag_run_id && taskIds) {
    // Runs of older versions may lack a task; one the DAG never had is a mistake.
    const unknown = taskIds.filter(
      (id) => !dag.currentVersion?.spec.tasks.some((t) => t.taskId === id),
    );
    if (unknown.length > 0) {
      throw new BordaError(
        ErrorCode.notFound,
        `No task ${unknown.join(", ")} in DAG '${dagId}'; GET /dags/${dagId}/details describes the DAG.`,
      );
    }
  }
  const onlyStates = body.only_failed
    ? body.only_running
      ? [] // Airflow's two filters together: failed and running at once, so none.
      : [TaskInstanceState.failed, TaskInstanceState.upstreamFailed]
    : body.only_running
      ? [TaskInstanceState.running]
      : undefined;
  const cleared = [];
  for (const run of runs) {
    const named = body.dag_run_id === run.runId;
    const ids = named ? taskIds : await tasksOfRun(api, run, taskIds);
    if (ids?.length === 0) continue;
    const taskIdsCleared = await api.scheduler.changes.clearTaskInstances(dagId, run.runId, ids, {
      upstream: body.include_upstream,
      downstream: body.include_downstream,
      onlyStates,
      dryRun: body.dry_run,
      mapIndexes,
    });
    cleared.push(...taskIdsCleared.map((taskId) => ({ run, taskId })));
  }
  return cleared;
}

/** The run an UpdateTaskInstancesState names, by id or by logical date. */
async function runOf(
  api: ApiContext,
  request: FastifyRequest,
  dagId: string,
  body: { dag_run_id?: string | undefined; execution_date?: string | undefined },
): Promise<DagRunRecord> {
  if (body.dag_run_id !== undefined) return requireRun(api, request, dagId, body.dag_run_id);
  await requireDag(api, request, dagId);
  const at = new Date(body.execution_date ?? 0).getTime();
  const run = (await api.store.listDagRuns({ dagId })).find((r) => r.logicalDate.getTime() === at);
  if (!run) {
    throw new BordaError(
      ErrorCode.notFound,
      `DAG '${dagId}' has no run with execution_date ${body.execution_date}; GET /dags/${dagId}/dagRuns lists its runs.`,
    );
  }
  return run;
}

/**
 * A ClearTaskInstances' `task_ids`: the tasks named, and the map indexes of those named
 * only as `[task_id, map_index]` pairs (a task also named alone is cleared whole).
 */
function namedTasks(named: ClearRequest["task_ids"]): {
  taskIds: string[] | null;
  mapIndexes: Map<string, number[]>;
} {
  if (!named) return { taskIds: null, mapIndexes: new Map() };
  const whole = new Set(named.filter((entry) => typeof entry === "string"));
  const mapIndexes = new Map<string, number[]>();
  for (const entry of named) {
    if (typeof entry === "string" || whole.has(entry[0])) continue;
    mapIndexes.set(entry[0], [...(mapIndexes.get(entry[0]) ?? []), entry[1]]);
  }
  return { taskIds: [...whole, ...mapIndexes.keys()], mapIndexes };
}

/** The runs a ClearTaskInstances covers. */
async function clearedRuns(
  api: ApiContext,
  request: FastifyRequest,
  dagId: string,
  body: {
    dag_run_id?: string | null | undefined;
    start_date?: string | null | undefined;
    end_date?: string | null | undefined;
    include_past: boolean;
    include_future: boolean;
  },
): Promise<DagRunRecord[]> {
  const scope = { past: body.include_past, future: body.include_future };
  if (body.dag_run_id)
    return runsAround(api, await requireRun(api, request, dagId, body.dag_run_id), scope);
  const from = body.start_date && !scope.past ? new Date(body.start_date).getTime() : null;
  const to = body.end_date && !scope.future ? new Date(body.end_date).getTime() : null;
  if (from !== null && to !== null && from > to) {
    throw new BordaError(
      ErrorCode.invalidInput,
      "start_date is after end_date: the range of logical dates to clear is empty; swap them.",
    );
  }
  return (await api.store.listDagRuns({ dagId })).filter((r) => {
    const t = r.logicalDate.getTime();
    return (from === null || t >= from) && (to === null || t <= to);
  });
}
