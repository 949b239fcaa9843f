import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import { recordAssetEvent } from "./assetReferences.js";
import type { AssetPage } from "./assets.js";
import type { Database } from "./database.js";
import type { DagRunRecord } from "./records.js";
import { toRunRecord } from "./runs.js";
import type { StoreContext } from "./storeContext.js";

/**
 * Asset events and the events queued for the DAGs scheduled on their assets, as the REST
 * API and the UI read, raise and drop them. (A producer's events are recorded with its
 * success: assetReferences.ts.)
 */

export interface AssetEventRecord {
  id: number;
  assetId: number;
  uri: string;
  /** The asset's name. */
  name: string;
  extra: Record<string, unknown>;
  /** Null for an event raised from outside (POST /datasets/events). */
  sourceDagId: string | null;
  sourceRunId: string | null;
  sourceTaskId: string | null;
  sourceMapIndex: number | null;
  timestamp: Date;
  /** The asset-triggered runs it was one of the triggers of. */
  createdRuns: DagRunRecord[];
}

/** Events an asset-scheduled DAG has received and not yet run for, per asset. */
export interface QueuedAssetEvent {
  assetId: number;
  uri: string;
  dagId: string;
  /** When the oldest of them arrived. */
  createdAt: Date;
}

export const assetEventOrderFields = [
  "id",
  "timestamp",
  "dataset_id",
  "source_dag_id",
  "source_task_id",
  "source_run_id",
  "source_map_index",
] as const;

export interface AssetEventFilter {
  eventId?: number | undefined;
  assetId?: number | undefined;
  sourceDagId?: string | undefined;
  sourceTaskId?: string | undefined;
  sourceRunId?: string | undefined;
  sourceMapIndex?: number | undefined;
  /** The events that triggered this run. */
  triggeredDagRunId?: number | undefined;
  /**
   * Only events these teams may see (docs/teams.md): raised by their DAGs, or from
   * outside (no source DAG); every event when undefined.
   */
  teams?: readonly string[] | undefined;
}

const eventColumns = {
  id: "e.id",
  timestamp: "e.timestamp",
  dataset_id: "e.asset_id",
  source_dag_id: "e.source_dag_id",
  source_task_id: "e.source_task_id",
  source_run_id: "e.source_run_id",
  source_map_index: "e.source_map_index",
} as const;

export async function findAssetEvents(
  ctx: StoreContext,
  filter: AssetEventFilter,
  page: AssetPage<(typeof assetEventOrderFields)[number]>,
): Promise<{ items: AssetEventRecord[]; total: number }> {
  const base = ctx.db
    .selectFrom("asset_events as e")
    .innerJoin("assets as a", "a.id", "e.asset_id")
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      if (filter.eventId !== undefined) conditions.push(eb("e.id", "=", filter.eventId));
      if (filter.assetId !== undefined) conditions.push(eb("e.asset_id", "=", filter.assetId));
      if (filter.sourceDagId !== undefined)
        conditions.push(eb("e.source_dag_id", "=", filter.sourceDagId));
      if (filter.sourceTaskId !== undefined)
        conditions.push(eb("e.source_task_id", "=", filter.sourceTaskId));
      if (filter.sourceRunId !== undefined)
        conditions.push(eb("e.source_run_id", "=", filter.sourceRunId));
      if (filter.sourceMapIndex !== undefined)
        conditions.push(eb("e.source_map_index", "=", filter.sourceMapIndex));
      if (filter.teams !== undefined) {
        const sources = [eb("e.source_dag_id", "is", null)];
        if (filter.teams.length > 0) {
          sources.push(
            eb(
              "e.source_dag_id",
              "in",
              eb.selectFrom("dags").select("dag_id").where("team", "in", filter.teams),
            ),
          );
        }
        conditions.push(eb.or(sources));
      }
      if (filter.triggeredDagRunId !== undefined) {
        conditions.push(
          eb(
            "e.id",
            "in",
            eb
              .selectFrom("dag_run_asset_events")
              .select("asset_event_id")
              .where("dag_run_id", "=", filter.triggeredDagRunId),
          ),
        );
      }
      return eb.and(conditions);
    });
  const direction = page.descending ? "desc" : "asc";
  const rows = await base
    .selectAll("e")
    .select(["a.uri", "a.name"])
    .orderBy(eventColumns[page.orderBy], direction)
    .orderBy("e.id", direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await base
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const ids = rows.map((row) => Number(row.id));
  const runs =
    ids.length === 0
      ? []
      : await ctx.db
          .selectFrom("dag_run_asset_events as l")
          .innerJoin("dag_runs as r", "r.id", "l.dag_run_id")
          .selectAll("r")
          .select("l.asset_event_id")
          .where("l.asset_event_id", "in", ids)
          .orderBy("r.id")
          .execute();
  return {
    items: rows.map((row) => ({
      id: Number(row.id),
      assetId: Number(row.asset_id),
      uri: row.uri,
      name: row.name,
      extra: JSON.parse(row.extra) as Record<string, unknown>,
      sourceDagId: row.source_dag_id,
      sourceRunId: row.source_run_id,
      sourceTaskId: row.source_task_id,
      sourceMapIndex: row.source_map_index,
      timestamp: new Date(row.timestamp),
      createdRuns: runs
        .filter((run) => Number(run.asset_event_id) === Number(row.id))
        .map(toRunRecord),
    })),
    total: Number(count.n),
  };
}

/**
 * An event raised from outside (the REST API, or a person in the UI) for a known asset;
 * it is queued for the asset's consumers like a task's. Null: no asset has this URI.
 */
export async function raiseAssetEvent(
  ctx: StoreContext,
  uri: string,
  extra: Record<string, unknown>,
  at: Date,
): Promise<number | null> {
  return ctx.write(async (trx) => {
    const asset = await trx
      .selectFrom("assets")
      .select("id")
      .where("uri", "=", uri)
      .executeTakeFirst();
    if (!asset) return null;
    return recordAssetEvent(
      trx,
      Number(asset.id),
      extra,
      { dagId: null, runId: null, taskId: null, mapIndex: null },
      at.getTime(),
    );
  });
}

export interface QueuedAssetEventFilter {
  dagId?: string | undefined;
  uri?: string | undefined;
  /** Only events queued before this instant. */
  before?: Date | undefined;
  /** Only events queued for these teams' DAGs (docs/teams.md); every team's when undefined. */
  teams?: readonly string[] | undefined;
}

/** Whether a queued event's DAG is one of `teams`' (no teams: none is). */
function forTeams(eb: ExpressionBuilder<Database, "asset_event_queue">, teams: readonly string[]) {
  return teams.length === 0
    ? eb.or([])
    : eb("target_dag_id", "in", eb.selectFrom("dags").select("dag_id").where("team", "in", teams));
}

function matchesQueued(
  eb: ExpressionBuilder<Database, "asset_event_queue">,
  f: QueuedAssetEventFilter,
) {
  const conditions: Expression<SqlBool>[] = [];
  if (f.dagId !== undefined) conditions.push(eb("target_dag_id", "=", f.dagId));
  if (f.uri !== undefined) {
    conditions.push(
      eb("asset_id", "=", eb.selectFrom("assets").select("id").where("uri", "=", f.uri)),
    );
  }
  if (f.before !== undefined) conditions.push(eb("created_at", "<", f.before.getTime()));
  if (f.teams !== undefined) conditions.push(forTeams(eb, f.teams));
  return eb.and(conditions);
}

export async function listQueuedAssetEvents(
  ctx: StoreContext,
  filter: QueuedAssetEventFilter,
): Promise<QueuedAssetEvent[]> {
  const rows = await ctx.db
    .selectFrom("asset_event_queue as q")
    .innerJoin("assets as a", "a.id", "q.asset_id")
    .select((eb) => [
      "a.id",
      "a.uri",
      "q.target_dag_id",
      eb.fn.min("q.created_at").as("created_at"),
    ])
    .$if(filter.dagId !== undefined, (qb) =>
      qb.where("q.target_dag_id", "=", filter.dagId as string),
    )
    .$if(filter.uri !== undefined, (qb) => qb.where("a.uri", "=", filter.uri as string))
    .$if(filter.before !== undefined, (qb) =>
      qb.where("q.created_at", "<", (filter.before as Date).getTime()),
    )
    .$if(filter.teams !== undefined, (qb) =>
      qb.where((eb) =>
        filter.teams?.length
          ? eb(
              "q.target_dag_id",
              "in",
              eb.selectFrom("dags").select("dag_id").where("team", "in", filter.teams),
            )
          : eb.or([]),
      ),
    )
    .groupBy(["a.id", "a.uri", "q.target_dag_id"])
    .orderBy("q.target_dag_id")
    .orderBy("a.uri")
    .execute();
  return rows.map((row) => ({
    assetId: Number(row.id),
    uri: row.uri,
    dagId: row.target_dag_id,
    createdAt: new Date(Number(row.created_at)),
  }));
}

/** Drops queued events, so no run is created for them; returns how many were dropped. */
export async function deleteQueuedAssetEvents(
  ctx: StoreContext,
  filter: QueuedAssetEventFilter,
): Promise<number> {
  const result = await ctx.db
    .deleteFrom("asset_event_queue")
    .where((eb) => matchesQueued(eb, filter))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
