import {
  BordaError,
  ErrorCode,
  xcomCollectionSchema,
  xcomEntryQuerySchema,
  xcomListQuerySchema,
  xcomSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { XcomEntry } from "../../store/index.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { visibleTeams } from "../teamAccess.js";
import { requireRun, taskParams, unlessAll } from "./pathParams.js";

const tags = ["XCom"];

export const toApiXcomEntry = (entry: XcomEntry) => ({
  key: entry.key,
  timestamp: entry.createdAt.toISOString(),
  execution_date: entry.logicalDate.toISOString(),
  map_index: entry.mapIndex,
  task_id: entry.taskId,
  dag_id: entry.dagId,
  run_id: entry.runId,
});

/** The values tasks passed on (a task's result is its `return_value`), read-only. */
export function xcomRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    /** Entries without their values, which may be large; `~` for any DAG, run or task. */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/xcomEntries",
      {
        schema: {
          tags,
          operationId: "get_xcom_entries",
          params: taskParams,
          querystring: xcomListQuerySchema,
          response: { 200: xcomCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
        const q = request.query;
        const { items, total } = await api.store.findXcoms(
          {
            dagId: unlessAll(dagId),
            runId: unlessAll(runId),
            taskId: unlessAll(taskId),
            key: q.xcom_key,
            mapIndex: q.map_index,
            teams: visibleTeams(request),
          },
          { limit: q.limit, offset: q.offset },
        );
        return { xcom_entries: items.map(toApiXcomEntry), total_entries: total };
      },
    );

    /** One entry with its value: as a string of its JSON (Airflow's default), or as is. */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/xcomEntries/:xcom_key",
      {
        schema: {
          tags,
          operationId: "get_xcom_entry",
          params: taskParams.extend({ xcom_key: z.string().min(1).max(512) }),
          querystring: xcomEntryQuerySchema,
          response: { 200: xcomSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId, xcom_key: key } = request.params;
        const run = await requireRun(api, request, dagId, runId);
        const mapIndex = request.query.map_index ?? -1;
        const xcom = (await api.store.listXcoms({ dagRunId: run.id, taskIds: [taskId], key })).find(
          (x) => x.mapIndex === mapIndex,
        );
        if (!xcom) {
          throw new BordaError(
            ErrorCode.notFound,
            `Task '${taskId}' of run '${runId}' has no XCom '${key}'; GET .../taskInstances/${taskId}/xcomEntries lists the ones it has.`,
          );
        }
        return {
          ...toApiXcomEntry({ ...xcom, dagId, runId, logicalDate: run.logicalDate }),
          value: request.query.stringify ? JSON.stringify(xcom.value) : xcom.value,
        };
      },
    );
  };
}
