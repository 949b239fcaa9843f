import {
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
  sql,
} from "kysely";
import type { AssetsTable, Database } from "./database.js";
import type { StoreContext } from "./storeContext.js";

/**
 * Assets (Airflow 2's datasets) with the tasks that update them and the DAGs scheduled on
 * them, as the REST API and the UI read them. Their events: assetEvents.ts.
 */

export interface AssetRecord {
  id: number;
  uri: string;
  name: string;
  extra: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  /** The tasks whose success updates it. */
  producers: { dagId: string; taskId: string; createdAt: Date; updatedAt: Date }[];
  /** The DAGs scheduled on it. */
  consumers: { dagId: string; createdAt: Date; updatedAt: Date }[];
}

export const assetOrderFields = ["id", "uri", "name", "created_at", "updated_at"] as const;
export interface AssetFilter {
  /** A substring of the URI, in any case (Airflow's `uri_pattern`). */
  uriPattern?: string | undefined;
  /** A substring of the name, in any case (Airflow 3's `name_pattern`). */
  namePattern?: string | undefined;
  /** Assets any of these DAGs produces or is scheduled on. */
  dagIds?: readonly string[] | undefined;
}

/** One page of a list, in the order asked. */
export interface AssetPage<F extends string> {
  orderBy: F;
  descending: boolean;
  limit: number;
  offset: number;
}

export async function findAssets(
  ctx: StoreContext,
  filter: AssetFilter,
  page: AssetPage<(typeof assetOrderFields)[number]>,
): Promise<{ items: AssetRecord[]; total: number }> {
  const matches = (eb: ExpressionBuilder<Database, "assets">) => {
    const conditions: Expression<SqlBool>[] = [];
    for (const [column, pattern] of [
      ["uri", filter.uriPattern],
      ["name", filter.namePattern],
    ] as const) {
      if (!pattern) continue;
      const escaped = pattern.replace(/[\\%_]/g, "\\$&");
      // Case-insensitive on both backends, as Airflow's ilike (SQLite's LIKE is, PostgreSQL's is not).
      conditions.push(
        sql<SqlBool>`lower(${eb.ref(column)}) like lower(${`%${escaped}%`}) escape '\\'`,
      );
    }
    if (filter.dagIds) {
      conditions.push(
        eb.or([
          eb(
            "id",
            "in",
            eb
              .selectFrom("asset_producers")
              .select("asset_id")
              .where("dag_id", "in", filter.dagIds),
          ),
          eb(
            "id",
            "in",
            eb
              .selectFrom("asset_consumers")
              .select("asset_id")
              .where("dag_id", "in", filter.dagIds),
          ),
        ]),
      );
    }
    return eb.and(conditions);
  };
  if (filter.dagIds?.length === 0) return { items: [], total: 0 };
  const direction = page.descending ? "desc" : "asc";
  const rows = await ctx.db
    .selectFrom("assets")
    .selectAll()
    .where(matches)
    .orderBy(page.orderBy, direction)
    .orderBy("id", direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await ctx.db
    .selectFrom("assets")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where(matches)
    .executeTakeFirstOrThrow();
  return { items: await withReferences(ctx, rows), total: Number(count.n) };
}

/** The asset of this URI (v1 names assets by URI) or of this id (Airflow 3 by id). */
export async function getAsset(
  ctx: StoreContext,
  key: { uri: string } | { id: number },
): Promise<AssetRecord | null> {
  const row = await ctx.db
    .selectFrom("assets")
    .selectAll()
    .$if("uri" in key, (qb) => qb.where("uri", "=", (key as { uri: string }).uri))
    .$if("id" in key, (qb) => qb.where("id", "=", (key as { id: number }).id))
    .executeTakeFirst();
  if (!row) return null;
  const [asset] = await withReferences(ctx, [row]);
  return asset ?? null;
}

async function withReferences(
  ctx: StoreContext,
  rows: Selectable<AssetsTable>[],
): Promise<AssetRecord[]> {
  const ids = rows.map((row) => Number(row.id));
  if (ids.length === 0) return [];
  const producers = await ctx.db
    .selectFrom("asset_producers")
    .selectAll()
    .where("asset_id", "in", ids)
    .orderBy("dag_id")
    .orderBy("task_id")
    .execute();
  const consumers = await ctx.db
    .selectFrom("asset_consumers")
    .selectAll()
    .where("asset_id", "in", ids)
    .orderBy("dag_id")
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    uri: row.uri,
    name: row.name,
    extra: JSON.parse(row.extra) as Record<string, unknown>,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    producers: producers
      .filter((p) => Number(p.asset_id) === Number(row.id))
      .map((p) => ({
        dagId: p.dag_id,
        taskId: p.task_id,
        createdAt: new Date(p.created_at),
        updatedAt: new Date(p.updated_at),
      })),
    consumers: consumers
      .filter((c) => Number(c.asset_id) === Number(row.id))
      .map((c) => ({
        dagId: c.dag_id,
        createdAt: new Date(c.created_at),
        updatedAt: new Date(c.updated_at),
      })),
  }));
}
