import type { FastifyRequest } from "fastify";
import { Role } from "../../auth/roles.js";
import { defaultTeam, teamNotFound } from "../../store/index.js";
import type { ApiContext } from "../apiContext.js";
import { requireTeamAccess, teamForNew } from "../teamAccess.js";

/**
 * The team of pools, connections and variables (docs/teams.md): named in a create or
 * update body as `team`, on v1 as `team` and on v2 as Airflow's `team_name`.
 */

/**
 * The team a new pool, connection or variable goes to (`teamForNew`), once it is known
 * to exist and the caller is Op in it. A team the caller is not in is as missing as one
 * that does not exist. A change that moves an object to `named` checks the same: an
 * object changes teams only for a caller who is Op in both.
 */
export async function teamOfNew(
  api: ApiContext,
  request: FastifyRequest,
  named: string | null | undefined,
): Promise<string> {
  const team = teamForNew(request, named, Role.op);
  const missing = () => teamNotFound(team);
  if (!(await api.store.getTeam(team))) throw missing();
  await requireTeamAccess(api, request, team, missing, Role.op);
  return team;
}

/**
 * A team as answered: its name, or nothing for `default`, the team of everything in a
 * single-team install, whose answers so stay as they were (v2: Airflow's null, "no team").
 */
export const answeredTeam = (team: string | undefined): string | undefined =>
  team === undefined || team === defaultTeam ? undefined : team;
