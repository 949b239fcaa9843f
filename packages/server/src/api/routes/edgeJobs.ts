import { edgeJobCollectionSchema, edgeJobListQuerySchema } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import type { AttemptFilter, AttemptPage, AttemptRecord } from "../../store/index.js";
import { type ApiContext, authorize, iso, sortOrder } from "../apiContext.js";
import { visibleTeams } from "../teamAccess.js";

const orderFields: readonly AttemptPage["orderBy"][] = ["queued_at", "state", "dag_id"];

function toApiJob(attempt: AttemptRecord) {
  const times = [attempt.queuedAt, attempt.claimedAt, attempt.startedAt, attempt.endedAt];
  const lastUpdate = Math.max(...times.map((t) => t?.getTime() ?? 0));
  return {
    attempt_id: attempt.attemptId,
    dag_id: attempt.dagId,
    run_id: attempt.runId,
    task_id: attempt.taskId,
    map_index: attempt.mapIndex,
    try_number: attempt.tryNumber,
    state: attempt.state,
    queue: attempt.queue,
    pool: attempt.pool,
    pool_slots: attempt.poolSlots,
    worker_name: attempt.workerName,
    queued_at: attempt.queuedAt.toISOString(),
    claimed_at: iso(attempt.claimedAt),
    started_at: iso(attempt.startedAt),
    ended_at: iso(attempt.endedAt),
    last_update: new Date(lastUpdate).toISOString(),
    error: attempt.error,
  };
}

/**
 * `GET /edge/jobs` (Borda's own): every attempt handed to, or waiting for, an edge worker,
 * as Airflow edge3's "Edge Worker Jobs" page lists them; the caller's teams' DAGs' only. Filtered, ordered and paged in
 * the database: attempts pile up with every run, so none are loaded beyond the page.
 */
export function edgeJobRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/edge/jobs",
      {
        schema: {
          tags: ["EdgeJob"],
          querystring: edgeJobListQuerySchema,
          response: { 200: edgeJobCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const { field, descending } = sortOrder(q.order_by, orderFields, "-queued_at");
        const filter: AttemptFilter = {
          dagId: q.dag_id,
          runId: q.run_id,
          taskId: q.task_id,
          queue: q.queue,
          workerName: q.worker_name,
          states: q.state === undefined ? undefined : [q.state].flat(),
          teams: visibleTeams(request),
        };
        const [attempts, total] = await Promise.all([
          api.store.listAttempts(filter, {
            orderBy: field,
            descending,
            limit: q.limit,
            offset: q.offset,
          }),
          api.store.countAttempts(filter),
        ]);
        return { jobs: attempts.map(toApiJob), total_entries: total };
      },
    );
  };
}
