import { expect, it } from "vitest";
import { tokenTrustMs } from "../src/auth/workerTokens.js";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend, describePostgres } from "./support/backends.js";
import {
  edgeClient,
  newWorkerToken,
  startTestControlPlane,
  testSysInfo,
} from "./support/controlPlane.js";
import { ManualClock } from "./support/harness.js";

const edgeDag = `
import { dag } from "borda";
export default dag({ id: "edge_dag", schedule: null }, ({ task }) => {
  const first = task({ id: "first", queue: "team_a_etl", retries: 1, retryDelay: 0 }, () => 1);
  task({ id: "second", queue: "team_a_etl", inputs: { n: first } }, (ctx) => ctx.inputs.n + 1);
});
`;

describeEachBackend("worker API", (backend) => {
  it("answers health without a token, and refuses every other call without a valid one", async () => {
    const cp = await startTestControlPlane(backend);
    const anonymous = edgeClient(cp, null);
    const health = await anonymous.call("GET", "/health");
    expect(health).toMatchObject({ status: 200, body: { status: "ok" } });
    const missing = await anonymous.register(["default"]);
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({
      status: 401,
      code: "unauthenticated",
      title: "Unauthorized",
    });
    expect((await edgeClient(cp, "bwt_0000000000000000_nope").register(["default"])).status).toBe(
      401,
    );
    const { token } = await newWorkerToken(cp, ["default"]);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await edgeClient(cp, forged).register(["default"])).status).toBe(401);
    expect((await edgeClient(cp, null).call("GET", `/bundles/${"a".repeat(64)}`)).status).toBe(401);
  });

  it("scopes tokens to queue patterns: out of scope is 403, in scope works", async () => {
    const cp = await startTestControlPlane(backend);
    const { token } = await newWorkerToken(cp, ["team_a_*"], "team-a");
    const worker = edgeClient(cp, token);
    const outside = await worker.register(["team_b_etl"]);
    expect(outside.status).toBe(403);
    expect(outside.body.detail).toMatch(/may serve queues matching team_a_\*; not team_b_etl/);
    expect((await worker.register(["*"])).status).toBe(403);
    const inside = await worker.register(["team_a_etl", "team_a_*"]);
    expect(inside.status).toBe(200);
    expect(inside.body.directives.queues).toEqual(["team_a_etl", "team_a_*"]);
  });

  it("refuses a token revoked on this control plane at once, though it trusts tokens it verified", async () => {
    // The clock never moves: no trust lapses by time, so only the revocation can refuse.
    const cp = await startApiWithUsers(backend, { clock: new ManualClock() });
    const { token, id } = await newWorkerToken(cp, ["*"]);
    const other = await newWorkerToken(cp, ["*"], "other-token");
    const worker = edgeClient(cp, token);
    const bystander = edgeClient(cp, other.token, "w2");
    expect((await worker.register(["default"])).status).toBe(200);
    expect((await bystander.register(["default"])).status).toBe(200);
    expect((await worker.heartbeat()).status).toBe(200);
    const waiting = worker.fetchJobs(20_000);
    await waitUntil(() => cp.scheduler.notifier.waiting === 1);
    expect((await as(cp, "admin")("DELETE", `/edge/tokens/${id}`)).status).toBe(204);
    expect((await waiting).status).toBe(401);
    expect((await worker.heartbeat()).status).toBe(401);
    expect((await worker.fetchJobs(0)).status).toBe(401);
    expect((await bystander.heartbeat()).status).toBe(200);
    // A forged secret for a trusted token's id is refused as before.
    expect((await edgeClient(cp, `${other.token.slice(0, -4)}AAAA`, "w2").heartbeat()).status).toBe(
      401,
    );
  });

  it("refuses a second live worker with the same name, but lets the same instance come back", async () => {
    const cp = await startTestControlPlane(backend);
    const { token } = await newWorkerToken(cp, ["*"]);
    const first = edgeClient(cp, token, "edge-1");
    expect((await first.register(["default"])).status).toBe(200);
    const impostor = await first.register(["default"], { instanceId: "another-instance" });
    expect(impostor.status).toBe(409);
    expect(impostor.body.detail).toMatch(/already online.*--hostname/);
    expect((await first.register(["default"])).status).toBe(200);
  });

  it("answers heartbeats that arrive together each on its own: written together, refused alone", async () => {
    const cp = await startTestControlPlane(backend);
    const { token } = await newWorkerToken(cp, ["*"]);
    const fleet = Array.from({ length: 30 }, (_, i) => edgeClient(cp, token, `fleet-${i}`));
    for (const worker of fleet) expect((await worker.register(["default"])).status).toBe(200);
    await cp.edge.changeWorker("fleet-1", { kind: "maintenance", on: true });
    const never = edgeClient(cp, token, "never");
    const answers = await Promise.all([
      // Another instance under fleet-0's name, then the workers, then one never registered.
      fleet[0]?.call("POST", "/workers/fleet-0/heartbeat", {
        instanceId: "another-instance",
        state: "idle",
        runningAttemptIds: [],
        freeSlots: 4,
        sysinfo: testSysInfo,
      }),
      ...fleet.map((worker) => worker.heartbeat([], "running")),
      never.heartbeat(),
    ]);
    expect(answers[0]?.status).toBe(409);
    expect(answers[2]?.body.maintenance).toBe(true);
    const others = [answers[1], ...answers.slice(3, -1)];
    expect(others.every((a) => a?.status === 200 && a.body.maintenance === false)).toBe(true);
    expect(answers.at(-1)?.status).toBe(404);
    const workers = await cp.edge.listWorkers();
    expect(workers.filter((w) => w.reportedState === "running")).toHaveLength(30);
  });

  it("hands queued work to a waiting long-poll at once, and runs a task to success with its logs", async () => {
    const cp = await startTestControlPlane(backend, { dags: { "edge_dag.ts": edgeDag } });
    const { token } = await newWorkerToken(cp, ["team_a_*"]);
    const worker = edgeClient(cp, token);
    await worker.register(["team_a_*"]);
    // Nothing queued yet: the fetch waits (up to 20 s) and answers as soon as the run is triggered.
    const waiting = worker.fetchJobs(20_000);
    await waitUntil(() => cp.scheduler.notifier.waiting === 1);
    const run = await cp.scheduler.triggerRun("edge_dag");
    const fetched = await waiting;
    expect(fetched.status).toBe(200);
    const [job] = fetched.body.jobs;
    expect(job).toMatchObject({
      taskId: "first",
      tryNumber: 1,
      kind: "function",
      queue: "team_a_etl",
    });
    expect(job.bundleHash).toMatch(/^[a-f0-9]{64}$/);

    const bundle = await worker.call("GET", `/bundles/${job.bundleHash}`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("cache-control")).toContain("immutable");
    expect(bundle.body).toContain("edge_dag");

    expect((await worker.report(job.attemptId, "start")).body).toEqual({
      attemptId: job.attemptId,
      state: "running",
    });
    // A start resent after a lost answer is acknowledged again.
    expect((await worker.report(job.attemptId, "start")).status).toBe(200);
    expect((await worker.log(job.attemptId, 0, "line one\n")).body).toEqual({ nextOffset: 9 });
    // Resending the same chunk changes nothing; a gap is refused with the offset expected.
    expect((await worker.log(job.attemptId, 0, "line one\n")).body).toEqual({ nextOffset: 9 });
    const gap = await worker.log(job.attemptId, 20, "lost?\n");
    expect(gap.status).toBe(409);
    expect(gap.body.details).toEqual({ expectedOffset: 9 });
    expect((await worker.log(job.attemptId, 9, "línea dos\n")).body).toEqual({ nextOffset: 20 });
    expect((await worker.report(job.attemptId, "success", { returnValue: 1 })).status).toBe(200);
    expect(await cp.store.readLog(job.attemptId)).toEqual({
      data: "line one\nlínea dos\n",
      nextOffset: 20,
    });

    // The downstream task was queued in the same step, with its input resolved.
    const next = await worker.fetchJobs(0);
    expect(next.body.jobs[0]).toMatchObject({
      taskId: "second",
      context: { inputs: { n: 1 }, upstream: { first: 1 } },
    });
    await worker.report(next.body.jobs[0].attemptId, "start");
    await worker.report(next.body.jobs[0].attemptId, "success", { returnValue: 2 });
    expect((await cp.store.getDagRunById(run.id))?.state).toBe("success");
  });

  it("lets a follower read a log live as chunks arrive, ending when the attempt is over", async () => {
    const cp = await startTestControlPlane(backend, { dags: { "edge_dag.ts": edgeDag } });
    const { token } = await newWorkerToken(cp, ["team_a_*"]);
    const worker = edgeClient(cp, token);
    await worker.register(["team_a_etl"]);
    await cp.scheduler.triggerRun("edge_dag");
    const [job] = (await worker.fetchJobs(0)).body.jobs;
    await worker.report(job.attemptId, "start");
    await worker.log(job.attemptId, 0, "one\n");
    const pieces: string[] = [];
    const following = (async () => {
      for await (const piece of cp.edge.logs.follow(
        job.attemptId,
        0,
        new AbortController().signal,
      )) {
        pieces.push(piece.data);
      }
    })();
    await waitUntil(() => pieces.length === 1);
    await worker.log(job.attemptId, 4, "two\n");
    await waitUntil(() => pieces.length === 2);
    await worker.report(job.attemptId, "success", { returnValue: 1 });
    await following;
    expect(pieces).toEqual(["one\n", "two\n"]);
  });

  it("stores task output holding NUL characters on every backend, keeping log offsets exact", async () => {
    const cp = await startTestControlPlane(backend, { dags: { "edge_dag.ts": edgeDag } });
    const { token } = await newWorkerToken(cp, ["team_a_*"]);
    const worker = edgeClient(cp, token);
    await worker.register(["team_a_etl"]);
    await cp.scheduler.triggerRun("edge_dag");
    const [job] = (await worker.fetchJobs(0)).body.jobs;
    await worker.report(job.attemptId, "start");
    expect((await worker.log(job.attemptId, 0, "a\u0000b\n")).body).toEqual({ nextOffset: 4 });
    expect((await worker.log(job.attemptId, 4, "c\n")).body).toEqual({ nextOffset: 6 });
    expect((await cp.store.readLog(job.attemptId)).data).toBe("a?b\nc\n");
    expect(
      (await worker.report(job.attemptId, "failure", { error: "core\u0000dump" })).status,
    ).toBe(200);
    expect((await cp.store.getAttempt(job.attemptId))?.error).toBe("core?dump");
  });

  it("refuses a report about an attempt that is not current, or not the worker's", async () => {
    const cp = await startTestControlPlane(backend, { dags: { "edge_dag.ts": edgeDag } });
    const { token } = await newWorkerToken(cp, ["team_a_*"]);
    const mine = edgeClient(cp, token, "mine");
    const other = edgeClient(cp, token, "other");
    await mine.register(["team_a_etl"]);
    await other.register(["team_a_etl"]);
    await cp.scheduler.triggerRun("edge_dag");
    const [job] = (await mine.fetchJobs(0)).body.jobs;
    const stolen = await other.report(job.attemptId, "start");
    expect(stolen.status).toBe(409);
    expect(stolen.body.code).toBe("stale_attempt");
    await mine.report(job.attemptId, "start");
    await mine.report(job.attemptId, "failure", { error: "boom", exitCode: 2 });
    const late = await mine.report(job.attemptId, "success", { returnValue: 1 });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/is failed \(boom\)/);
    // The retry is a new attempt, try 2.
    const [retry] = (await mine.fetchJobs(0)).body.jobs;
    expect(retry).toMatchObject({ taskId: "first", tryNumber: 2 });
  });

  it("keeps leases alive through heartbeats and tells the worker which attempts to cancel", async () => {
    const clock = new ManualClock();
    const cp = await startTestControlPlane(backend, { dags: { "edge_dag.ts": edgeDag }, clock });
    const { token } = await newWorkerToken(cp, ["team_a_*"]);
    const worker = edgeClient(cp, token);
    await worker.register(["team_a_etl"]);
    const run = await cp.scheduler.triggerRun("edge_dag");
    const [job] = (await worker.fetchJobs(0)).body.jobs;
    await worker.report(job.attemptId, "start");
    const before = (await cp.store.getAttempt(job.attemptId))?.leaseExpiresAt?.getTime() ?? 0;
    clock.advance(1_000);
    const beat = await worker.heartbeat([job.attemptId], "running");
    expect(beat.body.cancelAttemptIds).toEqual([]);
    expect((await cp.store.getAttempt(job.attemptId))?.leaseExpiresAt?.getTime()).toBeGreaterThan(
      before,
    );
    await cp.scheduler.changes.clearTaskInstances("edge_dag", run.runId, ["first"]);
    expect((await worker.heartbeat([job.attemptId], "running")).body.cancelAttemptIds).toEqual([
      job.attemptId,
    ]);
  });

  it("delivers an admin's maintenance request to an open long-poll at once, and remembers it", async () => {
    const cp = await startTestControlPlane(backend);
    const { token } = await newWorkerToken(cp, ["*"]);
    const worker = edgeClient(cp, token, "edge-2");
    await worker.register(["default"]);
    const waiting = worker.fetchJobs(20_000);
    await waitUntil(() => cp.scheduler.notifier.waiting === 1);
    await cp.edge.changeWorker("edge-2", { kind: "maintenance", on: true, comment: "disk swap" });
    const answer = await waiting;
    expect(answer.body).toMatchObject({
      jobs: [],
      directives: { maintenance: true, maintenanceComment: "disk swap" },
    });
    const [listed] = await cp.edge.listWorkers();
    expect(listed).toMatchObject({ name: "edge-2", state: "maintenance_request" });
    await worker.heartbeat([], "maintenance_mode");
    expect((await cp.edge.listWorkers())[0]?.state).toBe("maintenance_mode");
    // A restart keeps the request: the worker comes back into maintenance.
    expect((await worker.register(["default"])).body.directives.maintenance).toBe(true);
    await worker.heartbeat([], "maintenance_mode");
    await cp.edge.changeWorker("edge-2", { kind: "maintenance", on: false });
    expect((await cp.edge.listWorkers())[0]?.state).toBe("maintenance_exit");
  });

  it("shows a maintenance the worker entered by itself with its reason, and never asks it to leave", async () => {
    const cp = await startTestControlPlane(backend);
    const { token } = await newWorkerToken(cp, ["*"]);
    const worker = edgeClient(cp, token, "edge-3");
    await worker.register(["default"]);
    const reason = "health check failed: disk array degraded";
    const answer = await worker.heartbeat([], "maintenance_mode", { selfMaintenance: reason });
    // Not the control plane's request: the worker alone lifts it.
    expect(answer.body).toMatchObject({ maintenance: false, maintenanceComment: null });
    expect((await cp.edge.listWorkers())[0]).toMatchObject({
      state: "maintenance_mode",
      selfMaintenance: reason,
      maintenanceRequested: false,
    });
    await worker.heartbeat([], "idle", { selfMaintenance: null });
    expect((await cp.edge.listWorkers())[0]).toMatchObject({
      state: "idle",
      selfMaintenance: null,
    });
    // A 1.3 worker says no reason: a maintenance nobody asked for is one it is leaving.
    await worker.heartbeat([], "maintenance_mode");
    expect((await cp.edge.listWorkers())[0]).toMatchObject({
      state: "maintenance_exit",
      selfMaintenance: null,
    });
  });

  it("ends an open long-poll with 401 when its token is revoked", async () => {
    const cp = await startTestControlPlane(backend);
    const { token, id } = await newWorkerToken(cp, ["*"]);
    const worker = edgeClient(cp, token);
    await worker.register(["default"]);
    const waiting = worker.fetchJobs(20_000);
    await waitUntil(() => cp.scheduler.notifier.waiting === 1);
    // Revoked straight in the database, as another replica would: the check of trusted
    // tokens finds it and ends the poll.
    await cp.store.revokeWorkerToken(id, new Date());
    expect((await waiting).status).toBe(401);
  });

  it("applies queue and concurrency changes within the token's scope", async () => {
    const cp = await startTestControlPlane(backend);
    const { token } = await newWorkerToken(cp, ["team_a_*"]);
    const worker = edgeClient(cp, token, "edge-3");
    await worker.register(["team_a_etl"]);
    await cp.edge.changeWorker("edge-3", { kind: "addQueue", queue: "team_a_ml" });
    await cp.edge.changeWorker("edge-3", { kind: "concurrency", concurrency: 2 });
    await expect(
      cp.edge.changeWorker("edge-3", { kind: "addQueue", queue: "team_b_x" }),
    ).rejects.toMatchObject({
      code: "forbidden",
    });
    const directives = (await worker.heartbeat()).body;
    expect(directives).toMatchObject({ queues: ["team_a_etl", "team_a_ml"], concurrency: 2 });
    await cp.edge.changeWorker("edge-3", { kind: "removeQueue", queue: "team_a_etl" });
    expect((await worker.heartbeat()).body.queues).toEqual(["team_a_ml"]);
    await expect(
      cp.edge.changeWorker("edge-3", { kind: "removeQueue", queue: "team_a_ml" }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("fails an attempt whose return value is over the limit, with a message saying what to do", async () => {
    const cp = await startTestControlPlane(backend, {
      dags: { "edge_dag.ts": edgeDag },
      config: { maxReturnValueBytes: 1024 },
    });
    const { token } = await newWorkerToken(cp, ["team_a_*"]);
    const worker = edgeClient(cp, token);
    await worker.register(["team_a_etl"]);
    await cp.scheduler.triggerRun("edge_dag");
    const [job] = (await worker.fetchJobs(0)).body.jobs;
    await worker.report(job.attemptId, "start");
    const tooBig = await worker.report(job.attemptId, "success", { returnValue: "x".repeat(5000) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.detail).toMatch(
      /return value is 5 KiB; the limit is 1 KiB. Return a reference/,
    );
    expect((await cp.store.getAttempt(job.attemptId))?.state).toBe("failed");
  });

  it("answers malformed requests with 400 naming the field, never 500", async () => {
    const cp = await startTestControlPlane(backend);
    const { token } = await newWorkerToken(cp, ["*"]);
    const worker = edgeClient(cp, token);
    const bad = await worker.call("POST", "/workers/w1/register", {
      queues: "default",
      concurrency: -1,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("invalid_input");
    expect(bad.body.detail).toMatch(/body\.queues/);
    expect(bad.body.detail).toMatch(/body\.concurrency/);
    const badName = await worker.call("POST", "/workers/bad name!/heartbeat", {});
    expect(badName.status).toBe(400);
    const notJson = await fetch(`${cp.url}/edge/v1/workers/w1/fetch`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { code: string }).code).toBe("invalid_input");
    expect((await worker.call("GET", "/nowhere")).status).toBe(404);
    const oldWorker = await worker.register(["default"], { protocolVersion: "0.9" });
    expect(oldWorker.status).toBe(426);
    expect(oldWorker.body.code).toBe("unsupported_version");
  });
});

describePostgres("worker API across replicas", (backend) => {
  it("wakes a worker long-polling one replica when another replica queues its work", async () => {
    const replicaA = await startTestControlPlane(backend, { dags: { "edge_dag.ts": edgeDag } });
    const replicaB = await startTestControlPlane(backend, { replicaOf: replicaA });
    const { token } = await newWorkerToken(replicaA, ["team_a_*"]);
    const worker = edgeClient(replicaB, token);
    expect((await worker.register(["team_a_etl"])).status).toBe(200);
    const waiting = worker.fetchJobs(20_000);
    await waitUntil(() => replicaB.scheduler.notifier.waiting === 1);
    await replicaA.scheduler.triggerRun("edge_dag");
    const fetched = await waiting;
    expect(fetched.body.jobs.map((j: { taskId: string }) => j.taskId)).toEqual(["first"]);
  });

  it("refuses a token revoked on another replica once its trust lapses on this one's clock", async () => {
    const replicaA = await startApiWithUsers(backend);
    const clock = new ManualClock();
    const replicaB = await startTestControlPlane(backend, { replicaOf: replicaA, clock });
    const { token, id } = await newWorkerToken(replicaA, ["*"]);
    const worker = edgeClient(replicaB, token);
    expect((await worker.register(["default"])).status).toBe(200);
    expect((await worker.heartbeat()).status).toBe(200);
    expect((await as(replicaA, "admin")("DELETE", `/edge/tokens/${id}`)).status).toBe(204);
    clock.advance(tokenTrustMs);
    expect((await worker.heartbeat()).status).toBe(401);
  });

  it("refuses a token revoked on another replica, and ends its long-poll, by the check of trusted tokens", async () => {
    const replicaA = await startApiWithUsers(backend);
    // B's clock never moves: only its revocation check can end the trust.
    const replicaB = await startTestControlPlane(backend, {
      replicaOf: replicaA,
      clock: new ManualClock(),
    });
    const { token, id } = await newWorkerToken(replicaA, ["*"]);
    const worker = edgeClient(replicaB, token);
    expect((await worker.register(["default"])).status).toBe(200);
    const waiting = worker.fetchJobs(20_000);
    await waitUntil(() => replicaB.scheduler.notifier.waiting === 1);
    expect((await as(replicaA, "admin")("DELETE", `/edge/tokens/${id}`)).status).toBe(204);
    expect((await waiting).status).toBe(401);
    expect((await worker.heartbeat()).status).toBe(401);
  });
});

async function waitUntil(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
