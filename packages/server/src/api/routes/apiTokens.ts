import {
  apiTokenCollectionSchema,
  apiTokenListQuerySchema,
  BordaError,
  createdApiTokenSchema,
  ErrorCode,
  newApiTokenSchema,
  noContentSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { createApiToken } from "../../auth/apiTokens.js";
import { Role } from "../../auth/roles.js";
import type { ApiTokenRecord } from "../../store/index.js";
import { type ApiContext, authorize, iso, page } from "../apiContext.js";

const tags = ["ApiToken"];

function toApiToken(token: ApiTokenRecord) {
  return {
    id: token.id,
    name: token.name,
    username: token.username,
    created_at: token.createdAt.toISOString(),
    expires_at: iso(token.expiresAt),
    last_used_at: iso(token.lastUsedAt),
    revoked_at: iso(token.revokedAt),
  };
}

/**
 * `/auth/tokens` (Borda's own): the API tokens `borda api-tokens` manages. Any user makes
 * and revokes their own; an Admin also lists and revokes anyone's. Making one needs the
 * password or a browser session, not another token, so a leaked token cannot outlive its
 * expiry or revocation by minting a successor.
 */
export function apiTokenRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const { secretKey, clock } = api.edge.options;
  return async (app) => {
    app.post(
      "/auth/tokens",
      { schema: { tags, body: newApiTokenSchema, response: { 200: createdApiTokenSchema } } },
      async (request) => {
        const user = await authorize(api, request, Role.viewer, { allowApiToken: false });
        const { token, record } = await createApiToken(
          api.store,
          secretKey,
          {
            username: user.username,
            name: request.body.name,
            expiresInDays: request.body.expires_in_days,
          },
          clock.now(),
        );
        return { ...toApiToken(record), token };
      },
    );

    app.get(
      "/auth/tokens",
      {
        schema: {
          tags,
          querystring: apiTokenListQuerySchema,
          response: { 200: apiTokenCollectionSchema },
        },
      },
      async (request) => {
        const user = await authorize(api, request, Role.viewer);
        const username = request.query.username ?? user.username;
        if (username !== user.username) {
          if (user.role !== Role.admin) {
            throw new BordaError(
              ErrorCode.forbidden,
              "Only an Admin may list another user's API tokens; leave out username to list your own.",
            );
          }
          if (!(await api.store.getUser(username))) {
            throw new BordaError(ErrorCode.notFound, `User '${username}' not found.`);
          }
        }
        const { items, total } = page(
          await api.store.listApiTokens(username),
          request.query,
          {
            created_at: (t) => t.createdAt.getTime(),
            name: (t) => t.name,
            expires_at: (t) => t.expiresAt?.getTime() ?? null,
            last_used_at: (t) => t.lastUsedAt?.getTime() ?? null,
          },
          "created_at",
        );
        return { tokens: items.map(toApiToken), total_entries: total };
      },
    );

    app.delete(
      "/auth/tokens/:id",
      {
        schema: {
          tags,
          params: z.object({ id: z.string().min(1).max(200) }),
          response: { 204: noContentSchema },
        },
      },
      async (request, reply) => {
        const user = await authorize(api, request, Role.viewer);
        const { id } = request.params;
        const anyones = user.role === Role.admin;
        if (!(await api.store.revokeApiToken(id, anyones ? null : user.username, clock.now()))) {
          throw new BordaError(
            ErrorCode.notFound,
            `No active API token with id '${id}'${anyones ? "" : " of yours"}; GET /auth/tokens lists them.`,
          );
        }
        return reply.code(204).send(null);
      },
    );
  };
}
