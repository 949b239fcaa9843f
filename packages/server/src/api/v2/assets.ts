import { BordaError, ErrorCode, maxStoredInt, noContentSchema } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { AssetEventRecord, AssetRecord, QueuedAssetEvent } from "../../store/index.js";
import { type ApiContext, authorize } from "../apiContext.js";
import {
  dropQueuedEvents,
  findDatasetEvents,
  findDatasets,
  findQueuedEvents,
  noneQueued,
  raiseDatasetEvent,
  toApiDataset,
  toApiDatasetEvent,
  visibleDagsOf,
} from "../routes/datasets.js";
import { dagParams } from "../routes/pathParams.js";
import { instant, listQuery, nullableInstant, pageQuery, storedInt, v1Paging } from "./common.js";

const tags = ["Asset"];

/** Airflow 3's group of an asset declared without one; Borda's assets have no groups. */
const defaultGroup = "asset";

const referenceTimes = { created_at: instant, updated_at: instant };

const assetV2Schema = z.object({
  id: z.number().int(),
  name: z.string(),
  uri: z.string(),
  group: z.string(),
  extra: z.record(z.string(), z.unknown()).nullable(),
  ...referenceTimes,
  scheduled_dags: z.array(z.object({ dag_id: z.string(), ...referenceTimes })),
  producing_tasks: z.array(
    z.object({ dag_id: z.string(), task_id: z.string(), ...referenceTimes }),
  ),
  consuming_tasks: z.array(
    z.object({ dag_id: z.string(), task_id: z.string(), ...referenceTimes }),
  ),
  aliases: z.array(z.object({ id: z.number().int(), name: z.string(), group: z.string() })),
  watchers: z.array(z.object({ name: z.string() })),
});

const assetEventV2Schema = z.object({
  id: z.number().int(),
  asset_id: z.number().int(),
  uri: z.string(),
  name: z.string(),
  group: z.string(),
  extra: z.record(z.string(), z.unknown()).nullable(),
  source_task_id: z.string().nullable(),
  source_dag_id: z.string().nullable(),
  source_run_id: z.string().nullable(),
  source_map_index: z.number().int(),
  created_dagruns: z.array(
    z.object({
      run_id: z.string(),
      dag_id: z.string(),
      logical_date: nullableInstant,
      start_date: instant,
      end_date: nullableInstant,
      state: z.string(),
      data_interval_start: nullableInstant,
      data_interval_end: nullableInstant,
      partition_key: z.string().nullable(),
      triggering: z.boolean(),
    }),
  ),
  timestamp: instant,
  partition_key: z.string().nullable(),
});

const queuedEventV2Schema = z.object({
  dag_id: z.string(),
  asset_id: z.number().int(),
  created_at: instant,
  dag_display_name: z.string(),
});
const queuedEventCollectionV2Schema = z.object({
  queued_events: z.array(queuedEventV2Schema),
  total_entries: z.number().int(),
});

/**
 * An asset as Airflow 3's AssetResponse, from v1's dataset: the DAGs scheduled on it are
 * v1's consuming DAGs. Borda has no task inlets, aliases or watchers: empty lists.
 */
function toApiAssetV2(asset: AssetRecord) {
  const v1 = toApiDataset(asset);
  return {
    id: v1.id,
    name: asset.name,
    uri: v1.uri,
    group: defaultGroup,
    extra: v1.extra,
    created_at: v1.created_at,
    updated_at: v1.updated_at,
    scheduled_dags: v1.consuming_dags,
    producing_tasks: v1.producing_tasks,
    consuming_tasks: [],
    aliases: [],
    watchers: [],
  };
}

/**
 * An event as Airflow 3's AssetEventResponse, from v1's. Every run it is linked to is one
 * it triggered (Borda records no other link); a run not started yet gives its queue time.
 */
function toApiAssetEventV2(event: AssetEventRecord) {
  const v1 = toApiDatasetEvent(event);
  return {
    id: event.id,
    asset_id: v1.dataset_id,
    uri: v1.dataset_uri,
    name: event.name,
    group: defaultGroup,
    extra: v1.extra,
    source_task_id: v1.source_task_id,
    source_dag_id: v1.source_dag_id,
    source_run_id: v1.source_run_id,
    source_map_index: v1.source_map_index ?? -1,
    created_dagruns: v1.created_dagruns.map((run, i) => ({
      ...run,
      start_date:
        run.start_date ?? (event.createdRuns[i]?.queuedAt ?? event.timestamp).toISOString(),
      partition_key: null,
      triggering: true,
    })),
    timestamp: v1.timestamp,
    partition_key: null,
  };
}

const toQueuedEventV2 = (queued: QueuedAssetEvent) => ({
  dag_id: queued.dagId,
  asset_id: queued.assetId,
  created_at: queued.createdAt.toISOString(),
  dag_display_name: queued.dagId,
});

const assetParams = z.object({
  asset_id: storedInt(1),
});
const beforeQuery = z.object({
  before: z.iso.datetime({ offset: true }).optional(),
});

/** v2's order fields for events, by v1's name where they differ. */
const eventOrder: Record<string, string> = {
  id: "id",
  timestamp: "timestamp",
  asset_id: "dataset_id",
  source_dag_id: "source_dag_id",
  source_task_id: "source_task_id",
  source_run_id: "source_run_id",
  source_map_index: "source_map_index",
};

// Strict: a filter of Airflow 3's that Borda does not implement (a prefix pattern, a
// timestamp range) is a 422 naming it, never silently a wider answer.
const assetListQuery = pageQuery(["id", "name", "uri", "created_at", "updated_at"])
  .extend({
    uri_pattern: z.string().max(3000).optional(),
    name_pattern: z.string().max(3000).optional(),
    dag_ids: listQuery(z.string().max(250)),
    // Borda never marks an asset inactive: every one is listed either way.
    only_active: z.enum(["true", "false"]).default("true"),
  })
  .strict();
const eventListQuery = pageQuery(Object.keys(eventOrder))
  .extend({
    asset_id: storedInt(1).optional(),
    source_dag_id: z.string().max(250).optional(),
    source_task_id: z.string().max(250).optional(),
    source_run_id: z.string().max(250).optional(),
    source_map_index: storedInt(-1).optional(),
  })
  .strict();

/**
 * Airflow 3's assets, their events and the events queued for the DAGs scheduled on them,
 * from v1's dataset routes (Airflow 3 names assets by id where v1 names them by URI).
 * Reading is a Viewer's; raising and dropping events start or hold back runs: an Op's.
 */
export function assetRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  const requireAsset = async (id: number): Promise<AssetRecord> => {
    const asset = await api.store.getAsset({ id });
    if (!asset) {
      throw new BordaError(ErrorCode.notFound, `No asset has id ${id}; GET /assets lists them.`);
    }
    return asset;
  };
  /** v1's queued-event parameters for v2's: the asset's URI for its id. */
  const queuedParams = async (params: { dag_id?: string; asset_id?: number }) => ({
    dag_id: params.dag_id,
    uri: params.asset_id === undefined ? undefined : (await requireAsset(params.asset_id)).uri,
  });

  return async (app) => {
    app.get(
      "/assets",
      {
        schema: {
          tags,
          operationId: "get_assets",
          querystring: assetListQuery,
          response: {
            200: z.object({ assets: z.array(assetV2Schema), total_entries: z.number().int() }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const { items, total } = await findDatasets(
          api,
          request,
          { uriPattern: q.uri_pattern, namePattern: q.name_pattern, dagIds: q.dag_ids },
          v1Paging(q),
        );
        return { assets: items.map(toApiAssetV2), total_entries: total };
      },
    );

    /** Borda has no asset aliases: an honest empty list. */
    app.get(
      "/assets/aliases",
      {
        schema: {
          tags,
          operationId: "get_asset_aliases",
          querystring: pageQuery(["id", "name"]).extend({ name_pattern: z.string().optional() }),
          response: {
            200: z.object({ asset_aliases: z.array(z.never()), total_entries: z.number().int() }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return { asset_aliases: [], total_entries: 0 };
      },
    );

    app.get(
      "/assets/events",
      {
        schema: {
          tags,
          operationId: "get_asset_events",
          querystring: eventListQuery,
          response: {
            200: z.object({
              asset_events: z.array(assetEventV2Schema),
              total_entries: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const orderBy = q.order_by ?? "timestamp";
        const descending = orderBy.startsWith("-");
        const { items, total } = await findDatasetEvents(
          api,
          request,
          {
            assetId: q.asset_id,
            sourceDagId: q.source_dag_id,
            sourceTaskId: q.source_task_id,
            sourceRunId: q.source_run_id,
            sourceMapIndex: q.source_map_index,
          },
          {
            ...v1Paging(q),
            order_by: `${descending ? "-" : ""}${eventOrder[orderBy.replace(/^-/, "")]}`,
          },
        );
        return { asset_events: items.map(toApiAssetEventV2), total_entries: total };
      },
    );

    /** An event raised from outside; the DAGs it completes the condition of run at once. */
    app.post(
      "/assets/events",
      {
        schema: {
          tags,
          operationId: "create_asset_event",
          body: z.strictObject({
            asset_id: z.number().int().min(1).max(maxStoredInt),
            extra: z.record(z.string(), z.unknown()).optional(),
            // Borda's assets have no partitions, and no access control of their own: only
            // "none" is accepted for either.
            partition_key: z.null().optional(),
            access_control: z.null().optional(),
          }),
          response: { 200: assetEventV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const asset = await requireAsset(request.body.asset_id);
        return toApiAssetEventV2(await raiseDatasetEvent(api, asset.uri, request.body.extra));
      },
    );

    app.get(
      "/assets/:asset_id",
      {
        schema: {
          tags,
          operationId: "get_asset",
          params: assetParams,
          response: { 200: assetV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const asset = await requireAsset(request.params.asset_id);
        return toApiAssetV2(await visibleDagsOf(api, request, asset));
      },
    );

    // The queued events of a DAG, of an asset, or of both: a list (empty when none, as
    // Airflow 3 declares no 404 for it), or the one of both (a 404 when none).
    const queuedRoutes = [
      {
        path: "/dags/:dag_id/assets/:asset_id/queuedEvents",
        params: dagParams.extend(assetParams.shape),
        get: "get_dag_asset_queued_event",
        delete: "delete_dag_asset_queued_event",
        single: true,
      },
      {
        path: "/dags/:dag_id/assets/queuedEvents",
        params: dagParams,
        get: "get_dag_asset_queued_events",
        delete: "delete_dag_asset_queued_events",
        single: false,
      },
      {
        path: "/assets/:asset_id/queuedEvents",
        params: assetParams,
        get: "get_asset_queued_events",
        delete: "delete_asset_queued_events",
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
            querystring: beforeQuery,
            response: { 200: route.single ? queuedEventV2Schema : queuedEventCollectionV2Schema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.viewer);
          const params = await queuedParams(request.params);
          const { filter, queued } = await findQueuedEvents(api, request, params, request.query);
          if (!route.single) {
            return { queued_events: queued.map(toQueuedEventV2), total_entries: queued.length };
          }
          const [first] = queued;
          if (!first) throw noneQueued(filter);
          return toQueuedEventV2(first);
        },
      );
      app.delete(
        route.path,
        {
          schema: {
            tags,
            operationId: route.delete,
            params: route.params,
            querystring: beforeQuery,
            response: { 204: noContentSchema },
          },
        },
        async (request, reply) => {
          await authorize(api, request, Role.op);
          await dropQueuedEvents(api, request, await queuedParams(request.params), request.query);
          return reply.code(204).send(null);
        },
      );
    }
  };
}
