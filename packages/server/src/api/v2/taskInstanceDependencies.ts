import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { mappedTaskParams, requireTaskInstance, taskParams } from "../routes/pathParams.js";
import { dependenciesOf } from "../routes/taskInstanceDependencies.js";
import { storedInt } from "./common.js";

/**
 * What keeps a task instance from running, and its extra links (none), as v1 answers them.
 * Airflow 3 names the map index in the query of the task's path (-1 by default) as well as
 * in a path of its own.
 */

const tags = ["Task Instance"];
const taskPath = "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id";

const dependencyCollection = z.object({
  dependencies: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export function taskInstanceDependencyRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  const answer = async (
    request: FastifyRequest,
    p: { dag_id: string; dag_run_id: string; task_id: string },
    mapIndex: number,
  ) => {
    const ti = await requireTaskInstance(api, request, p.dag_id, p.dag_run_id, p.task_id, mapIndex);
    return { dependencies: await dependenciesOf(api, request, ti) };
  };

  return async (app) => {
    app.get(
      `${taskPath}/dependencies`,
      {
        schema: {
          tags,
          operationId: "get_task_instance_dependencies",
          params: taskParams,
          querystring: z.object({ map_index: storedInt(-1).default(-1) }),
          response: { 200: dependencyCollection },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return answer(request, request.params, request.query.map_index);
      },
    );

    app.get(
      `${taskPath}/:map_index/dependencies`,
      {
        schema: {
          tags,
          operationId: "get_task_instance_dependencies_by_map_index",
          params: mappedTaskParams,
          response: { 200: dependencyCollection },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return answer(request, request.params, request.params.map_index);
      },
    );

    /** Airflow's operators may declare extra links (a job's page elsewhere); Borda's have none. */
    app.get(
      `${taskPath}/links`,
      {
        schema: {
          tags,
          operationId: "get_extra_links",
          params: taskParams,
          querystring: z.object({
            map_index: storedInt(-1).default(-1),
            try_number: storedInt(1).optional(),
          }),
          response: {
            200: z.object({
              extra_links: z.record(z.string(), z.string().nullable()),
              total_entries: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const p = request.params;
        await requireTaskInstance(
          api,
          request,
          p.dag_id,
          p.dag_run_id,
          p.task_id,
          request.query.map_index,
        );
        return { extra_links: {}, total_entries: 0 };
      },
    );
  };
}
