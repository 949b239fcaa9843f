import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { edgeProtocolVersion } from "@borda/protocol";
import type { ControlPlane } from "@borda/server";
import { afterEach, describe, expect, it } from "vitest";
import {
  eventually,
  startServer,
  startWorker,
  TestResources,
  type WorkerProcess,
  workerToken,
} from "./support.js";
import { TcpProxy } from "./tcpProxy.js";

/**
 * A fetch claims a job for a worker, and the answer never reaches it: the worker hung up
 * while the job was being queued, or the link lost the answer on its way back. The
 * worker does not know it holds the job, so it will never start it. The job goes back to
 * its queue without using a try — at once when the control plane sees the connection
 * close, else when the claim's lease runs out — and runs exactly once, on try 1, when a
 * real worker fetches it.
 *
 * The worker that loses its answer is played by the test over plain HTTP: it registers
 * as a worker would, sends one fetch long-poll, and falls silent.
 */

const queue = "undelivered";

function onceDag(marker: string): string {
  return `
import { dag } from "borda";
export default dag({ id: "once" }, ({ bash }) => {
  bash({ id: "count_runs", queue: "${queue}", command: "echo ran >> ${marker}; echo ran" });
});
`;
}

/** Registers `name` as a worker serving the queue, over the edge API. */
async function registerWorker(url: string, token: string, name: string, instanceId: string) {
  const response = await fetch(`${url}/edge/v1/workers/${name}/register`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({
      instanceId,
      queues: [queue],
      concurrency: 1,
      version: "0.0.0-test",
      protocolVersion: edgeProtocolVersion,
      sysinfo: {
        platform: "linux",
        arch: "x64",
        cpus: 1,
        loadAverage: [0, 0, 0],
        memoryTotalBytes: 1,
        memoryFreeBytes: 1,
        diskFreeBytes: null,
        nodeVersion: process.version,
      },
    }),
  });
  expect(response.status).toBe(200);
}

/** Sends one fetch long-poll over a connection of its own; the caller may destroy it. */
function sendFetch(url: string, token: string, name: string, instanceId: string) {
  const body = JSON.stringify({ instanceId, freeSlots: 1, waitMs: 60_000 });
  const request = http.request(`${url}/edge/v1/workers/${name}/fetch`, {
    method: "POST",
    agent: false,
    headers: {
      authorization: `Bearer ${token}`,
      "content-type": "application/json",
      "content-length": Buffer.byteLength(body),
    },
  });
  const answered = new Promise<string>((resolve) => {
    request.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve(text));
      response.on("error", () => resolve("(the answer was cut off)"));
    });
    request.on("error", (error) => resolve(`(no answer: ${error.message})`));
  });
  request.end(body);
  return { request, answered };
}

async function attemptsOf(cp: ControlPlane, runId: string) {
  const run = await cp.store.getDagRun("once", runId);
  return run ? cp.store.listAttempts({ dagRunId: run.id }) : [];
}

describe("a job claimed for a fetch whose answer never reached the worker", () => {
  const resources = new TestResources();
  afterEach(() => resources.cleanup());

  /** A control plane with a short worker timeout, so a silent worker's claims lapse soon. */
  async function setUp() {
    const marker = path.join(resources.dir("borda-undelivered-marker-"), "runs");
    const cp = await startServer(
      resources,
      resources.dir(),
      { "once.ts": onceDag(marker) },
      { heartbeatIntervalMs: 1000, workerTimeoutMs: 3000 },
    );
    const token = await workerToken(cp, [queue]);
    await registerWorker(cp.url, token, "lost-answer", "lost-answer-instance");
    return { cp, token, marker };
  }

  /** A real worker fetches the job; the run ends, and the task has run this many times. */
  async function runByRealWorker(cp: ControlPlane, token: string, marker: string, runId: string) {
    const worker: WorkerProcess = startWorker(resources, {
      url: cp.url,
      token,
      name: "real-worker",
      queues: queue,
    });
    await eventually(
      async () => {
        const state = (await cp.store.getDagRun("once", runId))?.state;
        return state === "success" || state === "failed";
      },
      () => `the run to end (${worker.output()})`,
    );
    const attempts = await attemptsOf(cp, runId);
    const successes = attempts.filter((a) => a.state === "success");
    expect(successes.map((a) => [a.tryNumber, a.workerName])).toEqual([[1, "real-worker"]]);
    expect(attempts.every((a) => a.tryNumber === 1)).toBe(true);
    expect((await cp.store.getDagRun("once", runId))?.state).toBe("success");
    expect(readFileSync(marker, "utf8")).toBe("ran\n");
  }

  it("when the worker hangs up as its job is queued: the job runs once, on try 1, on the next worker that fetches", async () => {
    const { cp, token, marker } = await setUp();
    const fetchCall = sendFetch(cp.url, token, "lost-answer", "lost-answer-instance");
    await eventually(async () => cp.scheduler.notifier.waiting > 0, "the fetch to wait for work");

    await cp.scheduler.triggerRun("once", { runId: "hang-up" });
    fetchCall.request.destroy();
    // Whatever the control plane managed to send is lost with the connection.
    await fetchCall.answered;

    await runByRealWorker(cp, token, marker, "hang-up");
  });

  it("when the link loses the answer after the control plane sent it: the job runs once, on try 1, on the next worker that fetches", async () => {
    const { cp, token, marker } = await setUp();
    const port = Number(new URL(cp.url).port);
    const lossyLink = await TcpProxy.start([{ host: "127.0.0.1", port }], { answers: "drop" });
    try {
      const fetchCall = sendFetch(lossyLink.url, token, "lost-answer", "lost-answer-instance");
      await eventually(async () => cp.scheduler.notifier.waiting > 0, "the fetch to wait for work");
      await cp.scheduler.triggerRun("once", { runId: "lost" });
      // The control plane claimed the job, recorded its start (protocol 1.5) and answered;
      // the answer went nowhere, so no heartbeat of the worker will ever confirm it.
      await eventually(async () => lossyLink.droppedAnswers === 1, "the answer to be lost");
      expect(await fetchCall.answered).toMatch(/^\(no answer/);
      const [claimed] = await attemptsOf(cp, "lost");
      expect(claimed).toMatchObject({
        state: "running",
        startUnconfirmed: true,
        workerName: "lost-answer",
        tryNumber: 1,
      });
    } finally {
      await lossyLink.close();
    }

    await runByRealWorker(cp, token, marker, "lost");
  });
});
