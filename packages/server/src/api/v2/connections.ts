import { connectionBodySchema, secretIdSchema } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { ConnectionValue } from "../../credentials/credentials.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import {
  changeConnection,
  connectionFields,
  createConnection,
  requireConnection,
  testConnection,
  toApiConnection,
} from "../routes/connections.js";
import { visibleTeams } from "../teamAccess.js";
import { updateMask } from "../updateMask.js";
import { listQuery, pageQuery } from "./common.js";

const tags = ["Connection"];
const connectionParams = z.object({ connection_id: secretIdSchema });

const connectionV2Schema = z.object({
  connection_id: z.string(),
  conn_type: z.string(),
  description: z.string().nullable(),
  host: z.string().nullable(),
  login: z.string().nullable(),
  schema: z.string().nullable(),
  port: z.number().int().nullable(),
  password: z.string().nullable(),
  extra: z.string().nullable(),
  team_name: z.string().nullable(),
});

/** v1's body, with the team as Airflow 3 names it. */
const connectionV2Body = connectionBodySchema
  .omit({ team: true })
  .extend({ team_name: z.string().min(1).max(63).nullish() });

/**
 * A connection as Airflow 3's ConnectionResponse: v1's, with the password as Airflow 3
 * writes a secret it will not show (`***` when there is one), and its team as
 * `team_name` (null: `default`).
 */
function toApiConnectionV2(connection: ConnectionValue) {
  const { has_password: hasPassword, queues: _, team, ...v1 } = toApiConnection(connection);
  return { ...v1, password: hasPassword ? "***" : null, team_name: team ?? null };
}

const connectionOrder: Record<string, (c: ConnectionValue) => string | null> = {
  connection_id: (c) => c.connId,
  conn_type: (c) => c.connType,
  host: (c) => c.host,
  description: (c) => c.description,
};

/** Op and Admin, as on v1; a password is accepted and never answered. */
export function connectionRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/connections",
      {
        schema: {
          tags,
          operationId: "get_connections",
          querystring: pageQuery(Object.keys(connectionOrder)).extend({
            connection_id_pattern: z.string().optional(),
          }),
          response: {
            200: z.object({
              connections: z.array(connectionV2Schema),
              total_entries: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const pattern = request.query.connection_id_pattern?.toLowerCase();
        const connections = (await api.credentials.listConnections(visibleTeams(request))).filter(
          (c) => pattern === undefined || c.connId.toLowerCase().includes(pattern),
        );
        const { items, total } = page(connections, request.query, connectionOrder, "connection_id");
        return { connections: items.map(toApiConnectionV2), total_entries: total };
      },
    );

    app.get(
      "/connections/:connection_id",
      {
        schema: {
          tags,
          operationId: "get_connection",
          params: connectionParams,
          response: { 200: connectionV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        return toApiConnectionV2(
          await requireConnection(api, request, request.params.connection_id),
        );
      },
    );

    app.post(
      "/connections",
      {
        schema: {
          tags,
          operationId: "post_connection",
          body: connectionV2Body,
          response: { 201: connectionV2Schema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        const { team_name: team, ...body } = request.body;
        const created = await createConnection(api, request, body, team);
        return reply.code(201).send(toApiConnectionV2(created));
      },
    );

    app.patch(
      "/connections/:connection_id",
      {
        schema: {
          tags,
          operationId: "patch_connection",
          params: connectionParams,
          querystring: z.object({ update_mask: listQuery(z.string()) }),
          body: connectionV2Body.partial(),
          response: { 200: connectionV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const mask = updateMask(request.query.update_mask, connectionFields);
        const { team_name: team, ...body } = request.body;
        return toApiConnectionV2(
          await changeConnection(api, request, request.params.connection_id, body, mask, team),
        );
      },
    );

    app.delete(
      "/connections/:connection_id",
      {
        schema: {
          tags,
          operationId: "delete_connection",
          params: connectionParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        await requireConnection(api, request, request.params.connection_id);
        await api.credentials.deleteConnection(request.params.connection_id);
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/connections/test",
      {
        schema: {
          tags,
          operationId: "test_connection",
          body: connectionBodySchema,
          response: { 200: z.object({ status: z.boolean(), message: z.string() }) },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        return testConnection(api, request.body);
      },
    );
  };
}
