import {
  BordaError,
  collectionQuerySchema,
  ErrorCode,
  noContentSchema,
  teamBodySchema,
  teamCollectionSchema,
  teamMemberBodySchema,
  teamMemberCollectionSchema,
  teamMemberSchema,
  teamNameSchema,
  teamPatchSchema,
  teamSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { defaultTeam, type TeamRecord, teamNotFound } from "../../store/index.js";
import { overlapOf } from "../../teams/queueOwnership.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { callerOf, requireTeamAccess, visibleTeams } from "../teamAccess.js";

const tags = ["Team"];
const teamParams = z.object({ team_name: teamNameSchema });
const memberParams = teamParams.extend({ username: z.string().min(1).max(256) });

/**
 * `/teams` (Borda's own; docs/teams.md): Admins create teams, give them queues and
 * members; a member reads their own teams and who is in them. Another team answers 404,
 * as any object of a team the caller is not in does.
 */
export function teamRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const toApiTeam = (request: FastifyRequest, team: TeamRecord) => ({
    name: team.name,
    description: team.description,
    queues: team.queues,
    created_at: team.createdAt.toISOString(),
    role: callerOf(request).roles.get(team.name) ?? null,
  });

  /** The team, if the caller may see it (and, for a change, may change it). */
  const requireTeam = async (request: FastifyRequest, name: string): Promise<TeamRecord> => {
    const missing = () => teamNotFound(name);
    const team = await api.store.getTeam(name);
    if (!team) throw missing();
    await requireTeamAccess(api, request, team.name, missing);
    return team;
  };

  /** Refuses queue patterns another team owns, and `*` for any team but `default`. */
  const checkQueues = async (name: string, queues: readonly string[]) => {
    if (name === defaultTeam) {
      throw new BordaError(
        ErrorCode.invalidInput,
        "queues: the default team's queues are fixed: it owns every queue no other team owns.",
      );
    }
    if (queues.includes("*")) {
      throw new BordaError(
        ErrorCode.invalidInput,
        "queues: '*' would take every queue from every team; name the team's queues, or a prefix such as 'sales_*'.",
      );
    }
    const overlap = overlapOf(await api.store.listTeams(), name, queues);
    if (overlap) {
      throw new BordaError(
        ErrorCode.conflict,
        `queues: '${overlap.pattern}' overlaps '${overlap.theirs}', which team '${overlap.team}' owns; a queue belongs to one team.`,
      );
    }
  };

  return async (app) => {
    app.get(
      "/teams",
      {
        schema: {
          tags,
          operationId: "get_teams",
          querystring: collectionQuerySchema,
          response: { 200: teamCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const visible = visibleTeams(request);
        const teams = (await api.store.listTeams()).filter(
          (team) => visible === undefined || visible.includes(team.name),
        );
        const { items, total } = page(
          teams,
          request.query,
          { name: (t) => t.name, created_at: (t) => t.createdAt.getTime() },
          "name",
        );
        return { teams: items.map((team) => toApiTeam(request, team)), total_entries: total };
      },
    );

    app.get(
      "/teams/:team_name",
      {
        schema: {
          tags,
          operationId: "get_team",
          params: teamParams,
          response: { 200: teamSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiTeam(request, await requireTeam(request, request.params.team_name));
      },
    );

    app.post(
      "/teams",
      {
        schema: {
          tags,
          operationId: "post_team",
          body: teamBodySchema,
          response: { 200: teamSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.admin);
        const { name, description, queues } = request.body;
        await checkQueues(name, queues);
        const team = await api.store.createTeam(
          { name, description: description ?? null, queues },
          new Date(),
        );
        return toApiTeam(request, team);
      },
    );

    app.patch(
      "/teams/:team_name",
      {
        schema: {
          tags,
          operationId: "patch_team",
          params: teamParams,
          body: teamPatchSchema,
          response: { 200: teamSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.admin);
        const team = await requireTeam(request, request.params.team_name);
        if (request.body.queues !== undefined) await checkQueues(team.name, request.body.queues);
        await api.store.updateTeam(team.name, request.body);
        return toApiTeam(request, await requireTeam(request, team.name));
      },
    );

    app.delete(
      "/teams/:team_name",
      {
        schema: {
          tags,
          operationId: "delete_team",
          params: teamParams,
          response: { 204: noContentSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.admin);
        const team = await requireTeam(request, request.params.team_name);
        await api.store.deleteTeam(team.name);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/teams/:team_name/members",
      {
        schema: {
          tags,
          operationId: "get_team_members",
          params: teamParams,
          querystring: collectionQuerySchema,
          response: { 200: teamMemberCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const team = await requireTeam(request, request.params.team_name);
        const { items, total } = page(
          await api.store.listTeamMembers(team.name),
          request.query,
          { username: (m) => m.username, role: (m) => m.role },
          "username",
        );
        return {
          members: items.map((m) => ({ username: m.username, role: m.role })),
          total_entries: total,
        };
      },
    );

    app.put(
      "/teams/:team_name/members/:username",
      {
        schema: {
          tags,
          operationId: "put_team_member",
          params: memberParams,
          body: teamMemberBodySchema,
          response: { 200: teamMemberSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.admin);
        const team = await requireTeam(request, request.params.team_name);
        const { username } = request.params;
        const { role } = request.body;
        await api.store.setTeamRole({ team: team.name, username, role });
        return { username, role };
      },
    );

    app.delete(
      "/teams/:team_name/members/:username",
      {
        schema: {
          tags,
          operationId: "delete_team_member",
          params: memberParams,
          response: { 204: noContentSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.admin);
        const team = await requireTeam(request, request.params.team_name);
        const { username } = request.params;
        if (!(await api.store.removeTeamMember(team.name, username))) {
          throw new BordaError(
            ErrorCode.notFound,
            `User '${username}' is not a member of team '${team.name}'.`,
          );
        }
        return reply.code(204).send(null);
      },
    );
  };
}
