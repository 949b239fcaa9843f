import http from "node:http";
import type { HeartbeatRequest, WorkerDirectives } from "@borda/protocol";
import { describe, expect, it } from "vitest";
import type { EdgeClient } from "../src/client/edgeClient.js";
import { clientOf } from "./support/loopbackClient.js";

const directives: WorkerDirectives = {
  cancelAttemptIds: [],
  concurrency: 4,
  queues: ["default"],
  shutdown: false,
  maintenance: false,
  maintenanceComment: null,
};

const heartbeat: HeartbeatRequest = {
  instanceId: "instance-1",
  state: "idle",
  runningAttemptIds: [],
  freeSlots: 4,
  sysinfo: {
    platform: "linux",
    arch: "x64",
    cpus: 2,
    loadAverage: [0, 0, 0],
    memoryTotalBytes: 1,
    memoryFreeBytes: 1,
    diskFreeBytes: null,
    nodeVersion: "v20.0.0",
  },
};

/** A control plane on loopback that answers every call with `status` and `body`. */
async function answering(
  status: number,
  body: unknown,
  finished: (cleanup: () => Promise<void>) => void,
): Promise<EdgeClient> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(typeof body === "string" ? body : JSON.stringify(body));
    });
  });
  return clientOf(server, finished);
}

describe("edge client answers", () => {
  it("takes a newer control plane's answer, dropping the fields it does not know", async ({
    onTestFinished,
  }) => {
    const client = await answering(200, { ...directives, drainBy: "tomorrow" }, onTestFinished);
    expect(await client.heartbeat(heartbeat)).toEqual(directives);
  });

  it("refuses an answer missing a field, naming the field", async ({ onTestFinished }) => {
    const { shutdown: _, ...withoutShutdown } = directives;
    const client = await answering(200, withoutShutdown, onTestFinished);
    const refused = client.heartbeat(heartbeat);
    await expect(refused).rejects.toMatchObject({
      name: "EdgeCallError",
      status: 200,
      code: "invalid_response",
    });
    await expect(refused).rejects.toThrow(
      "POST /edge/v1/workers/w1/heartbeat answered 200 with an unexpected body (shutdown must be true or false; got nothing)",
    );
  });

  it("reads a problem answer's code and detail", async ({ onTestFinished }) => {
    const problem = {
      status: 409,
      title: "Conflict",
      detail: "attempt a1 is no longer current",
      type: "about:blank",
      code: "stale_attempt",
      details: { attemptId: "a1" },
    };
    const client = await answering(409, problem, onTestFinished);
    await expect(client.startAttempt("a1")).rejects.toMatchObject({
      status: 409,
      code: "stale_attempt",
      detail: "attempt a1 is no longer current",
      details: { attemptId: "a1" },
    });
  });

  it("calls an error answer without a problem body an HTTP error", async ({ onTestFinished }) => {
    const client = await answering(502, "<html>Bad gateway</html>", onTestFinished);
    await expect(client.startAttempt("a1")).rejects.toMatchObject({
      status: 502,
      code: "http_error",
    });
  });
});
