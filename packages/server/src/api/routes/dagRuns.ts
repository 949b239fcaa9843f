import {
  BordaError,
  dagRunCollectionSchema,
  dagRunListQuerySchema,
  dagRunSchema,
  ErrorCode,
  triggerDagRunSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { DagRunRecord } from "../../store/index.js";
import { type ApiContext, authorize, iso, page } from "../apiContext.js";
import { dagParams, requireDag } from "./dags.js";

const tags = ["DAGRun"];
const runParams = dagParams.extend({ dag_run_id: z.string().min(1).max(250) });

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
      { schema: { tags, params: runParams, response: { 200: dagRunSchema } } },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const run = await api.store.getDagRun(request.params.dag_id, request.params.dag_run_id);
        if (!run) {
          throw new BordaError(
            ErrorCode.notFound,
            `DAG run '${request.params.dag_run_id}' of DAG '${request.params.dag_id}' not found.`,
          );
        }
        return toApiDagRun(run);
      },
    );

    app.post(
      "/dags/:dag_id/dagRuns",
      {
        schema: {
          tags,
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
  };
}
