import { secretIdSchema } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { VariableValue } from "../../credentials/credentials.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { changeVariable, requireVariable, variableFields } from "../routes/variables.js";
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
});

/** A variable as Airflow 3's VariableResponse: sealed at rest (`is_encrypted`), no team. */
const toApiVariableV2 = (variable: VariableValue, withValue = true) => ({
  key: variable.key,
  ...(withValue ? { value: variable.value } : {}),
  description: variable.description,
  is_encrypted: true,
  team_name: null,
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
        const variables = (await api.credentials.listVariables()).filter(
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
        return toApiVariableV2(await requireVariable(api, request.params.variable_key));
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
        const { key, value, description } = request.body;
        await api.credentials.createVariable({
          key,
          value,
          description: description ?? null,
          queues: null,
        });
        return reply.code(201).send(toApiVariableV2(await requireVariable(api, key)));
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
        return toApiVariableV2(
          await changeVariable(api, request.params.variable_key, request.body, mask),
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
        await api.credentials.deleteVariable(request.params.variable_key);
        return reply.code(204).send(null);
      },
    );
  };
}
