import { createHash } from "node:crypto";
import type { DagSpec } from "@borda/protocol";
import type { Selectable } from "kysely";
import type {
  DagFileOrigin,
  DagImportError,
  ParsedDagFile,
  RecordedDagVersion,
} from "../dags/dagRegistry.js";
import { syncAssetReferences } from "./assetReferences.js";
import type { DagsTable, DagVersionsTable } from "./database.js";
import type { DagRecord, DagVersionRecord, ImportErrorRecord, NextDagRun } from "./records.js";
import type { StoreContext } from "./storeContext.js";
import { teamOfFileIn } from "./teamRoles.js";
import { loadVersions } from "./versions.js";

/**
 * DAGs, their versions and bundles, and import errors: what the DAG processor records
 * and what the scheduler and API read.
 */

export async function recordParsedFile(
  ctx: StoreContext,
  file: ParsedDagFile,
  at: Date,
): Promise<RecordedDagVersion[]> {
  const now = at.getTime();
  return ctx.write(async (trx) => {
    for (const bundle of [file.bundle, ...(file.pythonBundles ?? [])]) {
      await trx
        .insertInto("bundles")
        .values({
          hash: bundle.hash,
          content: bundle.content,
          size: bundle.content.byteLength,
          created_at: now,
        })
        .onConflict((oc) => oc.column("hash").doNothing())
        .execute();
    }

    const team = await teamOfFileIn(trx, file.fileloc);
    const recorded: RecordedDagVersion[] = [];
    for (const spec of file.dags) {
      const specJson = JSON.stringify(spec);
      const specHash = createHash("sha256").update(specJson).digest("hex");
      const existing = await trx
        .selectFrom("dags")
        .leftJoin("dag_versions", "dag_versions.id", "dags.current_version_id")
        .select([
          "dags.dag_id",
          "dag_versions.id as version_id",
          "dag_versions.version_number",
          "dag_versions.spec_hash",
          "dag_versions.bundle_hash",
        ])
        .where("dags.dag_id", "=", spec.dagId)
        .executeTakeFirst();

      if (!existing) {
        await trx
          .insertInto("dags")
          .values({
            dag_id: spec.dagId,
            is_paused: ctx.options.dagsPausedAtCreation ? 1 : 0,
            is_active: 1,
            fileloc: file.fileloc,
            origin: file.origin,
            team,
            current_version_id: null,
            next_dagrun_logical_date: null,
            next_dagrun_data_interval_start: null,
            next_dagrun_data_interval_end: null,
            next_dagrun_create_after: null,
            last_parsed_at: now,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      const unchanged =
        existing?.version_id != null &&
        existing.spec_hash === specHash &&
        existing.bundle_hash === file.bundle.hash;

      let version = {
        id: Number(existing?.version_id ?? 0),
        number: Number(existing?.version_number ?? 0),
      };
      if (!unchanged) {
        const inserted = await trx
          .insertInto("dag_versions")
          .values({
            dag_id: spec.dagId,
            version_number: version.number + 1,
            bundle_hash: file.bundle.hash,
            spec_hash: specHash,
            spec: specJson,
            source: file.source,
            fileloc: file.fileloc,
            created_at: now,
          })
          .returning(["id", "version_number"])
          .executeTakeFirstOrThrow();
        version = { id: inserted.id, number: inserted.version_number };
      }
      await trx
        .updateTable("dags")
        .set({
          is_active: 1,
          fileloc: file.fileloc,
          origin: file.origin,
          team,
          current_version_id: version.id,
          last_parsed_at: now,
          updated_at: now,
          // A new version may have a new timetable: 0 asks the scheduler to recompute the
          // next run now (null would mean "no scheduled runs").
          ...(unchanged ? {} : { next_dagrun_create_after: spec.schedule === null ? null : 0 }),
        })
        .where("dag_id", "=", spec.dagId)
        .execute();
      if (!unchanged) {
        await syncAssetReferences(trx, spec, now);
        await trx.deleteFrom("dag_tags").where("dag_id", "=", spec.dagId).execute();
        const tags = [...new Set(spec.tags)];
        if (tags.length > 0) {
          await trx
            .insertInto("dag_tags")
            .values(tags.map((tag) => ({ dag_id: spec.dagId, tag })))
            .execute();
        }
      }
      recorded.push({
        dagId: spec.dagId,
        versionId: version.id,
        versionNumber: version.number,
        bundleHash: file.bundle.hash,
        created: !unchanged,
      });
    }

    // DAGs this file used to define and no longer does.
    let gone = trx
      .updateTable("dags")
      .set({ is_active: 0, updated_at: now })
      .where("fileloc", "=", file.fileloc)
      .where("origin", "=", file.origin)
      .where("is_active", "=", 1);
    if (file.dags.length > 0) {
      gone = gone.where(
        "dag_id",
        "not in",
        file.dags.map((d) => d.dagId),
      );
    }
    await gone.execute();
    await trx
      .deleteFrom("import_errors")
      .where("fileloc", "=", file.fileloc)
      .where("origin", "=", file.origin)
      .execute();
    return recorded;
  });
}

export async function recordImportError(
  ctx: StoreContext,
  error: DagImportError,
  at: Date,
): Promise<void> {
  await ctx.write(async (trx) => {
    const team = await teamOfFileIn(trx, error.fileloc);
    await trx
      .insertInto("import_errors")
      .values({
        fileloc: error.fileloc,
        origin: error.origin,
        message: error.message,
        line: error.line,
        created_at: at.getTime(),
        team,
      })
      .onConflict((oc) =>
        oc.columns(["origin", "fileloc"]).doUpdateSet({
          team,
          origin: error.origin,
          message: error.message,
          line: error.line,
          created_at: at.getTime(),
        }),
      )
      .execute();
  });
}

export async function forgetMissingFolderFiles(
  ctx: StoreContext,
  present: readonly string[],
  at: Date,
): Promise<void> {
  await ctx.write(async (trx) => {
    const known = await trx
      .selectFrom("dags")
      .select("fileloc")
      .where("origin", "=", "folder")
      .where("is_active", "=", 1)
      .union(trx.selectFrom("import_errors").select("fileloc").where("origin", "=", "folder"))
      .execute();
    const presentSet = new Set(present);
    const missing = [...new Set(known.map((r) => r.fileloc))].filter((f) => !presentSet.has(f));
    if (missing.length === 0) return;
    await trx
      .updateTable("dags")
      .set({ is_active: 0, updated_at: at.getTime() })
      .where("origin", "=", "folder")
      .where("fileloc", "in", missing)
      .execute();
    await trx
      .deleteFrom("import_errors")
      .where("origin", "=", "folder")
      .where("fileloc", "in", missing)
      .execute();
  });
}

/** Import errors, of `teams` only when given (an empty list: none). */
export async function listImportErrors(
  ctx: StoreContext,
  filter: { teams?: readonly string[] | undefined } = {},
): Promise<ImportErrorRecord[]> {
  if (filter.teams?.length === 0) return [];
  let query = ctx.db.selectFrom("import_errors").selectAll().orderBy("id");
  if (filter.teams) query = query.where("team", "in", filter.teams);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    fileloc: r.fileloc,
    origin: r.origin as DagFileOrigin,
    message: r.message,
    line: r.line,
    createdAt: new Date(r.created_at),
    team: r.team,
  }));
}

export async function getDag(ctx: StoreContext, dagId: string): Promise<DagRecord | null> {
  const [dag] = await listDags(ctx, { dagIds: [dagId] });
  return dag ?? null;
}

export async function listDags(
  ctx: StoreContext,
  filter: {
    dagIds?: readonly string[];
    onlyActive?: boolean;
    /** Only DAGs of these teams (a caller's); an empty list finds none. */
    teams?: readonly string[] | undefined;
  } = {},
): Promise<DagRecord[]> {
  let query = ctx.db
    .selectFrom("dags")
    .leftJoin("dag_versions", "dag_versions.id", "dags.current_version_id")
    .selectAll("dags")
    .select([
      "dag_versions.id as v_id",
      "dag_versions.version_number as v_number",
      "dag_versions.bundle_hash as v_bundle_hash",
      "dag_versions.spec as v_spec",
      "dag_versions.source as v_source",
      "dag_versions.fileloc as v_fileloc",
      "dag_versions.created_at as v_created_at",
    ])
    .orderBy("dags.dag_id");
  if (filter.dagIds) {
    if (filter.dagIds.length === 0) return [];
    query = query.where("dags.dag_id", "in", filter.dagIds);
  }
  if (filter.onlyActive) query = query.where("dags.is_active", "=", 1);
  if (filter.teams) {
    if (filter.teams.length === 0) return [];
    query = query.where("dags.team", "in", filter.teams);
  }
  const rows = await query.execute();
  const tags = rows.length
    ? await ctx.db
        .selectFrom("dag_tags")
        .selectAll()
        .where(
          "dag_id",
          "in",
          rows.map((r) => r.dag_id),
        )
        .orderBy("tag")
        .execute()
    : [];
  return rows.map((r) => ({
    ...toDagRecord(r),
    tags: tags.filter((t) => t.dag_id === r.dag_id).map((t) => t.tag),
    currentVersion:
      r.v_id === null
        ? null
        : toVersionRecord({
            id: r.v_id,
            dag_id: r.dag_id,
            version_number: r.v_number as number,
            bundle_hash: r.v_bundle_hash as string,
            spec: r.v_spec as string,
            source: r.v_source as string,
            fileloc: r.v_fileloc as string,
            created_at: r.v_created_at as number,
            spec_hash: "",
          }),
  }));
}

export async function getDagVersion(
  ctx: StoreContext,
  versionId: number,
): Promise<DagVersionRecord | null> {
  return (await loadVersions(ctx, ctx.db, [versionId])).get(versionId) ?? null;
}

/** A DAG's version by its number (1 for the first the DAG processor saw). */
export async function getDagVersionByNumber(
  ctx: StoreContext,
  dagId: string,
  versionNumber: number,
): Promise<DagVersionRecord | null> {
  const row = await ctx.db
    .selectFrom("dag_versions")
    .select("id")
    .where("dag_id", "=", dagId)
    .where("version_number", "=", versionNumber)
    .executeTakeFirst();
  return row ? getDagVersion(ctx, Number(row.id)) : null;
}

export async function setDagPaused(
  ctx: StoreContext,
  dagId: string,
  paused: boolean,
  at: Date,
): Promise<boolean> {
  const result = await ctx.db
    .updateTable("dags")
    .set({
      is_paused: paused ? 1 : 0,
      updated_at: at.getTime(),
      // Unpausing recomputes the next run so catchup=false skips what was missed.
      ...(paused ? {} : { next_dagrun_create_after: 0 }),
    })
    .where("dag_id", "=", dagId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * The source of a DAG file, as its DAGs' current version recorded it; null when no active
 * DAG (of `teams`, when given) comes from that file. Only recorded sources are served,
 * never a file read from disk.
 */
export async function getDagFileSource(
  ctx: StoreContext,
  origin: DagFileOrigin,
  fileloc: string,
  teams?: readonly string[],
): Promise<string | null> {
  if (teams?.length === 0) return null;
  const row = await ctx.db
    .selectFrom("dags")
    .innerJoin("dag_versions", "dag_versions.id", "dags.current_version_id")
    .select("dag_versions.source")
    .where("dags.origin", "=", origin)
    .where("dags.fileloc", "=", fileloc)
    .where("dags.is_active", "=", 1)
    .$if(teams !== undefined, (qb) => qb.where("dags.team", "in", teams ?? []))
    .orderBy("dag_versions.id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.source ?? null;
}

export async function getBundle(ctx: StoreContext, hash: string): Promise<Uint8Array | null> {
  const row = await ctx.db
    .selectFrom("bundles")
    .select("content")
    .where("hash", "=", hash)
    .executeTakeFirst();
  return row ? new Uint8Array(row.content) : null;
}

/** Active, unpaused DAGs whose next scheduled run may be due (or needs recomputing). */
export async function listDagsDueForScheduling(ctx: StoreContext, at: Date): Promise<DagRecord[]> {
  const due = await ctx.db
    .selectFrom("dags")
    .select("dag_id")
    .where("is_active", "=", 1)
    .where("is_paused", "=", 0)
    .where("next_dagrun_create_after", "<=", at.getTime())
    .execute();
  return listDags(ctx, { dagIds: due.map((d) => d.dag_id) });
}

/**
 * Moves a DAG's next scheduled run forward, compare-and-set on the value it had, so two
 * schedulers never both advance it (the loser's run insert was a no-op anyway).
 */
export async function advanceNextDagRun(
  ctx: StoreContext,
  dagId: string,
  expectedCreateAfter: Date | null,
  next: NextDagRun | null,
  at: Date,
): Promise<boolean> {
  let query = ctx.db
    .updateTable("dags")
    .set({
      next_dagrun_logical_date: next?.logicalDate.getTime() ?? null,
      next_dagrun_data_interval_start: next?.dataIntervalStart.getTime() ?? null,
      next_dagrun_data_interval_end: next?.dataIntervalEnd.getTime() ?? null,
      next_dagrun_create_after: next?.createAfter.getTime() ?? null,
      updated_at: at.getTime(),
    })
    .where("dag_id", "=", dagId);
  query =
    expectedCreateAfter === null
      ? query.where("next_dagrun_create_after", "is", null)
      : query.where("next_dagrun_create_after", "=", expectedCreateAfter.getTime());
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function toDagRecord(r: Selectable<DagsTable>): Omit<DagRecord, "tags" | "currentVersion"> {
  return {
    dagId: r.dag_id,
    isPaused: r.is_paused === 1,
    isActive: r.is_active === 1,
    fileloc: r.fileloc,
    origin: r.origin as DagFileOrigin,
    team: r.team,
    lastParsedAt: new Date(r.last_parsed_at),
    nextDagRunCreateAfter:
      r.next_dagrun_create_after === null ? null : new Date(r.next_dagrun_create_after),
    nextDagRun:
      r.next_dagrun_create_after === null ||
      r.next_dagrun_logical_date === null ||
      r.next_dagrun_data_interval_start === null ||
      r.next_dagrun_data_interval_end === null
        ? null
        : {
            logicalDate: new Date(r.next_dagrun_logical_date),
            dataIntervalStart: new Date(r.next_dagrun_data_interval_start),
            dataIntervalEnd: new Date(r.next_dagrun_data_interval_end),
            createAfter: new Date(r.next_dagrun_create_after),
          },
  };
}

function toVersionRecord(r: Selectable<DagVersionsTable>): DagVersionRecord {
  return {
    id: Number(r.id),
    dagId: r.dag_id,
    versionNumber: r.version_number,
    bundleHash: r.bundle_hash,
    spec: JSON.parse(r.spec) as DagSpec,
    source: r.source,
    fileloc: r.fileloc,
    createdAt: new Date(r.created_at),
  };
}

/** The team that owns a DAG; null when there is no such DAG. */
export async function teamOfDag(ctx: StoreContext, dagId: string): Promise<string | null> {
  const row = await ctx.db
    .selectFrom("dags")
    .select("team")
    .where("dag_id", "=", dagId)
    .executeTakeFirst();
  return row?.team ?? null;
}
