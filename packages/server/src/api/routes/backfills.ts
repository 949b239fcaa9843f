import {
  backfillCollectionSchema,
  backfillListQuerySchema,
  backfillParams,
  backfillPostBodySchema,
  backfillSchema,
  dryRunBackfillCollectionSchema,
} from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type BackfillRequest, backfillNotFound } from "../../scheduler/backfills.js";
import type { BackfillProgress, BackfillRecord } from "../../store/index.js";
import { type ApiContext, authorize, iso, sortOrder } from "../apiContext.js";
import { noteEvent } from "../recordEvents.js";

const tags = ["Backfill"];

function toApiBackfill(backfill: BackfillRecord, progress: BackfillProgress | undefined) {
  return {
    id: backfill.id,
    dag_id: backfill.dagId,
    from_date: backfill.fromDate.toISOString(),
    to_date: backfill.toDate.toISOString(),
    dag_run_conf: backfill.dagRunConf,
    is_paused: backfill.isPaused,
    reprocess_behavior: backfill.reprocessBehavior,
    max_active_runs: backfill.maxActiveRuns,
    created_at: backfill.createdAt.toISOString(),
    completed_at: iso(backfill.completedAt),
    updated_at: backfill.updatedAt.toISOString(),
    dag_display_name: backfill.dagId,
    progress: progress ?? { total: 0, created: 0, skipped: 0, running: 0, succeeded: 0, failed: 0 },
  };
}

const toRequest = (
  body: z.output<typeof backfillPostBodySchema>,
  username: string,
): BackfillRequest => ({
  dagId: body.dag_id,
  fromDate: body.from_date,
  toDate: body.to_date,
  runBackwards: body.run_backwards,
  dagRunConf: body.dag_run_conf,
  reprocessBehavior: body.reprocess_behavior,
  maxActiveRuns: body.max_active_runs,
  triggeringUserName: username,
});

/**
 * `/backfills`: Airflow 3's backfill API (a Borda extension of v1). Starting, pausing and
 * cancelling one needs the role that may trigger runs (User); reading, Viewer.
 */
export function backfillRoutes(api: ApiContext): FastifyPluginAsyncZod {
  const withProgress = async (backfill: BackfillRecord) =>
    toApiBackfill(backfill, (await api.store.getBackfillProgress([backfill.id])).get(backfill.id));

  return async (app) => {
    app.get(
      "/backfills",
      {
        schema: {
          tags,
          operationId: "list_backfills",
          querystring: backfillListQuerySchema,
          response: { 200: backfillCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const { dag_id: dagId, limit, offset, order_by } = request.query;
        const { descending } = sortOrder(order_by, ["id"] as const, "id");
        const { backfills, total } = await api.store.listBackfills(
          { dagId },
          { limit, offset, descending },
        );
        const progress = await api.store.getBackfillProgress(backfills.map((b) => b.id));
        return {
          backfills: backfills.map((b) => toApiBackfill(b, progress.get(b.id))),
          total_entries: total,
        };
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
        const backfill = await api.store.getBackfill(request.params.backfill_id);
        if (!backfill) throw backfillNotFound(request.params.backfill_id);
        return withProgress(backfill);
      },
    );

    app.post(
      "/backfills",
      {
        schema: {
          tags,
          operationId: "create_backfill",
          body: backfillPostBodySchema,
          response: { 200: backfillSchema },
        },
      },
      async (request) => {
        const user = await authorize(api, request, Role.user);
        return withProgress(
          await api.scheduler.backfills.create(toRequest(request.body, user.username)),
        );
      },
    );

    app.post(
      "/backfills/dry_run",
      {
        schema: {
          tags,
          operationId: "create_backfill_dry_run",
          body: backfillPostBodySchema,
          response: { 200: dryRunBackfillCollectionSchema },
        },
      },
      async (request) => {
        const user = await authorize(api, request, Role.user);
        const dates = await api.scheduler.backfills.dryRun(toRequest(request.body, user.username));
        return {
          backfills: dates.map((date) => ({ logical_date: date.toISOString() })),
          total_entries: dates.length,
        };
      },
    );

    const change = (
      action: "pause" | "unpause" | "cancel",
      run: (id: number) => Promise<BackfillRecord>,
    ) =>
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
          const id = request.params.backfill_id;
          const backfill = await run(id);
          noteEvent(request, backfill.dagId, { backfill_id: id });
          return withProgress(backfill);
        },
      );
    change("pause", (id) => api.scheduler.backfills.pause(id, true));
    change("unpause", (id) => api.scheduler.backfills.pause(id, false));
    change("cancel", (id) => api.scheduler.backfills.cancel(id));
  };
}
