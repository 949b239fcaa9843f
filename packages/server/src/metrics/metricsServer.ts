import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BordaError, ErrorCode } from "@borda/protocol";
import type { Logger } from "pino";
import type { ControlPlaneMetrics } from "./controlPlaneMetrics.js";

/** The dedicated metrics port: a plain HTTP server with one resource, for Prometheus. */
export interface MetricsServer {
  /** The bound port (the chosen one when 0 was asked). */
  port: number;
  /** Where Prometheus scrapes, e.g. http://127.0.0.1:9464/metrics. */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` without authentication, as Prometheus expects: the port is meant
 * for the cluster's network only (bind it with --metrics-host). Anything else answers 404,
 * another method on /metrics 405. It shares nothing with the main port's Fastify server,
 * so a busy API never delays a scrape and a scrape never passes the API's authentication.
 */
export async function startMetricsServer(
  metrics: ControlPlaneMetrics,
  listen: { port: number; host: string },
  logger: Logger,
): Promise<MetricsServer> {
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? "/").split("?")[0];
    if (path !== "/metrics") {
      response.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
      response.end("Not found: metrics are at /metrics.\n");
      return;
    }
    if (request.method !== "GET" && request.method !== "HEAD") {
      response.writeHead(405, { allow: "GET, HEAD", "content-type": "text/plain; charset=utf-8" });
      response.end("Only GET is allowed on /metrics.\n");
      return;
    }
    metrics.expose().then(
      ({ contentType, body }) => {
        response.writeHead(200, { "content-type": contentType });
        response.end(request.method === "HEAD" ? undefined : body);
      },
      (error: Error) => {
        logger.error({ err: error }, "could not collect metrics");
        response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        response.end("Collecting metrics failed; see the server's log.\n");
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        error.code === "EADDRINUSE"
          ? new BordaError(
              ErrorCode.configuration,
              `Metrics port ${listen.port} on ${listen.host} is already in use; choose another with --metrics-port (BORDA_METRICS_PORT).`,
            )
          : error,
      );
    });
    server.listen(listen.port, listen.host, () => resolve());
  });
  const { port, address, family } = server.address() as AddressInfo;
  const shown = address === "0.0.0.0" ? "127.0.0.1" : address === "::" ? "::1" : address;
  const host = family === "IPv6" || shown.includes(":") ? `[${shown}]` : shown;
  return {
    port,
    url: `http://${host}:${port}/metrics`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
