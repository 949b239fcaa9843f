import type { Selectable } from "kysely";
import type { ApiTokensTable } from "./database.js";
import { toDate } from "./records.js";
import type { StoreContext } from "./storeContext.js";

/**
 * API tokens: each signs a script in to /api/v1 as the user who owns it, stored hashed
 * (auth/apiTokens.ts), revocable, optionally expiring. Deleting the user deletes them.
 */

export interface ApiTokenRecord {
  id: string;
  username: string;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export async function createApiToken(
  ctx: StoreContext,
  token: {
    id: string;
    username: string;
    name: string;
    secretHash: string;
    expiresAt: Date | null;
  },
  at: Date,
): Promise<ApiTokenRecord> {
  const row = await ctx.db
    .insertInto("api_tokens")
    .values({
      id: token.id,
      username: token.username,
      name: token.name,
      secret_hash: token.secretHash,
      created_at: at.getTime(),
      expires_at: token.expiresAt?.getTime() ?? null,
      last_used_at: null,
      revoked_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toApiTokenRecord(row);
}

/** The token with its secret's hash, for verifying a presented token. */
export async function findApiToken(
  ctx: StoreContext,
  id: string,
): Promise<(ApiTokenRecord & { secretHash: string }) | null> {
  const row = await ctx.db
    .selectFrom("api_tokens")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? { ...toApiTokenRecord(row), secretHash: row.secret_hash } : null;
}

/** The tokens of one user, or of every user, oldest first; revoked and expired ones too. */
export async function listApiTokens(
  ctx: StoreContext,
  username: string | null,
): Promise<ApiTokenRecord[]> {
  let query = ctx.db.selectFrom("api_tokens").selectAll();
  if (username !== null) query = query.where("username", "=", username);
  const rows = await query.orderBy("created_at").orderBy("id").execute();
  return rows.map(toApiTokenRecord);
}

/**
 * Revokes the token with this id, if it is not revoked yet and, when `username` is
 * given, belongs to that user. Whether it revoked one now.
 */
export async function revokeApiToken(
  ctx: StoreContext,
  id: string,
  username: string | null,
  at: Date,
): Promise<boolean> {
  let query = ctx.db
    .updateTable("api_tokens")
    .set({ revoked_at: at.getTime() })
    .where("id", "=", id)
    .where("revoked_at", "is", null);
  if (username !== null) query = query.where("username", "=", username);
  const result = await query.execute();
  return Number(result[0]?.numUpdatedRows ?? 0) > 0;
}

export async function markApiTokenUsed(ctx: StoreContext, id: string, at: Date): Promise<void> {
  await ctx.db
    .updateTable("api_tokens")
    .set({ last_used_at: at.getTime() })
    .where("id", "=", id)
    .execute();
}

function toApiTokenRecord(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    createdAt: new Date(row.created_at),
    expiresAt: toDate(row.expires_at),
    lastUsedAt: toDate(row.last_used_at),
    revokedAt: toDate(row.revoked_at),
  };
}
