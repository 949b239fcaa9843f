import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { ApiContext } from "../apiContext.js";

const tags = ["Monitor", "Version"];
const status = z.object({ status: z.string().nullable() });

/**
 * `/monitor/health` and `/version`, public as in Airflow 3, whose spec gives them no
 * security (its clients send no credentials there): neither holds data.
 */
export function monitoringRoutesV2(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/monitor/health",
      {
        schema: {
          tags,
          operationId: "get_health",
          response: {
            200: z.object({
              metadatabase: status,
              scheduler: status.extend({ latest_scheduler_heartbeat: z.string().nullable() }),
              triggerer: status.extend({ latest_triggerer_heartbeat: z.string().nullable() }),
              dag_processor: status
                .extend({ latest_dag_processor_heartbeat: z.string().nullable() })
                .nullable(),
            }),
          },
        },
      },
      async () => {
        const healthy = await api.store.listPools().then(
          () => true,
          () => false,
        );
        const now = new Date().toISOString();
        return {
          metadatabase: { status: healthy ? "healthy" : "unhealthy" },
          // The scheduler and the DAG processor run inside this process: it answering is their heartbeat.
          scheduler: { status: "healthy", latest_scheduler_heartbeat: now },
          // Borda has no triggerer: Airflow's status for one that never ran.
          triggerer: { status: null, latest_triggerer_heartbeat: null },
          dag_processor: { status: "healthy", latest_dag_processor_heartbeat: now },
        };
      },
    );

    app.get(
      "/version",
      {
        schema: {
          tags,
          operationId: "get_version",
          response: { 200: z.object({ version: z.string(), git_version: z.string().nullable() }) },
        },
      },
      async () => ({ version: api.serverVersion, git_version: null }),
    );
  };
}
