import {
  BordaError,
  createDatasetEventSchema,
  datasetCollectionSchema,
  datasetEventCollectionSchema,
  datasetEventListQuerySchema,
  datasetEventSchema,
  datasetListQuerySchema,
  datasetSchema,
  ErrorCode,
  noContentSchema,
  queuedEventCollectionSchema,
  queuedEventQuerySchema,
  queuedEventSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import {
  type AssetEventRecord,
  type AssetRecord,
  assetEventOrderFields,
  assetOrderFields,
  type QueuedAssetEvent,
  type QueuedAssetEventFilter,
} from "../../store/index.js";
import { type ApiContext, authorize, iso, sortOrder } from "../apiContext.js";
import { dagParams, requireDag, requireRun, runParams } from "./pathParams.js";

const tags = ["Dataset"];

/** A dataset URI in a path: URL-encoded by the client (`s3%3A%2F%2Fbucket%2Fkey`), decoded by the router. */
const uriParams = z.object({ uri: z.string().min(1).max(3000) });

const toApiDataset = (asset: AssetRecord) => ({
  id: asset.id,
  uri: asset.uri,
  extra: asset.extra,
  created_at: asset.createdAt.toISOString(),
  updated_at: asset.updatedAt.toISOString(),
  consuming_dags: asset.consumers.map((c) => ({
    dag_id: c.dagId,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  })),
  producing_tasks: asset.producers.map((p) => ({
    dag_id: p.dagId,
    task_id: p.taskId,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  })),
});

const toApiDatasetEvent = (event: AssetEventRecord) => ({
  dataset_id: event.assetId,
  dataset_uri: event.uri,
  extra: event.extra,
  source_dag_id: event.sourceDagId,
  source_task_id: event.sourceTaskId,
  source_run_id: event.sourceRunId,
  source_map_index: event.sourceMapIndex,
  created_dagruns: event.createdRuns.map((run) => ({
    run_id: run.runId,
    dag_id: run.dagId,
    logical_date: run.logicalDate.toISOString(),
    start_date: iso(run.startDate),
    end_date: iso(run.endDate),
    data_interval_start: iso(run.dataIntervalStart),
    data_interval_end: iso(run.dataIntervalEnd),
    state: run.state,
  })),
  timestamp: event.timestamp.toISOString(),
});

const toApiQueuedEvent = (queued: QueuedAssetEvent) => ({
  uri: queued.uri,
  dag_id: queued.dagId,
  created_at: queued.createdAt.toISOString(),
});

/**
 * Airflow 2.10's dataset endpoints: the assets DAGs name, their events (a producer's
 * success, or one raised from outside with POST /datasets/events), and the events queued
 * for the DAGs scheduled on them. Reading is a Viewer's; raising and dropping events
 * start or hold back runs, so they are an Op's.
 */
export function datasetRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const unknownAsset = (uri: string) =>
    new BordaError(
      ErrorCode.notFound,
      `No dataset has URI '${uri}'; GET /datasets lists them. A dataset exists once a DAG names it as an outlet or in its schedule.`,
    );
  const requireAsset = async (uri: string): Promise<AssetRecord> => {
    const asset = await api.store.getAsset(uri);
    if (!asset) throw unknownAsset(uri);
    return asset;
  };
  const eventsPage = async (
    filter: Parameters<ApiContext["store"]["findAssetEvents"]>[0],
    query: { limit: number; offset: number; order_by?: string | undefined },
  ) => {
    const { field, descending } = sortOrder(query.order_by, assetEventOrderFields, "timestamp");
    const { items, total } = await api.store.findAssetEvents(filter, {
      orderBy: field,
      descending,
      limit: query.limit,
      offset: query.offset,
    });
    return { dataset_events: items.map(toApiDatasetEvent), total_entries: total };
  };
  /** The queued events a request names; a URI no dataset has, or an empty answer, is a 404. */
  const queuedFilter = async (
    params: { dag_id?: string; uri?: string },
    query: { before?: string | undefined },
  ): Promise<QueuedAssetEventFilter> => {
    if (params.dag_id !== undefined) await requireDag(api, params.dag_id);
    if (params.uri !== undefined) await requireAsset(params.uri);
    return {
      dagId: params.dag_id,
      uri: params.uri,
      before: query.before === undefined ? undefined : new Date(query.before),
    };
  };
  const noneQueued = (filter: QueuedAssetEventFilter) =>
    new BordaError(
      ErrorCode.notFound,
      `No queued dataset event${filter.dagId ? ` for DAG '${filter.dagId}'` : ""}${filter.uri ? ` of dataset '${filter.uri}'` : ""}${filter.before ? ` before ${filter.before.toISOString()}` : ""}.`,
    );

  return async (app) => {
    app.get(
      "/datasets",
      {
        schema: {
          tags,
          operationId: "get_datasets",
          querystring: datasetListQuerySchema,
          response: { 200: datasetCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const { field, descending } = sortOrder(q.order_by, assetOrderFields, "id");
        const dagIds = q.dag_ids
          ?.split(",")
          .map((id) => id.trim())
          .filter(Boolean);
        const { items, total } = await api.store.findAssets(
          { uriPattern: q.uri_pattern, dagIds: dagIds?.length ? dagIds : undefined },
          { orderBy: field, descending, limit: q.limit, offset: q.offset },
        );
        return { datasets: items.map(toApiDataset), total_entries: total };
      },
    );

    app.get(
      "/datasets/events",
      {
        schema: {
          tags,
          operationId: "get_dataset_events",
          querystring: datasetEventListQuerySchema,
          response: { 200: datasetEventCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        return eventsPage(
          {
            assetId: q.dataset_id,
            sourceDagId: q.source_dag_id,
            sourceTaskId: q.source_task_id,
            sourceRunId: q.source_run_id,
            sourceMapIndex: q.source_map_index,
          },
          q,
        );
      },
    );

    /** An event raised from outside; the DAGs it completes the condition of run at once. */
    app.post(
      "/datasets/events",
      {
        schema: {
          tags,
          operationId: "create_dataset_event",
          body: createDatasetEventSchema,
          response: { 200: datasetEventSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const { dataset_uri: uri, extra } = request.body;
        // As Airflow marks it, so consumers can tell an API event from a task's.
        const eventId = await api.store.raiseAssetEvent(
          uri,
          { ...(extra ?? {}), from_rest_api: true },
          api.edge.options.clock.now(),
        );
        if (eventId === null) throw unknownAsset(uri);
        await api.scheduler.afterAssetEvents();
        const {
          items: [event],
        } = await api.store.findAssetEvents(
          { eventId },
          { orderBy: "id", descending: false, limit: 1, offset: 0 },
        );
        if (!event) throw unknownAsset(uri);
        return toApiDatasetEvent(event);
      },
    );

    app.get(
      "/datasets/:uri",
      {
        schema: {
          tags,
          operationId: "get_dataset",
          params: uriParams,
          response: { 200: datasetSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiDataset(await requireAsset(request.params.uri));
      },
    );

    app.get(
      "/dags/:dag_id/dagRuns/:dag_run_id/upstreamDatasetEvents",
      {
        schema: {
          tags: ["DAGRun", ...tags],
          operationId: "get_upstream_dataset_events",
          params: runParams,
          response: { 200: datasetEventCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const run = await requireRun(api, request.params.dag_id, request.params.dag_run_id);
        return eventsPage(
          { triggeredDagRunId: run.id },
          { limit: 10_000, offset: 0, order_by: "timestamp" },
        );
      },
    );

    const queuedRoutes = [
      {
        path: "/dags/:dag_id/datasets/queuedEvent/:uri",
        params: dagParams.extend(uriParams.shape),
        get: "get_dag_dataset_queued_event",
        delete: "delete_dag_dataset_queued_event",
        single: true,
      },
      {
        path: "/dags/:dag_id/datasets/queuedEvent",
        params: dagParams,
        get: "get_dag_dataset_queued_events",
        delete: "delete_dag_dataset_queued_events",
        single: false,
      },
      {
        path: "/datasets/queuedEvent/:uri",
        params: uriParams,
        get: "get_dataset_queued_events",
        delete: "delete_dataset_queued_events",
        single: false,
      },
    ] as const;
    for (const route of queuedRoutes) {
      app.get(
        route.path,
        {
          schema: {
            tags,
            operationId: route.get,
            params: route.params,
            querystring: queuedEventQuerySchema,
            response: { 200: route.single ? queuedEventSchema : queuedEventCollectionSchema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.viewer);
          const filter = await queuedFilter(request.params, request.query);
          const queued = await api.store.listQueuedAssetEvents(filter);
          const [first] = queued;
          if (!first) throw noneQueued(filter);
          if (route.single) return toApiQueuedEvent(first);
          return { datasets: queued.map(toApiQueuedEvent), total_entries: queued.length };
        },
      );
      app.delete(
        route.path,
        {
          schema: {
            tags,
            operationId: route.delete,
            params: route.params,
            querystring: queuedEventQuerySchema,
            response: { 204: noContentSchema },
          },
        },
        async (request, reply) => {
          await authorize(api, request, Role.op);
          const filter = await queuedFilter(request.params, request.query);
          if ((await api.store.deleteQueuedAssetEvents(filter)) === 0) throw noneQueued(filter);
          return reply.code(204).send(null);
        },
      );
    }
  };
}
