import {
  BordaError,
  clearDagRunSchema,
  dagRunBatchFormSchema,
  dagRunCollectionSchema,
  dagRunListQuerySchema,
  dagRunSchema,
  dagRunStates,
  dagStatsCollectionSchema,
  dagStatsQuerySchema,
  ErrorCode,
  noContentSchema,
  setNoteSchema,
  taskInstanceCollectionSchema,
  triggerDagRunSchema,
  updateDagRunStateSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { runNotFound } from "../../scheduler/runChanges.js";
import { dagNotRunnable } from "../../scheduler/scheduler.js";
import { type DagRunFilter, type DagRunRecord, dagRunOrderFields } from "../../store/index.js";
import { type ApiContext, authorize, iso, sortOrder } from "../apiContext.js";
import { visibleTeams } from "../teamAccess.js";
import { requireDagTeam } from "./dagTeamAccess.js";
import { dagParams, requireDag, requireRun, runParams, unlessAll } from "./pathParams.js";
import { dateRange, toApiTaskInstance } from "./taskInstances.js";

const tags = ["DAGRun"];

export function toApiDagRun(run: DagRunRecord) {
  return {
    dag_run_id: run.runId,
    dag_id: run.dagId,
    logical_date: run.logicalDate.toISOString(),
    execution_date: run.logicalDate.toISOString(),
    start_date: iso(run.startDate),
    end_date: iso(run.endDate),
    data_interval_start: iso(run.dataIntervalStart),
    data_interval_end: iso(run.dataIntervalEnd),
    last_scheduling_decision: null,
    run_type: run.runType,
    state: run.state,
    external_trigger: run.externalTrigger,
    conf: run.conf,
    note: run.note,
  };
}

/**
 * How many runs each of `dagIds` (every DAG when empty) has in each state, every state
 * listed; ids that name no DAG, or another team's, are left out. Both API versions' DAG stats.
 */
export async function dagStats(
  api: ApiContext,
  request: FastifyRequest,
  dagIds: readonly string[],
) {
  const teams = visibleTeams(request);
  const dags = await api.store.listDags(
    dagIds.length > 0 ? { dagIds: [...dagIds], teams } : { teams },
  );
  const counts = new Map(
    (await api.store.countDagRunsByState(dags.map((d) => d.dagId))).map((c) => [
      `${c.dagId}/${c.state}`,
      c.count,
    ]),
  );
  return dags.map(({ dagId }) => ({
    dag_id: dagId,
    stats: dagRunStates.map((state) => ({ state, count: counts.get(`${dagId}/${state}`) ?? 0 })),
  }));
}

export function dagRunRoutes(api: ApiContext): FastifyPluginAsyncZod {
  /** One page of the runs matching `filter`, and how many match in all. */
  const findPage = async (
    filter: DagRunFilter,
    query: { limit: number; offset: number; order_by?: string | undefined },
  ) => {
    const { field, descending } = sortOrder(query.order_by, dagRunOrderFields, "logical_date");
    const [runs, total] = await Promise.all([
      api.store.listDagRuns(filter, {
        orderBy: field,
        descending,
        limit: query.limit,
        offset: query.offset,
      }),
      api.store.countDagRuns(filter),
    ]);
    return { dag_runs: runs.map(toApiDagRun), total_entries: total };
  };

  return async (app) => {
    app.get(
      "/dags/:dag_id/dagRuns",
      {
        schema: {
          tags,
          operationId: "get_dag_runs",
          params: dagParams,
          querystring: dagRunListQuerySchema,
          response: { 200: dagRunCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        // `~`: the runs of every DAG, as in Airflow.
        const dagId = unlessAll(request.params.dag_id);
        if (dagId !== undefined) await requireDag(api, request, dagId);
        const { state } = request.query;
        return findPage(
          {
            dagId,
            states: state === undefined ? undefined : [state].flat(),
            teams: visibleTeams(request),
          },
          request.query,
        );
      },
    );

    /** Airflow's batch form of the list above, across DAGs, for filters too long for a query string. */
    app.post(
      "/dags/~/dagRuns/list",
      {
        schema: {
          tags,
          operationId: "get_dag_runs_batch",
          body: dagRunBatchFormSchema,
          response: { 200: dagRunCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const form = request.body;
        return findPage(
          {
            dagIds: form.dag_ids ?? undefined,
            states: form.states ?? undefined,
            logicalDate: dateRange(form.execution_date_gte, form.execution_date_lte),
            startDate: dateRange(form.start_date_gte, form.start_date_lte),
            endDate: dateRange(form.end_date_gte, form.end_date_lte),
            teams: visibleTeams(request),
          },
          { limit: form.page_limit, offset: form.page_offset, order_by: form.order_by },
        );
      },
    );

    /** Airflow's DAG stats, from `dag_ids` given comma-separated (dagStatsAnswer). */
    app.get(
      "/dagStats",
      {
        schema: {
          tags: ["DagStats"],
          operationId: "get_dag_stats",
          querystring: dagStatsQuerySchema,
          response: { 200: dagStatsCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const wanted = request.query.dag_ids
          .split(",")
          .map((id) => id.trim())
          .filter((id) => id !== "");
        const dags = await dagStats(api, request, wanted);
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
          response: { 200: dagRunSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiDagRun(
          await requireRun(api, request, request.params.dag_id, request.params.dag_run_id),
        );
      },
    );

    app.post(
      "/dags/:dag_id/dagRuns",
      {
        schema: {
          tags,
          operationId: "post_dag_run",
          params: dagParams,
          body: triggerDagRunSchema,
          response: { 200: dagRunSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const body = request.body;
        if (body.logical_date && body.execution_date && body.logical_date !== body.execution_date) {
          throw new BordaError(
            ErrorCode.invalidInput,
            "logical_date and execution_date differ; execution_date is its old name: send one of them.",
          );
        }
        if (Boolean(body.data_interval_start) !== Boolean(body.data_interval_end)) {
          throw new BordaError(
            ErrorCode.invalidInput,
            "data_interval_start and data_interval_end go together: send both or neither.",
          );
        }
        const when = (value: string | null | undefined) => (value ? new Date(value) : undefined);
        const dagId = request.params.dag_id;
        await requireDagTeam(api, request, dagId, () => dagNotRunnable(dagId));
        const run = await api.scheduler.triggerRun(dagId, {
          runId: body.dag_run_id ?? undefined,
          logicalDate: when(body.logical_date ?? body.execution_date),
          dataIntervalStart: when(body.data_interval_start),
          dataIntervalEnd: when(body.data_interval_end),
          conf: body.conf ?? {},
          note: body.note ?? null,
        });
        return toApiDagRun(run);
      },
    );

    /**
     * Sets the run's state by hand: `success` and `failed` end it (its task instances
     * follow, attempts in flight are superseded); `queued` clears it to run again.
     */
    app.patch(
      "/dags/:dag_id/dagRuns/:dag_run_id",
      {
        schema: {
          tags,
          operationId: "update_dag_run_state",
          params: runParams,
          body: updateDagRunStateSchema,
          response: { 200: dagRunSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const { dag_id: dagId, dag_run_id: runId } = request.params;
        await requireDagTeam(api, request, dagId, () => runNotFound(dagId, runId));
        return toApiDagRun(
          await api.scheduler.changes.setDagRunState(dagId, runId, request.body.state),
        );
      },
    );

    app.patch(
      "/dags/:dag_id/dagRuns/:dag_run_id/setNote",
      {
        schema: {
          tags,
          operationId: "set_dag_run_note",
          params: runParams,
          body: setNoteSchema,
          response: { 200: dagRunSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const { dag_id: dagId, dag_run_id: runId } = request.params;
        const run = await requireRun(api, request, dagId, runId);
        await api.store.setDagRunNote(run.id, request.body.note, new Date());
        return toApiDagRun(await requireRun(api, request, dagId, runId));
      },
    );

    /** Deletes the run with its task instances, attempts, logs and XCom. */
    app.delete(
      "/dags/:dag_id/dagRuns/:dag_run_id",
      {
        schema: {
          tags,
          operationId: "delete_dag_run",
          params: runParams,
          response: { 204: noContentSchema },
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

    /**
     * Clears every task instance of the run so it runs again, answering the run; a dry
     * run (Airflow's default) answers the task instances it would clear and changes nothing.
     */
    app.post(
      "/dags/:dag_id/dagRuns/:dag_run_id/clear",
      {
        schema: {
          tags,
          operationId: "clear_dag_run",
          params: runParams,
          body: clearDagRunSchema,
          response: { 200: z.union([dagRunSchema, taskInstanceCollectionSchema]) },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const { dag_id: dagId, dag_run_id: runId } = request.params;
        await requireDagTeam(api, request, dagId, () => runNotFound(dagId, runId));
        const cleared = await api.scheduler.changes.clearTaskInstances(dagId, runId, null, {
          dryRun: request.body.dry_run,
        });
        if (!request.body.dry_run) return toApiDagRun(await requireRun(api, request, dagId, runId));
        const { items, total } = await api.store.findTaskInstances(
          { dagIds: [dagId], runIds: [runId], taskIds: cleared },
          { orderBy: "task_id", descending: false, limit: cleared.length || 1, offset: 0 },
        );
        return { task_instances: items.map(toApiTaskInstance), total_entries: total };
      },
    );
  };
}
