import {
  BordaError,
  ErrorCode,
  eventLogCollectionSchema,
  eventLogListQuerySchema,
  eventLogSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type EventFilter, type EventRecord, eventOrderFields } from "../../store/index.js";
import { type ApiContext, authorize, iso, sortOrder } from "../apiContext.js";
import { requireTeamAccess, visibleTeams } from "../teamAccess.js";

const tags = ["EventLog"];

export const toApiEventLog = (event: EventRecord) => ({
  event_log_id: event.id,
  when: event.when.toISOString(),
  dag_id: event.dagId,
  task_id: event.taskId,
  run_id: event.runId,
  map_index: event.mapIndex,
  try_number: event.tryNumber,
  event: event.event,
  execution_date: iso(event.executionDate),
  owner: event.owner,
  extra: event.extra,
});

/** Airflow's comma-separated event lists; an empty one filters nothing. */
function eventNames(value: string | undefined): string[] | undefined {
  const names = (value ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  return names.length > 0 ? names : undefined;
}

/** The store's filter for Airflow's event log query (v1's and v2's share these fields). */
export function eventFilterOf(q: {
  dag_id?: string | undefined;
  run_id?: string | undefined;
  task_id?: string | undefined;
  map_index?: number | undefined;
  try_number?: number | undefined;
  owner?: string | undefined;
  event?: string | undefined;
  included_events?: string | undefined;
  excluded_events?: string | undefined;
  before?: string | undefined;
  after?: string | undefined;
}): EventFilter {
  const included = eventNames(q.included_events);
  return {
    dagId: q.dag_id,
    runId: q.run_id,
    taskId: q.task_id,
    mapIndex: q.map_index,
    tryNumber: q.try_number,
    owner: q.owner,
    // `event` and `included_events` both narrow: an event must be in both.
    events:
      q.event === undefined ? included : included && !included.includes(q.event) ? [] : [q.event],
    excludedEvents: eventNames(q.excluded_events),
    before: q.before === undefined ? undefined : new Date(q.before),
    after: q.after === undefined ? undefined : new Date(q.after),
  };
}

/** The event, if the caller may read it: one of their teams' (any other is as missing). */
export async function requireEvent(
  api: ApiContext,
  request: FastifyRequest,
  id: number,
): Promise<EventRecord> {
  const missing = () =>
    new BordaError(
      ErrorCode.notFound,
      `Event log entry ${id} not found; GET /eventLogs lists them.`,
    );
  const event = await api.store.getEvent(id);
  if (!event) throw missing();
  await requireTeamAccess(api, request, event.team, missing);
  return event;
}

/** The audit trail of changes made through this API (recorded by recordEvents.ts). */
export function eventLogRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/eventLogs",
      {
        schema: {
          tags,
          operationId: "get_event_logs",
          querystring: eventLogListQuerySchema,
          response: { 200: eventLogCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const { field, descending } = sortOrder(q.order_by, eventOrderFields, "event_log_id");
        const { items, total } = await api.store.findEvents(
          { ...eventFilterOf(q), teams: visibleTeams(request) },
          {
            orderBy: field,
            descending,
            limit: q.limit,
            offset: q.offset,
          },
        );
        return { event_logs: items.map(toApiEventLog), total_entries: total };
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
          response: { 200: eventLogSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiEventLog(await requireEvent(api, request, request.params.event_log_id));
      },
    );
  };
}
