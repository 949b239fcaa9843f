import { type AssetRef, assetUrisOf, type DagSpec, findTask } from "@borda/protocol";
import type { Kysely } from "kysely";
import type { Database } from "./database.js";
import type { StoreContext } from "./storeContext.js";
import { loadVersions } from "./versions.js";

/**
 * The writes other store operations make about assets inside their own transaction:
 * keeping a DAG's producer and consumer references in step with its new version, and
 * recording a successful task's outlet events together with its success.
 */

/**
 * Inserts the assets not yet known and returns every asset's id by URI. With `declared`,
 * a name or extra a ref gives replaces the one stored (the newest DAG version says); an
 * event's write leaves the row alone, so producers never contend on the asset's row.
 */
async function ensureAssets(
  trx: Kysely<Database>,
  refs: readonly AssetRef[],
  now: number,
  options: { declared: boolean },
): Promise<Map<string, number>> {
  const byUri = new Map(refs.map((ref) => [ref.uri, ref]));
  if (byUri.size === 0) return new Map();
  const rowOf = (ref: AssetRef) => ({
    name: ref.name ?? ref.uri,
    extra: JSON.stringify(ref.extra ?? {}),
  });
  await trx
    .insertInto("assets")
    .values(
      [...byUri.values()].map((ref) => ({
        uri: ref.uri,
        ...rowOf(ref),
        created_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) => oc.column("uri").doNothing())
    .execute();
  if (options.declared) {
    for (const ref of byUri.values()) {
      if (ref.name === undefined && ref.extra === undefined) continue;
      const { name, extra } = rowOf(ref);
      await trx
        .updateTable("assets")
        .set({ name, extra, updated_at: now })
        .where("uri", "=", ref.uri)
        .where((eb) => eb.or([eb("name", "!=", name), eb("extra", "!=", extra)]))
        .execute();
    }
  }
  const rows = await trx
    .selectFrom("assets")
    .select(["id", "uri"])
    .where("uri", "in", [...byUri.keys()])
    .execute();
  return new Map(rows.map((row) => [row.uri, Number(row.id)]));
}

/**
 * Records which assets `spec`'s tasks update and which its schedule waits on, replacing
 * what the DAG's previous version said. Events queued for an asset the DAG no longer
 * waits on are dropped with the reference: no run could ever consume them.
 */
export async function syncAssetReferences(
  trx: Kysely<Database>,
  spec: DagSpec,
  now: number,
): Promise<void> {
  const outlets = spec.tasks.flatMap((task) =>
    (task.outlets ?? []).map((ref) => ({ taskId: task.taskId, ref })),
  );
  const consumed = spec.assetSchedule ? assetUrisOf(spec.assetSchedule) : [];
  const ids = await ensureAssets(
    trx,
    [...consumed.map((uri) => ({ uri })), ...outlets.map((o) => o.ref)],
    now,
    { declared: true },
  );
  const consumedIds = consumed.map((uri) => ids.get(uri) as number);

  await trx.deleteFrom("asset_producers").where("dag_id", "=", spec.dagId).execute();
  const producers = [
    ...new Map(
      outlets.map(({ taskId, ref }) => [`${ref.uri}\n${taskId}`, { taskId, uri: ref.uri }]),
    ).values(),
  ];
  if (producers.length > 0) {
    await trx
      .insertInto("asset_producers")
      .values(
        producers.map(({ taskId, uri }) => ({
          asset_id: ids.get(uri) as number,
          dag_id: spec.dagId,
          task_id: taskId,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute();
  }

  await trx
    .deleteFrom("asset_consumers")
    .where("dag_id", "=", spec.dagId)
    .$if(consumedIds.length > 0, (qb) => qb.where("asset_id", "not in", consumedIds))
    .execute();
  await trx
    .deleteFrom("asset_event_queue")
    .where("target_dag_id", "=", spec.dagId)
    .$if(consumedIds.length > 0, (qb) => qb.where("asset_id", "not in", consumedIds))
    .execute();
  for (const assetId of consumedIds) {
    await trx
      .insertInto("asset_consumers")
      .values({ asset_id: assetId, dag_id: spec.dagId, created_at: now, updated_at: now })
      .onConflict((oc) => oc.columns(["asset_id", "dag_id"]).doUpdateSet({ updated_at: now }))
      .execute();
  }
}

/** Where an asset event came from: a task instance's success, or outside (null fields). */
export interface AssetEventSource {
  dagId: string | null;
  runId: string | null;
  taskId: string | null;
  mapIndex: number | null;
}

/**
 * Records one event for asset `ref` and queues it for every DAG scheduled on the asset
 * that is active and not paused (as Airflow does: a paused DAG does not catch up on the
 * events it missed). Returns the event's id.
 */
export async function recordAssetEvent(
  trx: Kysely<Database>,
  assetId: number,
  extra: Record<string, unknown>,
  source: AssetEventSource,
  now: number,
): Promise<number> {
  const event = await trx
    .insertInto("asset_events")
    .values({
      asset_id: assetId,
      extra: JSON.stringify(extra),
      source_dag_id: source.dagId,
      source_run_id: source.runId,
      source_task_id: source.taskId,
      source_map_index: source.mapIndex,
      timestamp: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const eventId = Number(event.id);
  await trx
    .insertInto("asset_event_queue")
    .columns(["target_dag_id", "asset_event_id", "asset_id", "created_at"])
    .expression((eb) =>
      eb
        .selectFrom("asset_consumers as c")
        .innerJoin("dags as d", "d.dag_id", "c.dag_id")
        .select((s) => [
          "c.dag_id",
          s.val(eventId).as("asset_event_id"),
          s.val(assetId).as("asset_id"),
          s.val(now).as("created_at"),
        ])
        .where("c.asset_id", "=", assetId)
        .where("d.is_active", "=", 1)
        .where("d.is_paused", "=", 0),
    )
    .execute();
  return eventId;
}

/**
 * The outlet events of a task instance that just succeeded, written in its success's
 * transaction: the success and its events are recorded together or not at all, so an
 * event is never lost to a crash between them nor recorded twice by a repeated report.
 */
export async function recordOutletEvents(
  ctx: StoreContext,
  trx: Kysely<Database>,
  attempt: {
    dag_version_id: number;
    dag_id: string;
    run_id: string;
    task_id: string;
    map_index: number;
  },
  now: number,
): Promise<number> {
  const versions = await loadVersions(ctx, trx, [Number(attempt.dag_version_id)]);
  const spec = versions.get(Number(attempt.dag_version_id))?.spec;
  const outlets = (spec && findTask(spec, attempt.task_id)?.outlets) ?? [];
  if (outlets.length === 0) return 0;
  const ids = await ensureAssets(trx, outlets, now, { declared: false });
  for (const outlet of outlets) {
    await recordAssetEvent(
      trx,
      ids.get(outlet.uri) as number,
      {},
      {
        dagId: attempt.dag_id,
        runId: attempt.run_id,
        taskId: attempt.task_id,
        mapIndex: attempt.map_index,
      },
      now,
    );
  }
  return outlets.length;
}
