import {
  BordaError,
  dagCollectionSchema,
  dagDetailSchema,
  dagListQuerySchema,
  dagPatchSchema,
  dagSchema,
  dagSourceSchema,
  ErrorCode,
  type ParamSpec,
  updateMaskQuerySchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { DagFileOrigin } from "../../dags/dagRegistry.js";
import type { DagRecord, ImportErrorRecord } from "../../store/index.js";
import {
  type ApiContext,
  authorize,
  iso,
  page,
  sendPlainText,
  wantsPlainText,
} from "../apiContext.js";
import { dagParams, requireDag } from "./pathParams.js";
import { updateMask } from "./pools.js";

const tags = ["DAG"];

/**
 * A DAG file's `file_token`: its origin and path, base64url. Airflow signs its tokens so
 * they cannot name other files; Borda's only ever select a source it recorded for a DAG,
 * which any Viewer may read, so there is nothing to protect by signing.
 */
const fileToken = (dag: DagRecord) =>
  Buffer.from(`${dag.origin}:${dag.fileloc}`).toString("base64url");

function parseFileToken(token: string): { origin: DagFileOrigin; fileloc: string } | null {
  const decoded = Buffer.from(token, "base64url").toString("utf8");
  const colon = decoded.indexOf(":");
  const origin = decoded.slice(0, colon);
  if (colon < 0 || (origin !== "folder" && origin !== "deploy")) return null;
  return { origin, fileloc: decoded.slice(colon + 1) };
}

function toApiDag(dag: DagRecord, importErrors: readonly ImportErrorRecord[]) {
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
    timetable_description: spec?.schedule ? `${spec.schedule} (${spec.timezone})` : null,
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

function toApiDagDetail(dag: DagRecord, importErrors: readonly ImportErrorRecord[]) {
  const spec = dag.currentVersion?.spec;
  const instant = (value: string | null | undefined) =>
    value ? new Date(value).toISOString() : null;
  return {
    ...toApiDag(dag, importErrors),
    timezone: spec?.timezone ?? null,
    catchup: spec?.catchup ?? null,
    orientation: "LR",
    concurrency: spec?.maxActiveTasks ?? null,
    start_date: instant(spec?.startDate),
    dag_run_timeout: null,
    dataset_expression: null,
    doc_md: null,
    params: Object.fromEntries(
      Object.entries(spec?.params ?? {}).map(([name, param]) => [name, toApiParam(param)]),
    ),
    end_date: instant(spec?.endDate),
    is_paused_upon_creation: null,
    last_parsed: iso(dag.lastParsedAt),
    template_search_path: null,
    render_template_as_native_obj: null,
  };
}

/** A param as Airflow serialises its `Param`: the default as `value`, the rest as `schema`. */
function toApiParam({ default: value, description, ...schema }: ParamSpec) {
  return {
    __class: "airflow.models.param.Param" as const,
    value: value ?? null,
    description: description ?? null,
    schema,
  };
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
        const dags = (await api.store.listDags({ onlyActive: q.only_active })).filter(
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
          await requireDag(api, request.params.dag_id),
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
        const dag = await requireDag(api, request.params.dag_id);
        await api.store.setDagPaused(dag.dagId, request.body.is_paused, new Date());
        if (!request.body.is_paused) void api.scheduler.runPass();
        return toApiDag(await requireDag(api, dag.dagId), await api.store.listImportErrors());
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
          await requireDag(api, request.params.dag_id),
          await api.store.listImportErrors(),
        );
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
        const source = file && (await api.store.getDagFileSource(file.origin, file.fileloc));
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
