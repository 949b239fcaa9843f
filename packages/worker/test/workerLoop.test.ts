import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { edgeProtocolVersion, type HeartbeatRequest } from "@borda/protocol";
import { beforeAll, describe, expect, it } from "vitest";
import { AttemptSpool } from "../src/spool/attemptSpool.js";
import type { EdgeWorker } from "../src/worker.js";
import { buildBundle, type TestBundle } from "./support/bundles.js";
import type { FakeControlPlane } from "./support/fakeControlPlane.js";
import { jobFor } from "./support/jobs.js";
import { eventually, logLines, silentLogger, useResources } from "./support/resources.js";
import { testWorkers } from "./support/workers.js";

/**
 * `EdgeWorker` against a small control plane on loopback (support/fakeControlPlane.ts):
 * registration, the fetch long-poll, running and reporting, the directives, draining,
 * and an outage of the control plane.
 */

const dagSource = `
import { existsSync } from "node:fs";
import { dag } from "borda";

export default dag({ id: "loop" }, ({ task }) => {
  task({ id: "quick" }, async (ctx) => {
    ctx.log("hello from", ctx.taskId);
    return "done";
  });
  // Runs until the test creates the file named by params.gate, logging a numbered tick meanwhile.
  task({ id: "gated" }, async (ctx) => {
    for (let tick = 1; !existsSync(String(ctx.params.gate)); tick++) {
      ctx.log("tick " + tick);
      await ctx.sleep(10);
    }
    return "opened";
  });
  task({ id: "deaf" }, async () => {
    console.log("deaf: running, and never ending");
    await new Promise(() => {});
  });
});
`;

describe("edge worker", () => {
  const resources = useResources();
  const workers = testWorkers(resources);
  const { newWorker, startedWorker } = workers;
  let bundle: TestBundle;
  beforeAll(async () => {
    bundle = await buildBundle(dagSource);
  });

  const controlPlane = () => workers.controlPlane(bundle);

  /** A gated job and the file that lets it finish. */
  function gatedJob(overrides: Parameters<typeof jobFor>[3] = {}) {
    const gate = path.join(resources.dir(), "gate");
    const job = jobFor(bundle.hash, "loop", "gated", { params: { gate }, ...overrides });
    return { job, open: () => writeFileSync(gate, "") };
  }

  const lastHeartbeat = (server: FakeControlPlane): HeartbeatRequest | undefined =>
    server.heartbeats.at(-1);

  async function heartbeatWith(server: FakeControlPlane, state: HeartbeatRequest["state"]) {
    return eventually(
      () =>
        server.heartbeats.find((h, i) => i >= server.heartbeats.length - 1 && h.state === state),
      `a heartbeat reporting ${state}`,
    );
  }

  const readyz = async (worker: EdgeWorker) => (await workers.readyz(worker)).status;

  it("stops an idle worker without waiting out a heartbeat interval", async () => {
    const server = await controlPlane();
    // An hour between heartbeats: a stop that waited for the next one would time the test out.
    server.heartbeatIntervalMs = 3_600_000;
    const worker = await startedWorker(server);
    await heartbeatWith(server, "idle");
    await worker.drain();
    await worker.stopped;
    expect(lastHeartbeat(server)?.state).toBe("offline");
  });

  it("registers, long-polls for work, runs a job at once and reports its start, log and result", async () => {
    const server = await controlPlane();
    const worker = await startedWorker(server);
    expect(server.registrations).toHaveLength(1);
    const [{ name, request } = { name: "", request: null }] = server.registrations;
    expect(name).toBe("edge-test");
    expect(request).toMatchObject({
      queues: ["default"],
      concurrency: 4,
      protocolVersion: edgeProtocolVersion,
      sysinfo: { diskFreeBytes: expect.any(Number), nodeVersion: process.version },
    });
    await heartbeatWith(server, "idle");
    expect(await readyz(worker)).toBe(200);
    await eventually(() => server.fetches.length > 0, "a long-poll");
    expect(server.fetches[0]).toMatchObject({ freeSlots: 4, waitMs: 2000 });

    const job = jobFor(bundle.hash, "loop", "quick");
    server.queue(job);
    await eventually(() => server.reportsOf(job.attemptId).length === 2, "the reports");
    // This control plane answers as a 1.4 one does: its jobs come unstarted, so the worker
    // starts them, and it ignores the report's request for the next jobs (protocol 1.5).
    expect(server.reports).toEqual([
      { attemptId: job.attemptId, kind: "start", body: {} },
      {
        attemptId: job.attemptId,
        kind: "success",
        body: {
          returnValue: "done",
          next: { instanceId: expect.any(String), freeSlots: 1, callbacks: true },
        },
      },
    ]);
    expect(logLines(server.logText(job.attemptId))).toEqual(["hello from quick"]);
    await eventually(() => worker.heldAttemptIds.length === 0, "the attempt to be delivered");

    // The instance id is kept: a restart on the same box presents the same one.
    await worker.drain();
    const again = await startedWorker(server, { workDir: worker.config.workDir });
    expect(server.registrations[1]?.request.instanceId).toBe(request?.instanceId);
    await again.drain();
  });

  it("asks for as many jobs as its free slots hold and reports what runs", async () => {
    const server = await controlPlane();
    // Short polls: the one open while slots free up asks for fewer than are free by then.
    const worker = await startedWorker(server, { fetchWaitMs: 200 });
    const wide = gatedJob({ poolSlots: 3 });
    server.queue(wide.job);
    await eventually(() => server.reportsOf(wide.job.attemptId).includes("start"), "the start");
    expect(worker.state).toBe("running");
    const beat = await heartbeatWith(server, "running");
    expect(beat).toMatchObject({ runningAttemptIds: [wide.job.attemptId], freeSlots: 1 });
    await eventually(() => server.fetches.at(-1)?.freeSlots === 1, "a fetch for the one free slot");
    wide.open();
    await eventually(() => server.reportsOf(wide.job.attemptId).includes("success"), "success");
    await eventually(() => server.fetches.at(-1)?.freeSlots === 4, "a fetch for all slots");
  });

  it("follows a maintenance request: takes no work, finishes what runs, then resumes", async () => {
    const server = await controlPlane();
    const worker = await startedWorker(server);
    const running = gatedJob();
    server.queue(running.job);
    await eventually(() => server.reportsOf(running.job.attemptId).includes("start"), "the start");

    server.direct({ maintenance: true, maintenanceComment: "disk swap" });
    await heartbeatWith(server, "maintenance_pending");
    running.open();
    await heartbeatWith(server, "maintenance_mode");
    // In maintenance the worker does not even ask for work.
    const fetches = server.fetches.length;
    const beats = server.heartbeats.length;
    await eventually(() => server.heartbeats.length >= beats + 3, "three more heartbeats");
    expect(server.fetches.length).toBe(fetches);
    expect(worker.state).toBe("maintenance_mode");

    const later = jobFor(bundle.hash, "loop", "quick");
    server.queue(later);
    server.direct({ maintenance: false, maintenanceComment: null });
    await eventually(() => server.reportsOf(later.attemptId).includes("success"), "the next job");
    await heartbeatWith(server, "idle");
  });

  it("drains and stops when the control plane asks it to shut down", async () => {
    const server = await controlPlane();
    const worker = await startedWorker(server);
    server.direct({ shutdown: true });
    await worker.stopped;
    expect(lastHeartbeat(server)?.state).toBe("offline");
    expect(worker.state).toBe("offline");
  });

  it("drains: takes no more work, lets a running task finish, reports offline", async () => {
    const server = await controlPlane();
    const worker = await startedWorker(server);
    const running = gatedJob();
    server.queue(running.job);
    await eventually(() => server.reportsOf(running.job.attemptId).includes("start"), "the start");

    const drained = worker.drain();
    await heartbeatWith(server, "terminating");
    const waiting = jobFor(bundle.hash, "loop", "quick");
    server.queue(waiting);
    running.open();
    await drained;
    expect(server.reportsOf(running.job.attemptId)).toEqual(["start", "success"]);
    expect(server.reportsOf(waiting.attemptId)).toEqual([]);
    expect(lastHeartbeat(server)?.state).toBe("offline");
  });

  it("kills the tasks still running at the drain timeout and reports them failed", async () => {
    const server = await controlPlane();
    const worker = await startedWorker(server);
    const deaf = jobFor(bundle.hash, "loop", "deaf");
    server.queue(deaf);
    // Running, not merely started: a stop that comes while the runner is still being
    // readied ends the attempt before its code runs, with no kill to note in its log.
    await eventually(() => server.logText(deaf.attemptId).includes("deaf: running"), "the task");
    await worker.drain({ timeoutMs: 100 });
    const failure = server.reports.find((r) => r.kind === "failure");
    expect(failure).toMatchObject({
      attemptId: deaf.attemptId,
      body: { error: expect.stringMatching(/^killed: worker drained after \d+(\.\d)? s$/) },
    });
    expect(server.logText(deaf.attemptId)).toMatch(/\[borda\] killed: worker drained after/);
  });

  it("kills an attempt the control plane cancels, and reports nothing more about it", async () => {
    const server = await controlPlane();
    const worker = await startedWorker(server);
    const cancelled = gatedJob();
    server.queue(cancelled.job);
    await eventually(() => server.reportsOf(cancelled.job.attemptId).includes("start"), "start");
    server.staleAttempts.add(cancelled.job.attemptId);
    server.direct({ cancelAttemptIds: [cancelled.job.attemptId] });
    await eventually(() => worker.heldAttemptIds.length === 0, "the attempt to be dropped");
    await heartbeatWith(server, "idle");
    expect(server.reportsOf(cancelled.job.attemptId)).toEqual(["start"]);
    expect(readdirSync(path.join(worker.config.workDir, "spool"))).toEqual([]);
  });

  it("kills an attempt whose start the control plane refuses as stale", async () => {
    const server = await controlPlane();
    const worker = await startedWorker(server);
    const stale = gatedJob();
    server.staleAttempts.add(stale.job.attemptId);
    server.queue(stale.job);
    await eventually(() => server.fetches.length > 1, "the next long-poll");
    await eventually(() => worker.heldAttemptIds.length === 0, "the attempt to be dropped");
    expect(worker.state).toBe("idle");
    expect(server.reports).toEqual([]);
  });

  it("keeps running while the control plane is away, then delivers the log and result once", async () => {
    const server = await controlPlane();
    const worker = await startedWorker(server);
    const job = gatedJob();
    server.queue(job.job);
    await eventually(() => server.logText(job.job.attemptId).includes("tick 3"), "the first ticks");

    await server.stop();
    await eventually(async () => (await readyz(worker)) === 503, "readiness to fail");
    job.open();
    await eventually(() => worker.state === "idle", "the task to end while the server is away");
    await server.start();

    await eventually(() => server.reportsOf(job.job.attemptId).includes("success"), "the result");
    expect(server.reportsOf(job.job.attemptId)).toEqual(["start", "success"]);
    const ticks = logLines(server.logText(job.job.attemptId)).map((line) => line.split(" ")[1]);
    expect(ticks).toEqual(Array.from({ length: ticks.length }, (_, i) => String(i + 1)));
    await eventually(async () => (await readyz(worker)) === 200, "readiness to return");
  });

  it("ships what an earlier run left in its spool at start-up", async () => {
    const server = await controlPlane();
    const workDir = resources.dir();
    const finished = AttemptSpool.create(path.join(workDir, "spool"), "finished-attempt");
    finished.write("stdout", "all done\n");
    finished.finish({ outcome: "success", returnValue: 42 });
    const interrupted = AttemptSpool.create(path.join(workDir, "spool"), "interrupted-attempt");
    interrupted.write("stdout", "half way\n");
    interrupted.close();

    const worker = await startedWorker(server, { workDir });
    await eventually(() => worker.heldAttemptIds.length === 0, "the leftovers to be shipped");
    expect(server.reportsOf("finished-attempt")).toEqual(["success"]);
    expect(server.reportsOf("interrupted-attempt")).toEqual(["failure"]);
    const failure = server.reports.find((r) => r.attemptId === "interrupted-attempt");
    expect(failure?.body.error).toMatch(/worker stopped while the attempt ran/);
    expect(logLines(server.logText("finished-attempt"))).toEqual(["all done"]);
    expect(logLines(server.logText("interrupted-attempt"))[0]).toBe("half way");
  });

  it("follows new concurrency from the control plane", async () => {
    const server = await controlPlane();
    const worker = await startedWorker(server);
    await eventually(() => server.fetches.length > 0, "a long-poll");
    server.direct({ concurrency: 2 });
    await eventually(() => server.fetches.at(-1)?.freeSlots === 2, "a fetch for two slots");
    expect(worker.config.concurrency).toBe(2);
  });

  describe("start-up", () => {
    it("waits for a control plane that is not up yet, logging each retry", async () => {
      const server = await controlPlane();
      await server.stop();
      const lines: string[] = [];
      const worker = newWorker(
        server,
        {},
        {
          logger: { ...silentLogger, warn: (message) => lines.push(message) },
        },
      );
      const started = worker.start();
      await eventually(() => lines.length >= 2, "two retries");
      await server.start();
      await started;
      expect(lines[0]).toMatch(/^the control plane is not reachable yet; retrying in [\d.]+ s$/);
      expect(server.registrations).toHaveLength(1);
    });

    it("fails at once with a clear message for a refused token", async () => {
      const server = await controlPlane();
      const worker = newWorker(server, { token: "bwt_wrong" });
      await expect(worker.start()).rejects.toThrow(
        "The control plane refused the worker token: A valid worker token is required.",
      );
    });

    it("fails at once for a URL that is not a Borda control plane", async () => {
      const other = createServer((_, response) => {
        response.writeHead(404).end("<h1>Not Found</h1>");
      });
      await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
      resources.defer(() => new Promise((resolve) => other.close(resolve)));
      const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
      const worker = newWorker(await controlPlane(), { apiUrl: url });
      await expect(worker.start()).rejects.toThrow(
        `${url} is not a Borda control plane: GET /edge/v1/health answered 404. Check BORDA_API_URL (--api-url).`,
      );
    });

    it("stops quietly when drained before it could register", async () => {
      const server = await controlPlane();
      await server.stop();
      const worker = newWorker(server);
      const started = worker.start();
      await worker.drain();
      await started;
      expect(server.registrations).toEqual([]);
      expect(readFileSync(path.join(worker.config.workDir, "instance-id"), "utf8")).toMatch(/\w/);
    });
  });
});
