import { dagRunStates, maxStoredInt, RunType, TaskInstanceState } from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { runNotFound } from "../../scheduler/runChanges.js";
import { dagNotRunnable } from "../../scheduler/scheduler.js";
import {
  type DagRunFilter,
  type DagRunRecord,
  type DagVersionRecord,
  dagRunOrderFields,
} from "../../store/index.js";
import { type ApiContext, authorize, sortOrder } from "../apiContext.js";
import { dagStats, toApiDagRun } from "../routes/dagRuns.js";
import { requireDagTeam } from "../routes/dagTeamAccess.js";
import { dagParams, requireDag, requireRun, runParams, unlessAll } from "../routes/pathParams.js";
import { dateRange } from "../routes/taskInstances.js";
import { visibleTeams } from "../teamAccess.js";
import { instant, listQuery, nullableInstant, pageQuery, v1Paging } from "./common.js";
import { dagVersionV2Schema, toApiDagVersionV2 } from "./dagVersions.js";
import { taskInstanceCollectionV2Schema, toApiTaskInstanceV2 } from "./taskInstances.js";

const tags = ["DagRun"];

export const dagRunV2Schema = z.object({
  dag_run_id: z.string(),
  dag_id: z.string(),
  logical_date: nullableInstant,
  queued_at: nullableInstant,
  start_date: nullableInstant,
  end_date: nullableInstant,
  duration: z.number().nullable(),
  data_interval_start: nullableInstant,
  data_interval_end: nullableInstant,
  run_after: instant,
  last_scheduling_decision: nullableInstant,
  run_type: z.enum(["backfill", "scheduled", "manual", "asset_triggered"]),
  state: z.enum(dagRunStates),
  triggered_by: z.enum(["timetable", "backfill", "asset"]).nullable(),
  triggering_user_name: z.string().nullable(),
  conf: z.record(z.string(), z.unknown()).nullable(),
  note: z.string().nullable(),
  dag_versions: z.array(dagVersionV2Schema),
  bundle_version: z.string().nullable(),
  dag_display_name: z.string(),
  partition_key: z.string().nullable(),
  partition_date: nullableInstant,
});

const dagRunCollectionV2Schema = z.object({
  dag_runs: z.array(dagRunV2Schema),
  total_entries: z.number().int(),
});

/** Borda's run types under Airflow 3's names, and what Airflow 3 says triggered each. */
const runTypes = {
  [RunType.manual]: { run_type: "manual", triggered_by: null },
  [RunType.scheduled]: { run_type: "scheduled", triggered_by: "timetable" },
  [RunType.backfill]: { run_type: "backfill", triggered_by: "backfill" },
  [RunType.datasetTriggered]: { run_type: "asset_triggered", triggered_by: "asset" },
} as const;

/**
 * A DAG run as Airflow 3's DAGRunResponse, from v1's answer. A manual run's trigger (API,
 * UI or CLI) and who made it are not recorded, so they are null, as Airflow writes for
 * unknowns. `dag_versions` holds the one version the run was created with.
 */
function toApiDagRunV2(run: DagRunRecord, version: DagVersionRecord | null | undefined) {
  const v1 = toApiDagRun(run);
  return {
    dag_run_id: v1.dag_run_id,
    dag_id: v1.dag_id,
    logical_date: v1.logical_date,
    queued_at: run.queuedAt.toISOString(),
    start_date: v1.start_date,
    end_date: v1.end_date,
    duration:
      run.startDate && run.endDate
        ? (run.endDate.getTime() - run.startDate.getTime()) / 1000
        : null,
    data_interval_start: v1.data_interval_start,
    data_interval_end: v1.data_interval_end,
    run_after: v1.logical_date,
    last_scheduling_decision: null,
    ...runTypes[run.runType],
    state: v1.state,
    triggering_user_name: null,
    conf: v1.conf,
    note: v1.note,
    dag_versions: version ? [toApiDagVersionV2(version)] : [],
    bundle_version: null,
    dag_display_name: v1.dag_id,
    partition_key: null,
    partition_date: null,
  };
}

/** Runs as Airflow 3's, with their versions read in one batch. */
async function toApiDagRunsV2(api: ApiContext, runs: readonly DagRunRecord[]) {
  const versions = await api.store.getDagVersions(runs.map((run) => run.dagVersionId));
  return runs.map((run) => toApiDagRunV2(run, versions.get(run.dagVersionId)));
}

async function toApiDagRunV2Of(api: ApiContext, run: DagRunRecord) {
  return toApiDagRunV2(run, await api.store.getDagVersion(run.dagVersionId));
}

const optionalInstant = z.iso.datetime({ offset: true }).nullish();

const dagRunListQuery = pageQuery(dagRunOrderFields).extend({
  state: listQuery(z.enum(dagRunStates)),
  logical_date_gte: optionalInstant,
  logical_date_lte: optionalInstant,
  start_date_gte: optionalInstant,
  start_date_lte: optionalInstant,
  end_date_gte: optionalInstant,
  end_date_lte: optionalInstant,
});

const dagRunsBatchBody = z.object({
  order_by: z.string().nullish(),
  page_offset: z.number().int().min(0).max(maxStoredInt).default(0),
  page_limit: z.number().int().min(0).max(maxStoredInt).default(100),
  dag_ids: z.array(z.string()).nullish(),
  states: z.array(z.enum(dagRunStates)).nullish(),
  logical_date_gte: optionalInstant,
  logical_date_lte: optionalInstant,
  start_date_gte: optionalInstant,
  start_date_lte: optionalInstant,
  end_date_gte: optionalInstant,
  end_date_lte: optionalInstant,
});

const triggerBody = z.object({
  dag_run_id: z.string().min(1).max(250).nullish(),
  logical_date: optionalInstant,
  data_interval_start: optionalInstant,
  data_interval_end: optionalInstant,
  run_after: optionalInstant,
  conf: z.record(z.string(), z.unknown()).nullish(),
  note: z.string().nullish(),
});

const patchBody = z.object({
  state: z.enum(["queued", "success", "failed"]).nullish(),
  note: z.string().nullish(),
});

const clearBody = z.object({
  dry_run: z.boolean().default(true),
  only_failed: z.boolean().default(false),
});

export function dagRunRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  /** One page of the runs matching `filter` of the DAGs the caller sees. */
  const findPage = async (
    request: FastifyRequest,
    unfiltered: DagRunFilter,
    query: { limit: number; offset: number; order_by?: string | null | undefined },
  ) => {
    const { field, descending } = sortOrder(
      query.order_by ?? undefined,
      dagRunOrderFields,
      "logical_date",
    );
    const filter = { ...unfiltered, teams: visibleTeams(request) };
    const [runs, total] = await Promise.all([
      api.store.listDagRuns(filter, {
        orderBy: field,
        descending,
        limit: query.limit,
        offset: query.offset,
      }),
      api.store.countDagRuns(filter),
    ]);
    return { dag_runs: await toApiDagRunsV2(api, runs), total_entries: total };
  };

  return async (app) => {
    /** One DAG's runs, or with `~` every DAG's. */
    app.get(
      "/dags/:dag_id/dagRuns",
      {
        schema: {
          tags,
          operationId: "get_dag_runs",
          params: dagParams,
          querystring: dagRunListQuery,
          response: { 200: dagRunCollectionV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const dagId = unlessAll(request.params.dag_id);
        if (dagId !== undefined) await requireDag(api, request, dagId);
        return findPage(
          request,
          {
            dagIds: dagId === undefined ? undefined : [dagId],
            states: q.state,
            logicalDate: dateRange(q.logical_date_gte, q.logical_date_lte),
            startDate: dateRange(q.start_date_gte, q.start_date_lte),
            endDate: dateRange(q.end_date_gte, q.end_date_lte),
          },
          v1Paging(q),
        );
      },
    );

    app.post(
      "/dags/:dag_id/dagRuns/list",
      {
        schema: {
          tags,
          operationId: "get_list_dag_runs_batch",
          params: dagParams,
          body: dagRunsBatchBody,
          response: { 200: dagRunCollectionV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const form = request.body;
        const dagId = unlessAll(request.params.dag_id);
        return findPage(
          request,
          {
            dagIds: dagId === undefined ? (form.dag_ids ?? undefined) : [dagId],
            states: form.states ?? undefined,
            logicalDate: dateRange(form.logical_date_gte, form.logical_date_lte),
            startDate: dateRange(form.start_date_gte, form.start_date_lte),
            endDate: dateRange(form.end_date_gte, form.end_date_lte),
          },
          { limit: form.page_limit, offset: form.page_offset, order_by: form.order_by },
        );
      },
    );

    /** How many runs each DAG has in each state (every DAG without `dag_ids`). */
    app.get(
      "/dagStats",
      {
        schema: {
          tags: ["DagStats"],
          operationId: "get_dag_stats",
          querystring: z.object({ dag_ids: listQuery(z.string().min(1).max(250)) }),
          response: {
            200: z.object({
              dags: z.array(
                z.object({
                  dag_id: z.string(),
                  dag_display_name: z.string(),
                  stats: z.array(z.object({ state: z.enum(dagRunStates), count: z.number() })),
                }),
              ),
              total_entries: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const dags = (await dagStats(api, request, request.query.dag_ids ?? [])).map((d) => ({
          ...d,
          dag_display_name: d.dag_id,
        }));
        return { dags, total_entries: dags.length };
      },
    );

    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id",
      {
        schema: {
          tags,
          operationId: "get_dag_run",
          params: runParams,
          response: { 200: dagRunV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId } = request.params;
        return toApiDagRunV2Of(api, await requireRun(api, request, dagId, runId));
      },
    );

    /** Triggers a run: Airflow 3 answers 200 here, and requires `logical_date` (null: now). */
    app.post(
      "/dags/:dag_id/dagRuns",
      {
        schema: {
          tags,
          operationId: "trigger_dag_run",
          params: dagParams,
          body: triggerBody,
          response: { 200: dagRunV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const body = request.body;
        const when = (value: string | null | undefined) => (value ? new Date(value) : undefined);
        const dagId = request.params.dag_id;
        await requireDagTeam(api, request, dagId, () => dagNotRunnable(dagId));
        const run = await api.scheduler.triggerRun(dagId, {
          runId: body.dag_run_id ?? undefined,
          logicalDate: when(body.logical_date ?? body.run_after),
          dataIntervalStart: when(body.data_interval_start),
          dataIntervalEnd: when(body.data_interval_end),
          conf: body.conf ?? {},
          note: body.note ?? null,
        });
        return toApiDagRunV2Of(api, run);
      },
    );

    /** Sets the run's state by hand (as v1's), and its note, in one request. */
    app.patch(
      "/dags/:dag_id/dagRuns/:dag_run_id",
      {
        schema: {
          tags,
          operationId: "patch_dag_run",
          params: runParams,
          querystring: z.object({ update_mask: listQuery(z.enum(["state", "note"])) }),
          body: patchBody,
          response: { 200: dagRunV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const { dag_id: dagId, dag_run_id: runId } = request.params;
        const mask = request.query.update_mask ?? Object.keys(request.body);
        const run = await requireRun(api, request, dagId, runId);
        if (mask.includes("state") && request.body.state) {
          await api.scheduler.changes.setDagRunState(dagId, runId, request.body.state);
        }
        if (mask.includes("note") && request.body.note !== undefined) {
          await api.store.setDagRunNote(run.id, request.body.note ?? "", new Date());
        }
        return toApiDagRunV2Of(api, await requireRun(api, request, dagId, runId));
      },
    );

    app.delete(
      "/dags/:dag_id/dagRuns/:dag_run_id",
      {
        schema: {
          tags,
          operationId: "delete_dag_run",
          params: runParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.user);
        const { dag_id: dagId, dag_run_id: runId } = request.params;
        await requireDagTeam(api, request, dagId, () => runNotFound(dagId, runId));
        await api.scheduler.changes.deleteDagRun(dagId, runId);
        return reply.code(204).send(null);
      },
    );

    /** Clears the run's task instances (only the failed ones with `only_failed`); a dry run changes nothing. */
    app.post(
      "/dags/:dag_id/dagRuns/:dag_run_id/clear",
      {
        schema: {
          tags,
          operationId: "clear_dag_run",
          params: runParams,
          body: clearBody,
          response: { 200: z.union([dagRunV2Schema, taskInstanceCollectionV2Schema]) },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const { dag_id: dagId, dag_run_id: runId } = request.params;
        const { dry_run: dryRun, only_failed: onlyFailed } = request.body;
        await requireDagTeam(api, request, dagId, () => runNotFound(dagId, runId));
        const cleared = await api.scheduler.changes.clearTaskInstances(dagId, runId, null, {
          dryRun,
          onlyStates: onlyFailed
            ? [TaskInstanceState.failed, TaskInstanceState.upstreamFailed]
            : undefined,
        });
        if (!dryRun) return toApiDagRunV2Of(api, await requireRun(api, request, dagId, runId));
        const { items, total } = await api.store.findTaskInstances(
          { dagIds: [dagId], runIds: [runId], taskIds: cleared },
          { orderBy: "task_id", descending: false, limit: cleared.length || 1, offset: 0 },
        );
        return { task_instances: items.map(toApiTaskInstanceV2), total_entries: total };
      },
    );
  };
}
