import type { BordaError } from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { Role } from "../../auth/roles.js";
import type { ApiContext } from "../apiContext.js";
import { requireTeamAccess } from "../teamAccess.js";

/**
 * Team access for the routes whose object the scheduler looks up itself (triggering a
 * run, changing a run's or its task instances' state, backfills): the route checks the
 * DAG's team first, refusing another team's with `missing`, the very 404 the scheduler
 * answers when the object is not there. A DAG that does not exist is left to the
 * scheduler, which refuses it as it always has.
 */
export async function requireDagTeam(
  api: ApiContext,
  request: FastifyRequest,
  dagId: string,
  missing: () => BordaError,
  role?: Role,
): Promise<void> {
  const team = await api.store.teamOfDag(dagId);
  if (team !== null) await requireTeamAccess(api, request, team, missing, role);
}
