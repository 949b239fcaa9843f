import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The probes of Cloud Run and Kubernetes: `GET /healthz` answers 200 while the process
 * runs (liveness); `GET /readyz` answers 200 only while `ready()` says the worker is
 * registered and heard from the control plane recently, else 503 (readiness).
 */

export interface Readiness {
  ready: boolean;
  /** Why not, or what the worker is doing. */
  detail: string;
}

export interface HealthServer {
  /** The port it listens on (the one chosen when asked for 0). */
  readonly port: number;
  close(): Promise<void>;
}

export async function startHealthServer(
  port: number,
  readiness: () => Readiness,
  host?: string,
): Promise<HealthServer> {
  const server: Server = createServer((request, response) => {
    const url = (request.url ?? "/").split("?")[0];
    const answer = (status: number, body: Record<string, unknown>) => {
      response.writeHead(status, {
        "content-type": "application/json",
        "cache-control": "no-store",
      });
      response.end(`${JSON.stringify(body)}\n`);
    };
    if (request.method !== "GET" && request.method !== "HEAD") {
      answer(405, { status: "error", detail: "only GET" });
    } else if (url === "/healthz") {
      answer(200, { status: "ok" });
    } else if (url === "/readyz") {
      const { ready, detail } = readiness();
      answer(ready ? 200 : 503, { status: ready ? "ok" : "unavailable", detail });
    } else {
      answer(404, { status: "error", detail: "GET /healthz or GET /readyz" });
    }
  });
  // Probes reuse connections; do not let one hold the worker's exit.
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
