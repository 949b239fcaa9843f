import { TaskInstanceState } from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type TaskInstanceView, taskInstanceOrderFields } from "../../store/index.js";
import { type ApiContext, authorize, sortOrder } from "../apiContext.js";
import {
  mappedTaskParams,
  requireRun,
  requireTaskInstance,
  runParams,
  taskParams,
  unlessAll,
} from "../routes/pathParams.js";
import { toApiTaskInstance } from "../routes/taskInstances.js";
import { decodeToken, encodeToken, requireTry, tryOf } from "../routes/taskInstanceTries.js";
import { visibleTeams } from "../teamAccess.js";
import {
  instant,
  listQuery,
  nameUuid,
  nullableInstant,
  pageQuery,
  storedInt,
  v1Paging,
} from "./common.js";

const tags = ["Task Instance"];

const taskStates = [
  "removed",
  "scheduled",
  "queued",
  "running",
  "success",
  "failed",
  "up_for_retry",
  "up_for_reschedule",
  "upstream_failed",
  "skipped",
] as const;

export const taskInstanceV2Schema = z.object({
  id: z.string(),
  task_id: z.string(),
  dag_id: z.string(),
  dag_run_id: z.string(),
  map_index: z.number().int(),
  logical_date: nullableInstant,
  run_after: instant,
  start_date: nullableInstant,
  end_date: nullableInstant,
  duration: z.number().nullable(),
  state: z.enum(taskStates).nullable(),
  try_number: z.number().int(),
  max_tries: z.number().int(),
  task_display_name: z.string(),
  dag_display_name: z.string(),
  hostname: z.string().nullable(),
  unixname: z.string().nullable(),
  pool: z.string(),
  pool_slots: z.number().int(),
  queue: z.string().nullable(),
  priority_weight: z.number().int().nullable(),
  operator: z.string().nullable(),
  operator_name: z.string().nullable(),
  queued_when: nullableInstant,
  scheduled_when: nullableInstant,
  pid: z.number().int().nullable(),
  executor: z.string().nullable(),
  executor_config: z.string(),
  note: z.string().nullable(),
  rendered_map_index: z.string().nullable(),
  rendered_fields: z.record(z.string(), z.unknown()),
  trigger: z.null(),
  triggerer_job: z.null(),
  dag_version: z.null(),
});

export const taskInstanceCollectionV2Schema = z.object({
  task_instances: z.array(taskInstanceV2Schema),
  total_entries: z.number().int(),
});

/** A task instance as Airflow 3's TaskInstanceResponse, from v1's answer. */
export function toApiTaskInstanceV2(ti: TaskInstanceView) {
  const v1 = toApiTaskInstance(ti);
  return {
    // Airflow 3 names a task instance by a UUID; Borda by its DAG, run, task and map index.
    id: nameUuid([ti.dagId, ti.runId, ti.taskId, ti.mapIndex]),
    task_id: v1.task_id,
    dag_id: v1.dag_id,
    dag_run_id: v1.dag_run_id,
    map_index: v1.map_index,
    logical_date: v1.execution_date,
    run_after: v1.execution_date,
    start_date: v1.start_date,
    end_date: v1.end_date,
    duration: v1.duration,
    state: v1.state,
    try_number: v1.try_number,
    max_tries: v1.max_tries,
    task_display_name: v1.task_display_name,
    dag_display_name: v1.dag_id,
    hostname: v1.hostname,
    unixname: v1.unixname,
    pool: v1.pool,
    pool_slots: v1.pool_slots,
    queue: v1.queue,
    priority_weight: v1.priority_weight,
    operator: v1.operator,
    operator_name: v1.operator,
    queued_when: v1.queued_when,
    scheduled_when: null,
    pid: v1.pid,
    executor: v1.executor,
    executor_config: v1.executor_config,
    note: v1.note,
    rendered_map_index: v1.rendered_map_index,
    rendered_fields: v1.rendered_fields,
    trigger: null,
    triggerer_job: null,
    dag_version: null,
  };
}

const taskInstanceListQuery = pageQuery([...taskInstanceOrderFields, "logical_date"]).extend({
  task_id: z.string().optional(),
  state: listQuery(z.enum([...taskStates, "none"])),
  pool: listQuery(z.string()),
  queue: listQuery(z.string()),
  map_index: listQuery(storedInt(-1)),
});

const logQuery = z.object({
  full_content: z.enum(["true", "false"]).default("false"),
  map_index: storedInt(-1).default(-1),
  token: z.string().optional(),
});

const logResponse = z.object({
  content: z.array(z.string()),
  continuation_token: z.string().nullable(),
});

/** A task instance's own paths: the task's, and one map index's of a mapped task. */
const instancePaths = [
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

const instanceOf = (
  api: ApiContext,
  request: FastifyRequest,
  p: { dag_id: string; dag_run_id: string; task_id: string; map_index?: number },
) => requireTaskInstance(api, request, p.dag_id, p.dag_run_id, p.task_id, p.map_index ?? -1);

export function taskInstanceRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  /** Every try of a task instance, oldest first, as Airflow 3's task instance history. */
  const triesOf = async (ti: TaskInstanceView) =>
    (
      await api.store.listAttempts({
        dagRunId: ti.dagRunId,
        taskId: ti.taskId,
        mapIndex: ti.mapIndex,
      })
    )
      .sort((a, b) => a.tryNumber - b.tryNumber)
      .map((attempt) => toApiTaskInstanceV2(tryOf(ti, attempt)));

  return async (app) => {
    for (const { path, params, mapped } of instancePaths) {
      app.get(
        `${path}/tries`,
        {
          schema: {
            tags,
            operationId: `get_${mapped}task_instance_tries`,
            params,
            response: { 200: taskInstanceCollectionV2Schema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.viewer);
          const tries = await triesOf(await instanceOf(api, request, request.params));
          return { task_instances: tries, total_entries: tries.length };
        },
      );

      app.get(
        `${path}/tries/:task_try_number`,
        {
          schema: {
            tags,
            operationId: `get_${mapped}task_instance_try_details`,
            params: params.extend({ task_try_number: storedInt(1) }),
            response: { 200: taskInstanceV2Schema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.viewer);
          const ti = await instanceOf(api, request, request.params);
          const attempt = await requireTry(api, ti, request.params.task_try_number);
          return toApiTaskInstanceV2(tryOf(ti, attempt));
        },
      );
    }

    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/:map_index",
      {
        schema: {
          tags,
          operationId: "get_mapped_task_instance",
          params: mappedTaskParams,
          response: { 200: taskInstanceV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiTaskInstanceV2(await instanceOf(api, request, request.params));
      },
    );

    /** The map indexes of a mapped task in one run (one, map index -1, until it is expanded). */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/listMapped",
      {
        schema: {
          tags,
          operationId: "get_mapped_task_instances",
          params: taskParams,
          querystring: pageQuery(taskInstanceOrderFields),
          response: { 200: taskInstanceCollectionV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
        await requireRun(api, request, dagId, runId);
        const q = request.query;
        const { field, descending } = sortOrder(q.order_by, taskInstanceOrderFields, "map_index");
        const { items, total } = await api.store.findTaskInstances(
          { dagIds: [dagId], runIds: [runId], taskIds: [taskId] },
          { orderBy: field, descending, limit: q.limit, offset: q.offset },
        );
        return { task_instances: items.map(toApiTaskInstanceV2), total_entries: total };
      },
    );

    /** One run's task instances, or with `~` for the DAG or the run, those of all of them. */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances",
      {
        schema: {
          tags,
          operationId: "get_task_instances",
          params: runParams,
          querystring: taskInstanceListQuery,
          response: { 200: taskInstanceCollectionV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const dagId = unlessAll(request.params.dag_id);
        const runId = unlessAll(request.params.dag_run_id);
        if (dagId !== undefined && runId !== undefined)
          await requireRun(api, request, dagId, runId);
        const paging = v1Paging(q);
        const { field, descending } = sortOrder(
          paging.order_by === "logical_date" ? "execution_date" : paging.order_by,
          taskInstanceOrderFields,
          runId === undefined ? "execution_date" : "task_id",
        );
        const { items, total } = await api.store.findTaskInstances(
          {
            dagIds: dagId === undefined ? undefined : [dagId],
            runIds: runId === undefined ? undefined : [runId],
            taskIds: q.task_id === undefined ? undefined : [q.task_id],
            states: q.state?.map((s) => (s === "none" ? TaskInstanceState.none : s)),
            pools: q.pool,
            queues: q.queue,
            mapIndexes: q.map_index,
            teams: visibleTeams(request),
          },
          { orderBy: field, descending, limit: q.limit, offset: q.offset },
        );
        return { task_instances: items.map(toApiTaskInstanceV2), total_entries: total };
      },
    );

    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id",
      {
        schema: {
          tags,
          operationId: "get_task_instance",
          params: taskParams,
          response: { 200: taskInstanceV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
        return toApiTaskInstanceV2(await requireTaskInstance(api, request, dagId, runId, taskId));
      },
    );

    /**
     * A try's log as Airflow 3 answers it: the lines read (from where `token` says the
     * last read ended), and the token to read on from.
     */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/logs/:try_number",
      {
        schema: {
          tags,
          operationId: "get_log",
          params: taskParams.extend({ try_number: storedInt(1) }),
          querystring: logQuery,
          response: { 200: logResponse },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
        const ti = await requireTaskInstance(
          api,
          request,
          dagId,
          runId,
          taskId,
          request.query.map_index,
        );
        const attempt = await requireTry(api, ti, request.params.try_number);
        const from = request.query.full_content === "true" ? 0 : decodeToken(request.query.token);
        const { data, nextOffset } = await api.store.readLog(attempt.attemptId, from);
        const ended = !["queued", "claimed", "running"].includes(attempt.state);
        const lines = data.split("\n");
        if (lines.at(-1) === "") lines.pop();
        return { content: lines, continuation_token: encodeToken(nextOffset, ended) };
      },
    );
  };
}
