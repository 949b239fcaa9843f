import {
  AttemptState,
  BordaError,
  collectionQuerySchema,
  ErrorCode,
  TaskInstanceState,
  taskInstanceBatchFormSchema,
  taskInstanceCollectionSchema,
  taskInstanceListQuerySchema,
  taskInstanceSchema,
  taskLogQuerySchema,
  taskLogSchema,
  type taskStateFilterValues,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import {
  type AttemptRecord,
  type TaskInstanceFilter,
  type TaskInstanceView,
  taskInstanceOrderFields,
} from "../../store/index.js";
import {
  type ApiContext,
  authorize,
  iso,
  page,
  sendPlainText,
  sortOrder,
  wantsPlainText,
} from "../apiContext.js";
import { requireRun, requireTaskInstance, runParams, taskParams, unlessAll } from "./pathParams.js";

const tags = ["TaskInstance"];
const tryParams = taskParams.extend({ task_try_number: z.coerce.number().int().min(1) });

export function toApiTaskInstance(ti: TaskInstanceView) {
  return {
    task_id: ti.taskId,
    task_display_name: ti.taskId,
    dag_id: ti.dagId,
    dag_run_id: ti.runId,
    execution_date: ti.logicalDate.toISOString(),
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
    // Airflow has no field for why a try failed; until someone writes a note, the note
    // says it, so a client sees the reason where it looks first.
    note: ti.note ?? ti.lastError,
  };
}

type ApiTaskState = (typeof taskStateFilterValues)[number] | null;
const bordaStates = new Set<string>(Object.values(TaskInstanceState));

/**
 * Airflow's task state filter in Borda's states: null and `none` are Borda's `none`;
 * states Borda never has (deferred, restarting) match nothing.
 */
const toStates = (states: readonly ApiTaskState[]) =>
  states
    .map((s) => (s === null ? TaskInstanceState.none : s))
    .filter((s): s is TaskInstanceState => bordaStates.has(s));

const list = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** Airflow's `_gte` / `_lte` pair of instants as an inclusive range; null or absent is unbounded. */
export const dateRange = (gte: string | null | undefined, lte: string | null | undefined) => ({
  gte: gte == null ? undefined : new Date(gte),
  lte: lte == null ? undefined : new Date(lte),
});

/** Airflow's date and duration filters, shared by the query string and the batch form. */
function boundsOf(q: {
  execution_date_gte?: string | undefined;
  execution_date_lte?: string | undefined;
  start_date_gte?: string | undefined;
  start_date_lte?: string | undefined;
  end_date_gte?: string | undefined;
  end_date_lte?: string | undefined;
  duration_gte?: number | undefined;
  duration_lte?: number | undefined;
}): TaskInstanceFilter {
  return {
    logicalDate: dateRange(q.execution_date_gte, q.execution_date_lte),
    startDate: dateRange(q.start_date_gte, q.start_date_lte),
    endDate: dateRange(q.end_date_gte, q.end_date_lte),
    durationSeconds: { gte: q.duration_gte, lte: q.duration_lte },
  };
}

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
function tryOf(ti: TaskInstanceView, attempt: AttemptRecord): TaskInstanceView {
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
async function requireTry(
  api: ApiContext,
  ti: TaskInstanceView,
  tryNumber: number,
): Promise<AttemptRecord> {
  const attempt = (await api.store.listAttempts({ dagRunId: ti.dagRunId, taskId: ti.taskId })).find(
    (a) => a.tryNumber === tryNumber,
  );
  if (!attempt) {
    throw new BordaError(
      ErrorCode.notFound,
      `Task '${ti.taskId}' has no try ${tryNumber} (it has ${ti.tryNumber}).`,
    );
  }
  return attempt;
}

/** `/logs` reads: where a read ended, opaque to clients, who pass it back to read on. */
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

/** Reading task instances and their logs; changing them is in taskInstanceChanges.ts. */
export function taskInstanceRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const findPage = async (
    filter: TaskInstanceFilter,
    query: { limit: number; offset: number; order_by?: string | undefined },
    defaultOrder: string,
  ) => {
    const { field, descending } = sortOrder(query.order_by, taskInstanceOrderFields, defaultOrder);
    const { items, total } = await api.store.findTaskInstances(filter, {
      orderBy: field,
      descending,
      limit: query.limit,
      offset: query.offset,
    });
    return { task_instances: items.map(toApiTaskInstance), total_entries: total };
  };

  return async (app) => {
    /** One run's task instances, or with `~` for the DAG or the run, those of all of them. */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances",
      {
        schema: {
          tags,
          operationId: "get_task_instances",
          params: runParams,
          querystring: taskInstanceListQuerySchema,
          response: { 200: taskInstanceCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const dagId = unlessAll(request.params.dag_id);
        const runId = unlessAll(request.params.dag_run_id);
        // A run named in full that does not exist is a mistake worth saying, not an empty list.
        if (dagId !== undefined && runId !== undefined) await requireRun(api, dagId, runId);
        const states = list(q.state);
        return findPage(
          {
            dagIds: dagId === undefined ? undefined : [dagId],
            runIds: runId === undefined ? undefined : [runId],
            states: states && toStates(states),
            pools: list(q.pool),
            queues: list(q.queue),
            ...boundsOf(q),
          },
          q,
          runId === undefined ? "execution_date" : "task_id",
        );
      },
    );

    /** Airflow's batch form of the list above, for filters too long for a query string. */
    app.post(
      "/dags/~/dagRuns/~/taskInstances/list",
      {
        schema: {
          tags,
          operationId: "get_task_instances_batch",
          body: taskInstanceBatchFormSchema,
          response: { 200: taskInstanceCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const form = request.body;
        return findPage(
          {
            dagIds: form.dag_ids,
            runIds: form.dag_run_ids,
            taskIds: form.task_ids,
            states: form.state && toStates(form.state),
            pools: form.pool,
            queues: form.queue,
            ...boundsOf(form),
          },
          { limit: form.page_limit, offset: form.page_offset, order_by: form.order_by },
          "execution_date",
        );
      },
    );

    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id",
      {
        schema: {
          tags,
          operationId: "get_task_instance",
          params: taskParams,
          response: { 200: taskInstanceSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
        return toApiTaskInstance(await requireTaskInstance(api, dagId, runId, taskId));
      },
    );

    /** Every try of a task instance, as task instances (Airflow 2.10's task instance history). */
    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/tries",
      {
        schema: {
          tags,
          operationId: "get_task_instance_tries",
          params: taskParams,
          querystring: collectionQuerySchema,
          response: { 200: taskInstanceCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
        const ti = await requireTaskInstance(api, dagId, runId, taskId);
        const attempts = await api.store.listAttempts({ dagRunId: ti.dagRunId, taskId });
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
      "/dags/:dag_id/dagRuns/:dag_run_id/taskInstances/:task_id/tries/:task_try_number",
      {
        schema: {
          tags,
          operationId: "get_task_instance_try_details",
          params: tryParams,
          response: { 200: taskInstanceSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
        const ti = await requireTaskInstance(api, dagId, runId, taskId);
        return toApiTaskInstance(
          tryOf(ti, await requireTry(api, ti, request.params.task_try_number)),
        );
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
          operationId: "get_log",
          params: tryParams,
          querystring: taskLogQuerySchema,
          response: { 200: taskLogSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, dag_run_id: runId, task_id: taskId } = request.params;
        const ti = await requireTaskInstance(api, dagId, runId, taskId);
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
