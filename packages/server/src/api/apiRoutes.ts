import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiContext } from "./apiContext.js";
import { dagRunRoutes } from "./routes/dagRuns.js";
import { dagRoutes } from "./routes/dags.js";
import { deployRoutes } from "./routes/deploy.js";
import { importErrorRoutes } from "./routes/importErrors.js";
import { monitoringRoutes } from "./routes/monitoring.js";
import { poolRoutes } from "./routes/pools.js";
import { taskInstanceRoutes } from "./routes/taskInstances.js";

/** `/api/v1`: Airflow's stable REST API v1, as far as Borda implements it. */
export function apiRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(monitoringRoutes(api));
    await app.register(poolRoutes(api));
    await app.register(dagRoutes(api));
    await app.register(dagRunRoutes(api));
    await app.register(deployRoutes(api));
    await app.register(taskInstanceRoutes(api));
    await app.register(importErrorRoutes(api));
  };
}
