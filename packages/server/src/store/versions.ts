import type { DagSpec } from "@borda/protocol";
import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import type { DagVersionRecord } from "./records.js";
import type { StoreContext } from "./storeContext.js";

/**
 * Loads DAG versions through `executor` (pass the open transaction: on SQLite the store
 * has one connection, and a read outside the transaction would wait for it forever).
 * Versions never change, so they are served from the process-wide cache when known.
 */
export async function loadVersions(
  ctx: StoreContext,
  executor: Kysely<Database>,
  ids: readonly number[],
): Promise<Map<number, DagVersionRecord>> {
  const found = new Map<number, DagVersionRecord>();
  const missing: number[] = [];
  for (const id of new Set(ids)) {
    const cached = ctx.versionCache.get(id);
    if (cached) found.set(id, cached);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const rows = await executor
      .selectFrom("dag_versions")
      .selectAll()
      .where("id", "in", missing)
      .execute();
    for (const row of rows) {
      const version: DagVersionRecord = {
        id: Number(row.id),
        dagId: row.dag_id,
        versionNumber: row.version_number,
        bundleHash: row.bundle_hash,
        spec: JSON.parse(row.spec) as DagSpec,
        source: row.source,
        fileloc: row.fileloc,
        createdAt: new Date(row.created_at),
      };
      ctx.versionCache.set(version.id, version);
      found.set(version.id, version);
    }
  }
  return found;
}
