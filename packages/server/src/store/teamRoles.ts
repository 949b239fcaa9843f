import { BordaError, ErrorCode } from "@borda/protocol";
import type { Kysely } from "kysely";
import { Role, roleRank } from "../auth/roles.js";
import type { Database } from "./database.js";
import { defaultTeam, type TeamMembership } from "./teams.js";

/**
 * Team rules applied inside another operation's transaction: creating a user gives them
 * their first team, changing a user's one role changes a team's, recording a DAG file
 * gives its DAGs their team. They are not store operations of their own (the store binds
 * only those), so they live here.
 */

/**
 * The team of a DAG file (docs/teams.md, "DAGs"): the first folder of its path, relative
 * to the DAGs folder or as deployed, when a team has that name; else `default`.
 */
export async function teamOfFileIn(db: Kysely<Database>, fileloc: string): Promise<string> {
  const folder = fileloc.includes("/") ? fileloc.slice(0, fileloc.indexOf("/")) : null;
  if (folder === null || folder === defaultTeam) return defaultTeam;
  const team = await db
    .selectFrom("teams")
    .select("name")
    .where("name", "=", folder)
    .executeTakeFirst();
  return team?.name ?? defaultTeam;
}

/** Adds or changes a membership inside a write transaction (users.ts uses it too). */
export async function putTeamRole(
  trx: Kysely<Database>,
  membership: TeamMembership,
): Promise<void> {
  const { team, username, role } = membership;
  const known = await trx
    .selectFrom("teams")
    .select("name")
    .where("name", "=", team)
    .executeTakeFirst();
  if (!known) throw teamNotFound(team);
  const user = await trx
    .selectFrom("users")
    .select("username")
    .where("username", "=", username)
    .executeTakeFirst();
  if (!user) throw new BordaError(ErrorCode.notFound, `User '${username}' not found.`);
  await trx
    .insertInto("team_members")
    .values({ team, username, role })
    .onConflict((oc) => oc.columns(["team", "username"]).doUpdateSet({ role }))
    .execute();
  await refreshUserRole(trx, username);
}

/** Sets a user's one role (`users.role`) to the highest of their teams', unless Admin. */
export async function refreshUserRole(trx: Kysely<Database>, username: string): Promise<void> {
  const user = await trx
    .selectFrom("users")
    .select("role")
    .where("username", "=", username)
    .executeTakeFirst();
  if (!user || user.role === Role.admin) return;
  const roles = await trx
    .selectFrom("team_members")
    .select("role")
    .where("username", "=", username)
    .execute();
  const highest = roles
    .map((r) => r.role as Role)
    .reduce<Role | null>((a, b) => (a === null || roleRank(b) > roleRank(a) ? b : a), null);
  if (highest && highest !== user.role) {
    await trx
      .updateTable("users")
      .set({ role: highest })
      .where("username", "=", username)
      .execute();
  }
}

/**
 * The 404 for a team that does not exist, which is also the answer for a team the caller
 * is not in (docs/teams.md, "Who sees what"); `more` says what else to check.
 */
export const teamNotFound = (team: string, more = "") =>
  new BordaError(
    ErrorCode.notFound,
    `Team '${team}' not found; GET /api/v1/teams (borda teams list) lists the teams you are in.${more}`,
  );
