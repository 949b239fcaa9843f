import {
  backfillCollectionSchema,
  backfillParams,
  backfillPostBodySchema,
  backfillSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize } from "../apiContext.js";
import {
  backfillActions,
  backfillAnswer,
  changeBackfill,
  listBackfillAnswers,
  requireBackfill,
  requireBackfillDag,
  toBackfillRequest,
} from "../routes/backfills.js";
import { nullableInstant, pageQuery, v1Paging } from "./common.js";

const tags = ["Backfill"];

/**
 * Airflow 3's BackfillPostBody: v1's, which already has its fields, with a null conf read
 * as none. `run_on_latest_version` is accepted and has no effect: a Borda backfill always
 * runs the DAG's current version, which is what it asks for when true.
 */
const backfillPostBodyV2 = backfillPostBodySchema
  .extend({
    dag_run_conf: z
      .record(z.string(), z.unknown())
      .nullable()
      .default({})
      .transform((conf) => conf ?? {}),
    run_on_latest_version: z.boolean().nullable().optional(),
  })
  .strict();

const dryRunCollectionV2 = z.object({
  backfills: z.array(
    z.object({
      logical_date: nullableInstant,
      partition_key: z.string().nullable(),
      partition_date: nullableInstant,
    }),
  ),
  total_entries: z.number().int(),
});

/**
 * `/backfills` of Airflow 3: v1's answers as they are (v1 already speaks Airflow 3's
 * shapes, plus Borda's `progress`), with Airflow 3's errors. The same roles as v1: reading
 * is a Viewer's; starting, pausing and cancelling one, a User's (who may trigger runs).
 */
export function backfillRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/backfills",
      {
        schema: {
          tags,
          operationId: "list_backfills",
          // Airflow 3 lists one DAG's backfills: its dag_id is required.
          querystring: pageQuery(["id"]).extend({ dag_id: z.string().min(1).max(250) }),
          response: { 200: backfillCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return listBackfillAnswers(api, request, {
          dag_id: request.query.dag_id,
          ...v1Paging(request.query),
        });
      },
    );

    app.get(
      "/backfills/:backfill_id",
      {
        schema: {
          tags,
          operationId: "get_backfill",
          params: backfillParams,
          response: { 200: backfillSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return backfillAnswer(api, await requireBackfill(api, request, request.params.backfill_id));
      },
    );

    app.post(
      "/backfills",
      {
        schema: {
          tags,
          operationId: "create_backfill",
          body: backfillPostBodyV2,
          response: { 200: backfillSchema },
        },
      },
      async (request) => {
        const user = await authorize(api, request, Role.user);
        await requireBackfillDag(api, request, request.body.dag_id);
        const backfill = await api.scheduler.backfills.create(
          toBackfillRequest(request.body, user.username),
        );
        return backfillAnswer(api, backfill);
      },
    );

    app.post(
      "/backfills/dry_run",
      {
        schema: {
          tags,
          operationId: "create_backfill_dry_run",
          body: backfillPostBodyV2,
          response: { 200: dryRunCollectionV2 },
        },
      },
      async (request) => {
        const user = await authorize(api, request, Role.user);
        await requireBackfillDag(api, request, request.body.dag_id);
        const dates = await api.scheduler.backfills.dryRun(
          toBackfillRequest(request.body, user.username),
        );
        return {
          // Borda's DAGs have no partitions.
          backfills: dates.map((date) => ({
            logical_date: date.toISOString(),
            partition_key: null,
            partition_date: null,
          })),
          total_entries: dates.length,
        };
      },
    );

    for (const action of Object.keys(backfillActions) as (keyof typeof backfillActions)[]) {
      app.put(
        `/backfills/:backfill_id/${action}`,
        {
          schema: {
            tags,
            operationId: `${action}_backfill`,
            params: backfillParams,
            response: { 200: backfillSchema },
          },
        },
        async (request) => {
          await authorize(api, request, Role.user);
          return backfillAnswer(
            api,
            await changeBackfill(api, request, action, request.params.backfill_id),
          );
        },
      );
    }
  };
}
