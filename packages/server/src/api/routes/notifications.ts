import { type ApiNotification, notificationCollectionSchema } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import type { DeliveryRecord } from "../../store/index.js";
import { type ApiContext, authorize, iso } from "../apiContext.js";
import { requireRun, runParams } from "./pathParams.js";

/**
 * Borda's view of a run's callbacks and notifications (docs/notifications.md): what each
 * event fired, to which target, and how its delivery went. A notifier shows its
 * connection's id, never what the connection holds.
 */
export function notificationRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/notifications",
      {
        schema: {
          tags: ["Notification"],
          operationId: "get_dag_run_notifications",
          summary: "The callbacks and notifications of a run, and how each was delivered (Borda)",
          params: runParams,
          response: { 200: notificationCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const run = await requireRun(
          api,
          request,
          request.params.dag_id,
          request.params.dag_run_id,
        );
        const deliveries = await api.store.listDeliveries(run.id);
        return {
          notifications: deliveries.map(toApiNotification),
          total_entries: deliveries.length,
        };
      },
    );
  };
}

function toApiNotification(delivery: DeliveryRecord): ApiNotification {
  return {
    id: delivery.id,
    dag_id: delivery.dagId,
    dag_run_id: delivery.runId,
    task_id: delivery.taskId,
    map_index: delivery.mapIndex,
    try_number: delivery.tryNumber,
    scope: delivery.scope,
    event: delivery.event,
    target: delivery.target,
    conn_id: delivery.notifier?.connId ?? null,
    state: delivery.state,
    tries: delivery.tries,
    last_error: delivery.lastError,
    output: delivery.output,
    worker: delivery.target === "code" ? delivery.claimedBy : null,
    created_at: delivery.createdAt.toISOString(),
    finished_at: iso(delivery.finishedAt),
  };
}
