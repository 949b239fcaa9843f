import {
  BordaError,
  collectionQuerySchema,
  ErrorCode,
  noContentSchema,
  secretIdSchema,
  updateMaskQuerySchema,
  type VariableBody,
  variableBodySchema,
  variableCollectionSchema,
  variablePatchSchema,
  variableSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { VariableValue } from "../../credentials/credentials.js";
import { defaultTeam } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { requireTeamAccess, visibleTeams } from "../teamAccess.js";
import { updateMask } from "../updateMask.js";
import { answeredTeam, teamOfNew } from "./ownerTeam.js";

const tags = ["Variable"];
const variableParams = z.object({ variable_key: secretIdSchema });

function toApiVariable(variable: VariableValue) {
  return {
    key: variable.key,
    value: variable.value,
    description: variable.description,
    queues: variable.queues,
    team: answeredTeam(variable.team),
  };
}

/** The variable, if the caller may have it: another team's is as missing as none. */
export async function requireVariable(
  api: ApiContext,
  request: FastifyRequest,
  key: string,
): Promise<VariableValue> {
  const missing = () => new BordaError(ErrorCode.notFound, `Variable '${key}' not found.`);
  const variable = await api.credentials.getVariable(key);
  if (!variable) throw missing();
  await requireTeamAccess(api, request, variable.team ?? defaultTeam, missing);
  return variable;
}

/**
 * Creates a variable in `team` (see `teamOfNew`); keys are one namespace for every team.
 * Both API versions create variables this way.
 */
export async function createVariable(
  api: ApiContext,
  request: FastifyRequest,
  variable: Omit<VariableValue, "team">,
  team: string | null | undefined,
): Promise<VariableValue> {
  const owner = await teamOfNew(api, request, team);
  await api.credentials.createVariable({ ...variable, team: owner });
  return requireVariable(api, request, variable.key);
}

/** The fields a variable update mask may name. */
export const variableFields = ["key", "value", "description", "queues", "team", "team_name"];

/**
 * Changes the fields of `body` that `mask` names (every field sent, without a mask); a
 * variable cannot be renamed. `team` moves it to another team, for a caller who is Op
 * in both (`teamOfNew`). Both API versions change variables this way.
 */
export async function changeVariable(
  api: ApiContext,
  request: FastifyRequest,
  key: string,
  body: Partial<Omit<VariableBody, "team">>,
  mask: readonly string[] | null,
  team: string | null | undefined,
): Promise<VariableValue> {
  const stored = await requireVariable(api, request, key);
  const storedTeam = stored.team ?? defaultTeam;
  const moveTo =
    (mask ? mask.includes("team") || mask.includes("team_name") : true) && team ? team : storedTeam;
  if (moveTo !== storedTeam) await teamOfNew(api, request, moveTo);
  const wants = (field: keyof typeof body) =>
    (mask ? mask.includes(field) : field in body) && body[field] !== undefined;
  if (wants("key") && body.key !== stored.key) {
    throw new BordaError(
      ErrorCode.invalidInput,
      "key: a variable cannot be renamed; create a new one and delete this one.",
    );
  }
  await api.credentials.replaceVariable({
    key: stored.key,
    value: wants("value") ? (body.value as string) : stored.value,
    description: wants("description") ? (body.description ?? null) : stored.description,
    queues: wants("queues") ? (body.queues ?? null) : stored.queues,
    team: moveTo,
  });
  return requireVariable(api, request, stored.key);
}

/** `/variables`: Airflow's endpoints (Op and Admin); lists leave values out, as Airflow's do. */
export function variableRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/variables",
      {
        schema: {
          operationId: "get_variables",

          tags,
          querystring: collectionQuerySchema,
          response: { 200: variableCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const { items, total } = page(
          await api.credentials.listVariables(visibleTeams(request)),
          request.query,
          { key: (v) => v.key, description: (v) => v.description },
          "key",
        );
        return {
          variables: items.map((v) => ({
            key: v.key,
            description: v.description,
            queues: v.queues,
            team: answeredTeam(v.team),
          })),
          total_entries: total,
        };
      },
    );

    app.get(
      "/variables/:variable_key",
      {
        schema: {
          operationId: "get_variable",
          tags,
          params: variableParams,
          response: { 200: variableSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        return toApiVariable(await requireVariable(api, request, request.params.variable_key));
      },
    );

    app.post(
      "/variables",
      {
        schema: {
          operationId: "post_variables",
          tags,
          body: variableBodySchema,
          response: { 200: variableSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const { key, value, description, queues, team } = request.body;
        return toApiVariable(
          await createVariable(
            api,
            request,
            { key, value, description: description ?? null, queues: queues ?? null },
            team,
          ),
        );
      },
    );

    app.patch(
      "/variables/:variable_key",
      {
        schema: {
          operationId: "patch_variable",

          tags,
          params: variableParams,
          querystring: updateMaskQuerySchema,
          body: variablePatchSchema,
          response: { 200: variableSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const mask = updateMask(request.query.update_mask, variableFields);
        return toApiVariable(
          await changeVariable(
            api,
            request,
            request.params.variable_key,
            request.body,
            mask,
            request.body.team,
          ),
        );
      },
    );

    app.delete(
      "/variables/:variable_key",
      {
        schema: {
          operationId: "delete_variable",
          tags,
          params: variableParams,
          response: { 204: noContentSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        await requireVariable(api, request, request.params.variable_key);
        await api.credentials.deleteVariable(request.params.variable_key);
        return reply.code(204).send(null);
      },
    );
  };
}
