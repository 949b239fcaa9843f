import http from "node:http";
import type { HeartbeatRequest, WorkerDirectives } from "@borda/protocol";
import { describe, expect, it } from "vitest";
import { clientOf } from "./support/loopbackClient.js";

/** What the control plane answers every heartbeat: serve on, with one attempt to give up. */
const directives: WorkerDirectives = {
  cancelAttemptIds: ["a0"],
  concurrency: 25,
  queues: ["fan"],
  shutdown: false,
  maintenance: false,
  maintenanceComment: null,
};

const heartbeat: HeartbeatRequest = {
  instanceId: "instance-1",
  state: "running",
  runningAttemptIds: ["a1", "a2", "a3"],
  freeSlots: 1,
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

describe("edge client connections", () => {
  it("keeps the heartbeat's connection for heartbeats: one gets through while reports hold every other connection and no new one is accepted", async ({
    onTestFinished,
  }) => {
    // Reports are held unanswered, as a busy control plane holds them; heartbeats are answered.
    const held: http.ServerResponse[] = [];
    let reportsArrived = 0;
    let allHeld = () => {};
    const reportsHeld = new Promise<void>((resolve) => {
      allHeld = resolve;
    });
    const server = http.createServer((request, response) => {
      request.resume();
      request.on("end", () => {
        if (request.url?.endsWith("/heartbeat")) {
          response.writeHead(200, { "content-type": "application/json" });
          response.end(JSON.stringify(directives));
          return;
        }
        held.push(response);
        reportsArrived += 1;
        if (reportsArrived === 3) allHeld();
      });
    });
    const client = await clientOf(server, onTestFinished);

    expect(await client.heartbeat(heartbeat)).toEqual(directives);
    const reports = ["a1", "a2", "a3"].map((attemptId) =>
      client.reportSuccess(attemptId, { returnValue: null }),
    );
    await reportsHeld;
    // A control plane too busy to take new connections: every one after these is dropped.
    // (Node accepts one connection per turn of its event loop, so under load a new one
    // waits behind every other worker's; dropping them makes that wait certain.)
    await new Promise<void>((resolve, reject) =>
      server.getConnections((error, count) => {
        if (error) reject(error);
        server.maxConnections = count;
        resolve();
      }),
    );

    // The heartbeat still arrives, on the connection kept for heartbeats.
    expect(await client.heartbeat(heartbeat)).toEqual(directives);

    for (const response of held) {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ attemptId: "a", state: "success" }));
    }
    expect(await Promise.all(reports)).toHaveLength(3);
  });
});
