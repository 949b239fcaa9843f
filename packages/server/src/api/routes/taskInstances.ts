import {
  maxStoredInt,
  TaskInstanceState,
  taskInstanceBatchFormSchema,
  taskInstanceCollectionSchema,
  taskInstanceListQuerySchema,
  taskInstanceSchema,
  type taskStateFilterValues,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import {
  type TaskInstanceFilter,
  type TaskInstanceView,
  taskInstanceOrderFields,
} from "../../store/index.js";
import { type ApiContext, authorize, iso, sortOrder } from "../apiContext.js";
import { visibleTeams } from "../teamAccess.js";
import {
  mapIndexOf,
  requireRun,
  requireTaskInstance,
  runParams,
  taskInstancePaths,
  taskParams,
  unlessAll,
} from "./pathParams.js";

const tags = ["TaskInstance"];
const _tryParams = taskParams.extend({
  task_try_number: z.coerce.number().int().min(1).max(maxStoredInt),
});

export function toApiTaskInstance(ti: TaskInstanceView) {
  return {
    task_id: ti.taskId,
    task_display_name: ti.taskId,
    dag_id: ti.dagId,
    dag_run_id: ti.runId,
    execution_date: ti.logicalDate.toISOString(),
    start_date: iso(ti.startDate),
    end_date: iso(ti.endDate),
    duration:
      ti.startDate && ti.endDate ? (ti.endDate.getTime() - ti.startDate.getTime()) / 1000 : null,
    state: ti.state === TaskInstanceState.none ? null : ti.state,
    try_number: ti.tryNumber,
    map_index: ti.mapIndex,
    max_tries: ti.maxTries,
    // Airflow's hostname is where the task ran: for Borda, the edge worker's name.
    hostname: ti.hostname ?? "",
    unixname: "",
    pool: ti.pool,
    pool_slots: ti.poolSlots,
    queue: ti.queue,
    priority_weight: ti.priorityWeight,
    operator: ti.operator,
    queued_when: iso(ti.queuedAt),
    pid: null,
    executor: "EdgeExecutor",
    executor_config: "{}",
    sla_miss: null,
    rendered_map_index: ti.renderedMapIndex,
    rendered_fields: {},
    trigger: null,
    triggerer_job: null,
    // Airflow has no field for why a try failed; until someone writes a note, the note
    // says it, so a client sees the reason where it looks first.
    note: ti.note ?? ti.lastError,
  };
}

type ApiTaskState = (typeof taskStateFilterValues)[number] | null;
const bordaStates = new Set<string>(Object.values(TaskInstanceState));

/**
 * Airflow's task state filter in Borda's states: null and `none` are Borda's `none`;
 * states Borda never has (deferred, restarting) match nothing.
 */
const toStates = (states: readonly ApiTaskState[]) =>
  states
    .map((s) => (s === null ? TaskInstanceState.none : s))
    .filter((s): s is TaskInstanceState => bordaStates.has(s));

const list = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** Airflow's `_gte` / `_lte` pair of instants as an inclusive range; null or absent is unbounded. */
export const dateRange = (gte: string | null | undefined, lte: string | null | undefined) => ({
  gte: gte == null ? undefined : new Date(gte),
  lte: lte == null ? undefined : new Date(lte),
});

/** Airflow's date and duration filters, shared by the query string and the batch form. */
function boundsOf(q: {
  execution_date_gte?: string | undefined;
  execution_date_lte?: string | undefined;
  start_date_gte?: string | undefined;
  start_date_lte?: string | undefined;
  end_date_gte?: string | undefined;
  end_date_lte?: string | undefined;
  duration_gte?: number | undefined;
  duration_lte?: number | undefined;
}): TaskInstanceFilter {
  return {
    logicalDate: dateRange(q.execution_date_gte, q.execution_date_lte),
    startDate: dateRange(q.start_date_gte, q.start_date_lte),
    endDate: dateRange(q.end_date_gte, q.end_date_lte),
    durationSeconds: { gte: q.duration_gte, lte: q.duration_lte },
  };
}

/** Reading task instances and their logs; changing them is in taskInstanceChanges.ts. */
export function taskInstanceRoutes(api: ApiContext): FastifyPluginAsyncZod {
  /** One page of the task instances matching `filter` of the DAGs the caller sees. */
  const findPage = async (
    request: FastifyRequest,
    filter: TaskInstanceFilter,
    query: { limit: number; offset: number; order_by?: string | undefined },
    defaultOrder: string,
  ) => {
    const { field, descending } = sortOrder(query.order_by, taskInstanceOrderFields, defaultOrder);
    const teams = visibleTeams(request);
    const { items, total } = await api.store.findTaskInstances(
      { ...filter, teams },
      {
        orderBy: field,
        descending,
        limit: query.limit,
        offset: query.offset,
      },
    );
    return { task_instances: items.map(toApiTaskInstance), total_entries: total };
  };

  return async (app) => {
    /** One run's task instances, or with `~` for the DAG or the run, those of all of them. */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances",
      {
        schema: {
          tags,
          operationId: "get_task_instances",
          params: runParams,
          querystring: taskInstanceListQuerySchema,
          response: { 200: taskInstanceCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const dagId = unlessAll(request.params.dag_id);
        const runId = unlessAll(request.params.dag_run_id);
        // A run named in full that does not exist is a mistake worth saying, not an empty list.
        if (dagId !== undefined && runId !== undefined)
          await requireRun(api, request, dagId, runId);
        const states = list(q.state);
        return findPage(
          request,
          {
            dagIds: dagId === undefined ? undefined : [dagId],
            runIds: runId === undefined ? undefined : [runId],
            states: states && toStates(states),
            pools: list(q.pool),
            queues: list(q.queue),
            ...boundsOf(q),
          },
          q,
          runId === undefined ? "execution_date" : "task_id",
        );
      },
    );

    /** Airflow's batch form of the list above, for filters too long for a query string. */
    app.post(
      "/dags/~/dagRuns/~/taskInstances/list",
      {
        schema: {
          tags,
          operationId: "get_task_instances_batch",
          body: taskInstanceBatchFormSchema,
          response: { 200: taskInstanceCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const form = request.body;
        return findPage(
          request,
          {
            dagIds: form.dag_ids,
            runIds: form.dag_run_ids,
            taskIds: form.task_ids,
            states: form.state && toStates(form.state),
            pools: form.pool,
            queues: form.queue,
            ...boundsOf(form),
          },
          { limit: form.page_limit, offset: form.page_offset, order_by: form.order_by },
          "execution_date",
        );
      },
    );

    for (const { path, params, mapped } of taskInstancePaths) {
      app.get(
        path,
        {
          schema: {
            tags,
            operationId: `get_${mapped}task_instance`,
            params,
            response: { 200: taskInstanceSchema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.viewer);
          const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
          const mapIndex = mapIndexOf(request.params);
          return toApiTaskInstance(
            await requireTaskInstance(api, request, dagId, runId, taskId, mapIndex),
          );
        },
      );
    }

    /** The map indexes of a mapped task in one run (one, map index -1, until it is expanded). */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/listMapped",
      {
        schema: {
          tags,
          operationId: "get_mapped_task_instances",
          params: taskParams,
          querystring: taskInstanceListQuerySchema,
          response: { 200: taskInstanceCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
        await requireRun(api, request, dagId, runId);
        const states = list(q.state);
        return findPage(
          request,
          {
            dagIds: [dagId],
            runIds: [runId],
            taskIds: [taskId],
            states: states && toStates(states),
            pools: list(q.pool),
            queues: list(q.queue),
            ...boundsOf(q),
          },
          q,
          "map_index",
        );
      },
    );
  };
}
