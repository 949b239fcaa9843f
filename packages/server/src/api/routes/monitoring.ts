import { healthInfoSchema, versionInfoSchema } from "@borda/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Role } from "../../auth/roles.js";
import { type ApiContext, authorize } from "../apiContext.js";

const tags = ["Monitoring"];

export function monitoringRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    // Public, like Airflow's: load balancers and monitors probe it without credentials.
    app.get("/health", { schema: { tags, response: { 200: healthInfoSchema } } }, async () => {
      const healthy = await api.store.listPools().then(
        () => true,
        () => false,
      );
      return {
        metadatabase: { status: healthy ? ("healthy" as const) : ("unhealthy" as const) },
        scheduler: {
          status: "healthy" as const,
          latest_scheduler_heartbeat: new Date().toISOString(),
        },
      };
    });

    app.get(
      "/version",
      { schema: { tags, response: { 200: versionInfoSchema } } },
      async (request) => {
        await authorize(api, request, Role.viewer);
        return { version: api.serverVersion, git_version: null };
      },
    );
  };
}
