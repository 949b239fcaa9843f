import type { FastifyInstance } from "fastify";
import { type ApiContext, authorize } from "../api/apiContext.js";
import { Role } from "../auth/roles.js";
import { type ControlPlaneMetrics, unmatchedRoute } from "./controlPlaneMetrics.js";

/**
 * The metrics on the main port: `GET /metrics` for any signed-in user or API token (Viewer
 * and up), for sites that scrape through the same ingress as the API; and the timing of
 * every request into `borda_http_request_duration_seconds`.
 */
export function installMetricsRoutes(
  app: FastifyInstance,
  metrics: ControlPlaneMetrics,
  api: ApiContext,
): void {
  app.addHook("onResponse", async (request, reply) => {
    // The route's template (/api/v1/dags/:dag_id), never the URL: one series per route.
    const route = request.routeOptions.url ?? unmatchedRoute;
    metrics.httpRequestFinished(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
  });
  app.get("/metrics", { schema: { hide: true } }, async (request, reply) => {
    await authorize(api, request, Role.viewer);
    const { contentType, body } = await metrics.expose();
    return reply.type(contentType).send(body);
  });
}
