import { connect } from "node:net";
import {
  BordaError,
  type ConnectionBody,
  collectionQuerySchema,
  connectionBodySchema,
  connectionCollectionSchema,
  connectionPatchSchema,
  connectionSchema,
  connectionTestSchema,
  ErrorCode,
  isSensitiveName,
  noContentSchema,
  secretIdSchema,
  updateMaskQuerySchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ConnectionValue, redactedExtra } from "../../credentials/credentials.js";
import { defaultTeam } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { requireTeamAccess, visibleTeams } from "../teamAccess.js";
import { updateMask } from "../updateMask.js";
import { answeredTeam, teamOfNew } from "./ownerTeam.js";

const tags = ["Connection"];
const connectionParams = z.object({ connection_id: secretIdSchema });
/** The fields a connection update mask may name. */
export const connectionFields = [
  "connection_id",
  "conn_type",
  "description",
  "host",
  "login",
  "schema",
  "port",
  "password",
  "extra",
  "queues",
  "team",
  "team_name",
] as const;

/** A connection as answered: never its password; its extra's sensitive fields as `***`. */
export function toApiConnection(connection: ConnectionValue) {
  return {
    connection_id: connection.connId,
    conn_type: connection.connType,
    description: connection.description,
    host: connection.host,
    login: connection.login,
    schema: connection.schema,
    port: connection.port,
    queues: connection.queues,
    has_password: connection.password !== null && connection.password !== "",
    extra: redactedExtra(connection.extra),
    team: answeredTeam(connection.team),
  };
}

export function fromBody(body: ConnectionBody): ConnectionValue {
  return {
    connId: body.connection_id,
    connType: body.conn_type,
    description: body.description ?? null,
    host: body.host ?? null,
    port: body.port ?? null,
    login: body.login ?? null,
    password: body.password ?? null,
    schema: body.schema ?? null,
    extra: body.extra ?? null,
    queues: body.queues ?? null,
  };
}

/** The connection, if the caller may have it: another team's is as missing as none. */
export async function requireConnection(
  api: ApiContext,
  request: FastifyRequest,
  connId: string,
): Promise<ConnectionValue> {
  const missing = () => new BordaError(ErrorCode.notFound, `Connection '${connId}' not found.`);
  const connection = await api.credentials.getConnection(connId);
  if (!connection) throw missing();
  await requireTeamAccess(api, request, connection.team ?? defaultTeam, missing);
  return connection;
}

/**
 * Creates a connection in `team` (see `teamOfNew`); ids are one namespace for every
 * team. Both API versions create connections this way.
 */
export async function createConnection(
  api: ApiContext,
  request: FastifyRequest,
  body: ConnectionBody,
  team: string | null | undefined,
): Promise<ConnectionValue> {
  const owner = await teamOfNew(api, request, team);
  await api.credentials.createConnection({ ...fromBody(body), team: owner });
  return requireConnection(api, request, body.connection_id);
}

/**
 * Changes the fields of `body` that `mask` names (every field sent, without a mask); a
 * connection cannot be renamed, and an extra keeps what its `***` stand for. `team`
 * moves it to another team, for a caller who is Op in both (`teamOfNew`). Both API
 * versions change connections this way.
 */
export async function changeConnection(
  api: ApiContext,
  request: FastifyRequest,
  connId: string,
  body: Partial<ConnectionBody>,
  mask: readonly string[] | null,
  team: string | null | undefined,
): Promise<ConnectionValue> {
  const stored = await requireConnection(api, request, connId);
  const storedTeam = stored.team ?? defaultTeam;
  const moveTo =
    (mask ? mask.includes("team") || mask.includes("team_name") : true) && team ? team : storedTeam;
  if (moveTo !== storedTeam) await teamOfNew(api, request, moveTo);
  const wants = (field: keyof ConnectionBody) =>
    (mask ? mask.includes(field) : field in body) && body[field] !== undefined;
  if (wants("connection_id") && body.connection_id !== stored.connId) {
    throw new BordaError(
      ErrorCode.invalidInput,
      "connection_id: a connection cannot be renamed; create a new one and delete this one.",
    );
  }
  const pick = <K extends keyof ConnectionBody, V>(field: K, current: V) =>
    wants(field) ? (body[field] as V) : current;
  await api.credentials.replaceConnection({
    connId: stored.connId,
    connType: pick("conn_type", stored.connType),
    description: pick("description", stored.description),
    host: pick("host", stored.host),
    port: pick("port", stored.port),
    login: pick("login", stored.login),
    password: pick("password", stored.password),
    schema: pick("schema", stored.schema),
    extra: wants("extra") ? keepRedacted(body.extra ?? null, stored.extra) : stored.extra,
    queues: pick("queues", stored.queues),
    team: moveTo,
  });
  return requireConnection(api, request, stored.connId);
}

/**
 * `/connections`: Airflow's endpoints (Op and Admin). A password is accepted and never
 * answered; an extra sent back with `***` where the answer showed it keeps the stored
 * value there, so editing a shown extra does not wipe its secrets.
 */
export function connectionRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/connections",
      {
        schema: {
          operationId: "get_connections",

          tags,
          querystring: collectionQuerySchema,
          response: { 200: connectionCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const { items, total } = page(
          await api.credentials.listConnections(visibleTeams(request)),
          request.query,
          {
            connection_id: (c) => c.connId,
            conn_type: (c) => c.connType,
            host: (c) => c.host,
            description: (c) => c.description,
          },
          "connection_id",
        );
        return {
          connections: items.map((c) => {
            const { extra: _, ...listed } = toApiConnection(c);
            return listed;
          }),
          total_entries: total,
        };
      },
    );

    app.get(
      "/connections/:connection_id",
      {
        schema: {
          operationId: "get_connection",
          tags,
          params: connectionParams,
          response: { 200: connectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        return toApiConnection(await requireConnection(api, request, request.params.connection_id));
      },
    );

    app.post(
      "/connections",
      {
        schema: {
          operationId: "post_connection",
          tags,
          body: connectionBodySchema,
          response: { 200: connectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        return toApiConnection(
          await createConnection(api, request, request.body, request.body.team),
        );
      },
    );

    app.patch(
      "/connections/:connection_id",
      {
        schema: {
          operationId: "patch_connection",

          tags,
          params: connectionParams,
          querystring: updateMaskQuerySchema,
          body: connectionPatchSchema,
          response: { 200: connectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const mask = updateMask(request.query.update_mask, connectionFields);
        return toApiConnection(
          await changeConnection(
            api,
            request,
            request.params.connection_id,
            request.body,
            mask,
            request.body.team,
          ),
        );
      },
    );

    app.delete(
      "/connections/:connection_id",
      {
        schema: {
          operationId: "delete_connection",
          tags,
          params: connectionParams,
          response: { 204: noContentSchema },
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
          operationId: "test_connection",
          tags,
          body: connectionBodySchema,
          response: { 200: connectionTestSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        return testConnection(api, request.body);
      },
    );
  };
}

/** Whether the control plane reaches a connection's host and port, when it may try (403 otherwise). */
export function testConnection(
  api: ApiContext,
  connection: { host?: string | null | undefined; port?: number | null | undefined },
) {
  if (!api.config.testConnection) {
    throw new BordaError(
      ErrorCode.forbidden,
      "Testing connections is disabled: set BORDA_TEST_CONNECTION=true on the control plane to enable it (it lets an Op open TCP connections from the control plane to any host and port).",
    );
  }
  return reachTcp(connection.host ?? null, connection.port ?? null);
}

/**
 * An extra sent back with `***` where a sensitive field was shown keeps the stored value
 * of that field: what the answer redacted, an edit must not overwrite with the mask.
 */
function keepRedacted(sent: string | null, stored: string | null): string | null {
  if (sent === null || stored === null) return sent;
  const old = JSON.parse(stored) as Record<string, unknown>;
  const merge = (value: unknown, previous: unknown): unknown => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
    const before = (typeof previous === "object" && previous !== null ? previous : {}) as Record<
      string,
      unknown
    >;
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [
        name,
        isSensitiveName(name) && item === "***" && name in before
          ? before[name]
          : merge(item, before[name]),
      ]),
    );
  };
  return JSON.stringify(merge(JSON.parse(sent), old));
}

/**
 * Borda's connection test: whether the control plane reaches the host and port over TCP.
 * Edge connections are often reachable only from their site, so a failure says so.
 */
function reachTcp(
  host: string | null,
  port: number | null,
): Promise<{ status: boolean; message: string }> {
  if (!host || port === null) {
    return Promise.resolve({
      status: false,
      message:
        "Borda tests a connection by opening a TCP connection to its host and port; give both.",
    });
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 5000 });
    const done = (status: boolean, message: string) => {
      socket.destroy();
      resolve({ status, message });
    };
    socket.once("connect", () => done(true, `The control plane reached ${host}:${port} over TCP.`));
    socket.once("timeout", () =>
      done(
        false,
        `No answer from ${host}:${port} within 5 s. A host reachable only from a worker's site cannot be tested from the control plane.`,
      ),
    );
    socket.once("error", (error) =>
      done(
        false,
        `The control plane could not reach ${host}:${port}: ${error.message}. A host reachable only from a worker's site cannot be tested from the control plane.`,
      ),
    );
  });
}
