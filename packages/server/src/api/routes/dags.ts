import {
  BordaError,
  dagCollectionSchema,
  dagListQuerySchema,
  dagPatchSchema,
  dagSchema,
  ErrorCode,
  updateMaskQuerySchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { DagRecord, ImportErrorRecord } from "../../store/index.js";
import { type ApiContext, authorize, iso, page } from "../apiContext.js";
import { updateMask } from "./pools.js";

const tags = ["DAG"];
export const dagParams = z.object({ dag_id: z.string().min(1).max(250) });

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
    file_token: Buffer.from(`${dag.origin}:${dag.fileloc}`).toString("base64url"),
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

export function dagRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dags",
      { schema: { tags, querystring: dagListQuerySchema, response: { 200: dagCollectionSchema } } },
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
      { schema: { tags, params: dagParams, response: { 200: dagSchema } } },
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
  };
}

export async function requireDag(api: ApiContext, dagId: string): Promise<DagRecord> {
  const dag = await api.store.getDag(dagId);
  if (!dag) throw new BordaError(ErrorCode.notFound, `DAG '${dagId}' not found.`);
  return dag;
}
