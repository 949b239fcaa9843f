import { dagWarningCollectionSchema, dagWarningQuerySchema } from "@borda/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize, page } from "../apiContext.js";
import { visibleTeams } from "../teamAccess.js";

/**
 * Airflow's DAG warnings: what is wrong with a DAG that parsed. The one Borda can tell is
 * Airflow's "non-existent pool": a task of the DAG's current version names a pool that
 * does not exist, so the scheduler fails it when it would queue it (planQueueing). It is
 * worked out when asked, from the DAGs and pools as they are, and goes once the pool
 * exists; its timestamp is when the DAG was last parsed.
 */

const nonExistentPool = "non-existent pool" as const;

/** The DAG warnings as they are now, of one DAG or of every active one the caller sees. */
export async function dagWarnings(
  api: ApiContext,
  request: FastifyRequest,
  dagId: string | undefined,
) {
  const [dags, pools] = await Promise.all([
    api.store.listDags({
      onlyActive: true,
      teams: visibleTeams(request),
      ...(dagId === undefined ? {} : { dagIds: [dagId] }),
    }),
    api.store.listPools(),
  ]);
  const existing = new Set(pools.map((p) => p.name));
  return dags.flatMap((dag) => {
    const tasks = dag.currentVersion?.spec.tasks ?? [];
    const missing = [...new Set(tasks.map((t) => t.pool))].filter((p) => !existing.has(p));
    if (missing.length === 0) return [];
    return [
      {
        dag_id: dag.dagId,
        warning_type: nonExistentPool,
        message: `Dag '${dag.dagId}' references non-existent pools: ${missing.sort().join(", ")}. Its tasks in them fail when they would be queued; create the pools (POST /api/v1/pools).`,
        timestamp: dag.lastParsedAt.toISOString(),
      },
    ];
  });
}

/** v1's order fields of the warnings; v2 orders by the same ones. */
export const dagWarningOrder = {
  dag_id: (w: DagWarning) => w.dag_id,
  warning_type: (w: DagWarning) => w.warning_type,
  message: (w: DagWarning) => w.message,
  timestamp: (w: DagWarning) => w.timestamp,
};

type DagWarning = Awaited<ReturnType<typeof dagWarnings>>[number];

export function dagWarningRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dagWarnings",
      {
        schema: {
          tags: ["DagWarning"],
          operationId: "get_dag_warnings",
          querystring: dagWarningQuerySchema,
          response: { 200: dagWarningCollectionSchema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const q = request.query;
        const warnings = await dagWarnings(api, request, q.dag_id);
        const { items, total } = page(
          warnings.filter((w) => q.warning_type === undefined || w.warning_type === q.warning_type),
          q,
          dagWarningOrder,
          "timestamp",
        );
        return { import_errors: items, total_entries: total };
      },
    );
  };
}
