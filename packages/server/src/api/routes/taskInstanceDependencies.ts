import {
  extraLinkCollectionSchema,
  findTask,
  TaskInstanceState,
  taskInstanceDependencyCollectionSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import { failedDependencies } from "../../scheduler/taskDependencies.js";
import type { TaskInstanceView } from "../../store/index.js";
import { type ApiContext, authorize } from "../apiContext.js";
import {
  mapIndexOf,
  requireDag,
  requireRun,
  requireTaskInstance,
  taskInstancePaths,
  taskParams,
} from "./pathParams.js";

/**
 * What keeps a task instance from running (`dependencies`, for a task instance and one map
 * index of a mapped task), and its extra links: Borda's operators have none.
 */

const tags = ["TaskInstance"];
const active = [TaskInstanceState.queued, TaskInstanceState.running];

/** The failed dependencies of `ti`, from what the scheduler looks at now. */
export async function dependenciesOf(
  api: ApiContext,
  request: FastifyRequest,
  ti: TaskInstanceView,
) {
  const [dag, run] = await Promise.all([
    requireDag(api, request, ti.dagId),
    requireRun(api, request, ti.dagId, ti.runId),
  ]);
  const spec = (await api.store.getDagVersion(run.dagVersionId))?.spec;
  const task = spec && findTask(spec, ti.taskId);
  // A task the run's version no longer has (removed) has nothing to wait for.
  if (!task) return [];
  const everyPage = { orderBy: "task_id", descending: false, offset: 0 } as const;
  const [pool, dagActive, mapActive, upstream] = await Promise.all([
    api.store.getPool(ti.pool),
    api.store.findTaskInstances({ dagIds: [ti.dagId], states: active }, { ...everyPage, limit: 1 }),
    api.store.findTaskInstances(
      { dagIds: [ti.dagId], runIds: [ti.runId], taskIds: [ti.taskId], states: active },
      { ...everyPage, limit: 1 },
    ),
    task.upstream.length === 0
      ? []
      : api.store.listTaskInstances({ dagRunId: run.id, taskIds: task.upstream }),
  ]);
  const upstreamStates = new Map<string, TaskInstanceState[]>();
  for (const up of upstream) {
    // A map index a smaller expansion removed is none of its task's instances.
    if (up.mapIndex >= 0 && up.state === TaskInstanceState.removed) continue;
    upstreamStates.set(up.taskId, [...(upstreamStates.get(up.taskId) ?? []), up.state]);
  }
  return failedDependencies({
    dagId: ti.dagId,
    dagPaused: dag.isPaused,
    runState: run.state,
    task,
    state: ti.state,
    pool: ti.pool,
    poolSlots: ti.poolSlots,
    poolCapacity: pool && { slots: pool.slots, used: pool.runningSlots + pool.queuedSlots },
    maxActiveTasks: dag.currentVersion?.spec.maxActiveTasks ?? spec.maxActiveTasks,
    activeTasksOfDag: dagActive.total,
    activeMapIndexes: mapActive.total,
    upstreamStates,
  });
}

export function taskInstanceDependencyRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    for (const { path, params, mapped } of taskInstancePaths) {
      app.get(
        `${path}/dependencies`,
        {
          schema: {
            tags,
            operationId: `get_${mapped}task_instance_dependencies`,
            params,
            response: { 200: taskInstanceDependencyCollectionSchema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.viewer);
          const p = request.params;
          const ti = await requireTaskInstance(
            api,
            request,
            p.dag_id,
            p.dag_run_id,
            p.task_id,
            mapIndexOf(p),
          );
          return { dependencies: await dependenciesOf(api, request, ti) };
        },
      );
    }

    /** Airflow's operators may declare extra links (a job's page elsewhere); Borda's have none. */
    app.get(
      `${taskInstancePaths[0].path}/links`,
      {
        schema: {
          tags,
          operationId: "get_extra_links",
          params: taskParams,
          response: { 200: extraLinkCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const p = request.params;
        await requireTaskInstance(api, request, p.dag_id, p.dag_run_id, p.task_id);
        return { extra_links: [] };
      },
    );
  };
}
