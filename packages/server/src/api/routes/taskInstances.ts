import {
  BordaError,
  collectionQuerySchema,
  ErrorCode,
  TaskInstanceState,
  taskInstanceCollectionSchema,
  taskInstanceSchema,
  taskLogQuerySchema,
  taskLogSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { DagRunRecord, TaskInstanceRecord } from "../../store/index.js";
import { type ApiContext, authorize, iso, page } from "../apiContext.js";
import { dagParams } from "./dags.js";

const tags = ["TaskInstance"];
const runParams = dagParams.extend({ dag_run_id: z.string().min(1).max(250) });
const taskParams = runParams.extend({ task_id: z.string().min(1).max(250) });
const logParams = taskParams.extend({ task_try_number: z.coerce.number().int().min(1) });

function toApiTaskInstance(ti: TaskInstanceRecord, run: DagRunRecord) {
  return {
    task_id: ti.taskId,
    task_display_name: ti.taskId,
    dag_id: ti.dagId,
    dag_run_id: ti.runId,
    execution_date: run.logicalDate.toISOString(),
    start_date: iso(ti.startDate),
    end_date: iso(ti.endDate),
    duration:
      ti.startDate && ti.endDate ? (ti.endDate.getTime() - ti.startDate.getTime()) / 1000 : null,
    state: ti.state === TaskInstanceState.none ? null : ti.state,
    try_number: ti.tryNumber,
    map_index: ti.mapIndex,
    max_tries: ti.maxTries,
    // Airflow's hostname is where the task ran: for Borda, the edge worker's name.
    hostname: ti.hostname ?? "",
    unixname: "",
    pool: ti.pool,
    pool_slots: ti.poolSlots,
    queue: ti.queue,
    priority_weight: ti.priorityWeight,
    operator: ti.operator,
    queued_when: iso(ti.queuedAt),
    pid: null,
    executor: "EdgeExecutor",
    executor_config: "{}",
    sla_miss: null,
    rendered_map_index: null,
    rendered_fields: {},
    trigger: null,
    triggerer_job: null,
    note: ti.lastError,
  };
}

/** Where a log read ended: opaque to clients, who pass it back to read on. */
const encodeToken = (logPos: number, endOfLog: boolean) =>
  Buffer.from(JSON.stringify({ log_pos: logPos, end_of_log: endOfLog })).toString("base64url");

function decodeToken(token: string | undefined): number {
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

export function taskInstanceRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const requireRun = async (dagId: string, runId: string) => {
    const run = await api.store.getDagRun(dagId, runId);
    if (!run)
      throw new BordaError(ErrorCode.notFound, `DAG run '${runId}' of DAG '${dagId}' not found.`);
    return run;
  };
  const requireTaskInstance = async (run: DagRunRecord, taskId: string) => {
    const [ti] = await api.store.listTaskInstances({ dagRunId: run.id, taskIds: [taskId] });
    if (!ti)
      throw new BordaError(ErrorCode.notFound, `Task '${taskId}' not found in run '${run.runId}'.`);
    return ti;
  };

  return async (app) => {
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances",
      {
        schema: {
          tags,
          params: runParams,
          querystring: collectionQuerySchema,
          response: { 200: taskInstanceCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const run = await requireRun(request.params.dag_id, request.params.dag_run_id);
        const { items, total } = page(
          await api.store.listTaskInstances({ dagRunId: run.id }),
          request.query,
          {
            task_id: (t) => t.taskId,
            state: (t) => t.state,
            start_date: (t) => t.startDate?.getTime() ?? null,
            priority_weight: (t) => t.priorityWeight,
          },
          "task_id",
        );
        return {
          task_instances: items.map((ti) => toApiTaskInstance(ti, run)),
          total_entries: total,
        };
      },
    );

    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id",
      { schema: { tags, params: taskParams, response: { 200: taskInstanceSchema } } },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const run = await requireRun(request.params.dag_id, request.params.dag_run_id);
        return toApiTaskInstance(await requireTaskInstance(run, request.params.task_id), run);
      },
    );

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
          params: logParams,
          querystring: taskLogQuerySchema,
          response: { 200: taskLogSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.viewer);
        const run = await requireRun(request.params.dag_id, request.params.dag_run_id);
        const ti = await requireTaskInstance(run, request.params.task_id);
        const attempt = (
          await api.store.listAttempts({ dagRunId: run.id, taskId: ti.taskId })
        ).find((a) => a.tryNumber === request.params.task_try_number);
        if (!attempt) {
          throw new BordaError(
            ErrorCode.notFound,
            `Task '${ti.taskId}' has no try ${request.params.task_try_number} (it has ${ti.tryNumber}).`,
          );
        }
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
        if (accept.includes("text/plain") && !accept.includes("application/json")) {
          // Plain text bypasses the JSON serializer of the route's schema.
          reply.hijack();
          reply.raw.writeHead(200, { "content-type": "text/plain; charset=utf-8" });
          reply.raw.end(data);
          return reply;
        }
        return { content: data, continuation_token: encodeToken(nextOffset, ended) };
      },
    );
  };
}
