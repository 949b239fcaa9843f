import { BordaError, ErrorCode } from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import { Role, roleRank } from "../auth/roles.js";
import { defaultTeam, type TeamRole, type UserRecord } from "../store/index.js";
import type { ApiContext } from "./apiContext.js";
import { recordRefusal } from "./recordEvents.js";

/**
 * Team access (docs/teams.md, "Who sees what"): the second check of every route, after
 * `authorize` signed the caller in and checked their highest role. Every object belongs
 * to a team; a caller sees only their teams' objects, and changes one only with the
 * route's role in that team.
 *
 * - Lists are filtered: routes pass `visibleTeams(request)` to the store.
 * - An object of a team the caller is not in answers 404, with the very error a missing
 *   object gets, so an answer never shows that it exists.
 * - An object of the caller's team that needs more than their role there answers 403.
 * - Both refusals are recorded in the event log, under the object's team, as
 *   `refused:<operation>`, so that team's members and Admins see who tried.
 */

/** Who a request acts as: their user, and their role in each of their teams. */
export interface Caller {
  user: UserRecord;
  /** Admins hold every role in every team. */
  admin: boolean;
  roles: ReadonlyMap<string, TeamRole>;
  /** The least role the route asked `authorize` for: what a team's object needs. */
  needs: Role;
}

const callers = new WeakMap<FastifyRequest, Caller>();
/** The team each change concerned, for its event (`recordEvents`). */
const teamsOfChanges = new WeakMap<FastifyRequest, string>();

/** Reads the signed-in user's teams for the rest of the request (called by `authorize`). */
export async function rememberCaller(
  api: ApiContext,
  request: FastifyRequest,
  user: UserRecord,
  needs: Role,
): Promise<void> {
  const admin = user.role === Role.admin;
  const memberships = admin ? [] : await api.store.teamRolesOf(user.username);
  callers.set(request, {
    user,
    admin,
    roles: new Map(memberships.map((m) => [m.team, m.role])),
    needs,
  });
}

/** The caller `authorize` signed in for this request. */
export function callerOf(request: FastifyRequest): Caller {
  const caller = callers.get(request);
  if (!caller) {
    throw new BordaError(ErrorCode.internal, "A route read its caller before authorizing it.");
  }
  return caller;
}

/**
 * The teams whose objects a request may list: undefined (every team) for an Admin, else
 * the caller's teams, with any role.
 */
export function visibleTeams(request: FastifyRequest): readonly string[] | undefined {
  const caller = callerOf(request);
  return caller.admin ? undefined : [...caller.roles.keys()];
}

/** The teams in which the caller holds at least `role`; undefined (all) for an Admin. */
export function teamsWithRole(request: FastifyRequest, role: Role): readonly string[] | undefined {
  const caller = callerOf(request);
  if (caller.admin) return undefined;
  return [...caller.roles].filter(([, held]) => roleRank(held) >= roleRank(role)).map(([t]) => t);
}

/** Whether the caller may see `team`'s objects. */
export function seesTeam(request: FastifyRequest, team: string): boolean {
  const caller = callerOf(request);
  return caller.admin || caller.roles.has(team);
}

/**
 * Lets the request go on with an object of `team`, or refuses it: `missing()` (the
 * object's own 404) when the caller is not in the team, 403 when their role there is
 * below what the route needs (`role`, else what it asked `authorize` for). Either
 * refusal is recorded. A change let through is recorded under `team`.
 */
export async function requireTeamAccess(
  api: ApiContext,
  request: FastifyRequest,
  team: string,
  missing: () => BordaError,
  role?: Role,
): Promise<void> {
  const caller = callerOf(request);
  teamsOfChanges.set(request, team);
  if (caller.admin) return;
  const held = caller.roles.get(team);
  if (held === undefined) {
    const refusal = missing();
    await recordRefusal(api, request, team, refusal);
    throw refusal;
  }
  const needs = role ?? caller.needs;
  if (roleRank(held) < roleRank(needs)) {
    const refusal = new BordaError(
      ErrorCode.forbidden,
      `This needs the ${needs} role or higher in team '${team}'; user '${caller.user.username}' is ${held} there. An Admin can change a user's team roles (borda users set-role).`,
      { details: { requiredRole: needs, role: held, team } },
    );
    await recordRefusal(api, request, team, refusal);
    throw refusal;
  }
}

/**
 * The team a new object goes to: the one named, else the caller's only team in which
 * they hold `role` (`default` for an Admin). Refuses (400) to guess between several.
 */
export function teamForNew(
  request: FastifyRequest,
  named: string | null | undefined,
  role: Role,
): string {
  if (named) return named;
  const teams = teamsWithRole(request, role);
  if (teams === undefined) return defaultTeam;
  if (teams.length === 1 && teams[0]) return teams[0];
  throw new BordaError(
    ErrorCode.invalidInput,
    `Name the team it belongs to ('team'): you hold ${role} in ${teams.length === 0 ? "no team" : `teams ${teams.join(", ")}`}.`,
  );
}

/** The team a change concerned (`requireTeamAccess` notes it), for the event log. */
export const teamOfChange = (request: FastifyRequest): string | undefined =>
  teamsOfChanges.get(request);
