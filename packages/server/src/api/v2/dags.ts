import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { DagRecord, ImportErrorRecord } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { deleteDag } from "../routes/dagChanges.js";
import { toApiDag, toApiDagDetail } from "../routes/dags.js";
import { dagParams, requireDag } from "../routes/pathParams.js";
import { teamsWithRole, visibleTeams } from "../teamAccess.js";
import { listQuery, nullableInstant, pageQuery } from "./common.js";
import { dagVersionV2Schema, toApiDagVersionV2 } from "./dagVersions.js";

const tags = ["DAG"];

const dagTagSchema = z.object({
  name: z.string(),
  dag_id: z.string(),
  dag_display_name: z.string(),
});

export const dagV2Schema = z.object({
  dag_id: z.string(),
  dag_display_name: z.string(),
  is_paused: z.boolean(),
  is_stale: z.boolean(),
  last_parsed_time: nullableInstant,
  last_parse_duration: z.number().nullable(),
  last_expired: nullableInstant,
  bundle_name: z.string().nullable(),
  bundle_version: z.string().nullable(),
  relative_fileloc: z.string().nullable(),
  fileloc: z.string(),
  description: z.string().nullable(),
  timetable_summary: z.string().nullable(),
  timetable_description: z.string().nullable(),
  timetable_partitioned: z.boolean(),
  timetable_periodic: z.boolean(),
  tags: z.array(dagTagSchema),
  max_active_tasks: z.number().int(),
  max_active_runs: z.number().int().nullable(),
  max_consecutive_failed_dag_runs: z.number().int(),
  has_task_concurrency_limits: z.boolean(),
  has_import_errors: z.boolean(),
  next_dagrun_logical_date: nullableInstant,
  next_dagrun_data_interval_start: nullableInstant,
  next_dagrun_data_interval_end: nullableInstant,
  next_dagrun_run_after: nullableInstant,
  allowed_run_types: z.array(z.string()).nullable(),
  owners: z.array(z.string()),
  is_backfillable: z.boolean(),
  file_token: z.string(),
});

const dagDetailsV2Schema = dagV2Schema.extend({
  catchup: z.boolean(),
  dag_run_timeout: z.string().nullable(),
  asset_expression: z.record(z.string(), z.unknown()).nullable(),
  doc_md: z.string().nullable(),
  start_date: nullableInstant,
  end_date: nullableInstant,
  is_paused_upon_creation: z.boolean().nullable(),
  params: z.record(z.string(), z.unknown()).nullable(),
  render_template_as_native_obj: z.boolean(),
  template_search_path: z.array(z.string()).nullable(),
  timezone: z.string().nullable(),
  last_parsed: nullableInstant,
  default_args: z.record(z.string(), z.unknown()).nullable(),
  owner_links: z.record(z.string(), z.string()).nullable(),
  is_favorite: z.boolean(),
  active_runs_count: z.number().int(),
  concurrency: z.number().int(),
  latest_dag_version: dagVersionV2Schema.nullable(),
});

const dagCollectionV2Schema = z.object({
  dags: z.array(dagV2Schema),
  total_entries: z.number().int(),
});

/** Airflow's default where a DAG sets no limit (its core.max_active_tasks_per_dag). */
const defaultMaxActiveTasks = 16;

/**
 * A DAG as Airflow 3's DAGResponse, from v1's answer: the same facts under v2's names.
 * Borda has no bundles or parse timings (null), and a cron schedule is its only periodic
 * timetable; `allowed_run_types` null means every type, as in Airflow.
 */
export function toApiDagV2(dag: DagRecord, importErrors: readonly ImportErrorRecord[]) {
  const v1 = toApiDag(dag, importErrors);
  const schedule = dag.currentVersion?.spec.schedule ?? null;
  return {
    dag_id: v1.dag_id,
    dag_display_name: v1.dag_display_name,
    is_paused: v1.is_paused,
    is_stale: !v1.is_active,
    last_parsed_time: v1.last_parsed_time,
    last_parse_duration: null,
    last_expired: null,
    bundle_name: null,
    bundle_version: null,
    relative_fileloc: null,
    fileloc: v1.fileloc,
    description: v1.description,
    timetable_summary: schedule,
    timetable_description: v1.timetable_description,
    timetable_partitioned: false,
    timetable_periodic: schedule !== null,
    tags: v1.tags.map(({ name }) => ({ name, dag_id: v1.dag_id, dag_display_name: v1.dag_id })),
    max_active_tasks: v1.max_active_tasks ?? defaultMaxActiveTasks,
    max_active_runs: v1.max_active_runs,
    max_consecutive_failed_dag_runs: v1.max_consecutive_failed_dag_runs,
    has_task_concurrency_limits: v1.has_task_concurrency_limits,
    has_import_errors: v1.has_import_errors,
    next_dagrun_logical_date: v1.next_dagrun,
    next_dagrun_data_interval_start: v1.next_dagrun_data_interval_start,
    next_dagrun_data_interval_end: v1.next_dagrun_data_interval_end,
    next_dagrun_run_after: v1.next_dagrun_create_after,
    allowed_run_types: null,
    owners: v1.owners,
    is_backfillable: schedule !== null,
    file_token: v1.file_token,
  };
}

/** What a DAG list can be ordered by. */
const dagOrder: Record<string, (dag: DagRecord) => string | number | boolean | null> = {
  dag_id: (d) => d.dagId,
  dag_display_name: (d) => d.dagId,
  is_paused: (d) => d.isPaused,
  last_parsed_time: (d) => d.lastParsedAt.getTime(),
  next_dagrun: (d) => d.nextDagRun?.logicalDate.getTime() ?? null,
};

const dagListQuery = pageQuery(Object.keys(dagOrder)).extend({
  tags: listQuery(z.string()),
  dag_id_pattern: z.string().optional(),
  paused: z.enum(["true", "false"]).optional(),
  exclude_stale: z.enum(["true", "false"]).default("true"),
});

const dagPatchBody = z.object({ is_paused: z.boolean() });

export function dagRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  /**
   * The DAGs of `teams` a list query selects, one page of them, and how many it selects
   * in all.
   */
  const findPage = async (
    q: z.infer<typeof dagListQuery>,
    teams: readonly string[] | undefined,
  ) => {
    const wanted = q.tags ?? [];
    const pattern = q.dag_id_pattern?.toLowerCase();
    const onlyActive = q.exclude_stale === "true";
    const dags = (await api.store.listDags({ onlyActive, teams })).filter(
      (dag) =>
        (pattern === undefined || dag.dagId.toLowerCase().includes(pattern)) &&
        (q.paused === undefined || dag.isPaused === (q.paused === "true")) &&
        (wanted.length === 0 || dag.tags.some((t) => wanted.includes(t))),
    );
    return page(dags, q, dagOrder, "dag_id");
  };

  return async (app) => {
    app.get(
      "/dags",
      {
        schema: {
          tags,
          operationId: "get_dags",
          querystring: dagListQuery,
          response: { 200: dagCollectionV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { items, total } = await findPage(request.query, visibleTeams(request));
        const importErrors = await api.store.listImportErrors();
        return { dags: items.map((d) => toApiDagV2(d, importErrors)), total_entries: total };
      },
    );

    /**
     * Pauses or unpauses every DAG of the page the same query would list, of the teams in
     * which the caller may change DAGs.
     */
    app.patch(
      "/dags",
      {
        schema: {
          tags,
          operationId: "patch_dags",
          querystring: dagListQuery.extend({ update_mask: listQuery(z.literal("is_paused")) }),
          body: dagPatchBody,
          response: { 200: dagCollectionV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const { items } = await findPage(request.query, teamsWithRole(request, Role.user));
        for (const dag of items) {
          await api.store.setDagPaused(dag.dagId, request.body.is_paused, new Date());
        }
        if (!request.body.is_paused) void api.scheduler.runPass();
        const importErrors = await api.store.listImportErrors();
        const changed = await Promise.all(items.map((d) => requireDag(api, request, d.dagId)));
        return {
          dags: changed.map((d) => toApiDagV2(d, importErrors)),
          total_entries: changed.length,
        };
      },
    );

    app.get(
      "/dags/:dag_id",
      {
        schema: { tags, operationId: "get_dag", params: dagParams, response: { 200: dagV2Schema } },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiDagV2(
          await requireDag(api, request, request.params.dag_id),
          await api.store.listImportErrors(),
        );
      },
    );

    /** The DAG with its definition's details, as Airflow 3's DAGDetailsResponse. */
    app.get(
      "/dags/:dag_id/details",
      {
        schema: {
          tags,
          operationId: "get_dag_details",
          params: dagParams,
          response: { 200: dagDetailsV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const dag = await requireDag(api, request, request.params.dag_id);
        const importErrors = await api.store.listImportErrors();
        const v1 = toApiDagDetail(dag, importErrors);
        const v2 = toApiDagV2(dag, importErrors);
        const activeRuns = await api.store.countDagRuns({
          dagIds: [dag.dagId],
          states: ["queued", "running"],
        });
        return {
          ...v2,
          catchup: v1.catchup ?? false,
          dag_run_timeout: null,
          asset_expression: v1.dataset_expression,
          doc_md: null,
          start_date: v1.start_date,
          end_date: v1.end_date,
          is_paused_upon_creation: null,
          params: v1.params,
          render_template_as_native_obj: false,
          template_search_path: null,
          timezone: v1.timezone,
          last_parsed: v1.last_parsed,
          default_args: null,
          owner_links: null,
          is_favorite: false,
          active_runs_count: activeRuns,
          concurrency: v2.max_active_tasks,
          latest_dag_version: dag.currentVersion && toApiDagVersionV2(dag.currentVersion),
        };
      },
    );

    app.patch(
      "/dags/:dag_id",
      {
        schema: {
          tags,
          operationId: "patch_dag",
          params: dagParams,
          querystring: z.object({ update_mask: listQuery(z.literal("is_paused")) }),
          body: dagPatchBody,
          response: { 200: dagV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const dag = await requireDag(api, request, request.params.dag_id);
        await api.store.setDagPaused(dag.dagId, request.body.is_paused, new Date());
        if (!request.body.is_paused) void api.scheduler.runPass();
        return toApiDagV2(
          await requireDag(api, request, dag.dagId),
          await api.store.listImportErrors(),
        );
      },
    );

    /** Deletes the DAG's metadata, as v1's DELETE does; Airflow 3 answers 200. */
    app.delete(
      "/dags/:dag_id",
      {
        schema: {
          tags,
          operationId: "delete_dag",
          params: dagParams,
          response: { 200: z.undefined().describe("The DAG was deleted") },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.user);
        await deleteDag(api, request, request.params.dag_id);
        return reply.code(200).send();
      },
    );
  };
}
