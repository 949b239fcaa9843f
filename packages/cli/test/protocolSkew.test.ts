import http from "node:http";
import type { AddressInfo } from "node:net";
import type { ControlPlane } from "@borda/server";
import { afterEach, describe, expect, it } from "vitest";
import {
  eventually,
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

/**
 * Worker protocol 1.5 against 1.4 (docs/internals.md, "One round trip per task"): a real
 * `borda worker` runs a chain and a fan-out through an HTTP proxy that counts its calls.
 * Against this control plane it sends no start and gets most jobs in its reports'
 * answers; against a control plane one minor version behind, which the proxy plays by
 * doing what a 1.4 control plane does (it reads the worker's registration as 1.4, so it
 * starts no job at its claim, and drops a report's `next`, as its schema would), the
 * worker starts each job and fetches, as a 1.4 worker did.
 */

const tasks = 12;
const dags = `
import { dag } from "borda";
export default dag({ id: "skew", schedule: null }, ({ task }) => {
  let previous = task({ id: "step_00", queue: "skew" }, () => 0);
  for (let i = 1; i < 6; i++) {
    const upstream = previous;
    previous = task({ id: \`step_\${String(i).padStart(2, "0")}\`, queue: "skew", inputs: { n: upstream } }, (ctx) => ctx.inputs.n + 1);
  }
  for (let i = 0; i < 6; i++) {
    task({ id: \`wide_\${i}\`, queue: "skew", inputs: { n: previous } }, (ctx) => ctx.inputs.n);
  }
});
`;

interface Calls {
  start: number;
  fetch: number;
  reports: number;
  /** Report answers passed back to the worker. */
  reportsAnswered: number;
  /** Report answers that carried `next`. */
  answeredWithNext: number;
}

/** Forwards to the control plane, counting calls; `asOlder` plays a 1.4 control plane. */
async function countingProxy(target: string, asOlder: boolean) {
  const calls: Calls = { start: 0, fetch: 0, reports: 0, reportsAnswered: 0, answeredWithNext: 0 };
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    let body = Buffer.concat(chunks).toString();
    const route = request.url ?? "";
    const report = /\/attempts\/[^/]+\/(success|failure|reschedule)$/.test(route);
    if (route.endsWith("/start")) calls.start++;
    if (route.endsWith("/fetch")) calls.fetch++;
    if (report) calls.reports++;
    if (asOlder && body) {
      const json = JSON.parse(body);
      if (route.endsWith("/register")) json.protocolVersion = "1.4";
      if (report) delete json.next;
      body = JSON.stringify(json);
    }
    const headers: Record<string, string> = {};
    for (const name of ["authorization", "content-type"]) {
      const value = request.headers[name];
      if (typeof value === "string") headers[name] = value;
    }
    const answer = await fetch(`${target}${route}`, {
      method: request.method ?? "GET",
      headers,
      ...(request.method === "GET" ? {} : { body }),
    });
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (report && answer.ok && JSON.parse(bytes.toString()).next) calls.answeredWithNext++;
    if (report) calls.reportsAnswered++;
    response.writeHead(answer.status, {
      "content-type": answer.headers.get("content-type") ?? "application/octet-stream",
    });
    response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe("worker protocol 1.5 against 1.4", () => {
  const resources = new TestResources();
  afterEach(() => resources.cleanup());

  async function runThrough(asOlder: boolean): Promise<{ cp: ControlPlane; calls: Calls }> {
    const cp = await startServer(resources, resources.dir(), { "skew.ts": dags });
    const proxy = await countingProxy(cp.url, asOlder);
    try {
      const token = await workerToken(cp, ["skew"]);
      const worker = startWorker(resources, {
        url: proxy.url,
        token,
        name: "skew-worker",
        queues: "skew",
        // One slot: no long-poll waits beside a running task to compete for the next job.
        env: { BORDA_CONCURRENCY: "1" },
      });
      await workersRegistered(cp, worker);
      const run = await cp.scheduler.triggerRun("skew", { runId: "skew" });
      await eventually(
        async () => (await cp.store.getDagRunById(run.id))?.state === "success",
        () => `the run to succeed (${worker.output()})`,
      );
      // The run ends as the last report is recorded, a moment before its answer passes.
      await eventually(async () => proxy.calls.reportsAnswered === tasks, "the last answer");
      const attempts = await cp.store.listAttempts({ dagRunId: run.id });
      expect(attempts).toHaveLength(tasks);
      expect(attempts.every((a) => a.state === "success" && a.tryNumber === 1)).toBe(true);
      const [registered] = await cp.edge.listWorkers();
      expect(registered?.protocolVersion).toBe(asOlder ? "1.4" : "1.5");
      return { cp, calls: { ...proxy.calls } };
    } finally {
      await proxy.close();
    }
  }

  it("against this control plane: no start is sent, and most jobs come in the answers to reports", async () => {
    const { calls } = await runThrough(false);
    expect(calls.start).toBe(0);
    expect(calls.reports).toBe(tasks);
    // Every report asked for the next job while the worker served, and each job but the
    // first arrived in the answer to the report before it: one fetch brought the first,
    // and one waits for work after the last.
    expect(calls.answeredWithNext).toBe(tasks);
    expect(calls.fetch).toBeLessThanOrEqual(3);
  });

  it("against a control plane one minor version behind: each job is started and fetched, as before", async () => {
    const { calls } = await runThrough(true);
    expect(calls.start).toBe(tasks);
    expect(calls.reports).toBe(tasks);
    expect(calls.answeredWithNext).toBe(0);
    expect(calls.fetch).toBeGreaterThanOrEqual(tasks);
  });
});
