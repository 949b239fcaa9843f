import type { Socket } from "node:net";
import { BordaError, ErrorCode, type Problem } from "@borda/protocol";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

/** The HTTP status of each error code. */
export const statusOfCode: Record<ErrorCode, number> = {
  invalid_input: 400,
  import_error: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale_attempt: 409,
  payload_too_large: 413,
  unsupported_version: 426,
  configuration: 500,
  internal: 500,
};

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Payload Too Large",
  414: "URI Too Long",
  415: "Unsupported Media Type",
  426: "Upgrade Required",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function problem(
  status: number,
  code: string,
  detail: string,
  details?: Record<string, unknown>,
): Problem {
  return {
    status,
    title: titles[status] ?? "Error",
    detail,
    type: `urn:borda:error:${code}`,
    code,
    ...(details ? { details } : {}),
  };
}

/**
 * One error handler for the whole server: every failure becomes a problem body with a
 * stable code and a message that says what to do. A client never sees a stack trace;
 * an unexpected error is logged and answered 500 without its message.
 */
export function installProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | BordaError | Error, request, reply) => {
    if (error instanceof BordaError) {
      const status = statusOfCode[error.code];
      if (status >= 500) request.log.error({ err: error }, error.message);
      return answerProblem(
        request,
        reply,
        problem(status, error.code, error.message, error.details),
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = (error as FastifyError).validationContext ?? "body";
      const issues = error.validation.map((issue) => {
        const field = [
          where,
          ...String(issue.instancePath ?? "")
            .split("/")
            .filter(Boolean),
        ].join(".");
        return `${field}: ${issue.message}`;
      });
      return answerProblem(
        request,
        reply,
        problem(400, ErrorCode.invalidInput, `Invalid request: ${issues.join("; ")}.`, { issues }),
      );
    }
    const status = (error as FastifyError).statusCode;
    if (status && status >= 400 && status < 500) {
      const code =
        status === 413
          ? ErrorCode.payloadTooLarge
          : status === 404
            ? ErrorCode.notFound
            : ErrorCode.invalidInput;
      const detail =
        status === 415
          ? `The request's content type '${request.headers["content-type"]}' is not one Borda reads; send application/json.`
          : error.message;
      return answerProblem(request, reply, problem(status, code, detail));
    }
    request.log.error({ err: error }, "unexpected error");
    return answerProblem(
      request,
      reply,
      problem(500, ErrorCode.internal, "Internal error; the server log has the details."),
    );
  });
}

/**
 * Airflow 3's paths (`/api/v2/`, `/auth/`) answer FastAPI's `{detail}` (api/v2/fastApiErrors.ts),
 * even when their own scope never saw the request: a path parameter past the router's
 * limit (414) is refused before any route matches.
 */
export const speaksFastApi = (path: string): boolean => /^\/(api\/v2|auth)\//.test(path);

/** Sends a problem, as `{detail}` on Airflow 3's paths. */
export function answerProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  body: Problem,
): FastifyReply {
  return reply.code(body.status).send(speaksFastApi(request.url) ? { detail: body.detail } : body);
}

/** The answer to a path no route serves. */
export function noRouteProblem(request: FastifyRequest): Problem {
  return problem(
    404,
    ErrorCode.notFound,
    `No route ${request.method} ${request.url.split("?")[0]}.`,
  );
}

/**
 * Answers a request Node's HTTP parser refused before Fastify saw it (headers or URL past
 * Node's 16 KiB, bytes no HTTP request line may hold, a client too slow to send its
 * request) with the problem body every other error has, then closes the connection,
 * which can no longer be trusted to be in step.
 */
export function answerClientError(
  error: NodeJS.ErrnoException & { rawPacket?: unknown },
  socket: Socket,
): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const [status, detail] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [431, "The request's headers (URL included) are larger than 16 KiB; shorten them."]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "The request took too long to arrive."]
        : [400, "The request is not valid HTTP/1.1 (a URL or header holds a byte it may not)."];
  // Airflow 3's paths answer FastAPI's `{detail}` (api/v2/fastApiErrors.ts). Node hands over
  // the bytes it was parsing, which begin with the request line unless the request came in
  // pieces; then the problem body is the best answer there is.
  const parsing = Buffer.isBuffer(error.rawPacket) ? error.rawPacket : Buffer.alloc(0);
  const fastApiPath = /^[A-Z]+ \/(api\/v2|auth)\//.test(parsing.subarray(0, 32).toString("latin1"));
  const body = JSON.stringify(
    fastApiPath ? { detail } : problem(status, ErrorCode.invalidInput, detail),
  );
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${titles[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
