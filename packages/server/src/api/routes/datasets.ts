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
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import {
  type AssetEventRecord,
  type AssetFilter,
  type AssetRecord,
  assetEventOrderFields,
  assetOrderFields,
  defaultTeam,
  type QueuedAssetEvent,
  type QueuedAssetEventFilter,
} from "../../store/index.js";
import { type ApiContext, authorize, iso, sortOrder } from "../apiContext.js";
import { seesTeam, visibleTeams } from "../teamAccess.js";
import { dagParams, requireDag, requireRun, runParams } from "./pathParams.js";

const tags = ["Dataset"];

/** A dataset URI in a path: URL-encoded by the client (`s3%3A%2F%2Fbucket%2Fkey`), decoded by the router. */
const uriParams = z.object({ uri: z.string().min(1).max(3000) });

export const toApiDataset = (asset: AssetRecord) => ({
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

export const toApiDatasetEvent = (event: AssetEventRecord) => ({
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

const unknownAsset = (uri: string) =>
  new BordaError(
    ErrorCode.notFound,
    `No dataset has URI '${uri}'; GET /datasets lists them. A dataset exists once a DAG names it as an outlet or in its schedule.`,
  );

async function requireAsset(
  api: ApiContext,
  request: FastifyRequest,
  uri: string,
): Promise<AssetRecord> {
  const asset = await api.store.getAsset({ uri });
  if (!asset) throw unknownAsset(uri);
  return visibleDagsOf(api, request, asset);
}

/** An asset with only the producing and consuming DAGs the caller may see. */
export async function visibleDagsOf(
  api: ApiContext,
  request: FastifyRequest,
  asset: AssetRecord,
): Promise<AssetRecord> {
  return withVisibleDags(await dagVisibility(api, request), asset);
}

/**
 * Whether the caller may see a DAG (docs/teams.md: assets are shared, but the DAGs that
 * produce and consume them, and those DAGs' runs, are their teams'). Asks each DAG's
 * team once per request.
 */
async function dagVisibility(
  api: ApiContext,
  request: FastifyRequest,
): Promise<(dagId: string) => Promise<boolean>> {
  if (visibleTeams(request) === undefined) return async () => true;
  const known = new Map<string, boolean>();
  return async (dagId) => {
    let sees = known.get(dagId);
    if (sees === undefined) {
      sees = seesTeam(request, (await api.store.teamOfDag(dagId)) ?? defaultTeam);
      known.set(dagId, sees);
    }
    return sees;
  };
}

async function keepVisible<T extends { dagId: string }>(
  sees: (dagId: string) => Promise<boolean>,
  items: readonly T[],
): Promise<T[]> {
  const kept = await Promise.all(
    items.map(async (item) => ((await sees(item.dagId)) ? item : null)),
  );
  return kept.filter((item): item is Awaited<T> => item !== null);
}

async function withVisibleDags(
  sees: (dagId: string) => Promise<boolean>,
  asset: AssetRecord,
): Promise<AssetRecord> {
  return {
    ...asset,
    consumers: await keepVisible(sees, asset.consumers),
    producers: await keepVisible(sees, asset.producers),
  };
}

/**
 * One page of assets, ordered by one of `assetOrderFields` (`id` by default); each lists
 * only the DAGs the caller may see.
 */
export async function findDatasets(
  api: ApiContext,
  request: FastifyRequest,
  filter: AssetFilter,
  query: { limit: number; offset: number; order_by?: string | undefined },
): Promise<{ items: AssetRecord[]; total: number }> {
  const { field, descending } = sortOrder(query.order_by, assetOrderFields, "id");
  const { items, total } = await api.store.findAssets(filter, {
    orderBy: field,
    descending,
    limit: query.limit,
    offset: query.offset,
  });
  const sees = await dagVisibility(api, request);
  return { items: await Promise.all(items.map((a) => withVisibleDags(sees, a))), total };
}

/**
 * One page of asset events, ordered by one of `assetEventOrderFields` (`timestamp` by
 * default): those raised from outside or by a DAG the caller may see, each with only the
 * runs it created that the caller may see.
 */
export async function findDatasetEvents(
  api: ApiContext,
  request: FastifyRequest,
  filter: Parameters<ApiContext["store"]["findAssetEvents"]>[0],
  query: { limit: number; offset: number; order_by?: string | undefined },
): Promise<{ items: AssetEventRecord[]; total: number }> {
  const { field, descending } = sortOrder(query.order_by, assetEventOrderFields, "timestamp");
  const { items, total } = await api.store.findAssetEvents(
    { ...filter, teams: visibleTeams(request) },
    { orderBy: field, descending, limit: query.limit, offset: query.offset },
  );
  const sees = await dagVisibility(api, request);
  const events = await Promise.all(
    items.map(async (event) => ({
      ...event,
      createdRuns: await keepVisible(sees, event.createdRuns),
    })),
  );
  return { items: events, total };
}

/**
 * Raises an event of the asset at `uri` from outside, marked as Airflow marks it so consumers
 * can tell an API event from a task's; the DAGs it completes the condition of run at once.
 */
export async function raiseDatasetEvent(
  api: ApiContext,
  uri: string,
  extra: Record<string, unknown> | null | undefined,
): Promise<AssetEventRecord> {
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
  return event;
}

/** The queued events a request names; a URI no dataset has, or an unknown DAG, is a 404. */
async function queuedFilter(
  api: ApiContext,
  request: FastifyRequest,
  params: { dag_id?: string; uri?: string },
  query: { before?: string | undefined },
): Promise<QueuedAssetEventFilter> {
  if (params.dag_id !== undefined) await requireDag(api, request, params.dag_id);
  if (params.uri !== undefined) await requireAsset(api, request, params.uri);
  return {
    dagId: params.dag_id,
    uri: params.uri,
    before: query.before === undefined ? undefined : new Date(query.before),
    teams: visibleTeams(request),
  };
}

export const noneQueued = (filter: QueuedAssetEventFilter) =>
  new BordaError(
    ErrorCode.notFound,
    `No queued dataset event${filter.dagId ? ` for DAG '${filter.dagId}'` : ""}${filter.uri ? ` of dataset '${filter.uri}'` : ""}${filter.before ? ` before ${filter.before.toISOString()}` : ""}.`,
  );

/** The events queued for a DAG, of a dataset, or both, and the filter that found them. */
export async function findQueuedEvents(
  api: ApiContext,
  request: FastifyRequest,
  params: { dag_id?: string; uri?: string },
  query: { before?: string | undefined },
): Promise<{ filter: QueuedAssetEventFilter; queued: QueuedAssetEvent[] }> {
  const filter = await queuedFilter(api, request, params, query);
  return { filter, queued: await api.store.listQueuedAssetEvents(filter) };
}

/** Drops the queued events a request names; none to drop is a 404. */
export async function dropQueuedEvents(
  api: ApiContext,
  request: FastifyRequest,
  params: { dag_id?: string; uri?: string },
  query: { before?: string | undefined },
): Promise<void> {
  const filter = await queuedFilter(api, request, params, query);
  if ((await api.store.deleteQueuedAssetEvents(filter)) === 0) throw noneQueued(filter);
}

/**
 * Airflow 2.10's dataset endpoints: the assets DAGs name, their events (a producer's
 * success, or one raised from outside with POST /datasets/events), and the events queued
 * for the DAGs scheduled on them. Reading is a Viewer's; raising and dropping events
 * start or hold back runs, so they are an Op's.
 */
export function datasetRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const eventsPage = async (
    request: FastifyRequest,
    filter: Parameters<ApiContext["store"]["findAssetEvents"]>[0],
    query: { limit: number; offset: number; order_by?: string | undefined },
  ) => {
    const { items, total } = await findDatasetEvents(api, request, filter, query);
    return { dataset_events: items.map(toApiDatasetEvent), total_entries: total };
  };

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
        const dagIds = q.dag_ids
          ?.split(",")
          .map((id) => id.trim())
          .filter(Boolean);
        const { items, total } = await findDatasets(
          api,
          request,
          { uriPattern: q.uri_pattern, dagIds: dagIds?.length ? dagIds : undefined },
          q,
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
          request,
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
        return toApiDatasetEvent(await raiseDatasetEvent(api, uri, extra));
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
        return toApiDataset(await requireAsset(api, request, request.params.uri));
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
        const run = await requireRun(
          api,
          request,
          request.params.dag_id,
          request.params.dag_run_id,
        );
        return eventsPage(
          request,
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
          const { filter, queued } = await findQueuedEvents(
            api,
            request,
            request.params,
            request.query,
          );
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
          await dropQueuedEvents(api, request, request.params, request.query);
          return reply.code(204).send(null);
        },
      );
    }
  };
}
