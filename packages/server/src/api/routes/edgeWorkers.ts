import {
  collectionQuerySchema,
  edgeQueueCollectionSchema,
  edgeWorkerCollectionSchema,
  edgeWorkerListQuerySchema,
  edgeWorkerSchema,
  noContentSchema,
  queuePatternSchema,
  workerConcurrencySchema,
  workerMaintenanceSchema,
  workerNameSchema,
  workerQueueSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { queueCoverage, serves } from "../../edge/queueCoverage.js";
import type { WorkerChange, WorkerRecord } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { edgeVisibility, requireWorker } from "./workerTeams.js";

const tags = ["EdgeWorker"];
const workerParams = z.object({ worker_name: workerNameSchema });
const queueParams = workerParams.extend({ queue: queuePatternSchema });

/**
 * `/edge/workers` and `/edge/queues` (Borda's own): the edge workers as Airflow edge3's
 * "Edge Worker Hosts" page shows them, and the admin actions on them. Every action goes
 * through the EdgeService, which wakes the worker's open long-poll with its new directives.
 */
export function edgeWorkerRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const { clock, heartbeatIntervalMs } = api.edge.options;

  const toApiWorker = (worker: WorkerRecord) => ({
    worker_name: worker.name,
    state: worker.state,
    queues: worker.queues,
    team: worker.team,
    concurrency: worker.concurrency,
    free_slots: worker.freeSlots,
    running_attempts: worker.runningAttempts,
    first_online: worker.firstOnline.toISOString(),
    last_heartbeat: worker.lastHeartbeat.toISOString(),
    // One missed heartbeat is a slow network; two are worth a look before the worker
    // turns `unknown` (at the worker timeout, 3 intervals by default).
    heartbeat_stale:
      clock.now().getTime() - worker.lastHeartbeat.getTime() > 2 * heartbeatIntervalMs,
    version: worker.version,
    sysinfo: {
      platform: worker.sysinfo.platform,
      arch: worker.sysinfo.arch,
      cpus: worker.sysinfo.cpus,
      load_average: worker.sysinfo.loadAverage,
      memory_total_bytes: worker.sysinfo.memoryTotalBytes,
      memory_free_bytes: worker.sysinfo.memoryFreeBytes,
      disk_free_bytes: worker.sysinfo.diskFreeBytes,
      node_version: worker.sysinfo.nodeVersion,
    },
    maintenance_comment: worker.maintenanceComment,
    self_maintenance_reason: worker.selfMaintenance,
  });

  /** A change to a worker: Op in its team (`requireWorker`). */
  const change = async (request: FastifyRequest, name: string, workerChange: WorkerChange) => {
    await requireWorker(api, request, name);
    return toApiWorker(await api.edge.changeWorker(name, workerChange));
  };

  return async (app) => {
    app.get(
      "/edge/workers",
      {
        schema: {
          tags,
          querystring: edgeWorkerListQuerySchema,
          response: { 200: edgeWorkerCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const namePart = q.worker_name_pattern?.toLowerCase();
        const states = q.state === undefined ? undefined : [q.state].flat();
        const sees = await edgeVisibility(api, request);
        const workers = (await api.edge.listWorkers()).filter(
          (w) =>
            sees.worker(w) &&
            (namePart === undefined || w.name.toLowerCase().includes(namePart)) &&
            (q.queue === undefined || serves(w, q.queue)) &&
            (states === undefined || states.includes(w.state)),
        );
        const { items, total } = page(
          workers,
          q,
          {
            worker_name: (w) => w.name,
            state: (w) => w.state,
            last_heartbeat: (w) => w.lastHeartbeat.getTime(),
            first_online: (w) => w.firstOnline.getTime(),
          },
          "worker_name",
        );
        return { workers: items.map(toApiWorker), total_entries: total };
      },
    );

    app.get(
      "/edge/workers/:worker_name",
      { schema: { tags, params: workerParams, response: { 200: edgeWorkerSchema } } },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiWorker(await requireWorker(api, request, request.params.worker_name));
      },
    );

    app.post(
      "/edge/workers/:worker_name/maintenance",
      {
        schema: {
          tags,
          params: workerParams,
          body: workerMaintenanceSchema,
          response: { 200: edgeWorkerSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const { on, comment } = request.body;
        return change(request, request.params.worker_name, { kind: "maintenance", on, comment });
      },
    );

    app.post(
      "/edge/workers/:worker_name/shutdown",
      { schema: { tags, params: workerParams, response: { 200: edgeWorkerSchema } } },
      async (request) => {
        await authorize(api, request, Role.op);
        return change(request, request.params.worker_name, { kind: "shutdown" });
      },
    );

    app.post(
      "/edge/workers/:worker_name/queues",
      {
        schema: {
          tags,
          params: workerParams,
          body: workerQueueSchema,
          response: { 200: edgeWorkerSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        return change(request, request.params.worker_name, {
          kind: "addQueue",
          queue: request.body.queue,
        });
      },
    );

    app.delete(
      "/edge/workers/:worker_name/queues/:queue",
      { schema: { tags, params: queueParams, response: { 200: edgeWorkerSchema } } },
      async (request) => {
        await authorize(api, request, Role.op);
        return change(request, request.params.worker_name, {
          kind: "removeQueue",
          queue: request.params.queue,
        });
      },
    );

    app.patch(
      "/edge/workers/:worker_name/concurrency",
      {
        schema: {
          tags,
          params: workerParams,
          body: workerConcurrencySchema,
          response: { 200: edgeWorkerSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        return change(request, request.params.worker_name, {
          kind: "concurrency",
          concurrency: request.body.concurrency,
        });
      },
    );

    app.delete(
      "/edge/workers/:worker_name",
      { schema: { tags, params: workerParams, response: { 204: noContentSchema } } },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        await requireWorker(api, request, request.params.worker_name);
        await api.edge.removeWorker(request.params.worker_name);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/edge/queues",
      {
        schema: {
          tags,
          querystring: collectionQuerySchema,
          response: { 200: edgeQueueCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const [queued, workers, sees] = await Promise.all([
          api.store.countQueuedAttemptsByQueue(),
          api.edge.listWorkers(),
          edgeVisibility(api, request),
        ]);
        // Another team's queue is not listed; the live workers of one listed count
        // whichever team's serve it.
        const coverage = queueCoverage(queued, workers).filter((entry) => sees.queue(entry.queue));
        const entries = coverage.map((entry) => ({
          queue: entry.queue,
          queued_jobs: entry.queuedJobs,
          live_workers: entry.liveWorkers,
        }));
        const { items, total } = page(
          entries,
          request.query,
          {
            queue: (e) => e.queue,
            queued_jobs: (e) => e.queued_jobs,
            live_workers: (e) => e.live_workers,
          },
          "queue",
        );
        return { queues: items, total_entries: total };
      },
    );
  };
}
