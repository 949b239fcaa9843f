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
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { PoolUsage } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { updateMask } from "../updateMask.js";

const tags = ["Pool"];
const poolParams = z.object({ pool_name: z.string().min(1).max(256) });

function toApiPool(pool: PoolUsage) {
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
  };
}

export function poolRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const requirePool = async (name: string) => {
    const pool = await api.store.getPool(name);
    if (!pool) throw new BordaError(ErrorCode.notFound, `Pool '${name}' not found.`);
    return pool;
  };

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
          await api.store.listPools(),
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
        return toApiPool(await requirePool(request.params.pool_name));
      },
    );

    app.post(
      "/pools",
      { schema: { tags, body: poolBodySchema, response: { 200: poolSchema } } },
      async (request) => {
        await authorize(api, request, Role.op);
        const body = request.body;
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
        });
        return toApiPool(await requirePool(body.name));
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
        const pool = await requirePool(request.params.pool_name);
        const mask = updateMask(request.query.update_mask, [
          "slots",
          "description",
          "include_deferred",
          "name",
        ]);
        const body = request.body;
        const wants = (field: string) => (mask ? mask.includes(field) : field in body);
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
        });
        return toApiPool(await requirePool(pool.name));
      },
    );

    app.delete(
      "/pools/:pool_name",
      { schema: { tags, params: poolParams, response: { 204: noContentSchema } } },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        await requirePool(request.params.pool_name);
        await api.store.deletePool(request.params.pool_name);
        return reply.code(204).send(null);
      },
    );
  };
}
