import type { DeliveryRecord, NewEvent } from "../store/index.js";

/** The event-log row of a delivery that failed for good (the UI and `/eventLogs` show it). */
export function deliveryFailedEvent(delivery: DeliveryRecord, when: Date): NewEvent {
  return {
    when,
    event: delivery.target === "code" ? "callback.failed" : "notification.failed",
    owner: null,
    dagId: delivery.dagId,
    runId: delivery.runId,
    taskId: delivery.taskId,
    mapIndex: delivery.mapIndex,
    tryNumber: delivery.tryNumber,
    executionDate: null,
    extra: JSON.stringify({
      notification_id: delivery.id,
      event: delivery.event,
      target: delivery.target,
      conn_id: delivery.notifier?.connId ?? null,
      error: delivery.lastError,
    }),
  };
}
