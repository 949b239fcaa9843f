import { BordaError, ErrorCode } from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import { defaultTeam, type TeamRecord, type WorkerRecord } from "../../store/index.js";
import { ownerOfQueue } from "../../teams/queueOwnership.js";
import type { ApiContext } from "../apiContext.js";
import { requireTeamAccess, seesTeam } from "../teamAccess.js";

/**
 * Which team edge workers and queues belong to (docs/teams.md). A worker is its token's:
 * a token's free-text `team` label that names an existing team puts it there, any other
 * label (or none) in `default`. A queue is the team's whose patterns own it.
 */

export const teamOfWorker = (teams: readonly TeamRecord[], worker: WorkerRecord): string =>
  worker.team !== null && teams.some((t) => t.name === worker.team) ? worker.team : defaultTeam;

/** What of workers and queues the caller may see. */
export async function edgeVisibility(api: ApiContext, request: FastifyRequest) {
  const teams = await api.store.listTeams();
  return {
    worker: (worker: WorkerRecord) => seesTeam(request, teamOfWorker(teams, worker)),
    queue: (queue: string) => seesTeam(request, ownerOfQueue(teams, queue)),
  };
}

/**
 * The worker named, if the caller may have it: another team's worker is as missing as
 * one that never registered; a change needs the route's role in the worker's team.
 */
export async function requireWorker(
  api: ApiContext,
  request: FastifyRequest,
  name: string,
): Promise<WorkerRecord> {
  const missing = () => new BordaError(ErrorCode.notFound, `No worker named '${name}'.`);
  const [workers, teams] = await Promise.all([api.edge.listWorkers(), api.store.listTeams()]);
  const worker = workers.find((w) => w.name === name);
  if (!worker) throw missing();
  await requireTeamAccess(api, request, teamOfWorker(teams, worker), missing);
  return worker;
}
