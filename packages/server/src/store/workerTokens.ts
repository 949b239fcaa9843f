import type { Selectable } from "kysely";
import type { WorkerTokensTable } from "./database.js";
import type { StoreContext } from "./storeContext.js";

/** Worker tokens: scoped to queue patterns (and optionally a team), stored hashed, revocable. */

export interface WorkerTokenRecord {
  id: string;
  name: string;
  team: string | null;
  queues: string[];
  /** How long its workers may be silent before their attempts are given up; null: the server's. */
  workerTimeoutMs: number | null;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export async function createWorkerToken(
  ctx: StoreContext,
  token: {
    id: string;
    name: string;
    team: string | null;
    queues: string[];
    workerTimeoutMs: number | null;
    secretHash: string;
  },
  at: Date,
): Promise<WorkerTokenRecord> {
  const row = await ctx.db
    .insertInto("worker_tokens")
    .values({
      id: token.id,
      name: token.name,
      team: token.team,
      queues: JSON.stringify(token.queues),
      worker_timeout_ms: token.workerTimeoutMs,
      secret_hash: token.secretHash,
      created_at: at.getTime(),
      revoked_at: null,
      last_used_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTokenRecord(row);
}

/** The token with its secret's hash, for verifying a presented token. */
export async function findWorkerToken(
  ctx: StoreContext,
  id: string,
): Promise<(WorkerTokenRecord & { secretHash: string }) | null> {
  const row = await ctx.db
    .selectFrom("worker_tokens")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { ...toTokenRecord(row), secretHash: row.secret_hash } : null;
}

export async function listWorkerTokens(ctx: StoreContext): Promise<WorkerTokenRecord[]> {
  const rows = await ctx.db.selectFrom("worker_tokens").selectAll().orderBy("created_at").execute();
  return rows.map(toTokenRecord);
}

/** Revokes the tokens with this id, or this name. Returns the ids revoked now. */
export async function revokeWorkerToken(
  ctx: StoreContext,
  idOrName: string,
  at: Date,
): Promise<string[]> {
  const rows = await ctx.db
    .updateTable("worker_tokens")
    .set({ revoked_at: at.getTime() })
    .where((eb) => eb.or([eb("id", "=", idOrName), eb("name", "=", idOrName)]))
    .where("revoked_at", "is", null)
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** Of `ids`, those revoked: checked for the tokens of open long-polls, so a revocation ends them. */
export async function listRevokedTokenIds(
  ctx: StoreContext,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await ctx.db
    .selectFrom("worker_tokens")
    .select("id")
    .where("id", "in", ids)
    .where("revoked_at", "is not", null)
    .execute();
  return rows.map((r) => r.id);
}

export async function markWorkerTokenUsed(ctx: StoreContext, id: string, at: Date): Promise<void> {
  await ctx.db
    .updateTable("worker_tokens")
    .set({ last_used_at: at.getTime() })
    .where("id", "=", id)
    .execute();
}

function toTokenRecord(row: Selectable<WorkerTokensTable>): WorkerTokenRecord {
  return {
    id: row.id,
    name: row.name,
    team: row.team,
    queues: JSON.parse(row.queues) as string[],
    workerTimeoutMs: row.worker_timeout_ms === null ? null : Number(row.worker_timeout_ms),
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
    lastUsedAt: row.last_used_at === null ? null : new Date(row.last_used_at),
  };
}
