import { BordaError, ErrorCode } from "@borda/protocol";
import type { StoreContext } from "./storeContext.js";

/**
 * Connections and variables as stored: plain ids, types, descriptions and queue scopes,
 * and one sealed text with everything secret. The store never sees a key or a plain
 * secret; credentials/credentials.ts seals and opens.
 */

export const CredentialKind = { connection: "connection", variable: "variable" } as const;
export type CredentialKind = (typeof CredentialKind)[keyof typeof CredentialKind];

export interface StoredCredential {
  kind: CredentialKind;
  /** The connection id or the variable key. */
  id: string;
  /** A connection's type; null for a variable. */
  connType: string | null;
  description: string | null;
  /** Queue patterns whose tasks may read it; null: every queue. */
  queues: string[] | null;
  sealed: string;
  updatedAt: Date;
  /** The team that owns it (docs/teams.md): only its DAGs' tasks may read it. */
  team: string;
}

const tables = {
  connection: { table: "connections", id: "conn_id" },
  variable: { table: "variables", id: "key" },
} as const;

type Row = {
  conn_id?: string;
  key?: string;
  conn_type?: string;
  description: string | null;
  queues: string | null;
  sealed: string;
  updated_at: number;
  team: string;
};

function toStoredCredential(kind: CredentialKind, row: Row): StoredCredential {
  return {
    kind,
    id: (kind === CredentialKind.connection ? row.conn_id : row.key) as string,
    connType: row.conn_type ?? null,
    description: row.description,
    queues: row.queues === null ? null : (JSON.parse(row.queues) as string[]),
    sealed: row.sealed,
    updatedAt: new Date(Number(row.updated_at)),
    team: row.team,
  };
}

function toRow(credential: StoredCredential) {
  const { id } = tables[credential.kind];
  return {
    [id]: credential.id,
    ...(credential.kind === CredentialKind.connection
      ? { conn_type: credential.connType ?? "" }
      : {}),
    description: credential.description,
    queues: credential.queues === null ? null : JSON.stringify(credential.queues),
    sealed: credential.sealed,
    updated_at: credential.updatedAt.getTime(),
    team: credential.team,
  };
}

/** Every connection or variable, or with `teams` only those teams' (an empty list: none). */
export async function listCredentials(
  ctx: StoreContext,
  kind: CredentialKind,
  teams?: readonly string[],
): Promise<StoredCredential[]> {
  if (teams?.length === 0) return [];
  const { table, id } = tables[kind];
  const rows = await ctx.db
    .selectFrom(table)
    .selectAll()
    .$if(teams !== undefined, (q) => q.where("team", "in", teams ?? []))
    .orderBy(id)
    .execute();
  return rows.map((row) => toStoredCredential(kind, row as Row));
}

export async function findCredential(
  ctx: StoreContext,
  kind: CredentialKind,
  credentialId: string,
): Promise<StoredCredential | null> {
  const { table, id } = tables[kind];
  const row = await ctx.db
    .selectFrom(table)
    .selectAll()
    .where(ctx.db.dynamic.ref(id), "=", credentialId)
    .executeTakeFirst();
  return row ? toStoredCredential(kind, row as Row) : null;
}

/** Adds a connection or variable; a `conflict` error when one with its id exists. */
export async function insertCredential(
  ctx: StoreContext,
  credential: StoredCredential,
): Promise<void> {
  const { table, id } = tables[credential.kind];
  const result = await ctx.db
    .insertInto(table)
    // biome-ignore lint/suspicious/noExplicitAny: toRow's columns are the kind's table's.
    .values(toRow(credential) as any)
    .onConflict((oc) => oc.column(id).doNothing())
    .executeTakeFirst();
  if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
    throw new BordaError(
      ErrorCode.conflict,
      `A ${credential.kind} '${credential.id}' already exists; PATCH it to change it.`,
    );
  }
}

/** Replaces a stored connection or variable; false when there is none with its id. */
export async function replaceCredential(
  ctx: StoreContext,
  credential: StoredCredential,
): Promise<boolean> {
  const { table, id } = tables[credential.kind];
  const result = await ctx.db
    .updateTable(table)
    // biome-ignore lint/suspicious/noExplicitAny: toRow's columns are the kind's table's.
    .set(toRow(credential) as any)
    .where(ctx.db.dynamic.ref(id), "=", credential.id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteCredential(
  ctx: StoreContext,
  kind: CredentialKind,
  credentialId: string,
): Promise<boolean> {
  const { table, id } = tables[kind];
  const result = await ctx.db
    .deleteFrom(table)
    .where(ctx.db.dynamic.ref(id), "=", credentialId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Re-seals every stored value whose sealed text `reseal` replaces (it answers null to
 * leave one as it is), in one transaction: a rotation that fails changes nothing. Each
 * update is conditional on the text it read, so a value changed meanwhile is not
 * overwritten with an old one.
 */
export async function resealCredentials(
  ctx: StoreContext,
  reseal: (credential: StoredCredential) => string | null,
): Promise<number> {
  return ctx.write(async (trx) => {
    let changed = 0;
    for (const kind of Object.values(CredentialKind)) {
      const { table, id } = tables[kind];
      const rows = await trx.selectFrom(table).selectAll().execute();
      for (const row of rows) {
        const credential = toStoredCredential(kind, row as Row);
        const sealed = reseal(credential);
        if (sealed === null) continue;
        await trx
          .updateTable(table)
          .set({ sealed })
          .where(trx.dynamic.ref(id), "=", credential.id)
          .where("sealed", "=", credential.sealed)
          .execute();
        changed += 1;
      }
    }
    return changed;
  });
}
