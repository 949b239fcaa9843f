import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
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

const countToTwenty = readFileSync(
  fileURLToPath(new URL("../../../examples/dags/count_to_twenty.ts", import.meta.url)),
  "utf8",
);

const countWithRetry = countToTwenty
  .replace('id: "count_to_twenty",', 'id: "count_with_retry",')
  .replace('queue: "worker-1" }', 'queue: "worker-1", retries: 1, retryDelay: 0 }');

const drainDags = `
import { dag } from "borda";
export const finishing = dag({ id: "finishing" }, ({ task }) => {
  task({ id: "two_seconds", queue: "drain" }, async (ctx) => {
    ctx.log("started");
    await new Promise((resolve) => setTimeout(resolve, 2000));
    ctx.log("finished");
    return "finished";
  });
});
export const stubborn = dag({ id: "stubborn" }, ({ bash }) => {
  bash({ id: "never_ends", queue: "drain", command: "sleep 1000 & echo child=$!; wait" });
});
`;

async function attemptsOf(cp: ControlPlane, dagId: string, runId: string) {
  const run = await cp.store.getDagRun(dagId, runId);
  return run ? cp.store.listAttempts({ dagRunId: run.id }) : [];
}

async function runState(cp: ControlPlane, dagId: string, runId: string) {
  return (await cp.store.getDagRun(dagId, runId))?.state;
}

describe("edge workers end to end", () => {
  const resources = new TestResources();
  afterEach(() => resources.cleanup());

  it("runs count-to-twenty on the worker serving worker-1 only, its log arriving while it runs", async () => {
    const cp = await startServer(resources, resources.dir(), {
      "count_to_twenty.ts": countToTwenty,
    });
    await cp.store.savePool({
      name: "worker-1",
      slots: 10,
      description: "Edge Pool",
      includeDeferred: false,
    });
    const edge = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["worker-1"]),
      name: "edge-worker-1",
      queues: "worker-1",
    });
    const other = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default"]),
      name: "default-worker",
      queues: "default",
    });
    await workersRegistered(cp, edge, other);

    const run = await cp.scheduler.triggerRun("count_to_twenty", {
      runId: "e2e",
      conf: { sleep_seconds: 0.1 },
    });
    // While the task runs, its log is already on the server.
    const partial = await eventually(async () => {
      const [attempt] = await attemptsOf(cp, "count_to_twenty", "e2e");
      if (!attempt) return null;
      const { data } = await cp.store.readLog(attempt.attemptId);
      return data.includes("Counting: 3") ? { data, attempt } : null;
    }, "the first log lines");
    expect(await runState(cp, "count_to_twenty", "e2e")).toBe("running");
    expect(partial.data).not.toContain("Counting: 20");

    await eventually(
      async () => (await runState(cp, "count_to_twenty", "e2e")) === "success",
      "the run to succeed",
    );
    const [attempt] = await attemptsOf(cp, "count_to_twenty", run.runId);
    expect(attempt?.workerName).toBe("edge-worker-1");
    const { data } = await cp.store.readLog(attempt?.attemptId ?? "");
    for (let i = 1; i <= 20; i++)
      expect(data.match(new RegExp(`Counting: ${i}\\n`, "g"))).toHaveLength(1);
    expect(data).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /m);
    const [xcom] = await cp.store.listXcoms({ dagRunId: run.id });
    expect(xcom?.value).toBe("done");
  });

  it("retries on the other worker after one is killed with -9, and refuses the dead attempt's report", async () => {
    const cp = await startServer(
      resources,
      resources.dir(),
      { "count_with_retry.ts": countWithRetry },
      {
        heartbeatIntervalMs: 1000,
        workerTimeoutMs: 3000,
      },
    );
    await cp.store.savePool({
      name: "worker-1",
      slots: 10,
      description: null,
      includeDeferred: false,
    });
    const token = await workerToken(cp, ["worker-1"]);
    const a = startWorker(resources, { url: cp.url, token, name: "edge-a", queues: "worker-1" });
    const b = startWorker(resources, { url: cp.url, token, name: "edge-b", queues: "worker-1" });
    await workersRegistered(cp, a, b);

    await cp.scheduler.triggerRun("count_with_retry", {
      runId: "kill",
      conf: { sleep_seconds: 0.2 },
    });
    // Started, and its worker's heartbeat said it holds it: from then on its loss costs a try.
    const first = await eventually(async () => {
      const [attempt] = await attemptsOf(cp, "count_with_retry", "kill");
      return attempt?.state === "running" && !attempt.startUnconfirmed ? attempt : null;
    }, "the first attempt to start");
    const victim = first.workerName === "edge-a" ? a : b;
    const survivor = victim === a ? b : a;
    process.kill(-(victim.child.pid ?? 0), "SIGKILL");

    await eventually(
      async () => (await runState(cp, "count_with_retry", "kill")) === "success",
      "the retry to succeed",
    );
    const attempts = await attemptsOf(cp, "count_with_retry", "kill");
    expect(attempts.map((x) => [x.tryNumber, x.workerName, x.state])).toEqual([
      [1, victim.name, "failed"],
      [2, survivor.name, "success"],
    ]);
    expect(attempts[0]?.error).toMatch(/stopped heartbeating/);
    const late = await fetch(
      `${cp.url}/edge/v1/workers/${victim.name}/attempts/${first.attemptId}/success`,
      {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ returnValue: "done" }),
      },
    );
    expect(late.status).toBe(409);
  });

  it("records a task's result and full log exactly once across a server restart", async () => {
    const home = resources.dir();
    let cp = await startServer(resources, home, { "count_to_twenty.ts": countToTwenty });
    await cp.store.savePool({
      name: "worker-1",
      slots: 10,
      description: null,
      includeDeferred: false,
    });
    const port = Number(new URL(cp.url).port);
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["worker-1"]),
      name: "edge-restart",
      queues: "worker-1",
    });
    await workersRegistered(cp, worker);
    await cp.scheduler.triggerRun("count_to_twenty", {
      runId: "restart",
      conf: { sleep_seconds: 0.15 },
    });
    await eventually(async () => {
      const [attempt] = await attemptsOf(cp, "count_to_twenty", "restart");
      return attempt && (await cp.store.readLog(attempt.attemptId)).data.includes("Counting: 4");
    }, "the task to be under way");

    await cp.stop();
    // Down for a while: the task goes on, its log spools on the worker.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    cp = await startServer(resources, home, { "count_to_twenty.ts": countToTwenty }, { port });

    await eventually(
      async () => (await runState(cp, "count_to_twenty", "restart")) === "success",
      "the run to succeed",
      90_000,
    );
    const attempts = await attemptsOf(cp, "count_to_twenty", "restart");
    expect(attempts.map((a) => a.state)).toEqual(["success"]);
    const { data } = await cp.store.readLog(attempts[0]?.attemptId ?? "");
    const counts = [...data.matchAll(/Counting: (\d+)\n/g)].map((m) => Number(m[1]));
    expect(counts).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const run = await cp.store.getDagRun("count_to_twenty", "restart");
    expect((await cp.store.listXcoms({ dagRunId: run?.id ?? -1 })).map((x) => x.value)).toEqual([
      "done",
    ]);
  });

  it("drains on SIGTERM: finishes a running task and exits 0", async () => {
    const cp = await startServer(resources, resources.dir(), { "drain.ts": drainDags });
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["drain"]),
      name: "edge-drain",
      queues: "drain",
      env: { BORDA_DRAIN_TIMEOUT: "60" },
    });
    await workersRegistered(cp, worker);
    await cp.scheduler.triggerRun("finishing", { runId: "drain" });
    await eventually(
      async () => (await attemptsOf(cp, "finishing", "drain"))[0]?.state === "running",
      "the task to start",
    );
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(await runState(cp, "finishing", "drain")).toBe("success");
    const workers = await cp.edge.listWorkers();
    expect(workers.find((w) => w.name === "edge-drain")?.state).toBe("offline");
  });

  it("kills a task that will not finish at the drain timeout, with its child processes", async () => {
    const cp = await startServer(resources, resources.dir(), { "drain.ts": drainDags });
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["drain"]),
      name: "edge-stubborn",
      queues: "drain",
      env: { BORDA_DRAIN_TIMEOUT: "1" },
    });
    await workersRegistered(cp, worker);
    await cp.scheduler.triggerRun("stubborn", { runId: "stubborn" });
    const childPid = await eventually(async () => {
      const [attempt] = await attemptsOf(cp, "stubborn", "stubborn");
      const log = attempt ? (await cp.store.readLog(attempt.attemptId)).data : "";
      return Number(log.match(/child=(\d+)/)?.[1] ?? 0);
    }, "the task's child process");
    expect(isAlive(childPid)).toBe(true);
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    await eventually(
      async () => !isAlive(childPid),
      `the task's child ${childPid} to be gone`,
      5000,
    );
    const [attempt] = await attemptsOf(cp, "stubborn", "stubborn");
    expect(attempt?.state).toBe("failed");
    expect(attempt?.error).toMatch(/drain/);
  });
});

/** Alive: the process exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}
