import pg from "pg";
import { expect, it } from "vitest";
import { type Backend, describeEachBackend, describePostgres } from "./support/backends.js";
import { edgeClient, newWorkerToken, startTestControlPlane } from "./support/controlPlane.js";
import { ManualClock } from "./support/harness.js";

/**
 * Leases (invariant 8): a worker keeps its attempts for its worker timeout of silence,
 * counted only while the control plane could hear it; a claimed job that never started
 * goes back to its queue on the same try.
 */

const twoTasks = `
import { dag } from "borda";
export default dag({ id: "leased", schedule: null }, ({ task }) => {
  task({ id: "kept", queue: "site", retries: 1, retryDelay: 0 }, () => "kept");
  task({ id: "lost", queue: "site", retries: 1, retryDelay: 0 }, () => "lost");
});
`;

async function startSite(backend: Backend, clock: ManualClock, config = {}) {
  return startTestControlPlane(backend, {
    dags: { "leased.ts": twoTasks },
    clock,
    config: { workerTimeoutMs: 15_000, ...config },
  });
}

describeEachBackend("leases", (backend) => {
  it("fails nothing for an outage of the control plane: a start renews every lease in full", async () => {
    const clock = new ManualClock();
    const first = await startSite(backend, clock);
    const { token } = await newWorkerToken(first, ["site"]);
    const alive = edgeClient(first, token, "alive");
    const dead = edgeClient(first, token, "dead");
    await alive.register(["site"]);
    await dead.register(["site"]);
    const run = await first.scheduler.triggerRun("leased");
    const [kept] = (await alive.fetchJobs(0, 1)).body.jobs;
    const [lost] = (await dead.fetchJobs(0, 1)).body.jobs;
    await alive.report(kept.attemptId, "start");
    await dead.report(lost.attemptId, "start");

    // Down for ten minutes, forty worker timeouts.
    await first.stop();
    first.stopped = true;
    clock.advance(10 * 60_000);
    const second = await startTestControlPlane(backend, { replicaOf: first, clock });
    for (const attempt of [kept, lost]) {
      expect(await second.store.getAttempt(attempt.attemptId)).toMatchObject({
        state: "running",
        leaseExpiresAt: new Date(clock.now().getTime() + 15_000),
      });
    }

    // The live worker is heard again; the dead one is not, and loses its attempt one
    // worker timeout after the restart, not at once.
    const back = edgeClient(second, token, "alive");
    clock.advance(10_000);
    expect((await back.heartbeat([kept.attemptId], "running")).body.cancelAttemptIds).toEqual([]);
    clock.advance(5_001);
    await second.scheduler.runPass();
    expect((await back.report(kept.attemptId, "success", { returnValue: "kept" })).status).toBe(
      200,
    );
    expect(await second.store.getAttempt(lost.attemptId)).toMatchObject({
      state: "failed",
      error: expect.stringMatching(/'dead' stopped heartbeating.*worker timeout \(15 s\)/),
    });
    const instances = await second.store.listTaskInstances({ dagRunId: run.id });
    const stateOf = (taskId: string) => instances.find((ti) => ti.taskId === taskId);
    expect(stateOf(kept.taskId)).toMatchObject({ state: "success", tryNumber: 1 });
    // Retried at once (retryDelay 0), on its second try.
    expect(stateOf(lost.taskId)).toMatchObject({ state: "queued", tryNumber: 2 });
  });

  it("gives the workers of a token with its own worker timeout that long to come back", async () => {
    const clock = new ManualClock();
    const cp = await startSite(backend, clock);
    const { token: patient } = await newWorkerToken(cp, ["site"], "far-site", {
      workerTimeoutMs: 120_000,
    });
    const { token: ordinary } = await newWorkerToken(cp, ["site"], "near-site");
    const far = edgeClient(cp, patient, "far");
    const near = edgeClient(cp, ordinary, "near");
    expect((await far.register(["site"])).body.workerTimeoutMs).toBe(120_000);
    expect((await near.register(["site"])).body.workerTimeoutMs).toBe(15_000);
    await cp.scheduler.triggerRun("leased");
    const [farJob] = (await far.fetchJobs(0, 1)).body.jobs;
    const [nearJob] = (await near.fetchJobs(0, 1)).body.jobs;
    await far.report(farJob.attemptId, "start");
    await near.report(nearJob.attemptId, "start");

    // Both cut off for a minute: the near site's attempt is given up, the far site's kept.
    clock.advance(60_000);
    await cp.scheduler.runPass();
    expect((await cp.store.getAttempt(nearJob.attemptId))?.state).toBe("failed");
    expect((await cp.store.getAttempt(farJob.attemptId))?.state).toBe("running");
    const shown = new Map((await cp.edge.listWorkers()).map((w) => [w.name, w]));
    expect(shown.get("near")?.state).toBe("unknown");
    expect(shown.get("far")?.state).not.toBe("unknown");
    expect(shown.get("far")?.workerTimeoutMs).toBe(120_000);

    // Back: the far site's report lands; the near site's is refused and it must kill its copy.
    expect((await far.heartbeat([farJob.attemptId], "running")).body.cancelAttemptIds).toEqual([]);
    expect((await far.report(farJob.attemptId, "success")).status).toBe(200);
    expect((await near.heartbeat([nearJob.attemptId], "running")).body.cancelAttemptIds).toEqual([
      nearJob.attemptId,
    ]);
    expect((await near.report(nearJob.attemptId, "success")).body).toMatchObject({
      status: 409,
      code: "stale_attempt",
    });
  });

  it("puts a claimed job that never started back on its queue, on the same try, when its lease runs out", async () => {
    const clock = new ManualClock();
    const cp = await startSite(backend, clock);
    const { token } = await newWorkerToken(cp, ["site"]);
    const gone = edgeClient(cp, token, "gone");
    const other = edgeClient(cp, token, "other");
    await gone.register(["site"]);
    await other.register(["site"]);
    const run = await cp.scheduler.triggerRun("leased");
    const claimed = (await gone.fetchJobs(0, 1)).body.jobs[0];

    clock.advance(15_000);
    await cp.scheduler.runPass();
    const jobs = (await other.fetchJobs(0, 4)).body.jobs;
    const again = jobs.find((j: { taskId: string }) => j.taskId === claimed.taskId);
    expect(again).toMatchObject({ tryNumber: 1 });
    expect(again.attemptId).not.toBe(claimed.attemptId);
    // The claim's old id is void: had the job reached its worker after all, it drops it.
    expect((await gone.report(claimed.attemptId, "start")).body).toMatchObject({
      status: 409,
      code: "stale_attempt",
    });
    const attempts = await cp.store.listAttempts({ dagRunId: run.id });
    expect(attempts.map((a) => a.tryNumber)).toEqual([1, 1]);
  });

  it("takes back a job its worker will not start, on the same try, and refuses to take back one that started", async () => {
    const cp = await startSite(backend, new ManualClock());
    const { token } = await newWorkerToken(cp, ["site"]);
    const draining = edgeClient(cp, token, "draining");
    const serving = edgeClient(cp, token, "serving");
    await draining.register(["site"]);
    await serving.register(["site"]);
    await cp.scheduler.triggerRun("leased");
    const [dropped, started] = (await draining.fetchJobs(0, 2)).body.jobs;
    await draining.report(started.attemptId, "start");

    const released = await draining.report(dropped.attemptId, "release", {
      reason: "draining: SIGTERM",
    });
    expect(released).toMatchObject({
      status: 200,
      body: { attemptId: dropped.attemptId, state: "queued" },
    });
    expect(
      (await draining.report(started.attemptId, "release", { reason: "no" })).body,
    ).toMatchObject({
      status: 409,
      code: "stale_attempt",
      detail: expect.stringMatching(/running.*Report its result/),
    });
    expect(
      (await serving.report(dropped.attemptId, "release", { reason: "not mine" })).status,
    ).toBe(409);
    const [again] = (await serving.fetchJobs(0, 1)).body.jobs;
    expect(again).toMatchObject({ taskId: dropped.taskId, tryNumber: 1 });
  });

  it("returns the jobs of a fetch whose worker left as they were claimed, costing no try", async () => {
    const cp = await startSite(backend, new ManualClock());
    const { token } = await newWorkerToken(cp, ["site"]);
    const worker = edgeClient(cp, token, "leaver");
    await worker.register(["site"]);
    const run = await cp.scheduler.triggerRun("leased");
    const tokenRecord = await cp.edge.authenticate(`Bearer ${token}`);
    const answer = await cp.edge.fetch(
      tokenRecord,
      "leaver",
      { instanceId: worker.instanceId, freeSlots: 2, waitMs: 0 },
      AbortSignal.abort(),
    );
    expect(answer.jobs).toEqual([]);
    const attempts = await cp.store.listAttempts({ dagRunId: run.id });
    expect(attempts.map((a) => [a.state, a.tryNumber, a.workerName])).toEqual([
      ["queued", 1, null],
      ["queued", 1, null],
    ]);
    const jobs = (await worker.fetchJobs(0, 2)).body.jobs;
    expect(jobs.map((j: { tryNumber: number }) => j.tryNumber)).toEqual([1, 1]);
  });
});

describePostgres("leases through a database outage", (backend) => {
  it("renews every lease once the database answers again, so heartbeats it could not take cost nothing", async () => {
    const clock = new ManualClock();
    const cp = await startSite(backend, clock);
    const { token } = await newWorkerToken(cp, ["site"]);
    const worker = edgeClient(cp, token, "steady");
    await worker.register(["site"]);
    await cp.scheduler.triggerRun("leased");
    const jobs = (await worker.fetchJobs(0, 2)).body.jobs;
    for (const job of jobs) await worker.report(job.attemptId, "start");
    const ids = jobs.map((j: { attemptId: string }) => j.attemptId);

    // The database refuses every connection for longer than the worker timeout; the
    // worker's heartbeats fail meanwhile.
    const url = new URL(cp.config.databaseUrl ?? "");
    const database = url.pathname.slice(1);
    url.pathname = "/postgres";
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    try {
      await admin.query(`alter database "${database}" allow_connections false`);
      await admin.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
        [database],
      );
      clock.advance(20_000);
      expect((await worker.heartbeat(ids, "running")).status).toBe(500);
    } finally {
      await admin.query(`alter database "${database}" allow_connections true`);
      await admin.end();
    }

    await cp.scheduler.runPass();
    for (const id of ids) {
      expect(await cp.store.getAttempt(id)).toMatchObject({
        state: "running",
        leaseExpiresAt: new Date(clock.now().getTime() + 15_000),
      });
    }
    expect((await worker.heartbeat(ids, "running")).body.cancelAttemptIds).toEqual([]);
  });
});
