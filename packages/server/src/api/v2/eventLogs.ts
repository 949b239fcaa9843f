import { eventLogListQuerySchema } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type EventRecord, eventOrderFields } from "../../store/index.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { findEventLogs, requireEvent, toApiEventLog } from "../routes/eventLogs.js";
import { instant, nullableInstant, pageQuery } from "./common.js";

const tags = ["Event Log"];

const eventLogV2Schema = z.object({
  event_log_id: z.number().int(),
  when: instant,
  dag_id: z.string().nullable(),
  task_id: z.string().nullable(),
  run_id: z.string().nullable(),
  map_index: z.number().int().nullable(),
  try_number: z.number().int().nullable(),
  event: z.string(),
  logical_date: nullableInstant,
  owner: z.string().nullable(),
  extra: z.string().nullable(),
  dag_display_name: z.string().nullable(),
  task_display_name: z.string().nullable(),
});

/** An event log entry as Airflow 3's EventLogResponse, from v1's. */
function toApiEventLogV2(event: EventRecord) {
  const { execution_date: logicalDate, ...v1 } = toApiEventLog(event);
  return {
    ...v1,
    logical_date: logicalDate,
    dag_display_name: v1.dag_id,
    task_display_name: v1.task_id,
  };
}

/** The audit trail of changes made through either API version. */
export function eventLogRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/eventLogs",
      {
        schema: {
          tags,
          operationId: "get_event_logs",
          querystring: eventLogListQuerySchema
            .omit({ limit: true, offset: true, order_by: true })
            .extend(pageQuery(eventOrderFields).shape),
          response: {
            200: z.object({
              event_logs: z.array(eventLogV2Schema),
              total_entries: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { items, total } = await findEventLogs(api, request.query);
        return { event_logs: items.map(toApiEventLogV2), total_entries: total };
      },
    );

    app.get(
      "/eventLogs/:event_log_id",
      {
        schema: {
          tags,
          operationId: "get_event_log",
          params: z.object({
            event_log_id: z.coerce
              .number()
              .int()
              .min(1)
              .max(2 ** 53 - 1),
          }),
          response: { 200: eventLogV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiEventLogV2(await requireEvent(api, request.params.event_log_id));
      },
    );
  };
}
