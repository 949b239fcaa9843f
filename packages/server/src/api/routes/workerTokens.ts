import {
  BordaError,
  collectionQuerySchema,
  createdWorkerTokenSchema,
  ErrorCode,
  newWorkerTokenSchema,
  noContentSchema,
  workerTokenCollectionSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { createWorkerToken } from "../../auth/workerTokens.js";
import type { WorkerTokenRecord } from "../../store/index.js";
import { type ApiContext, authorize, iso, page } from "../apiContext.js";

const tags = ["WorkerToken"];

function toApiToken(token: WorkerTokenRecord) {
  return {
    id: token.id,
    name: token.name,
    team: token.team,
    queues: token.queues,
    worker_timeout: token.workerTimeoutMs === null ? null : token.workerTimeoutMs / 1000,
    created_at: token.createdAt.toISOString(),
    last_used_at: iso(token.lastUsedAt),
    revoked_at: iso(token.revokedAt),
  };
}

/**
 * `/edge/tokens` (Borda's own, Admin only): the worker tokens `borda tokens` manages from
 * the command line, over HTTP. A token's secret is shown once, in the answer that creates it.
 */
export function workerTokenRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      "/edge/tokens",
      { schema: { tags, body: newWorkerTokenSchema, response: { 200: createdWorkerTokenSchema } } },
      async (request) => {
        await authorize(api, request, Role.admin);
        const { worker_timeout: workerTimeout, ...fields } = request.body;
        const { heartbeatIntervalMs } = api.edge.options;
        if (workerTimeout !== undefined && workerTimeout * 1000 < 2 * heartbeatIntervalMs) {
          throw new BordaError(
            ErrorCode.invalidInput,
            `A worker timeout of ${workerTimeout} s is shorter than two heartbeat intervals (${(2 * heartbeatIntervalMs) / 1000} s): its workers would lose their tasks to one late heartbeat. Give at least ${Math.ceil((2 * heartbeatIntervalMs) / 1000)} s.`,
          );
        }
        const { token, record } = await createWorkerToken(
          api.store,
          api.edge.options.secretKey,
          { ...fields, workerTimeoutMs: workerTimeout === undefined ? null : workerTimeout * 1000 },
          api.edge.options.clock.now(),
        );
        return { ...toApiToken(record), token };
      },
    );

    app.get(
      "/edge/tokens",
      {
        schema: {
          tags,
          querystring: collectionQuerySchema,
          response: { 200: workerTokenCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.admin);
        const { items, total } = page(
          await api.store.listWorkerTokens(),
          request.query,
          {
            created_at: (t) => t.createdAt.getTime(),
            name: (t) => t.name,
            last_used_at: (t) => t.lastUsedAt?.getTime() ?? null,
          },
          "created_at",
        );
        return { tokens: items.map(toApiToken), total_entries: total };
      },
    );

    app.delete(
      "/edge/tokens/:id_or_name",
      {
        schema: {
          tags,
          params: z.object({ id_or_name: z.string().min(1).max(200) }),
          response: { 204: noContentSchema },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.admin);
        const idOrName = request.params.id_or_name;
        const revoked = await api.store.revokeWorkerToken(idOrName, api.edge.options.clock.now());
        if (revoked.length === 0) {
          throw new BordaError(
            ErrorCode.notFound,
            `No active worker token with id or name '${idOrName}'; GET /edge/tokens lists them.`,
          );
        }
        // Refused on this replica from now on (its long-polls end with 401); on others
        // within tokenTrustMs (auth/workerTokens.ts).
        api.edge.tokensRevoked(revoked);
        return reply.code(204).send(null);
      },
    );
  };
}
