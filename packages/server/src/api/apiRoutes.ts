import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiContext } from "./apiContext.js";
import { recordEvents } from "./recordEvents.js";
import { apiTokenRoutes } from "./routes/apiTokens.js";
import { backfillRoutes } from "./routes/backfills.js";
import { connectionRoutes } from "./routes/connections.js";
import { dagChangeRoutes } from "./routes/dagChanges.js";
import { dagRunRoutes } from "./routes/dagRuns.js";
import { dagRoutes } from "./routes/dags.js";
import { dagWarningRoutes } from "./routes/dagWarnings.js";
import { datasetRoutes } from "./routes/datasets.js";
import { deployRoutes } from "./routes/deploy.js";
import { edgeJobRoutes } from "./routes/edgeJobs.js";
import { edgeWorkerRoutes } from "./routes/edgeWorkers.js";
import { eventLogRoutes } from "./routes/eventLogs.js";
import { importErrorRoutes } from "./routes/importErrors.js";
import { instanceInfoRoutes } from "./routes/instanceInfo.js";
import { monitoringRoutes } from "./routes/monitoring.js";
import { notificationRoutes } from "./routes/notifications.js";
import { poolRoutes } from "./routes/pools.js";
import { roleRoutes } from "./routes/roles.js";
import { sessionRoutes } from "./routes/session.js";
import { statusRoutes } from "./routes/status.js";
import { taskInstanceChangeRoutes } from "./routes/taskInstanceChanges.js";
import { taskInstanceDependencyRoutes } from "./routes/taskInstanceDependencies.js";
import { taskInstanceRoutes } from "./routes/taskInstances.js";
import { taskInstanceTryRoutes } from "./routes/taskInstanceTries.js";
import { teamRoutes } from "./routes/teams.js";
import { userRoutes } from "./routes/users.js";
import { variableRoutes } from "./routes/variables.js";
import { workerTokenRoutes } from "./routes/workerTokens.js";
import { xcomRoutes } from "./routes/xcom.js";

/** `/api/v1`: Airflow's stable REST API v1, as far as Borda implements it. */
export function apiRoutes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    // First, so that it sees every route registered below.
    recordEvents(app, api);
    await app.register(monitoringRoutes(api));
    await app.register(poolRoutes(api));
    await app.register(connectionRoutes(api));
    await app.register(variableRoutes(api));
    await app.register(sessionRoutes(api));
    await app.register(apiTokenRoutes(api));
    await app.register(dagRoutes(api));
    await app.register(dagChangeRoutes(api));
    await app.register(dagWarningRoutes(api));
    await app.register(dagRunRoutes(api));
    await app.register(backfillRoutes(api));
    await app.register(deployRoutes(api));
    await app.register(taskInstanceRoutes(api));
    await app.register(taskInstanceTryRoutes(api));
    await app.register(taskInstanceChangeRoutes(api));
    await app.register(taskInstanceDependencyRoutes(api));
    await app.register(xcomRoutes(api));
    await app.register(datasetRoutes(api));
    await app.register(importErrorRoutes(api));
    await app.register(eventLogRoutes(api));
    await app.register(edgeWorkerRoutes(api));
    await app.register(edgeJobRoutes(api));
    await app.register(statusRoutes(api));
    await app.register(workerTokenRoutes(api));
    await app.register(userRoutes(api));
    await app.register(teamRoutes(api));
    await app.register(roleRoutes(api));
    await app.register(instanceInfoRoutes(api));
    await app.register(notificationRoutes(api));
  };
}
