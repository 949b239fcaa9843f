import { clearedTaskSchema, updateTaskStates } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { dagParams, requireTaskInstance, taskParams } from "../routes/pathParams.js";
import { clearDagTaskInstances } from "../routes/taskInstanceChanges.js";
import { updateMask } from "../updateMask.js";
import { listQuery, storedInt } from "./common.js";
import { taskInstanceCollectionV2Schema, toApiTaskInstanceV2 } from "./taskInstances.js";

const tags = ["Task Instance"];

const patchBody = z.object({
  new_state: z.enum(updateTaskStates).nullish(),
  note: z.string().max(1000).nullish(),
  include_upstream: z.boolean().default(false),
  include_downstream: z.boolean().default(false),
  include_future: z.boolean().default(false),
  include_past: z.boolean().default(false),
});

const instant = z.iso.datetime({ offset: true }).nullish();

const clearBody = z.object({
  dry_run: z.boolean().default(true),
  start_date: instant,
  end_date: instant,
  only_failed: z.boolean().default(true),
  only_running: z.boolean().default(false),
  reset_dag_runs: z.boolean().default(true),
  task_ids: z.array(clearedTaskSchema).nullish(),
  dag_run_id: z.string().nullish(),
  include_upstream: z.boolean().default(false),
  include_downstream: z.boolean().default(false),
  include_future: z.boolean().default(false),
  include_past: z.boolean().default(false),
  note: z.string().nullish(),
});

/** Changing task instances: marking one (and its relatives), its note, and clearing. */
export function taskInstanceChangeRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    /**
     * Marks a task instance success, failed or skipped (with its relatives in the run when
     * asked) and sets its note, as `update_mask` says (both when absent); answers the
     * instances it changed. `map_index` names one map index of a mapped task.
     */
    for (const path of [
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id",
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/:map_index",
    ]) {
      const mapped = path.endsWith(":map_index");
      app.patch(
        path,
        {
          schema: {
            tags,
            operationId: mapped ? "patch_task_instance_by_map_index" : "patch_task_instance",
            params: mapped ? taskParams.extend({ map_index: storedInt(-1) }) : taskParams,
            querystring: z.object({
              map_index: storedInt(-1).optional(),
              update_mask: listQuery(z.string()),
            }),
            body: patchBody,
            response: { 200: taskInstanceCollectionV2Schema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.user);
          const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
          // The path's map index, else the query's (Airflow 3 takes either), else the unmapped -1.
          const inPath = (request.params as { map_index?: number }).map_index;
          const mapIndex = inPath ?? request.query.map_index ?? -1;
          const mask = updateMask(request.query.update_mask, ["new_state", "note"]);
          const body = request.body;
          const wants = (field: "new_state" | "note") =>
            mask ? mask.includes(field) : body[field] !== undefined && body[field] !== null;
          const ti = await requireTaskInstance(api, request, dagId, runId, taskId, mapIndex);
          let changed: { taskId: string; mapIndex: number }[] = [ti];
          if (wants("new_state") && body.new_state) {
            changed = await api.scheduler.changes.markTaskInstances(
              dagId,
              runId,
              [taskId],
              body.new_state,
              {
                mapIndexes: [ti.mapIndex],
                upstream: body.include_upstream,
                downstream: body.include_downstream,
              },
            );
          }
          if (wants("note")) {
            await api.store.setTaskInstanceNote(
              ti.dagRunId,
              taskId,
              ti.mapIndex,
              body.note ?? null,
              new Date(),
            );
          }
          // Marking a state already held changes nothing: the instance is still the answer.
          const fresh = await Promise.all(
            (changed.length > 0 ? changed : [ti]).map((c) =>
              requireTaskInstance(api, request, dagId, runId, c.taskId, c.mapIndex),
            ),
          );
          return {
            task_instances: fresh.map(toApiTaskInstanceV2),
            total_entries: fresh.length,
          };
        },
      );
    }

    /**
     * Clears task instances so they run again, as v1's ClearTaskInstances (one run, or
     * the runs between start_date and end_date); answers the instances it clears, or would
     * in a dry run (the default). Borda always queues a cleared run again (reset_dag_runs).
     */
    app.post(
      "/dags/:dag_id/clearTaskInstances",
      {
        schema: {
          tags,
          operationId: "post_clear_task_instances",
          params: dagParams,
          body: clearBody,
          response: { 200: taskInstanceCollectionV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.user);
        const dagId = request.params.dag_id;
        const cleared = await clearDagTaskInstances(api, request, dagId, request.body);
        const instances = await Promise.all(
          cleared.map(({ run, taskId }) =>
            requireTaskInstance(api, request, dagId, run.runId, taskId),
          ),
        );
        return {
          task_instances: instances.map(toApiTaskInstanceV2),
          total_entries: instances.length,
        };
      },
    );
  };
}
