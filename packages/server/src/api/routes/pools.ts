import {
  BordaError,
  collectionQuerySchema,
  ErrorCode,
  noContentSchema,
  poolBodySchema,
  poolCollectionSchema,
  poolPatchSchema,
  poolSchema,
  updateMaskQuerySchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { defaultPoolName, type PoolUsage } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { requireTeamAccess, visibleTeams } from "../teamAccess.js";
import { updateMask } from "../updateMask.js";
import { answeredTeam, teamOfNew } from "./ownerTeam.js";

const tags = ["Pool"];
type PoolBody = z.infer<typeof poolBodySchema>;
const poolParams = z.object({ pool_name: z.string().min(1).max(256) });

export function toApiPool(pool: PoolUsage) {
  const occupied = pool.runningSlots + pool.queuedSlots;
  return {
    name: pool.name,
    slots: pool.slots,
    occupied_slots: occupied,
    running_slots: pool.runningSlots,
    queued_slots: pool.queuedSlots,
    open_slots: pool.slots - occupied,
    scheduled_slots: pool.scheduledSlots,
    deferred_slots: 0,
    description: pool.description,
    include_deferred: pool.includeDeferred,
    team: answeredTeam(pool.team),
  };
}

/** The pool, if the caller may have it: another team's pool is as missing as none. */
export async function requirePool(
  api: ApiContext,
  request: FastifyRequest,
  name: string,
): Promise<PoolUsage> {
  const missing = () => new BordaError(ErrorCode.notFound, `Pool '${name}' not found.`);
  const pool = await api.store.getPool(name);
  if (!pool) throw missing();
  await requireTeamAccess(api, request, pool.team, missing);
  return pool;
}

/**
 * Creates a pool in `team` (see `teamOfNew`), 409 when one has the name: pool names are
 * one namespace for every team, as task instances name their pool alone. Both API
 * versions create pools this way.
 */
export async function createPool(
  api: ApiContext,
  request: FastifyRequest,
  body: PoolBody,
  team: string | null | undefined,
): Promise<PoolUsage> {
  const owner = await teamOfNew(api, request, team);
  if (await api.store.getPool(body.name)) {
    throw new BordaError(
      ErrorCode.conflict,
      `Pool '${body.name}' already exists; PATCH /pools/${body.name} changes it.`,
    );
  }
  await api.store.savePool({
    name: body.name,
    slots: body.slots,
    description: body.description ?? null,
    includeDeferred: body.include_deferred ?? false,
    team: owner,
  });
  return requirePool(api, request, body.name);
}

/**
 * Changes the fields of `body` that `mask` names (every field sent, without a mask); a
 * pool cannot be renamed. `team` moves it to another team, for a caller who is Op in
 * both (`teamOfNew`); `default_pool` stays `default`'s, as every team's tasks use it.
 */
export async function changePool(
  api: ApiContext,
  request: FastifyRequest,
  name: string,
  body: Partial<PoolBody>,
  mask: readonly string[] | null,
  team: string | null | undefined,
): Promise<PoolUsage> {
  const pool = await requirePool(api, request, name);
  const wants = (field: string) => (mask ? mask.includes(field) : field in body);
  const moveTo = (mask ? wants("team") || wants("team_name") : true) && team ? team : pool.team;
  if (moveTo !== pool.team) {
    if (pool.name === defaultPoolName) {
      throw new BordaError(ErrorCode.invalidInput, "team: default_pool stays team 'default''s.");
    }
    await teamOfNew(api, request, moveTo);
  }
  if (wants("name") && body.name !== undefined && body.name !== pool.name) {
    throw new BordaError(
      ErrorCode.invalidInput,
      "name: a pool cannot be renamed; create a new pool instead.",
    );
  }
  await api.store.savePool({
    name: pool.name,
    slots: wants("slots") && body.slots !== undefined ? body.slots : pool.slots,
    description: wants("description") ? (body.description ?? null) : pool.description,
    includeDeferred:
      wants("include_deferred") && body.include_deferred !== undefined
        ? body.include_deferred
        : pool.includeDeferred,
    team: moveTo,
  });
  return requirePool(api, request, pool.name);
}

/** The fields a pool update mask may name. */
export const poolFields = ["slots", "description", "include_deferred", "name", "team", "team_name"];

export function poolRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/pools",
      {
        schema: {
          tags,
          querystring: collectionQuerySchema,
          response: { 200: poolCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { items, total } = page(
          await api.store.listPools(visibleTeams(request)),
          request.query,
          { name: (p) => p.name, slots: (p) => p.slots },
          "name",
        );
        return { pools: items.map(toApiPool), total_entries: total };
      },
    );

    app.get(
      "/pools/:pool_name",
      { schema: { tags, params: poolParams, response: { 200: poolSchema } } },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiPool(await requirePool(api, request, request.params.pool_name));
      },
    );

    app.post(
      "/pools",
      { schema: { tags, body: poolBodySchema, response: { 200: poolSchema } } },
      async (request) => {
        await authorize(api, request, Role.op);
        return toApiPool(await createPool(api, request, request.body, request.body.team));
      },
    );

    app.patch(
      "/pools/:pool_name",
      {
        schema: {
          tags,
          params: poolParams,
          querystring: updateMaskQuerySchema,
          body: poolPatchSchema,
          response: { 200: poolSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const mask = updateMask(request.query.update_mask, poolFields);
        return toApiPool(
          await changePool(
            api,
            request,
            request.params.pool_name,
            request.body,
            mask,
            request.body.team,
          ),
        );
      },
    );

    app.delete(
      "/pools/:pool_name",
      { schema: { tags, params: poolParams, response: { 204: noContentSchema } } },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        await requirePool(api, request, request.params.pool_name);
        await api.store.deletePool(request.params.pool_name);
        return reply.code(204).send(null);
      },
    );
  };
}
