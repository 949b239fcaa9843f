import { dagRunStates } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize } from "../apiContext.js";
import { dagStatsAnswer } from "../routes/dagRuns.js";
import { listQuery } from "./common.js";

const dagStatsV2Schema = z.object({
  dags: z.array(
    z.object({
      dag_id: z.string(),
      dag_display_name: z.string(),
      stats: z.array(z.object({ state: z.enum(dagRunStates), count: z.number().int() })),
    }),
  ),
  total_entries: z.number().int(),
});

/** How many runs each DAG has in each state: v1's answer, `dag_ids` repeated as Airflow 3 sends it. */
export function dagStatsRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/dagStats",
      {
        schema: {
          tags: ["DagStats"],
          operationId: "get_dag_stats",
          querystring: z.object({ dag_ids: listQuery(z.string().min(1).max(250)) }),
          response: { 200: dagStatsV2Schema },
        },
      },
      async (request) => {
        await authorize(api, request, Role.viewer);
        const v1 = await dagStatsAnswer(api, request.query.dag_ids ?? []);
        return {
          dags: v1.dags.map((dag) => ({ ...dag, dag_display_name: dag.dag_id })),
          total_entries: v1.total_entries,
        };
      },
    );
  };
}
