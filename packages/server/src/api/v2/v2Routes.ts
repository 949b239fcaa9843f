import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ApiContext } from "../apiContext.js";
import { recordEvents } from "../recordEvents.js";
import { assetRoutesV2 } from "./assets.js";
import { backfillRoutesV2 } from "./backfills.js";
import { connectionRoutesV2 } from "./connections.js";
import { dagParsingRoutesV2 } from "./dagParsing.js";
import { dagRunRoutesV2 } from "./dagRuns.js";
import { dagSourceRoutesV2 } from "./dagSources.js";
import { dagRoutesV2 } from "./dags.js";
import { dagTagRoutesV2 } from "./dagTags.js";
import { dagVersionRoutesV2 } from "./dagVersions.js";
import { dagWarningRoutesV2 } from "./dagWarnings.js";
import { eventLogRoutesV2 } from "./eventLogs.js";
import { installFastApiErrors } from "./fastApiErrors.js";
import { importErrorRoutesV2 } from "./importErrors.js";
import { instanceInfoRoutesV2 } from "./instanceInfo.js";
import { monitoringRoutesV2 } from "./monitoring.js";
import { poolRoutesV2 } from "./pools.js";
import { taskInstanceChangeRoutesV2 } from "./taskInstanceChanges.js";
import { taskInstanceDependencyRoutesV2 } from "./taskInstanceDependencies.js";
import { taskInstanceRoutesV2 } from "./taskInstances.js";
import { taskRoutesV2 } from "./tasks.js";
import { variableRoutesV2 } from "./variables.js";
import { xcomRoutesV2 } from "./xcom.js";

/**
 * `/api/v2`: Airflow 3's stable REST API, as far as Borda implements it (docs/api.md lists
 * what is served). The same data and roles as /api/v1, in Airflow 3's shapes and errors;
 * each resource's v2 file maps v1's answer rather than reading the store its own way
 * (DAG versions, which v1 does not list, excepted).
 */
export function apiV2Routes(api: ApiContext): FastifyPluginAsyncZod {
  return async (app) => {
    installFastApiErrors(app);
    recordEvents(app, api);
    await app.register(monitoringRoutesV2(api));
    await app.register(dagRoutesV2(api));
    await app.register(taskRoutesV2(api));
    await app.register(dagRunRoutesV2(api));
    await app.register(taskInstanceRoutesV2(api));
    await app.register(taskInstanceChangeRoutesV2(api));
    await app.register(taskInstanceDependencyRoutesV2(api));
    await app.register(xcomRoutesV2(api));
    await app.register(poolRoutesV2(api));
    await app.register(variableRoutesV2(api));
    await app.register(connectionRoutesV2(api));
    await app.register(importErrorRoutesV2(api));
    await app.register(eventLogRoutesV2(api));
    await app.register(assetRoutesV2(api));
    await app.register(backfillRoutesV2(api));
    await app.register(dagSourceRoutesV2(api));
    await app.register(dagVersionRoutesV2(api));
    await app.register(dagTagRoutesV2(api));
    await app.register(dagParsingRoutesV2(api));
    await app.register(instanceInfoRoutesV2(api));
    await app.register(dagWarningRoutesV2(api));
  };
}
