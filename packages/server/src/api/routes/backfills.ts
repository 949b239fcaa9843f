import {
  backfillCollectionSchema,
  backfillListQuerySchema,
  backfillParams,
  backfillPostBodySchema,
  backfillSchema,
  dryRunBackfillCollectionSchema,
} from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { z } from "zod";
import { Role } from "../../auth/roles.js";
import {
  type BackfillRequest,
  backfillNotFound,
  dagNotBackfillable,
} from "../../scheduler/backfills.js";
import { type BackfillProgress, type BackfillRecord, defaultTeam } from "../../store/index.js";
import { type ApiContext, authorize, iso, sortOrder } from "../apiContext.js";
import { noteEvent } from "../recordEvents.js";
import { requireTeamAccess, visibleTeams } from "../teamAccess.js";
import { requireDagTeam } from "./dagTeamAccess.js";

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

export const toBackfillRequest = (
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

/** A backfill as v1 answers it, with how far it got. */
export async function backfillAnswer(api: ApiContext, backfill: BackfillRecord) {
  return toApiBackfill(
    backfill,
    (await api.store.getBackfillProgress([backfill.id])).get(backfill.id),
  );
}

/** The backfill, if the caller may have its DAG's (another team's is as missing). */
export async function requireBackfill(
  api: ApiContext,
  request: FastifyRequest,
  id: number,
): Promise<BackfillRecord> {
  const backfill = await api.store.getBackfill(id);
  if (!backfill) throw backfillNotFound(id);
  const team = (await api.store.teamOfDag(backfill.dagId)) ?? defaultTeam;
  await requireTeamAccess(api, request, team, () => backfillNotFound(id));
  return backfill;
}

/**
 * Lets a backfill (or its dry run) of `dagId` be planned only by a User of the DAG's
 * team; another team's DAG answers the scheduler's own 404 for a DAG it cannot backfill.
 */
export const requireBackfillDag = (api: ApiContext, request: FastifyRequest, dagId: string) =>
  requireDagTeam(api, request, dagId, () => dagNotBackfillable(dagId));

/** Pauses, unpauses or cancels the backfill, if the caller may change its DAG's. */
export async function changeBackfill(
  api: ApiContext,
  request: FastifyRequest,
  action: keyof typeof backfillActions,
  id: number,
): Promise<BackfillRecord> {
  await requireBackfill(api, request, id);
  const backfill = await backfillActions[action](api, id);
  noteEvent(request, backfill.dagId, { backfill_id: id });
  return backfill;
}

/** One page of backfills (of one DAG, or all the caller sees), ordered by id. */
export async function listBackfillAnswers(
  api: ApiContext,
  request: FastifyRequest,
  query: {
    dag_id?: string | undefined;
    limit: number;
    offset: number;
    order_by?: string | undefined;
  },
) {
  const { descending } = sortOrder(query.order_by, ["id"] as const, "id");
  const { backfills, total } = await api.store.listBackfills(
    { dagId: query.dag_id, teams: visibleTeams(request) },
    { limit: query.limit, offset: query.offset, descending },
  );
  const progress = await api.store.getBackfillProgress(backfills.map((b) => b.id));
  return {
    backfills: backfills.map((b) => toApiBackfill(b, progress.get(b.id))),
    total_entries: total,
  };
}

/** What a person may do to a running backfill (`PUT /backfills/{id}/<action>`). */
export const backfillActions: Record<
  "pause" | "unpause" | "cancel",
  (api: ApiContext, id: number) => Promise<BackfillRecord>
> = {
  pause: (api, id) => api.scheduler.backfills.pause(id, true),
  unpause: (api, id) => api.scheduler.backfills.pause(id, false),
  cancel: (api, id) => api.scheduler.backfills.cancel(id),
};

/**
 * `/backfills`: Airflow 3's backfill API (a Borda extension of v1). Starting, pausing and
 * cancelling one needs the role that may trigger runs (User); reading, Viewer.
 */
export function backfillRoutes(api: ApiContext): FastifyPluginAsyncZod {
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
        return listBackfillAnswers(api, request, request.query);
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
          body: backfillPostBodySchema,
          response: { 200: backfillSchema },
        },
      },
      async (request) => {
        const user = await authorize(api, request, Role.user);
        await requireBackfillDag(api, request, request.body.dag_id);
        return backfillAnswer(
          api,
          await api.scheduler.backfills.create(toBackfillRequest(request.body, user.username)),
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
        await requireBackfillDag(api, request, request.body.dag_id);
        const dates = await api.scheduler.backfills.dryRun(
          toBackfillRequest(request.body, user.username),
        );
        return {
          backfills: dates.map((date) => ({ logical_date: date.toISOString() })),
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
