import {
  AttemptState,
  BordaError,
  collectionQuerySchema,
  ErrorCode,
  maxStoredInt,
  TaskInstanceState,
  taskInstanceCollectionSchema,
  taskInstanceSchema,
  taskLogQuerySchema,
  taskLogSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { AttemptRecord, TaskInstanceView } from "../../store/index.js";
import { type ApiContext, authorize, page, sendPlainText, wantsPlainText } from "../apiContext.js";
import { taskInstanceAt, taskInstancePaths, taskParams } from "./pathParams.js";
import { toApiTaskInstance } from "./taskInstances.js";

/**
 * A task instance's tries (its attempts, as Airflow's task instance history shows them)
 * and their logs, for a task instance and, under `/{map_index}`, for one map index of a
 * mapped task.
 */

const tags = ["TaskInstance"];
const tryNumber = { task_try_number: z.coerce.number().int().min(1).max(maxStoredInt) };

/**
 * The state a try shows. The current try is its task instance's, except that a try
 * waiting to be retried ended failed; an earlier one ended as its attempt did, and one the
 * control plane ended (cleared in flight) failed, as Airflow records a try that did not
 * finish.
 */
const tryStates: Record<AttemptState, TaskInstanceState> = {
  [AttemptState.queued]: TaskInstanceState.queued,
  [AttemptState.claimed]: TaskInstanceState.queued,
  [AttemptState.running]: TaskInstanceState.running,
  [AttemptState.success]: TaskInstanceState.success,
  [AttemptState.failed]: TaskInstanceState.failed,
  [AttemptState.superseded]: TaskInstanceState.failed,
  [AttemptState.upForReschedule]: TaskInstanceState.upForReschedule,
};

/**
 * One try of a task instance (an attempt) as the instance was for it: where, when and how
 * it ran. A note belongs to the instance, so only its current try shows it; as for the
 * instance, a try without one says why it failed.
 */
export function tryOf(ti: TaskInstanceView, attempt: AttemptRecord): TaskInstanceView {
  const current = attempt.attemptId === ti.currentAttemptId;
  return {
    ...ti,
    state:
      current && ti.state !== TaskInstanceState.upForRetry ? ti.state : tryStates[attempt.state],
    tryNumber: attempt.tryNumber,
    pool: attempt.pool,
    poolSlots: attempt.poolSlots,
    queue: attempt.queue,
    priorityWeight: attempt.priorityWeight,
    hostname: attempt.workerName,
    queuedAt: attempt.queuedAt,
    startDate: attempt.startedAt,
    endDate: attempt.endedAt,
    note: current ? ti.note : null,
    lastError: attempt.error,
  };
}

/** The try `tryNumber` of a task instance, or 404 saying how many it has. */
export async function requireTry(
  api: ApiContext,
  ti: TaskInstanceView,
  tryNumber: number,
): Promise<AttemptRecord> {
  const attempt = (
    await api.store.listAttempts({
      dagRunId: ti.dagRunId,
      taskId: ti.taskId,
      mapIndex: ti.mapIndex,
    })
  ).find((a) => a.tryNumber === tryNumber);
  if (!attempt) {
    throw new BordaError(
      ErrorCode.notFound,
      `Task '${ti.taskId}' has no try ${tryNumber} (it has ${ti.tryNumber}).`,
    );
  }
  return attempt;
}

/** `/logs` reads: where a read ended, opaque to clients, who pass it back to read on. */
export const encodeToken = (logPos: number, endOfLog: boolean) =>
  Buffer.from(JSON.stringify({ log_pos: logPos, end_of_log: endOfLog })).toString("base64url");

export function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const { log_pos: logPos } = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as {
      log_pos: unknown;
    };
    if (Number.isInteger(logPos) && (logPos as number) >= 0) return logPos as number;
  } catch {
    // reported below
  }
  throw new BordaError(
    ErrorCode.invalidInput,
    "token: not a continuation token this API gave; omit it to read from the start.",
  );
}

/** Tries and logs of task instances. */
export function taskInstanceTryRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    for (const { path, params, mapped } of taskInstancePaths) {
      /** Every try of a task instance, as task instances (Airflow 2.10's task instance history). */
      app.get(
        `${path}/tries`,
        {
          schema: {
            tags,
            operationId: `get_${mapped}task_instance_tries`,
            params,
            querystring: collectionQuerySchema,
            response: { 200: taskInstanceCollectionSchema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.viewer);
          const ti = await taskInstanceAt(api, request, request.params);
          const attempts = await api.store.listAttempts({
            dagRunId: ti.dagRunId,
            taskId: ti.taskId,
            mapIndex: ti.mapIndex,
          });
          const { items, total } = page(
            attempts.map((attempt) => tryOf(ti, attempt)),
            request.query,
            {
              try_number: (t) => t.tryNumber,
              state: (t) => t.state,
              start_date: (t) => t.startDate?.getTime() ?? null,
              end_date: (t) => t.endDate?.getTime() ?? null,
            },
            "try_number",
          );
          return { task_instances: items.map(toApiTaskInstance), total_entries: total };
        },
      );

      app.get(
        `${path}/tries/:task_try_number`,
        {
          schema: {
            tags,
            operationId: `get_${mapped}task_instance_try_details`,
            params: params.extend(tryNumber),
            response: { 200: taskInstanceSchema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.viewer);
          const ti = await taskInstanceAt(api, request, request.params);
          return toApiTaskInstance(
            tryOf(ti, await requireTry(api, ti, request.params.task_try_number)),
          );
        },
      );
    }

    /**
     * A try's log. JSON `{ content, continuation_token }` (pass the token back to read
     * on), or `text/plain` with `Accept: text/plain`, as in Airflow; and Borda's own
     * `Accept: text/event-stream`: server-sent events that follow the log live until
     * the try ends.
     */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/logs/:task_try_number",
      {
        schema: {
          tags,
          operationId: "get_log",
          params: taskParams.extend(tryNumber),
          querystring: taskLogQuerySchema,
          response: { 200: taskLogSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.viewer);
        const { map_index: mapIndex } = request.query;
        const ti = await taskInstanceAt(api, request, { ...request.params, map_index: mapIndex });
        const attempt = await requireTry(api, ti, request.params.task_try_number);
        const from = request.query.full_content ? 0 : decodeToken(request.query.token);
        const accept = request.headers.accept ?? "";
        if (accept.includes("text/event-stream")) {
          const closed = new AbortController();
          reply.raw.on("close", () => closed.abort());
          reply.hijack();
          reply.raw.writeHead(200, {
            "content-type": "text/event-stream; charset=utf-8",
            "cache-control": "no-store",
            connection: "keep-alive",
          });
          // Headers now, not with the first event: a quiet log must not leave the client waiting.
          reply.raw.flushHeaders();
          for await (const piece of api.logs.follow(attempt.attemptId, from, closed.signal)) {
            const token = encodeToken(piece.nextOffset, false);
            reply.raw.write(
              `id: ${token}\nevent: log\ndata: ${JSON.stringify({ content: piece.data })}\n\n`,
            );
          }
          if (!closed.signal.aborted) reply.raw.end("event: end\ndata: {}\n\n");
          return reply;
        }
        const { data, nextOffset } = await api.store.readLog(attempt.attemptId, from);
        const ended = !["queued", "claimed", "running"].includes(attempt.state);
        if (wantsPlainText(request)) return sendPlainText(reply, data);
        return { content: data, continuation_token: encodeToken(nextOffset, ended) };
      },
    );
  };
}
