import { BordaError, ErrorCode } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { XcomEntry } from "../../store/index.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { requireRun, taskParams, unlessAll } from "../routes/pathParams.js";
import { toApiXcomEntry } from "../routes/xcom.js";
import { visibleTeams } from "../teamAccess.js";
import { instant, nullableInstant, storedInt } from "./common.js";

const tags = ["XCom"];

const xcomV2Schema = z.object({
  key: z.string(),
  timestamp: instant,
  logical_date: nullableInstant,
  map_index: z.number().int(),
  task_id: z.string(),
  dag_id: z.string(),
  run_id: z.string(),
  dag_display_name: z.string(),
  task_display_name: z.string(),
  run_after: instant,
});

/** An XCom entry as Airflow 3's XComResponse, from v1's answer. */
function toApiXcomV2(entry: XcomEntry) {
  const v1 = toApiXcomEntry(entry);
  return {
    key: v1.key,
    timestamp: v1.timestamp,
    logical_date: v1.execution_date,
    map_index: v1.map_index,
    task_id: v1.task_id,
    dag_id: v1.dag_id,
    run_id: v1.run_id,
    dag_display_name: v1.dag_id,
    task_display_name: v1.task_id,
    run_after: v1.execution_date,
  };
}

const listQuery = z.object({
  xcom_key: z.string().optional(),
  map_index: storedInt(-1).optional(),
  limit: storedInt(0).default(50),
  offset: storedInt(0).default(0),
});

/** The values tasks passed on, read-only; `~` for any DAG, run or task in the list. */
export function xcomRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/xcomEntries",
      {
        schema: {
          tags,
          operationId: "get_xcom_entries",
          params: taskParams,
          querystring: listQuery,
          response: {
            200: z.object({ xcom_entries: z.array(xcomV2Schema), total_entries: z.number() }),
          },
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
        return { xcom_entries: items.map(toApiXcomV2), total_entries: total };
      },
    );

    /** One entry with its value: as is (Airflow 3's default), or as a string of its JSON. */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/xcomEntries/:xcom_key",
      {
        schema: {
          tags,
          operationId: "get_xcom_entry",
          params: taskParams.extend({ xcom_key: z.string().min(1).max(512) }),
          querystring: z.object({
            map_index: storedInt(-1).default(-1),
            stringify: z.enum(["true", "false"]).default("false"),
          }),
          response: { 200: xcomV2Schema.extend({ value: z.unknown() }) },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId, xcom_key: key } = request.params;
        const run = await requireRun(api, request, dagId, runId);
        const { map_index: mapIndex, stringify } = request.query;
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
          ...toApiXcomV2({ ...xcom, dagId, runId, logicalDate: run.logicalDate }),
          value: stringify === "true" ? JSON.stringify(xcom.value) : xcom.value,
        };
      },
    );
  };
}
