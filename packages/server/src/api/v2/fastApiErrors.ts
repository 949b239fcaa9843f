import { BordaError } from "@borda/protocol";
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { z } from "zod";
import { statusOfCode } from "../../http/problem.js";

/**
 * Errors on Airflow 3's paths (/api/v2, /auth/token) as FastAPI writes them, which its
 * clients parse: `{"detail": "<message>"}`, and for a request that fails validation a 422
 * with `{"detail": [{loc, msg, type}]}`, `loc` naming where (`body`, `query`, `path`) and
 * the field. Same statuses as Borda's own errors otherwise, same messages, never a stack.
 */
export const validationIssueSchema = z.object({
  loc: z.array(z.union([z.string(), z.number()])),
  msg: z.string(),
  type: z.string(),
});

export const httpErrorSchema = z.object({
  detail: z.union([z.string(), z.array(validationIssueSchema)]),
});

/** Where a failed validation was, as FastAPI's `loc` starts. */
const locationOf: Record<string, string> = {
  body: "body",
  querystring: "query",
  params: "path",
  headers: "header",
};

export function installFastApiErrors(app: FastifyInstance): void {
  // This scope's routes answer errors with `detail`: their documented 4xx/5xx bodies say so
  // (this hook runs after the server's own, which declares Borda's problem body).
  app.addHook("onRoute", (route) => {
    if (!route.schema || route.schema.hide) return;
    route.schema.response = {
      ...(route.schema.response as Record<string, unknown> | undefined),
      "4xx": httpErrorSchema,
      "5xx": httpErrorSchema,
    };
  });
  app.setErrorHandler((error: FastifyError | BordaError | Error, request, reply) => {
    if (error instanceof BordaError) {
      const status = statusOfCode[error.code];
      if (status >= 500) request.log.error({ err: error }, error.message);
      return reply.code(status).send({ detail: error.message });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = locationOf[(error as FastifyError).validationContext ?? "body"] ?? "body";
      const detail = error.validation.map((issue) => ({
        loc: [
          where,
          ...String(issue.instancePath ?? "")
            .split("/")
            .filter(Boolean),
        ],
        msg: issue.message ?? "invalid",
        type: issue.keyword,
      }));
      return reply.code(422).send({ detail });
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.code(status).send({ detail: error.message });
    }
    request.log.error({ err: error }, "unexpected error");
    return reply.code(500).send({ detail: "Internal error; the server log has the details." });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ detail: `No route ${request.method} ${request.url.split("?")[0]}.` }),
  );
}
