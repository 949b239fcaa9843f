import { BordaError, ErrorCode } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { DagRecord } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { toApiTasks } from "../routes/dags.js";
import { dagParams, requireDag } from "../routes/pathParams.js";
import { nullableInstant } from "./common.js";

const timeDelta = z
  .object({ __type: z.string(), days: z.number(), seconds: z.number(), microseconds: z.number() })
  .nullable();

const taskV2Schema = z.object({
  task_id: z.string(),
  task_display_name: z.string(),
  owner: z.string(),
  start_date: nullableInstant,
  end_date: nullableInstant,
  trigger_rule: z.string(),
  depends_on_past: z.boolean(),
  wait_for_downstream: z.boolean(),
  retries: z.number(),
  queue: z.string(),
  pool: z.string(),
  pool_slots: z.number(),
  execution_timeout: timeDelta,
  retry_delay: timeDelta,
  retry_exponential_backoff: z.number(),
  priority_weight: z.number(),
  weight_rule: z.string(),
  ui_color: z.string(),
  ui_fgcolor: z.string(),
  template_fields: z.array(z.string()),
  downstream_task_ids: z.array(z.string()),
  doc_md: z.string().nullable(),
  operator_name: z.string(),
  params: z.record(z.string(), z.unknown()),
  class_ref: z.record(z.string(), z.unknown()),
  is_mapped: z.boolean(),
  extra_links: z.array(z.string()),
});

/**
 * A DAG's tasks as Airflow 3's TaskResponse, from v1's. Airflow 3's backoff is a
 * multiplier (0: none); Borda's doubles the delay each retry when on, so 2.
 */
function toApiTasksV2(dag: DagRecord) {
  return toApiTasks(dag.currentVersion?.spec).map((task) => ({
    ...task,
    operator_name: task.class_ref.class_name,
    retry_exponential_backoff: task.retry_exponential_backoff ? 2 : 0,
  }));
}

/** The tasks of a DAG's current definition. */
export function taskRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dags/:dag_id/tasks",
      {
        schema: {
          tags: ["Task"],
          operationId: "get_tasks",
          params: dagParams,
          querystring: z.object({ order_by: z.string().default("task_id") }),
          response: {
            200: z.object({ tasks: z.array(taskV2Schema), total_entries: z.number().int() }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const tasks = toApiTasksV2(await requireDag(api, request, request.params.dag_id));
        const { items } = page(
          tasks,
          { limit: tasks.length, offset: 0, order_by: request.query.order_by },
          {
            task_id: (t) => t.task_id,
            trigger_rule: (t) => t.trigger_rule,
            retries: (t) => t.retries,
            queue: (t) => t.queue,
            pool: (t) => t.pool,
            priority_weight: (t) => t.priority_weight,
          },
          "task_id",
        );
        return { tasks: items, total_entries: tasks.length };
      },
    );

    app.get(
      "/dags/:dag_id/tasks/:task_id",
      {
        schema: {
          tags: ["Task"],
          operationId: "get_task",
          params: dagParams.extend({ task_id: z.string().min(1).max(250) }),
          response: { 200: taskV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, task_id: taskId } = request.params;
        const task = toApiTasksV2(await requireDag(api, request, dagId)).find(
          (t) => t.task_id === taskId,
        );
        if (!task) {
          throw new BordaError(
            ErrorCode.notFound,
            `Task '${taskId}' not found in DAG '${dagId}'; GET /dags/${dagId}/tasks lists its tasks.`,
          );
        }
        return task;
      },
    );
  };
}
