import { BordaError, ErrorCode } from "@borda/protocol";
import { type Selectable, sql } from "kysely";
import { Role } from "../auth/roles.js";
import type { TeamsTable } from "./database.js";
import type { StoreContext } from "./storeContext.js";
import { putTeamRole, refreshUserRole, teamOfFileIn } from "./teamRoles.js";

/**
 * Teams (docs/teams.md): who may see and change what. A team owns queue patterns, and
 * DAGs, import errors, pools, connections, variables and events carry the team that owns
 * them; runs, task instances, logs, XComs and backfills belong to their DAG's team. A user
 * holds a role in each of their teams; Admins hold every role everywhere and need none.
 *
 * `users.role` stays what it always was for everything that reads one role: Admin, or
 * the highest role the user holds in any team. It is kept so on every membership change.
 */

/** The team that owns everything no other team owns; it cannot be deleted. */
export const defaultTeam = "default";

/** Team names are also DAG folder names, so they are plain words. */
export const teamNamePattern = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/** The roles a team member may hold: Admin is global, never a team's. */
export const teamRoles = [Role.viewer, Role.user, Role.op] as const;
export type TeamRole = (typeof teamRoles)[number];

export interface TeamRecord {
  name: string;
  description: string | null;
  /** Queue names and `*` patterns the team owns; `default`'s is `*`: all no other team owns. */
  queues: string[];
  createdAt: Date;
}

export interface TeamMembership {
  team: string;
  username: string;
  role: TeamRole;
}

export async function listTeams(ctx: StoreContext): Promise<TeamRecord[]> {
  const rows = await ctx.db.selectFrom("teams").selectAll().orderBy("name").execute();
  return rows.map(toTeamRecord);
}

export async function getTeam(ctx: StoreContext, name: string): Promise<TeamRecord | null> {
  const row = await ctx.db
    .selectFrom("teams")
    .selectAll()
    .where("name", "=", name)
    .executeTakeFirst();
  return row ? toTeamRecord(row) : null;
}

/**
 * Creates a team; a `conflict` error when the name is taken. DAGs and import errors of the
 * DAGs folder's subfolder of that name, recorded before the team existed, become the
 * team's at once (the same rule the DAG processor follows from then on).
 */
export async function createTeam(
  ctx: StoreContext,
  team: { name: string; description: string | null; queues: readonly string[] },
  at: Date,
): Promise<TeamRecord> {
  checkTeamName(team.name);
  return ctx.write(async (trx) => {
    const row = await trx
      .insertInto("teams")
      .values({
        name: team.name,
        description: team.description,
        queues: JSON.stringify(team.queues),
        created_at: at.getTime(),
      })
      .onConflict((oc) => oc.column("name").doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new BordaError(ErrorCode.conflict, `Team '${team.name}' already exists.`);
    const folder = `${team.name}/`;
    const inFolder = sql<boolean>`substr(fileloc, 1, ${folder.length}) = ${folder}`;
    for (const table of ["dags", "import_errors"] as const) {
      await trx
        .updateTable(table)
        .set({ team: team.name })
        .where("team", "=", defaultTeam)
        .where(inFolder)
        .execute();
    }
    return toTeamRecord(row);
  });
}

/** Changes a team's description or queues; whether the team exists. */
export async function updateTeam(
  ctx: StoreContext,
  name: string,
  changes: { description?: string | null | undefined; queues?: readonly string[] | undefined },
): Promise<boolean> {
  const set: { description?: string | null; queues?: string } = {};
  if (changes.description !== undefined) set.description = changes.description;
  if (changes.queues !== undefined) set.queues = JSON.stringify(changes.queues);
  if (Object.keys(set).length === 0) return (await getTeam(ctx, name)) !== null;
  const result = await ctx.db.updateTable("teams").set(set).where("name", "=", name).execute();
  return Number(result[0]?.numUpdatedRows ?? 0) > 0;
}

/**
 * Deletes a team and its memberships; whether it existed. A team that still owns DAGs,
 * pools, connections, variables or live worker tokens is kept (`conflict`, naming what),
 * so nothing it owned silently becomes `default`'s; `default` is never deleted.
 */
export async function deleteTeam(ctx: StoreContext, name: string): Promise<boolean> {
  if (name === defaultTeam) {
    throw new BordaError(
      ErrorCode.conflict,
      "The default team cannot be deleted: it owns everything no other team owns.",
    );
  }
  return ctx.write(async (trx) => {
    const owned: string[] = [];
    for (const [table, what] of [
      ["dags", "DAGs"],
      ["pools", "pools"],
      ["connections", "connections"],
      ["variables", "variables"],
    ] as const) {
      const row = await trx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("team", "=", name)
        .executeTakeFirstOrThrow();
      if (Number(row.n) > 0) owned.push(`${row.n} ${what}`);
    }
    const tokens = await trx
      .selectFrom("worker_tokens")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("team", "=", name)
      .where("revoked_at", "is", null)
      .executeTakeFirstOrThrow();
    if (Number(tokens.n) > 0) owned.push(`${tokens.n} worker tokens`);
    if (owned.length > 0) {
      throw new BordaError(
        ErrorCode.conflict,
        `Team '${name}' still owns ${owned.join(", ")}: delete them or move them to another team first.`,
      );
    }
    const members = await trx
      .deleteFrom("team_members")
      .where("team", "=", name)
      .returning("username")
      .execute();
    const result = await trx.deleteFrom("teams").where("name", "=", name).execute();
    for (const { username } of members) await refreshUserRole(trx, username);
    return Number(result[0]?.numDeletedRows ?? 0) > 0;
  });
}

/** The team a DAG file's DAGs and import error belong to (see `teamOfFileIn`). */
export function teamOfFile(ctx: StoreContext, fileloc: string): Promise<string> {
  return teamOfFileIn(ctx.db, fileloc);
}

/** A team's members, by username. */
export async function listTeamMembers(ctx: StoreContext, team: string): Promise<TeamMembership[]> {
  const rows = await ctx.db
    .selectFrom("team_members")
    .selectAll()
    .where("team", "=", team)
    .orderBy("username")
    .execute();
  return rows.map(toMembership);
}

/** The teams a user belongs to, with the role in each, by team name. */
export async function teamRolesOf(ctx: StoreContext, username: string): Promise<TeamMembership[]> {
  const rows = await ctx.db
    .selectFrom("team_members")
    .selectAll()
    .where("username", "=", username)
    .orderBy("team")
    .execute();
  return rows.map(toMembership);
}

/**
 * Gives `username` `role` in `team` (added or changed). A `notFound` error names the team
 * or user that does not exist.
 */
export async function setTeamRole(ctx: StoreContext, membership: TeamMembership): Promise<void> {
  await ctx.write((trx) => putTeamRole(trx, membership));
}

/**
 * Takes `username` out of `team`; whether they were in it. A user who is not an Admin
 * keeps at least one team (`conflict`): without one they could sign in and do nothing.
 */
export async function removeTeamMember(
  ctx: StoreContext,
  team: string,
  username: string,
): Promise<boolean> {
  return ctx.write(async (trx) => {
    const memberships = await trx
      .selectFrom("team_members")
      .innerJoin("users", "users.username", "team_members.username")
      .select(["team_members.team", "users.role"])
      .where("team_members.username", "=", username)
      .execute();
    if (!memberships.some((m) => m.team === team)) return false;
    if (memberships.length === 1 && memberships[0]?.role !== Role.admin) {
      throw new BordaError(
        ErrorCode.conflict,
        `Team '${team}' is the only team of user '${username}': give them another team first, or delete the user.`,
      );
    }
    await trx
      .deleteFrom("team_members")
      .where("team", "=", team)
      .where("username", "=", username)
      .execute();
    await refreshUserRole(trx, username);
    return true;
  });
}

function checkTeamName(name: string): void {
  if (!teamNamePattern.test(name)) {
    throw new BordaError(
      ErrorCode.invalidInput,
      `Team name '${name}' is not valid: use 1 to 63 letters, digits, '-' or '_', starting with a letter or digit (it is also the name of the team's DAGs folder).`,
    );
  }
}

function toTeamRecord(row: Selectable<TeamsTable>): TeamRecord {
  return {
    name: row.name,
    description: row.description,
    queues: JSON.parse(row.queues) as string[],
    createdAt: new Date(row.created_at),
  };
}

const toMembership = (row: { team: string; username: string; role: string }): TeamMembership => ({
  team: row.team,
  username: row.username,
  role: row.role as TeamRole,
});
