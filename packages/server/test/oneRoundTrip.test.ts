import { expect, it } from "vitest";
import { type Backend, describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken, startTestControlPlane } from "./support/controlPlane.js";
import { ManualClock } from "./support/harness.js";

/**
 * Worker protocol 1.5 (docs/internals.md, "One round trip per task"): the claim records a
 * job's start, and a final report asks for the worker's next jobs, so a busy worker's task
 * costs one request. A 1.4 worker, which starts its jobs and fetches, keeps working.
 */

const chain = `
import { dag } from "borda";
export default dag({ id: "chain", schedule: null }, ({ task }) => {
  const first = task({ id: "first", queue: "site", retries: 1, retryDelay: 0 }, () => 1);
  const second = task({ id: "second", queue: "site", inputs: { n: first } }, (ctx) => ctx.inputs.n + 1);
  task({ id: "third", queue: "site", inputs: { n: second } }, (ctx) => ctx.inputs.n + 1);
});
`;

async function startSite(backend: Backend, clock = new ManualClock()) {
  const cp = await startTestControlPlane(backend, {
    dags: { "chain.ts": chain },
    clock,
    config: { workerTimeoutMs: 15_000 },
  });
  const { token } = await newWorkerToken(cp, ["site"]);
  return { cp, token, clock };
}

describeEachBackend("one round trip per task (protocol 1.5)", (backend) => {
  it("runs a chain on report answers alone: each job arrives started, in the answer to the report before it", async () => {
    const { cp, token } = await startSite(backend);
    const worker = edgeClient(cp, token);
    await worker.register(["site"]);
    const run = await cp.scheduler.triggerRun("chain");
    const [first] = (await worker.fetchJobs(0, 1)).body.jobs;
    expect(first).toMatchObject({ taskId: "first", started: true });
    // The claim recorded the start; until the worker's word, it is the claim's only.
    expect(await cp.store.getAttempt(first.attemptId)).toMatchObject({
      state: "running",
      startUnconfirmed: true,
    });
    const [firstTi] = await cp.store.listTaskInstances({ dagRunId: run.id, taskIds: ["first"] });
    expect(firstTi).toMatchObject({ state: "running", hostname: "w1" });
    expect(firstTi?.startDate).not.toBeNull();

    const next = { instanceId: worker.instanceId, freeSlots: 1 };
    const firstAck = await worker.report(first.attemptId, "success", { returnValue: 1, next });
    expect(firstAck.status).toBe(200);
    expect(firstAck.body).toMatchObject({ attemptId: first.attemptId, state: "success" });
    const [second] = firstAck.body.next.jobs;
    expect(second).toMatchObject({
      taskId: "second",
      started: true,
      context: { inputs: { n: 1 } },
    });
    expect(firstAck.body.next.directives).toMatchObject({ maintenance: false, shutdown: false });

    const secondAck = await worker.report(second.attemptId, "success", { returnValue: 2, next });
    const [third] = secondAck.body.next.jobs;
    expect(third).toMatchObject({ taskId: "third", started: true, context: { inputs: { n: 2 } } });
    // The last report asks too, and is answered with no job: there is none.
    const lastAck = await worker.report(third.attemptId, "success", { returnValue: 3, next });
    expect(lastAck.body.next.jobs).toEqual([]);
    expect((await cp.store.getDagRunById(run.id))?.state).toBe("success");
    const attempts = await cp.store.listAttempts({ dagRunId: run.id });
    expect(attempts.map((a) => [a.taskId, a.state, a.tryNumber]).sort()).toEqual([
      ["first", "success", 1],
      ["second", "success", 1],
      ["third", "success", 1],
    ]);
    expect(attempts.every((a) => a.startedAt !== null && a.startedAt <= (a.endedAt ?? 0))).toBe(
      true,
    );
  });

  it("answers a failure's request for the next jobs with the retry, and a report without one plainly", async () => {
    const { cp, token } = await startSite(backend);
    const worker = edgeClient(cp, token);
    await worker.register(["site"]);
    await cp.scheduler.triggerRun("chain");
    const [first] = (await worker.fetchJobs(0, 1)).body.jobs;
    const failed = await worker.report(first.attemptId, "failure", {
      error: "boom",
      next: { instanceId: worker.instanceId, freeSlots: 4 },
    });
    expect(failed.body.next.jobs).toMatchObject([{ taskId: "first", tryNumber: 2, started: true }]);
    const [retry] = failed.body.next.jobs;
    const plain = await worker.report(retry.attemptId, "success", { returnValue: 1 });
    expect(plain.body).toEqual({ attemptId: retry.attemptId, state: "success" });
  });

  it("confirms a job started at its claim with the first heartbeat that lists it", async () => {
    const { cp, token, clock } = await startSite(backend);
    const worker = edgeClient(cp, token);
    await worker.register(["site"]);
    const run = await cp.scheduler.triggerRun("chain");
    const [first] = (await worker.fetchJobs(0, 1)).body.jobs;
    expect((await worker.heartbeat([first.attemptId], "running")).status).toBe(200);
    expect(await cp.store.getAttempt(first.attemptId)).toMatchObject({
      state: "running",
      startUnconfirmed: false,
    });
    // Its worker holds it: it is no longer a claim to give back.
    expect((await worker.report(first.attemptId, "release", { reason: "no" })).status).toBe(409);

    // From then on it is a running attempt: a silent worker's lease lapses into a retry.
    clock.advance(16_000);
    await cp.scheduler.runPass();
    const attempts = await cp.store.listAttempts({ dagRunId: run.id });
    expect(attempts.map((a) => [a.state, a.tryNumber])).toEqual([
      ["failed", 1],
      ["queued", 2],
    ]);
  });

  it("puts a job started at its claim back on its queue, same try, when no heartbeat ever listed it", async () => {
    const { cp, token, clock } = await startSite(backend);
    const lost = edgeClient(cp, token, "lost");
    const other = edgeClient(cp, token, "other");
    await lost.register(["site"]);
    await other.register(["site"]);
    const run = await cp.scheduler.triggerRun("chain");
    const [job] = (await lost.fetchJobs(0, 1)).body.jobs;

    // The answer never reached "lost", which says nothing of it: the claim lapses.
    clock.advance(16_000);
    await cp.scheduler.runPass();
    const [ti] = await cp.store.listTaskInstances({ dagRunId: run.id, taskIds: ["first"] });
    expect(ti).toMatchObject({ state: "queued", startDate: null, hostname: null });
    const [again] = (await other.fetchJobs(0, 1)).body.jobs;
    expect(again).toMatchObject({ taskId: "first", tryNumber: 1, started: true });
    expect(again.attemptId).not.toBe(job.attemptId);
  });

  it("takes back a job started at its claim that its worker will not run, undoing the start", async () => {
    const { cp, token } = await startSite(backend);
    const worker = edgeClient(cp, token);
    await worker.register(["site"]);
    const run = await cp.scheduler.triggerRun("chain");
    const [job] = (await worker.fetchJobs(0, 1)).body.jobs;
    const released = await worker.report(job.attemptId, "release", { reason: "draining" });
    expect(released.body).toEqual({ attemptId: job.attemptId, state: "queued" });
    const [ti] = await cp.store.listTaskInstances({ dagRunId: run.id, taskIds: ["first"] });
    expect(ti).toMatchObject({ state: "queued", startDate: null, hostname: null });
    const [attempt] = await cp.store.listAttempts({ dagRunId: run.id });
    expect(attempt).toMatchObject({ state: "queued", tryNumber: 1, startedAt: null });
  });

  it("gives back the jobs of a report's answer that cannot reach its worker, costing no try", async () => {
    const { cp, token } = await startSite(backend);
    const worker = edgeClient(cp, token);
    await worker.register(["site"]);
    const run = await cp.scheduler.triggerRun("chain");
    const [first] = (await worker.fetchJobs(0, 1)).body.jobs;
    await worker.report(first.attemptId, "success", { returnValue: 1 });
    const tokenRecord = await cp.edge.authenticate(`Bearer ${token}`);
    // The worker hung up while its next jobs were claimed.
    const answer = await cp.edge.claimNext(
      tokenRecord,
      "w1",
      { instanceId: worker.instanceId, freeSlots: 1 },
      AbortSignal.abort(),
    );
    expect(answer?.jobs).toEqual([]);
    const [second] = await cp.store.listAttempts({ dagRunId: run.id, taskId: "second" });
    expect(second).toMatchObject({ state: "queued", tryNumber: 1, workerName: null });
  });

  it("records the report but hands no job to an instance that lost its name", async () => {
    const { cp, token } = await startSite(backend);
    const worker = edgeClient(cp, token);
    await worker.register(["site"]);
    await cp.scheduler.triggerRun("chain");
    const [first] = (await worker.fetchJobs(0, 1)).body.jobs;
    const ack = await worker.report(first.attemptId, "success", {
      returnValue: 1,
      next: { instanceId: "not-this-instance", freeSlots: 1 },
    });
    expect(ack.body).toEqual({ attemptId: first.attemptId, state: "success" });
  });

  it("keeps a 1.4 worker working: its jobs come unstarted, it starts them, and it fetches the next", async () => {
    const { cp, token } = await startSite(backend);
    const older = edgeClient(cp, token, "older");
    await older.register(["site"], { protocolVersion: "1.4" });
    const run = await cp.scheduler.triggerRun("chain");
    for (const taskId of ["first", "second", "third"]) {
      const [job] = (await older.fetchJobs(0, 1)).body.jobs;
      expect(job.taskId).toBe(taskId);
      expect(job.started).toBeUndefined();
      expect(await cp.store.getAttempt(job.attemptId)).toMatchObject({
        state: "claimed",
        startedAt: null,
      });
      expect((await older.report(job.attemptId, "start")).body.state).toBe("running");
      const ack = await older.report(job.attemptId, "success", { returnValue: 1 });
      expect(ack.body).toEqual({ attemptId: job.attemptId, state: "success" });
    }
    expect((await cp.store.getDagRunById(run.id))?.state).toBe("success");
  });
});
