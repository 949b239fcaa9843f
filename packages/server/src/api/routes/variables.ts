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
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { VariableValue } from "../../credentials/credentials.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { updateMask } from "../updateMask.js";

const tags = ["Variable"];
const variableParams = z.object({ variable_key: secretIdSchema });

function toApiVariable(variable: VariableValue) {
  return {
    key: variable.key,
    value: variable.value,
    description: variable.description,
    queues: variable.queues,
  };
}

export async function requireVariable(api: ApiContext, key: string): Promise<VariableValue> {
  const variable = await api.credentials.getVariable(key);
  if (!variable) throw new BordaError(ErrorCode.notFound, `Variable '${key}' not found.`);
  return variable;
}

/** The fields a variable update mask may name. */
export const variableFields = ["key", "value", "description", "queues"];

/**
 * Changes the fields of `body` that `mask` names (every field sent, without a mask); a
 * variable cannot be renamed. Both API versions change variables this way.
 */
export async function changeVariable(
  api: ApiContext,
  key: string,
  body: Partial<VariableBody>,
  mask: readonly string[] | null,
): Promise<VariableValue> {
  const stored = await requireVariable(api, key);
  const wants = (field: keyof VariableBody) =>
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
  });
  return requireVariable(api, stored.key);
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
          await api.credentials.listVariables(),
          request.query,
          { key: (v) => v.key, description: (v) => v.description },
          "key",
        );
        return {
          variables: items.map((v) => ({
            key: v.key,
            description: v.description,
            queues: v.queues,
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
        return toApiVariable(await requireVariable(api, request.params.variable_key));
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
        const { key, value, description, queues } = request.body;
        await api.credentials.createVariable({
          key,
          value,
          description: description ?? null,
          queues: queues ?? null,
        });
        return toApiVariable(await requireVariable(api, key));
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
          await changeVariable(api, request.params.variable_key, request.body, mask),
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
        await api.credentials.deleteVariable(request.params.variable_key);
        return reply.code(204).send(null);
      },
    );
  };
}
