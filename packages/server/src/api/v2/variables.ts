import { secretIdSchema } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { VariableValue } from "../../credentials/credentials.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { answeredTeam } from "../routes/ownerTeam.js";
import {
  changeVariable,
  createVariable,
  requireVariable,
  variableFields,
} from "../routes/variables.js";
import { visibleTeams } from "../teamAccess.js";
import { updateMask } from "../updateMask.js";
import { listQuery, pageQuery } from "./common.js";

const tags = ["Variable"];
const variableParams = z.object({ variable_key: secretIdSchema });

const variableV2Schema = z.object({
  key: z.string(),
  value: z.string().nullable().optional(),
  description: z.string().nullable(),
  is_encrypted: z.boolean(),
  team_name: z.string().nullable(),
});

/**
 * Airflow 3 takes any JSON as a variable's value and stores its text: a string as is,
 * anything else as its JSON, which is what Borda stores too.
 */
const variableValue = z
  .unknown()
  .refine((value) => value !== undefined, { message: "value is required" })
  .transform((value) => (typeof value === "string" ? value : JSON.stringify(value)))
  .pipe(z.string().max(1024 * 1024));

const variableBody = z.object({
  key: secretIdSchema,
  value: variableValue,
  description: z.string().max(5000).nullish(),
  team_name: z.string().min(1).max(63).nullish(),
});

/**
 * A variable as Airflow 3's VariableResponse: sealed at rest (`is_encrypted`), its team
 * as `team_name` (null: `default`).
 */
const toApiVariableV2 = (variable: VariableValue, withValue = true) => ({
  key: variable.key,
  ...(withValue ? { value: variable.value } : {}),
  description: variable.description,
  is_encrypted: true,
  team_name: answeredTeam(variable.team) ?? null,
});

const variableOrder: Record<string, (v: VariableValue) => string | null> = {
  key: (v) => v.key,
  description: (v) => v.description,
};

/** Op and Admin, as on v1; lists leave values out, as v1's do. */
export function variableRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/variables",
      {
        schema: {
          tags,
          operationId: "get_variables",
          querystring: pageQuery(Object.keys(variableOrder)).extend({
            variable_key_pattern: z.string().optional(),
          }),
          response: {
            200: z.object({
              variables: z.array(variableV2Schema),
              total_entries: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const pattern = request.query.variable_key_pattern?.toLowerCase();
        const variables = (await api.credentials.listVariables(visibleTeams(request))).filter(
          (v) => pattern === undefined || v.key.toLowerCase().includes(pattern),
        );
        const { items, total } = page(variables, request.query, variableOrder, "key");
        return { variables: items.map((v) => toApiVariableV2(v, false)), total_entries: total };
      },
    );

    app.get(
      "/variables/:variable_key",
      {
        schema: {
          tags,
          operationId: "get_variable",
          params: variableParams,
          response: { 200: variableV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        return toApiVariableV2(await requireVariable(api, request, request.params.variable_key));
      },
    );

    app.post(
      "/variables",
      {
        schema: {
          tags,
          operationId: "post_variable",
          body: variableBody,
          response: { 201: variableV2Schema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        const { key, value, description, team_name: team } = request.body;
        const created = await createVariable(
          api,
          request,
          { key, value, description: description ?? null, queues: null },
          team,
        );
        return reply.code(201).send(toApiVariableV2(created));
      },
    );

    app.patch(
      "/variables/:variable_key",
      {
        schema: {
          tags,
          operationId: "patch_variable",
          params: variableParams,
          querystring: z.object({ update_mask: listQuery(z.string()) }),
          body: variableBody.partial(),
          response: { 200: variableV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const mask = updateMask(request.query.update_mask, variableFields);
        const { team_name: team, ...body } = request.body;
        return toApiVariableV2(
          await changeVariable(api, request, request.params.variable_key, body, mask, team),
        );
      },
    );

    app.delete(
      "/variables/:variable_key",
      {
        schema: {
          tags,
          operationId: "delete_variable",
          params: variableParams,
          response: { 204: z.null() },
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
