import type { BordaError } from "@borda/protocol";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { NewEvent } from "../store/index.js";
import { type ApiContext, signedInUser } from "./apiContext.js";
import { teamOfChange } from "./teamAccess.js";

/**
 * The audit trail (Airflow's event log): every change made through /api/v1 that succeeded
 * is recorded with who made it (the user `authorize` signed in), what it was (the route's
 * operation id, else its method and path template), the DAG, run and task it concerned,
 * and a short summary of what was sent. Passwords, tokens and secrets never reach the
 * log, nor long texts (a deployed DAG file's source), which may hold them.
 *
 * It is written as the answer is about to be sent (onSend), not after it (onResponse),
 * so a client that got its 2xx finds its change in the log on its very next request.
 */
export function recordEvents(app: FastifyInstance, api: ApiContext): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (!changes(request) || reply.statusCode < 200 || reply.statusCode >= 300) return payload;
    try {
      await api.store.recordEvent(eventOf(request, new Date()));
    } catch (error) {
      // The change is made; failing its answer now would only make the client retry it.
      request.log.error({ err: error }, "could not record the change in the event log");
    }
    return payload;
  });
}

/**
 * Records a request refused by a team check (`refused:<operation>`), read or change,
 * under the object's team: who tried, what, and why not. Recording
 * must not turn the refusal into a 500, so a failure here is only logged.
 */
export async function recordRefusal(
  api: ApiContext,
  request: FastifyRequest,
  team: string,
  refusal: BordaError,
): Promise<void> {
  const event = eventOf(request, new Date());
  try {
    await api.store.recordEvent({
      ...event,
      event: `refused:${event.event}`,
      team,
      extra: JSON.stringify({ status: refusal.code, method: request.method, sent: event.extra }),
    });
  } catch (error) {
    request.log.error({ err: error }, "could not record a refusal in the event log");
  }
}

/** What a route noted about its change that its path and body do not say (`noteEvent`). */
const noted = new WeakMap<FastifyRequest, { dagId: string; extra: Record<string, unknown> }>();

/**
 * Names the DAG a change concerned, and what else to record, when the request does not
 * name it: `PUT /backfills/{id}/cancel` names only the backfill.
 */
export function noteEvent(
  request: FastifyRequest,
  dagId: string,
  extra: Record<string, unknown>,
): void {
  noted.set(request, { dagId, extra });
}

/**
 * Whether a request changes something: any method but GET, except the reads Airflow
 * makes POSTs only because their filters outgrow a query string, whose operation ids
 * say `get_` (`get_task_instances_batch`), and dry runs (`create_backfill_dry_run`).
 */
function changes(request: FastifyRequest): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(request.method)) return false;
  const operationId = request.routeOptions.schema?.operationId ?? "";
  return !operationId.startsWith("get_") && !operationId.endsWith("_dry_run");
}

function eventOf(request: FastifyRequest, at: Date): NewEvent {
  const params = asRecord(request.params);
  const body = asRecord(request.body);
  const named = (key: string) => {
    const value = params[key] ?? body[key];
    return typeof value === "string" && value !== "~" ? value : null;
  };
  const { method, routeOptions } = request;
  return {
    when: at,
    event: routeOptions.schema?.operationId ?? `${method} ${routeOptions.url ?? request.url}`,
    owner: signedInUser(request)?.username ?? null,
    dagId: named("dag_id") ?? noted.get(request)?.dagId ?? null,
    runId: named("dag_run_id"),
    taskId: named("task_id"),
    mapIndex: null,
    tryNumber: null,
    executionDate: null,
    extra: summarize({ ...asRecord(request.query), ...body, ...noted.get(request)?.extra }),
    team: teamOfChange(request),
  };
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/**
 * Keys whose values are never logged: secrets by name, and what connections and variables
 * keep encrypted at rest (a variable's value; a connection's host, login and extra).
 */
const secretName =
  /pass(word)?|secret|token|credential|authori[sz]ation|api[-_]?key|private|^(value|extra|host|login)$/i;
/** Longer strings are logged by length only: a long text (a DAG's source) may hold secrets. */
const longestString = 200;
const longestExtra = 2000;

/** What was sent, as short JSON with secrets masked; null when nothing was. */
function summarize(sent: Record<string, unknown>): string | null {
  if (Object.keys(sent).length === 0) return null;
  const json = JSON.stringify(mask(sent, 0));
  return json.length <= longestExtra ? json : `${json.slice(0, longestExtra - 1)}…`;
}

function mask(value: unknown, depth: number): unknown {
  if (typeof value === "string") {
    return value.length <= longestString ? value : `(${value.length} characters)`;
  }
  if (typeof value !== "object" || value === null) return value;
  if (depth >= 4) return "(nested)";
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => mask(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      secretName.test(key) ? "***" : mask(item, depth + 1),
    ]),
  );
}
