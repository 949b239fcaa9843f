import { BordaError, ErrorCode } from "@borda/protocol";
import type { Kysely, Selectable } from "kysely";
import { Role } from "../auth/roles.js";
import type { Database, UsersTable } from "./database.js";
import type { StoreContext } from "./storeContext.js";
import { putTeamRole } from "./teamRoles.js";
import { defaultTeam, type TeamRole } from "./teams.js";

/**
 * Users of the REST API and the UI. Passwords arrive here already hashed
 * (auth/passwords.ts); the store never sees one in clear.
 */

export interface UserRecord {
  username: string;
  role: Role;
  createdAt: Date;
  lastLoginAt: Date | null;
}

/** What signing in needs: the hash to check, and the state of the login throttle. */
export interface UserCredentials extends UserRecord {
  passwordHash: string;
  /** Failed sign-ins since the last success. */
  failedLogins: number;
  lockedUntil: Date | null;
}

/** HTTP Basic splits user and password at the first ':', so such a name could never sign in. */
export const usernamePattern = /^[^:\s]{1,256}$/;

/**
 * Creates a user; a `conflict` error when the username is taken. A user who is not an
 * Admin gets their role in `team` (the default team unless named).
 */
export async function createUser(
  ctx: StoreContext,
  user: { username: string; role: Role; passwordHash: string; team?: string | undefined },
  at: Date,
): Promise<UserRecord> {
  if (!usernamePattern.test(user.username)) {
    throw new BordaError(
      ErrorCode.invalidInput,
      "A username is 1 to 256 characters, without ':' or spaces.",
    );
  }
  // On a race between two creators the primary key decides; the loser gets the conflict.
  const row = await ctx.write(async (trx) => {
    const created = await trx
      .insertInto("users")
      .values({
        username: user.username,
        role: user.role,
        password_hash: user.passwordHash,
        created_at: at.getTime(),
        last_login_at: null,
        failed_logins: 0,
        locked_until: null,
      })
      .onConflict((oc) => oc.column("username").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!created) {
      throw new BordaError(ErrorCode.conflict, `User '${user.username}' already exists.`);
    }
    if (user.role !== Role.admin) {
      await putTeamRole(trx, {
        team: user.team ?? defaultTeam,
        username: user.username,
        role: user.role as TeamRole,
      });
    }
    return created;
  });
  return toUserRecord(row);
}

/** The user with its password hash and login throttle, for signing in; null when unknown. */
export async function getUser(
  ctx: StoreContext,
  username: string,
): Promise<UserCredentials | null> {
  const row = await ctx.db
    .selectFrom("users")
    .selectAll()
    .where("username", "=", username)
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...toUserRecord(row),
    passwordHash: row.password_hash,
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until === null ? null : new Date(row.locked_until),
  };
}

/** Every user, by username; never their hashes. */
export async function listUsers(ctx: StoreContext): Promise<UserRecord[]> {
  const rows = await ctx.db.selectFrom("users").selectAll().orderBy("username").execute();
  return rows.map(toUserRecord);
}

/** Whether the user existed. */
export async function deleteUser(ctx: StoreContext, username: string): Promise<boolean> {
  return ctx.write(async (trx) => {
    await keepAnAdmin(ctx, trx, username, "delete");
    const result = await trx.deleteFrom("users").where("username", "=", username).execute();
    return Number(result[0]?.numDeletedRows ?? 0) > 0;
  });
}

/**
 * Refuses (conflict) to delete or demote the last Admin: without one nobody could manage
 * users. On PostgreSQL the Admins' rows are locked first, so two requests each removing
 * one of the last two Admins cannot both see "another Admin remains"; on SQLite the
 * write transaction already runs alone.
 */
async function keepAnAdmin(
  ctx: StoreContext,
  trx: Kysely<Database>,
  username: string,
  action: string,
): Promise<void> {
  let admins = trx.selectFrom("users").select("username").where("role", "=", Role.admin);
  if (ctx.dialect === "postgres") admins = admins.forUpdate();
  const names = (await admins.execute()).map((row) => row.username);
  if (names.length === 1 && names[0] === username) {
    throw new BordaError(
      ErrorCode.conflict,
      `Cannot ${action} '${username}': it is the last Admin, and without one nobody could manage users. Give another user the Admin role first.`,
    );
  }
}

/**
 * Replaces the user's password hash and lifts any login lock: whoever set the password
 * knows it. Whether the user exists.
 */
export async function setUserPassword(
  ctx: StoreContext,
  username: string,
  passwordHash: string,
): Promise<boolean> {
  const result = await ctx.db
    .updateTable("users")
    .set({ password_hash: passwordHash, failed_logins: 0, locked_until: null })
    .where("username", "=", username)
    .execute();
  return Number(result[0]?.numUpdatedRows ?? 0) > 0;
}

/**
 * Gives the user `role`: Admin (every team), or that role in `team` (the default team
 * unless named), which for a single-team install is the user's only role. Whether the
 * user exists.
 */
export async function setUserRole(
  ctx: StoreContext,
  username: string,
  role: Role,
  team: string = defaultTeam,
): Promise<boolean> {
  return ctx.write(async (trx) => {
    if (role !== Role.admin) await keepAnAdmin(ctx, trx, username, "take the Admin role from");
    const result = await trx
      .updateTable("users")
      .set({ role })
      .where("username", "=", username)
      .execute();
    const exists = Number(result[0]?.numUpdatedRows ?? 0) > 0;
    if (exists && role !== Role.admin)
      await putTeamRole(trx, { team, username, role: role as TeamRole });
    return exists;
  });
}

/**
 * Records a sign-in. A success resets the throttle and stamps `last_login_at`; a failure
 * counts one more (in SQL, so concurrent failures all count) and sets the lock the caller
 * chose for that count (null: none yet).
 */
export async function recordLoginResult(
  ctx: StoreContext,
  username: string,
  ok: boolean,
  at: Date,
  lockUntil: Date | null,
): Promise<void> {
  await ctx.db
    .updateTable("users")
    .set((eb) =>
      ok
        ? { last_login_at: at.getTime(), failed_logins: 0, locked_until: null }
        : {
            failed_logins: eb("failed_logins", "+", 1),
            locked_until: lockUntil === null ? null : lockUntil.getTime(),
          },
    )
    .where("username", "=", username)
    .execute();
}

function toUserRecord(row: Selectable<UsersTable>): UserRecord {
  return {
    username: row.username,
    role: row.role as Role,
    createdAt: new Date(row.created_at),
    lastLoginAt: row.last_login_at === null ? null : new Date(row.last_login_at),
  };
}
