import { statusListLimit, statusSchema, WorkerState } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import { queueCoverage, unserved } from "../../edge/queueCoverage.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { seesTeam, visibleTeams } from "../teamAccess.js";
import { edgeVisibility } from "./workerTeams.js";

const tags = ["Status"];

/**
 * `/status` (Borda's own): what needs attention, at a glance and without Prometheus —
 * queues no live worker serves, workers gone silent, jobs queued too long, DAG files that
 * failed to import. `borda status` prints it; the UI's banner shows it on every page.
 */
export function statusRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const { clock } = api.edge.options;
  const thresholdMs = api.config.stuckQueuedAfterMs;

  return async (app) => {
    app.get("/status", { schema: { tags, response: { 200: statusSchema } } }, async (request) => {
      await authorize(api, request, Role.viewer);
      const now = clock.now();
      const teams = visibleTeams(request);
      const [queued, workers, stuck, allImportErrors, sees] = await Promise.all([
        api.store.countQueuedAttemptsByQueue(),
        api.edge.listWorkers(),
        api.store.findStuckQueuedAttempts(
          new Date(now.getTime() - thresholdMs),
          statusListLimit,
          teams,
        ),
        api.store.listImportErrors(),
        edgeVisibility(api, request),
      ]);
      // What needs the caller's attention: their teams' queues, workers, jobs and files
      // (docs/teams.md). A queue of theirs is unserved when no worker of any team serves it.
      const importErrors = allImportErrors.filter((e) => seesTeam(request, e.team));
      const coverage = queueCoverage(queued, workers).filter((entry) => sees.queue(entry.queue));
      const unservedQueues = unserved(coverage).map((entry) => ({
        queue: entry.queue,
        queued: entry.queuedJobs,
        oldest_queued_at: entry.oldestQueuedAt.toISOString(),
      }));
      const unknownWorkers = workers
        .filter((w) => w.state === WorkerState.unknown && sees.worker(w))
        .map((w) => ({ worker_name: w.name, last_heartbeat: w.lastHeartbeat.toISOString() }));
      const files = [...importErrors]
        .sort((a, b) => a.fileloc.localeCompare(b.fileloc))
        .slice(0, statusListLimit)
        .map((e) => ({ import_error_id: e.id, filename: e.fileloc }));
      return {
        healthy:
          unservedQueues.length === 0 &&
          unknownWorkers.length === 0 &&
          stuck.count === 0 &&
          importErrors.length === 0,
        checked_at: now.toISOString(),
        unserved_queues: unservedQueues,
        unknown_workers: unknownWorkers,
        stuck_tasks: {
          count: stuck.count,
          threshold_seconds: thresholdMs / 1000,
          oldest: stuck.oldest.map((job) => ({
            dag_id: job.dagId,
            run_id: job.runId,
            task_id: job.taskId,
            map_index: job.mapIndex,
            queue: job.queue,
            queued_at: job.queuedAt.toISOString(),
          })),
        },
        import_errors: { count: importErrors.length, files },
      };
    });
  };
}
