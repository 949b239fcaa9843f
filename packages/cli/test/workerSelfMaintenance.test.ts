import { chmodSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ApiEdgeWorker } from "@borda/protocol";
import type { ControlPlane } from "@borda/server";
import { expect, it } from "vitest";
import { describeEachBackend } from "../../server/test/support/backends.js";
import { startServerOn } from "./backendServer.js";
import { eventually, freePorts, startWorker, type WorkerProcess, workerToken } from "./support.js";

/**
 * A real `borda worker` that puts itself in maintenance while its health check fails
 * (docs/deploy-workers.md, "Self-maintenance"): the check is a script that fails while a
 * marker file exists. The worker takes no work meanwhile, shows why through the REST API,
 * and takes work again once the check passes; a maintenance an operator asked for is
 * never lifted by a passing check.
 */

const dags = `
import { dag } from "borda";
export const waiting = dag({ id: "waiting" }, ({ task }) => {
  task({ id: "runs_later" }, () => "ran");
});
`;

const admin = { user: "admin", password: "pw" };

describeEachBackend("a worker's self-maintenance", (backend) => {
  async function setUp(unhealthyAtStart: boolean) {
    const { cp, resources } = await startServerOn(
      backend,
      { "waiting.ts": dags },
      {
        adminUser: admin.user,
        adminPassword: admin.password,
        // Heartbeats every second: the test waits for two to pass while work is queued.
        heartbeatIntervalMs: 1000,
      },
    );
    const site = resources.dir("borda-self-check-");
    const marker = path.join(site, "degraded");
    const check = path.join(site, "check.sh");
    writeFileSync(
      check,
      `#!/bin/sh\nif [ -e '${marker}' ]; then echo "checking the array"; echo "disk array degraded"; exit 1; fi\n`,
    );
    chmodSync(check, 0o755);
    if (unhealthyAtStart) writeFileSync(marker, "");
    const [port] = await freePorts(1);
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default"]),
      name: "self-checking",
      queues: "default",
      args: [
        "--health-check",
        check,
        "--health-check-interval",
        "0.2",
        "--health-port",
        String(port),
      ],
    });
    const api = async (method: "GET" | "POST", route: string, body?: unknown) => {
      const response = await fetch(`${cp.url}/api/v1${route}`, {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${admin.user}:${admin.password}`).toString("base64")}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      expect(response.status, await response.clone().text()).toBe(200);
      return (await response.json()) as ApiEdgeWorker;
    };
    const shown = () => api("GET", "/edge/workers/self-checking");
    /** Waits until the API shows the worker as `expected` says. */
    const showsAs = (expected: (w: ApiEdgeWorker) => boolean, what: string) =>
      eventually(
        async () => {
          const w = await shown().catch(() => null);
          return w && expected(w) ? w : null;
        },
        () => `the worker to show ${what}\n${worker.output()}`,
      );
    const metrics = async () => (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return { cp, worker, marker, api, shown, showsAs, metrics };
  }

  it("enters maintenance while its health check fails, takes no work meanwhile, and leaves it once the check passes", async () => {
    const { cp, worker, marker, showsAs, metrics } = await setUp(true);
    const inMaintenance = await showsAs(
      (w) => w.state === "maintenance_mode",
      "in maintenance, by itself",
    );
    expect(inMaintenance).toMatchObject({
      self_maintenance_reason: "health check failed: disk array degraded",
      maintenance_comment: null,
    });
    expect(await metrics()).toContain('borda_worker_maintenance{reason="health_check"} 1\n');

    await cp.scheduler.triggerRun("waiting", { runId: "r1" });
    await heartbeatsPass(cp, worker, 2);
    const [waiting] = await attemptsOf(cp, "r1");
    expect(waiting).toMatchObject({ state: "queued", workerName: null });

    rmSync(marker);
    await eventually(
      async () => (await cp.store.getDagRun("waiting", "r1"))?.state === "success",
      () => `the run to succeed once the worker is healthy\n${worker.output()}`,
    );
    const [ran] = await attemptsOf(cp, "r1");
    expect(ran?.workerName).toBe("self-checking");
    await showsAs(
      (w) => (w.state === "idle" || w.state === "running") && w.self_maintenance_reason === null,
      "out of maintenance, with no reason",
    );
    expect(await metrics()).toContain('borda_worker_maintenance{reason="health_check"} 0\n');
  });

  it("never lifts the maintenance an operator asked for when its health check passes again", async () => {
    const { cp, worker, marker, api, shown, showsAs } = await setUp(false);
    await showsAs((w) => w.state === "idle", "idle");
    await api("POST", "/edge/workers/self-checking/maintenance", {
      on: true,
      comment: "rack move",
    });
    await showsAs((w) => w.state === "maintenance_mode", "in the operator's maintenance");

    writeFileSync(marker, "");
    await showsAs(
      (w) => w.self_maintenance_reason === "health check failed: disk array degraded",
      "its own reason too",
    );
    rmSync(marker);
    const healthy = await showsAs(
      (w) => w.self_maintenance_reason === null,
      "healthy again, with no reason",
    );
    expect(healthy).toMatchObject({ state: "maintenance_mode", maintenance_comment: "rack move" });

    await cp.scheduler.triggerRun("waiting", { runId: "r2" });
    await heartbeatsPass(cp, worker, 2);
    expect((await shown()).state).toBe("maintenance_mode");
    const [waiting] = await attemptsOf(cp, "r2");
    expect(waiting).toMatchObject({ state: "queued", workerName: null });

    await api("POST", "/edge/workers/self-checking/maintenance", { on: false });
    await eventually(
      async () => (await cp.store.getDagRun("waiting", "r2"))?.state === "success",
      () => `the run to succeed once the operator lifts the maintenance\n${worker.output()}`,
    );
  });
});

async function attemptsOf(cp: ControlPlane, runId: string) {
  const run = await cp.store.getDagRun("waiting", runId);
  return run ? cp.store.listAttempts({ dagRunId: run.id }) : [];
}

/** Waits for `count` more heartbeats of the worker: time in which it could have taken work. */
async function heartbeatsPass(cp: ControlPlane, worker: WorkerProcess, count: number) {
  const seen = new Set<number>();
  const first = (await cp.edge.listWorkers()).find((w) => w.name === worker.name);
  const start = first?.lastHeartbeat.getTime() ?? 0;
  await eventually(
    async () => {
      const w = (await cp.edge.listWorkers()).find((x) => x.name === worker.name);
      const at = w?.lastHeartbeat.getTime() ?? 0;
      if (at > start) seen.add(at);
      return seen.size >= count;
    },
    () => `${count} heartbeats of ${worker.name}\n${worker.output()}`,
  );
}
