import type { ServerResponse } from "node:http";
import {
  attemptAckSchema,
  callbackAckSchema,
  callbackReportSchema,
  connectionRequestSchema,
  edgeHealthSchema,
  edgeProtocolVersion,
  externalStateRequestSchema,
  externalStateResponseSchema,
  type FetchResponse,
  failureReportSchema,
  fetchRequestSchema,
  fetchResponseSchema,
  heartbeatRequestSchema,
  logAckSchema,
  logChunkSchema,
  type NextJobsRequest,
  queueDepthQuerySchema,
  queueDepthSchema,
  registerRequestSchema,
  registerResponseSchema,
  releaseReportSchema,
  rescheduleReportSchema,
  successReportSchema,
  taskConnectionSchema,
  taskVariableSchema,
  variableRequestSchema,
  workerDirectivesSchema,
  workerNameSchema,
  xcomPullRequestSchema,
  xcomPullResponseSchema,
} from "@borda/protocol";
import type { FastifyBaseLogger } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { MetricsSnapshotCache } from "../metrics/metricsSnapshotCache.js";
import type { EdgeService } from "./edgeService.js";
import { queueDepthFor } from "./queueDepth.js";

const workerParams = z.object({ name: workerNameSchema });
const attemptParams = z.object({
  name: workerNameSchema,
  attemptId: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,100}$/, "an attempt id (letters, digits and dashes)"),
});
const callbackParams = z.object({
  name: workerNameSchema,
  callbackId: z.string().regex(/^[0-9]{1,15}$/, "a callback id (digits)"),
});
const tags = ["edge"];

/**
 * `/edge/v1`: the worker API (see protocol's edge.ts for the whole exchange). Every route
 * but health authenticates the worker token first.
 */
export function edgeRoutes(
  edge: EdgeService,
  snapshots: MetricsSnapshotCache,
): FastifyPluginAsyncZod {
  return async (app) => {
    app.get("/health", { schema: { tags, response: { 200: edgeHealthSchema } } }, async () => ({
      status: "ok" as const,
      version: edge.options.serverVersion,
      protocolVersion: edgeProtocolVersion,
    }));

    // For autoscalers (KEDA): work on the token's queues, from the metrics' cached read.
    app.get(
      "/queue-depth",
      {
        schema: {
          tags,
          querystring: queueDepthQuerySchema,
          response: { 200: queueDepthSchema },
        },
      },
      async (request) => {
        const token = await edge.authenticate(request.headers.authorization);
        const requested = request.query.queues?.split(",") ?? null;
        return queueDepthFor(token, requested, await snapshots.get(), edge.options.clock.now());
      },
    );

    app.post(
      "/workers/:name/register",
      {
        schema: {
          tags,
          params: workerParams,
          body: registerRequestSchema,
          response: { 200: registerResponseSchema },
        },
      },
      async (request) => {
        const token = await edge.authenticate(request.headers.authorization);
        return edge.register(token, request.params.name, request.body);
      },
    );

    app.post(
      "/workers/:name/heartbeat",
      {
        schema: {
          tags,
          params: workerParams,
          body: heartbeatRequestSchema,
          response: { 200: workerDirectivesSchema },
        },
      },
      async (request) => {
        const token = await edge.authenticate(request.headers.authorization);
        return edge.heartbeat(token, request.params.name, request.body);
      },
    );

    app.post(
      "/workers/:name/fetch",
      {
        schema: {
          tags,
          params: workerParams,
          body: fetchRequestSchema,
          response: { 200: fetchResponseSchema },
        },
      },
      async (request, reply) => {
        const token = await edge.authenticate(request.headers.authorization);
        const { name } = request.params;
        // The client going away ends the wait: nothing is claimed for a worker that left.
        const closed = closedSignal(reply.raw);
        const answer = await edge.fetch(token, name, request.body, closed);
        return deliverJobs(edge, name, answer, closed, reply.raw, request.log);
      },
    );

    // The attempt reports: each names the attempt, answers its new state, and is refused
    // with 409 when the attempt is not current. A final report may ask for the worker's
    // next jobs (1.5), which its answer carries.
    const reports = {
      start: { body: z.object({}).optional(), record: edge.reportStart.bind(edge) },
      success: { body: successReportSchema, record: edge.reportSuccess.bind(edge) },
      failure: { body: failureReportSchema, record: edge.reportFailure.bind(edge) },
      release: { body: releaseReportSchema, record: edge.releaseClaim.bind(edge) },
      reschedule: { body: rescheduleReportSchema, record: edge.reportReschedule.bind(edge) },
    } as const;
    app.post(
      "/workers/:name/callbacks/:callbackId/result",
      {
        schema: {
          tags,
          params: callbackParams,
          body: callbackReportSchema,
          response: { 200: callbackAckSchema },
        },
      },
      async (request) => {
        const token = await edge.authenticate(request.headers.authorization);
        const { name, callbackId } = request.params;
        return edge.callbacks.report(token, name, Number(callbackId), request.body);
      },
    );

    for (const [kind, { body, record }] of Object.entries(reports)) {
      app.post(
        `/workers/:name/attempts/:attemptId/${kind}`,
        { schema: { tags, params: attemptParams, body, response: { 200: attemptAckSchema } } },
        async (request, reply) => {
          const token = await edge.authenticate(request.headers.authorization);
          const { name, attemptId } = request.params;
          const asked = (request.body as { next?: NextJobsRequest } | undefined)?.next;
          // Watched only when jobs may be handed out with the answer.
          const closed = asked ? closedSignal(reply.raw) : null;
          // biome-ignore lint/suspicious/noExplicitAny: each report's body was validated by its own schema above.
          const attempt = await record(token, name, attemptId, request.body as any);
          const ack = { attemptId: attempt.attemptId, state: attempt.state };
          // The report is recorded: a claim that fails leaves it acknowledged, without jobs.
          const next =
            asked &&
            closed &&
            (await edge.claimNext(token, name, asked, closed).catch((error: Error) => {
              request.log.error({ err: error }, "could not claim the jobs a report asked for");
              return null;
            }));
          if (!next) return ack;
          return {
            ...ack,
            next: await deliverJobs(edge, name, next, closed, reply.raw, request.log),
          };
        },
      );
    }
    app.post(
      "/workers/:name/attempts/:attemptId/xcoms",
      {
        schema: {
          tags,
          params: attemptParams,
          body: xcomPullRequestSchema,
          response: { 200: xcomPullResponseSchema },
        },
      },
      async (request) => {
        const token = await edge.authenticate(request.headers.authorization);
        const { name, attemptId } = request.params;
        return edge.pullXcoms(token, name, attemptId, request.body);
      },
    );

    // An external-task sensor's question: another DAG's state, a state string only.
    app.post(
      "/workers/:name/attempts/:attemptId/external-state",
      {
        schema: {
          tags,
          params: attemptParams,
          body: externalStateRequestSchema,
          response: { 200: externalStateResponseSchema },
        },
      },
      async (request) => {
        const token = await edge.authenticate(request.headers.authorization);
        const { name, attemptId } = request.params;
        return edge.externalState(token, name, attemptId, request.body);
      },
    );

    // A running task's connection or variable: one value, for one attempt (no bulk reads).
    app.post(
      "/workers/:name/attempts/:attemptId/connection",
      {
        schema: {
          tags,
          params: attemptParams,
          body: connectionRequestSchema,
          response: { 200: taskConnectionSchema },
        },
      },
      async (request) => {
        const token = await edge.authenticate(request.headers.authorization);
        const { name, attemptId } = request.params;
        return edge.readConnection(token, name, attemptId, request.body.connId);
      },
    );
    app.post(
      "/workers/:name/attempts/:attemptId/variable",
      {
        schema: {
          tags,
          params: attemptParams,
          body: variableRequestSchema,
          response: { 200: taskVariableSchema },
        },
      },
      async (request) => {
        const token = await edge.authenticate(request.headers.authorization);
        const { name, attemptId } = request.params;
        return edge.readVariable(token, name, attemptId, request.body.key);
      },
    );

    app.post(
      "/workers/:name/attempts/:attemptId/logs",
      {
        schema: {
          tags,
          params: attemptParams,
          body: logChunkSchema,
          response: { 200: logAckSchema },
        },
      },
      async (request) => {
        const token = await edge.authenticate(request.headers.authorization);
        return edge.appendLog(token, request.params.name, request.params.attemptId, request.body);
      },
    );

    app.get(
      "/bundles/:hash",
      {
        schema: {
          tags,
          params: z.object({ hash: z.string().regex(/^[a-f0-9]{64}$/, "a sha256 in hex") }),
          response: {
            200: {
              description: "The bundle: one ESM file, immutable under its hash.",
              content: { "text/javascript": { schema: z.string() } },
            },
          },
        },
      },
      async (request, reply) => {
        await edge.authenticate(request.headers.authorization);
        const bundle = await edge.bundle(request.params.hash);
        return (
          reply
            .header("content-type", "text/javascript; charset=utf-8")
            .header("cache-control", "private, max-age=31536000, immutable")
            .header("etag", `"${request.params.hash}"`)
            // A Buffer is sent as it is, never through the schema's serializer; the schema's
            // string only describes the body for the OpenAPI document.
            .send(Buffer.from(bundle) as unknown as string)
        );
      },
    );
  };
}

/** Aborted when the client's connection closes (it gave up, or went away). */
function closedSignal(response: ServerResponse): AbortSignal {
  const closed = new AbortController();
  response.on("close", () => closed.abort());
  return closed.signal;
}

/**
 * Jobs in an answer that never reaches the worker go back to the queue at once, rather
 * than holding a try until their lease lapses: at once when the connection has already
 * closed, else when it closes before the answer was written out.
 */
async function deliverJobs(
  edge: EdgeService,
  name: string,
  answer: FetchResponse,
  closed: AbortSignal,
  response: ServerResponse,
  log: FastifyBaseLogger,
): Promise<FetchResponse> {
  if (answer.jobs.length === 0) return answer;
  const undelivered = () =>
    edge.releaseUndelivered(name, answer.jobs).catch((error: Error) => {
      log.error({ err: error }, "could not release the jobs of an undelivered answer");
    });
  if (closed.aborted) {
    await undelivered();
    return { jobs: [], directives: answer.directives };
  }
  response.once("close", () => {
    if (!response.writableFinished) void undelivered();
  });
  return answer;
}
