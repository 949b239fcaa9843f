import { maxStoredInt } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import type { PoolUsage } from "../../store/index.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { changePool, createPool, poolFields, requirePool, toApiPool } from "../routes/pools.js";
import { visibleTeams } from "../teamAccess.js";
import { updateMask } from "../updateMask.js";
import { listQuery, pageQuery } from "./common.js";

const tags = ["Pool"];
const poolParams = z.object({ pool_name: z.string().min(1).max(256) });

const poolV2Schema = z.object({
  name: z.string(),
  slots: z.number().int(),
  description: z.string().nullable(),
  include_deferred: z.boolean(),
  occupied_slots: z.number().int(),
  running_slots: z.number().int(),
  queued_slots: z.number().int(),
  scheduled_slots: z.number().int(),
  open_slots: z.number().int(),
  deferred_slots: z.number().int(),
  team_name: z.string().nullable(),
});

const poolBody = z.object({
  name: z.string().min(1).max(256),
  slots: z.number().int().min(0).max(maxStoredInt),
  description: z.string().max(10_000).nullish(),
  include_deferred: z.boolean().default(false),
  team_name: z.string().min(1).max(63).nullish(),
});

/** A pool as Airflow 3's PoolResponse: v1's, with its team as `team_name` (null: `default`). */
const toApiPoolV2 = (pool: PoolUsage) => {
  const { team, ...v1 } = toApiPool(pool);
  return { ...v1, team_name: team ?? null };
};

const poolOrder: Record<string, (pool: PoolUsage) => string | number> = {
  name: (p) => p.name,
  pool: (p) => p.name,
  slots: (p) => p.slots,
};

export function poolRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/pools",
      {
        schema: {
          tags,
          operationId: "get_pools",
          querystring: pageQuery(Object.keys(poolOrder)).extend({
            pool_name_pattern: z.string().optional(),
          }),
          response: {
            200: z.object({ pools: z.array(poolV2Schema), total_entries: z.number().int() }),
          },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const pattern = request.query.pool_name_pattern?.toLowerCase();
        const pools = (await api.store.listPools(visibleTeams(request))).filter(
          (p) => pattern === undefined || p.name.toLowerCase().includes(pattern),
        );
        const { items, total } = page(pools, request.query, poolOrder, "name");
        return { pools: items.map(toApiPoolV2), total_entries: total };
      },
    );

    app.get(
      "/pools/:pool_name",
      {
        schema: {
          tags,
          operationId: "get_pool",
          params: poolParams,
          response: { 200: poolV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return toApiPoolV2(await requirePool(api, request, request.params.pool_name));
      },
    );

    app.post(
      "/pools",
      {
        schema: { tags, operationId: "post_pool", body: poolBody, response: { 201: poolV2Schema } },
      },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        return reply
          .code(201)
          .send(toApiPoolV2(await createPool(api, request, request.body, request.body.team_name)));
      },
    );

    app.patch(
      "/pools/:pool_name",
      {
        schema: {
          tags,
          operationId: "patch_pool",
          params: poolParams,
          querystring: z.object({ update_mask: listQuery(z.string()) }),
          body: poolBody.partial(),
          response: { 200: poolV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.op);
        const mask = updateMask(request.query.update_mask, poolFields);
        const { pool_name: name } = request.params;
        const { team_name: team, ...body } = request.body;
        return toApiPoolV2(await changePool(api, request, name, body, mask, team));
      },
    );

    app.delete(
      "/pools/:pool_name",
      {
        schema: {
          tags,
          operationId: "delete_pool",
          params: poolParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await authorize(api, request, Role.op);
        await requirePool(api, request, request.params.pool_name);
        await api.store.deletePool(request.params.pool_name);
        return reply.code(204).send(null);
      },
    );
  };
}
