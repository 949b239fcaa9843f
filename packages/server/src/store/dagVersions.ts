import { dagOfTeams } from "./dagsOfTeams.js";
import type { DagVersionRecord } from "./records.js";
import type { StoreContext } from "./storeContext.js";
import { loadVersions } from "./versions.js";

/** The fields a page of DAG versions can be ordered by, named as the REST API names them. */
export const dagVersionOrderFields = ["id", "version_number"] as const;
export type DagVersionOrderField = (typeof dagVersionOrderFields)[number];

/**
 * A page of DAG versions: one DAG's, or every DAG's when `dagId` is undefined. `id` orders
 * by the row id, which is the order the DAG processor recorded them in.
 */
export async function findDagVersions(
  ctx: StoreContext,
  filter: {
    dagId?: string | undefined;
    versionNumber?: number | undefined;
    /** Only versions of DAGs of these teams (a caller's); an empty list matches nothing. */
    teams?: readonly string[] | undefined;
  },
  page: { orderBy: DagVersionOrderField; descending: boolean; limit: number; offset: number },
): Promise<{ versions: DagVersionRecord[]; total: number }> {
  let query = ctx.db.selectFrom("dag_versions");
  if (filter.dagId !== undefined) query = query.where("dag_id", "=", filter.dagId);
  if (filter.versionNumber !== undefined) {
    query = query.where("version_number", "=", filter.versionNumber);
  }
  if (filter.teams) query = query.where(dagOfTeams("dag_versions.dag_id", filter.teams));
  const direction = page.descending ? "desc" : "asc";
  const rows = await query
    .select("id")
    .orderBy(page.orderBy, direction)
    .orderBy("dag_id", direction)
    .orderBy("id", direction)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const counted = await query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
  const ids = rows.map((row) => Number(row.id));
  const loaded = await loadVersions(ctx, ctx.db, ids);
  return {
    versions: ids.flatMap((id) => loaded.get(id) ?? []),
    total: Number(counted.n),
  };
}

/** DAG versions by id, in one query for those not cached (a page of runs names its versions). */
export async function getDagVersions(
  ctx: StoreContext,
  ids: readonly number[],
): Promise<Map<number, DagVersionRecord>> {
  return loadVersions(ctx, ctx.db, ids);
}
