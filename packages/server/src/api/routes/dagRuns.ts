import {
  BordaError,
  clearDagRunSchema,
  dagRunCollectionSchema,
  dagRunListQuerySchema,
  dagRunSchema,
  ErrorCode,
  setNoteSchema,
  taskInstanceCollectionSchema,
  triggerDagRunSchema,
  updateDagRunStateSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { DagRunRecord } from "../../store/index.js";
import { type ApiContext, authorize, iso, page } from "../apiContext.js";
import { dagParams, requireDag, requireRun, runParams } from "./pathParams.js";
import { toApiTaskInstance } from "./taskInstances.js";

const tags = ["DAGRun"];

function toApiDagRun(run: DagRunRecord) {
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

export function dagRunRoutes(api: ApiContext): FastifyPluginAsyncZod {
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
        await requireDag(api, request.params.dag_id);
        const states = request.query.state === undefined ? undefined : [request.query.state].flat();
        const { items, total } = page(
          await api.store.listDagRuns({
            dagId: request.params.dag_id,
            ...(states ? { states } : {}),
          }),
          request.query,
          {
            dag_run_id: (r) => r.runId,
            logical_date: (r) => r.logicalDate.getTime(),
            execution_date: (r) => r.logicalDate.getTime(),
            start_date: (r) => r.startDate?.getTime() ?? null,
            end_date: (r) => r.endDate?.getTime() ?? null,
            state: (r) => r.state,
          },
          "logical_date",
        );
        return { dag_runs: items.map(toApiDagRun), total_entries: total };
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
        return toApiDagRun(await requireRun(api, request.params.dag_id, request.params.dag_run_id));
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
        const run = await api.scheduler.triggerRun(request.params.dag_id, {
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
        return toApiDagRun(await api.scheduler.setDagRunState(dagId, runId, request.body.state));
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
        const run = await requireRun(api, dagId, runId);
        await api.store.setDagRunNote(run.id, request.body.note, new Date());
        return toApiDagRun(await requireRun(api, dagId, runId));
      },
    );

    /** Deletes the run with its task instances, attempts, logs and XCom. */
    app.delete(
      "/dags/:dag_id/dagRuns/:dag_run_id",
      { schema: { tags, operationId: "delete_dag_run", params: runParams } },
      async (request, reply) => {
        await authorize(api, request, Role.user);
        await api.scheduler.deleteDagRun(request.params.dag_id, request.params.dag_run_id);
        return reply.code(204).send();
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
        const cleared = await api.scheduler.clearTaskInstances(dagId, runId, null, {
          dryRun: request.body.dry_run,
        });
        if (!request.body.dry_run) return toApiDagRun(await requireRun(api, dagId, runId));
        const { items, total } = await api.store.findTaskInstances(
          { dagIds: [dagId], runIds: [runId], taskIds: cleared },
          { orderBy: "task_id", descending: false, limit: cleared.length || 1, offset: 0 },
        );
        return { task_instances: items.map(toApiTaskInstance), total_entries: total };
      },
    );
  };
}
