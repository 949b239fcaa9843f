import {
  type AssetCondition,
  BordaError,
  type DagSpec,
  dagCollectionSchema,
  dagDetailSchema,
  dagListQuerySchema,
  dagPatchSchema,
  dagSchema,
  dagSourceSchema,
  ErrorCode,
  type ParamSpec,
  pythonSourceCollectionSchema,
  taskCollectionSchema,
  taskListQuerySchema,
  taskSchema,
  updateMaskQuerySchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { DagFileOrigin } from "../../dags/dagRegistry.js";
import { pythonSourcesOf } from "../../dags/pythonSources.js";
import { dagGraph } from "../../scheduler/dagGraph.js";
import type { DagRecord, ImportErrorRecord } from "../../store/index.js";
import {
  type ApiContext,
  authorize,
  iso,
  page,
  sendPlainText,
  wantsPlainText,
} from "../apiContext.js";
import { visibleTeams } from "../teamAccess.js";
import { updateMask } from "../updateMask.js";
import { dagParams, requireDag } from "./pathParams.js";

const tags = ["DAG"];

/**
 * A DAG file's `file_token`: its origin and path, base64url. Airflow signs its tokens so
 * they cannot name other files; Borda's only ever select a source it recorded for a DAG
 * the caller may read (one of their teams'), so there is nothing to protect by signing.
 */
export const fileToken = (dag: DagRecord) =>
  Buffer.from(`${dag.origin}:${dag.fileloc}`).toString("base64url");

export function parseFileToken(token: string): { origin: DagFileOrigin; fileloc: string } | null {
  const decoded = Buffer.from(token, "base64url").toString("utf8");
  const colon = decoded.indexOf(":");
  const origin = decoded.slice(0, colon);
  if (colon < 0 || (origin !== "folder" && origin !== "deploy")) return null;
  return { origin, fileloc: decoded.slice(colon + 1) };
}

export function toApiDag(dag: DagRecord, importErrors: readonly ImportErrorRecord[]) {
  const spec = dag.currentVersion?.spec;
  return {
    dag_id: dag.dagId,
    dag_display_name: dag.dagId,
    is_paused: dag.isPaused,
    is_active: dag.isActive,
    last_parsed_time: iso(dag.lastParsedAt),
    last_pickled: null,
    last_expired: null,
    scheduler_lock: null,
    pickle_id: null,
    default_view: "grid",
    fileloc: dag.fileloc,
    file_token: fileToken(dag),
    owners: [],
    description: spec?.description ?? null,
    schedule_interval: spec?.schedule
      ? { __type: "CronExpression" as const, value: spec.schedule }
      : null,
    timetable_description: spec?.assetSchedule
      ? assetTimetableDescription
      : spec?.schedule
        ? `${spec.schedule} (${spec.timezone})`
        : null,
    tags: dag.tags.map((name) => ({ name })),
    max_active_tasks: spec?.maxActiveTasks ?? null,
    max_active_runs: spec?.maxActiveRuns ?? null,
    has_task_concurrency_limits: false,
    has_import_errors: importErrors.some(
      (e) => e.fileloc === dag.fileloc && e.origin === dag.origin,
    ),
    next_dagrun: iso(dag.nextDagRun?.logicalDate ?? null),
    next_dagrun_data_interval_start: iso(dag.nextDagRun?.dataIntervalStart ?? null),
    next_dagrun_data_interval_end: iso(dag.nextDagRun?.dataIntervalEnd ?? null),
    next_dagrun_create_after: iso(dag.nextDagRun?.createAfter ?? null),
    max_consecutive_failed_dag_runs: 0,
  };
}

/** What Airflow says of a DAG scheduled on datasets (its DatasetTriggeredTimetable). */
const assetTimetableDescription = "Triggered by datasets";

/**
 * An asset condition as Airflow's `dataset_expression`: URIs inside `all` / `any`. Airflow
 * writes a lone dataset as its URI; the spec declares an object, so it is an `all` of one.
 */
function datasetExpression(condition: AssetCondition): Record<string, unknown> {
  const part = (c: AssetCondition): unknown =>
    "asset" in c ? c.asset : "all" in c ? { all: c.all.map(part) } : { any: c.any.map(part) };
  return "asset" in condition
    ? { all: [condition.asset] }
    : (part(condition) as Record<string, unknown>);
}

/** An instant of a DAG's definition as the API writes instants (milliseconds, `Z`). */
const specInstant = (value: string | null | undefined) =>
  value ? new Date(value).toISOString() : null;

export function toApiDagDetail(dag: DagRecord, importErrors: readonly ImportErrorRecord[]) {
  const spec = dag.currentVersion?.spec;
  return {
    ...toApiDag(dag, importErrors),
    timezone: spec?.timezone ?? null,
    catchup: spec?.catchup ?? null,
    orientation: "LR",
    concurrency: spec?.maxActiveTasks ?? null,
    start_date: specInstant(spec?.startDate),
    dag_run_timeout: null,
    dataset_expression: spec?.assetSchedule ? datasetExpression(spec.assetSchedule) : null,
    doc_md: null,
    params: toApiParams(spec?.params ?? {}),
    end_date: specInstant(spec?.endDate),
    is_paused_upon_creation: null,
    last_parsed: iso(dag.lastParsedAt),
    template_search_path: null,
    render_template_as_native_obj: null,
  };
}

/** Params as Airflow serialises its `Param`s: the default as `value`, the rest as `schema`. */
const toApiParams = (params: Record<string, ParamSpec>) =>
  Object.fromEntries(
    Object.entries(params).map(([name, { default: value, description, ...schema }]) => [
      name,
      {
        __class: "airflow.models.param.Param" as const,
        value: value ?? null,
        description: description ?? null,
        schema,
      },
    ]),
  );

/** A duration in milliseconds as Airflow's TimeDelta. */
function toTimeDelta(ms: number) {
  const day = 86_400_000;
  return {
    __type: "TimeDelta" as const,
    days: Math.floor(ms / day),
    seconds: Math.floor((ms % day) / 1000),
    microseconds: (ms % 1000) * 1000,
  };
}

/**
 * The tasks of a DAG's current definition as Airflow's Task. What Borda has no notion of
 * is Airflow's default: no owner, no templates, no past dependencies, no mapping. Like
 * Airflow's, a task's dates and params are its DAG's.
 */
export function toApiTasks(spec: DagSpec | undefined) {
  if (!spec) return [];
  const { downstream } = dagGraph(spec);
  const params = toApiParams(spec.params);
  return spec.tasks.map((task) => ({
    // `operator` of its task instances names the same: "function" or "bash".
    class_ref: { module_path: "borda", class_name: task.kind },
    task_id: task.taskId,
    task_display_name: task.taskId,
    owner: "",
    start_date: specInstant(spec.startDate),
    end_date: specInstant(spec.endDate),
    trigger_rule: task.triggerRule,
    extra_links: [],
    depends_on_past: false,
    is_mapped: task.mapped !== undefined,
    wait_for_downstream: false,
    retries: task.retries,
    queue: task.queue,
    executor: null,
    pool: task.pool,
    pool_slots: task.poolSlots,
    execution_timeout:
      task.executionTimeoutMs === null ? null : toTimeDelta(task.executionTimeoutMs),
    retry_delay: toTimeDelta(task.retryDelayMs),
    retry_exponential_backoff: task.retryExponentialBackoff,
    priority_weight: task.priorityWeight,
    weight_rule: "absolute" as const,
    ui_color: "#fff",
    ui_fgcolor: "#000",
    template_fields: [],
    downstream_task_ids: [...(downstream.get(task.taskId) ?? [])].sort(),
    doc_md: null,
    params,
  }));
}

export function dagRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dags",
      {
        schema: {
          tags,
          operationId: "get_dags",
          querystring: dagListQuerySchema,
          response: { 200: dagCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const wantedTags = q.tags === undefined ? [] : Array.isArray(q.tags) ? q.tags : [q.tags];
        const dags = (
          await api.store.listDags({ onlyActive: q.only_active, teams: visibleTeams(request) })
        ).filter(
          (dag) =>
            (q.dag_id_pattern === undefined ||
              dag.dagId.toLowerCase().includes(q.dag_id_pattern.toLowerCase())) &&
            (q.paused === undefined || dag.isPaused === q.paused) &&
            (wantedTags.length === 0 || dag.tags.some((t) => wantedTags.includes(t))),
        );
        const { items, total } = page(
          dags,
          q,
          {
            dag_id: (d) => d.dagId,
            is_paused: (d) => d.isPaused,
            last_parsed_time: (d) => d.lastParsedAt.getTime(),
          },
          "dag_id",
        );
        const importErrors = await api.store.listImportErrors();
        return { dags: items.map((d) => toApiDag(d, importErrors)), total_entries: total };
      },
    );

    app.get(
      "/dags/:dag_id",
      { schema: { tags, operationId: "get_dag", params: dagParams, response: { 200: dagSchema } } },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiDag(
          await requireDag(api, request, request.params.dag_id),
          await api.store.listImportErrors(),
        );
      },
    );

    app.patch(
      "/dags/:dag_id",
      {
        schema: {
          tags,
          operationId: "patch_dag",
          params: dagParams,
          querystring: updateMaskQuerySchema,
          body: dagPatchSchema,
          response: { 200: dagSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        updateMask(request.query.update_mask, ["is_paused"]);
        const dag = await requireDag(api, request, request.params.dag_id);
        await api.store.setDagPaused(dag.dagId, request.body.is_paused, new Date());
        if (!request.body.is_paused) void api.scheduler.runPass();
        return toApiDag(
          await requireDag(api, request, dag.dagId),
          await api.store.listImportErrors(),
        );
      },
    );

    app.get(
      "/dags/:dag_id/details",
      {
        schema: {
          tags,
          operationId: "get_dag_details",
          params: dagParams,
          response: { 200: dagDetailSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiDagDetail(
          await requireDag(api, request, request.params.dag_id),
          await api.store.listImportErrors(),
        );
      },
    );

    /** Borda's own: the Python files a DAG's tasks run (helper modules, a TypeScript DAG's python() files). */
    app.get(
      "/dags/:dag_id/pythonSources",
      {
        schema: {
          tags,
          params: dagParams,
          response: { 200: pythonSourceCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return {
          files: await pythonSourcesOf(
            api.store,
            await requireDag(api, request, request.params.dag_id),
          ),
        };
      },
    );

    /** The tasks of the DAG's current definition, by task_id unless `order_by` says otherwise. */
    app.get(
      "/dags/:dag_id/tasks",
      {
        schema: {
          tags,
          operationId: "get_tasks",
          params: dagParams,
          querystring: taskListQuerySchema,
          response: { 200: taskCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const tasks = toApiTasks(
          (await requireDag(api, request, request.params.dag_id)).currentVersion?.spec,
        );
        const { items } = page(
          tasks,
          { limit: tasks.length, offset: 0, order_by: request.query.order_by },
          {
            task_id: (t) => t.task_id,
            trigger_rule: (t) => t.trigger_rule,
            retries: (t) => t.retries,
            queue: (t) => t.queue,
            pool: (t) => t.pool,
            pool_slots: (t) => t.pool_slots,
            priority_weight: (t) => t.priority_weight,
          },
          "task_id",
        );
        return { tasks: items, total_entries: tasks.length };
      },
    );

    app.get(
      "/dags/:dag_id/tasks/:task_id",
      {
        schema: {
          tags,
          operationId: "get_task",
          params: dagParams.extend({ task_id: z.string().min(1).max(250) }),
          response: { 200: taskSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, task_id: taskId } = request.params;
        const dag = await requireDag(api, request, dagId);
        const task = toApiTasks(dag.currentVersion?.spec).find((t) => t.task_id === taskId);
        if (!task) {
          throw new BordaError(
            ErrorCode.notFound,
            `Task '${taskId}' not found in DAG '${dagId}'; GET /dags/${dagId}/tasks lists its tasks.`,
          );
        }
        return task;
      },
    );

    /** The DAG file's source: JSON `{ content }`, or the bare text with `Accept: text/plain`. */
    app.get(
      "/dagSources/:file_token",
      {
        schema: {
          tags,
          operationId: "get_dag_source",
          params: z.object({ file_token: z.string().min(1).max(4096) }),
          response: { 200: dagSourceSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.viewer);
        const file = parseFileToken(request.params.file_token);
        const source =
          file &&
          (await api.store.getDagFileSource(file.origin, file.fileloc, visibleTeams(request)));
        if (source === null) {
          throw new BordaError(
            ErrorCode.notFound,
            "No DAG file has this file_token; GET /dags/{dag_id} gives the file_token of a DAG's file.",
          );
        }
        if (wantsPlainText(request)) return sendPlainText(reply, source);
        return { content: source };
      },
    );
  };
}
