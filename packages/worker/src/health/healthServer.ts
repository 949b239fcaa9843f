import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReportedWorkerState } from "@borda/protocol";
import type { Link } from "../lifecycle.js";
import { metricsContentType } from "./metricsText.js";

/**
 * The probes of Cloud Run and Kubernetes: `GET /healthz` answers 200 while the process
 * runs (liveness); `GET /readyz` answers 200 only while `ready()` says the worker is
 * registered and heard from the control plane recently, else 503 (readiness). Either way
 * `/readyz` says where the worker stands, for the person who curls it: its state, its link
 * to the control plane, and how many attempts its silence has put at risk. `GET /metrics`
 * answers the worker's metrics in Prometheus' text format. None of them asks for a token:
 * the port is for the probes and the scraper of the worker's own site, and says nothing
 * secret.
 */

export interface Readiness {
  ready: boolean;
  /** Why not, or what the worker is doing. */
  detail: string;
  /** The state reported to the control plane (`idle`, `running`, `terminating`, ...). */
  state: ReportedWorkerState;
  /** `reachable`, `unreachable` (a call failed), or `at_risk` (silent for the worker timeout). */
  link: Link;
  /** Attempts the control plane may have failed and retried elsewhere: all held ones while at risk. */
  attemptsAtRisk: number;
}

export interface HealthServer {
  /** The port it listens on (the one chosen when asked for 0). */
  readonly port: number;
  close(): Promise<void>;
}

/** What the server answers from. */
export interface HealthSources {
  readiness: () => Readiness;
  /** The metrics as one Prometheus text exposition. */
  metrics: () => Promise<string>;
}

export async function startHealthServer(
  port: number,
  sources: HealthSources,
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
      const { ready, ...standing } = sources.readiness();
      answer(ready ? 200 : 503, { status: ready ? "ok" : "unavailable", ...standing });
    } else if (url === "/metrics") {
      sources.metrics().then(
        (text) => {
          response.writeHead(200, {
            "content-type": metricsContentType,
            "cache-control": "no-store",
          });
          response.end(request.method === "HEAD" ? undefined : text);
        },
        (error: Error) => answer(500, { status: "error", detail: `metrics: ${error.message}` }),
      );
    } else {
      answer(404, { status: "error", detail: "GET /healthz, GET /readyz or GET /metrics" });
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
