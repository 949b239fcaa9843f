import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { EventRecord } from "../../store/index.js";
import { eventOrderFields } from "../../store/index.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { eventFilterOf, requireEvent, toApiEventLog } from "../routes/eventLogs.js";
import { visibleTeams } from "../teamAccess.js";
import { instant, listQuery, nullableInstant, pageQuery, storedInt } from "./common.js";

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

/** An event as Airflow 3's EventLogResponse, from v1's: `execution_date` is `logical_date`. */
function toApiEventLogV2(event: EventRecord) {
  const { execution_date: logicalDate, ...v1 } = toApiEventLog(event);
  return {
    ...v1,
    logical_date: logicalDate,
    dag_display_name: v1.dag_id,
    task_display_name: v1.task_id,
  };
}

/** v2's order fields, by v1's name where Airflow 3 has another for the same column. */
const orderAliases: Record<string, string> = { id: "event_log_id", dttm: "when" };

const isoQuery = z.iso.datetime({
  offset: true,
  message: "must be an ISO-8601 date and time, e.g. 2025-07-01T14:56:26Z",
});

// Strict: a filter Borda does not implement (the `_pattern` ones) is a 422 naming it.
const eventLogListQuery = pageQuery([...eventOrderFields, ...Object.keys(orderAliases)])
  .extend({
    dag_id: z.string().max(250).optional(),
    task_id: z.string().max(250).optional(),
    run_id: z.string().max(250).optional(),
    map_index: storedInt(-1).optional(),
    try_number: storedInt(0).optional(),
    owner: z.string().max(256).optional(),
    event: z.string().max(250).optional(),
    included_events: listQuery(z.string().max(250)),
    excluded_events: listQuery(z.string().max(250)),
    before: isoQuery.optional(),
    after: isoQuery.optional(),
  })
  .strict();

/** The audit trail of changes made through the API, read-only (a Viewer's, as in v1). */
export function eventLogRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/eventLogs",
      {
        schema: {
          tags,
          operationId: "get_event_logs",
          querystring: eventLogListQuery,
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
        const q = request.query;
        const wanted = q.order_by ?? "id";
        const field = wanted.replace(/^-/, "");
        const { items, total } = await api.store.findEvents(
          {
            ...eventFilterOf({
              ...q,
              included_events: q.included_events?.join(","),
              excluded_events: q.excluded_events?.join(","),
            }),
            teams: visibleTeams(request),
          },
          {
            orderBy: (orderAliases[field] ?? field) as (typeof eventOrderFields)[number],
            descending: wanted.startsWith("-"),
            limit: q.limit,
            offset: q.offset,
          },
        );
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
        return toApiEventLogV2(await requireEvent(api, request, request.params.event_log_id));
      },
    );
  };
}
