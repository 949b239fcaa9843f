import { BordaError, ErrorCode, problemSchema } from "@borda/protocol";
import fastifySwagger from "@fastify/swagger";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { ApiContext } from "../api/apiContext.js";
import { apiRoutes } from "../api/apiRoutes.js";
import { authTokenRoutes } from "../api/v2/authTokenRoutes.js";
import { apiV2Routes } from "../api/v2/v2Routes.js";
import { edgeRoutes } from "../edge/edgeRoutes.js";
import type { EdgeService } from "../edge/edgeService.js";
import type { ControlPlaneMetrics } from "../metrics/controlPlaneMetrics.js";
import { installMetricsRoutes } from "../metrics/metricsRoutes.js";
import { apiDocsPage } from "./apiDocsPage.js";
import { installJsonBodyParser } from "./jsonBody.js";
import {
  answerClientError,
  answerProblem,
  installProblemHandler,
  noRouteProblem,
  problem,
} from "./problem.js";
import { findWebUi, serveWebUi } from "./webUi.js";

/** Largest request body: a 1 MiB return value as JSON, with room for its envelope. */
const bodyLimitBytes = 2 * 1024 * 1024;

/**
 * The control plane's HTTP server: the worker API (/edge/v1), the REST API (/api/v1, and
 * Airflow 3's /api/v2 with its POST /auth/token).
 */
export async function buildHttpServer(options: {
  edge: EdgeService;
  api: ApiContext;
  metrics: ControlPlaneMetrics;
  logger: Logger;
}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: bodyLimitBytes,
    // No log line per request: workers make several a second each. Errors are logged by
    // the problem handler; the Authorization header never is.
    logController: new LogController({ disableRequestLogging: true }),
    clientErrorHandler: answerClientError,
    // Long-polls last ~25 s; keep-alive must outlast them behind proxies.
    keepAliveTimeout: 65_000,
    // Ids may be 250 characters (Airflow's limit); longer ones reach the schemas' clear 400.
    routerOptions: { maxParamLength: 1000 },
    // Errors the router raises before any route runs get the same problem body as the rest.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      // The reply's type here carries no route schema; it sends the same problem body.
      answerProblem(
        request as unknown as FastifyRequest,
        reply as unknown as FastifyReply,
        problem(status, ErrorCode.invalidInput, error.message),
      );
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installProblemHandler(app);
  installJsonBodyParser(app);
  // Every documented route can fail with a problem body; saying so on each route keeps the
  // OpenAPI document true to every answer, and serialises errors through the same schema.
  app.addHook("onRoute", (route) => {
    if (!route.schema || route.schema.hide) return;
    route.schema.response = {
      "4xx": problemSchema,
      "5xx": problemSchema,
      ...(route.schema.response as Record<string, unknown> | undefined),
    };
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Borda", version: options.edge.options.serverVersion },
      components: {
        securitySchemes: {
          basic: { type: "http", scheme: "basic" },
          workerToken: { type: "http", scheme: "bearer" },
          accessToken: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
        },
      },
    },
    transform: (route) => {
      const described = jsonSchemaTransform(route);
      // /api/v1 and /api/v2 use Airflow's operation ids, which repeat across the two; one
      // document needs each once, so v2's are prefixed there (routes keep theirs).
      const { operationId } = described.schema as { operationId?: string };
      if (!route.url.startsWith("/api/v2/") || !operationId) return described;
      return { ...described, schema: { ...described.schema, operationId: `v2_${operationId}` } };
    },
  });
  installMetricsRoutes(app, options.metrics, options.api);
  await app.register(edgeRoutes(options.edge, options.metrics.snapshots), { prefix: "/edge/v1" });
  await app.register(
    async (api) => {
      api.addHook("preValidation", refuseNul);
      await api.register(apiRoutes(options.api));
    },
    { prefix: "/api/v1" },
  );
  await app.register(
    async (api) => {
      api.addHook("preValidation", refuseNul);
      await api.register(apiV2Routes(options.api));
    },
    { prefix: "/api/v2" },
  );
  await app.register(authTokenRoutes(options.api), { prefix: "/auth" });
  // The API's own description, public like the health checks: it holds no data.
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/api/docs", { schema: { hide: true } }, async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(apiDocsPage),
  );
  const servePage = await serveWebUi(app, findWebUi());
  app.setNotFoundHandler((request, reply) => {
    if (!servePage(request, reply)) void reply.code(404).send(noRouteProblem(request));
  });
  // Waiting long-polls answer at once when the server stops, instead of holding close().
  app.addHook("preClose", async () => options.edge.close());
  return app;
}

/**
 * PostgreSQL cannot store NUL in text, and no name, note or conf needs one: refuse it in
 * any field of an API request with a clear 400, whatever the backend. (The walk recurses:
 * the body parser, jsonBody.ts, has already bounded how deep a body nests.)
 */
async function refuseNul(request: FastifyRequest): Promise<void> {
  for (const [part, value] of [
    ["path", request.params],
    ["query", request.query],
    ["body", request.body],
  ] as const) {
    if (containsNul(value)) {
      throw new BordaError(
        ErrorCode.invalidInput,
        `The request's ${part} contains a NUL character (\\u0000); remove it.`,
      );
    }
  }
}

function containsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === "object") {
    return Object.entries(value).some(([key, item]) => key.includes("\u0000") || containsNul(item));
  }
  return false;
}
