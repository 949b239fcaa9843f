import { writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildBundle, type TestBundle } from "./support/bundles.js";
import { jobFor } from "./support/jobs.js";
import { eventually, isAlive, recordingLogger, useResources } from "./support/resources.js";
import { testWorkers } from "./support/workers.js";

/**
 * How the worker holds up when its link to the control plane does not: a heartbeat that
 * gets no answer is given up well inside the worker timeout; a silence as long as the
 * worker timeout is reported (in the log and on the health endpoint) without killing
 * anything; once back in touch, what the control plane gave up meanwhile is killed at
 * once; and a job that arrives when the worker will not run it goes back to its queue.
 */

const dagSource = `
import { existsSync } from "node:fs";
import { dag } from "borda";

export default dag({ id: "reliability" }, ({ task, bash }) => {
  task({ id: "quick" }, async () => "done");
  // Runs until the test creates the file named by params.gate.
  task({ id: "gated" }, async (ctx) => {
    while (!existsSync(String(ctx.params.gate))) await ctx.sleep(10);
    return "opened";
  });
  // Deaf to SIGTERM, its sleep too: only SIGKILL ends it before its minute is up.
  bash({ id: "bash_deaf", command: "trap '' TERM; sleep 60 & echo sleep pid $!; wait" });
});
`;

describe("edge worker reliability", () => {
  const resources = useResources();
  const workers = testWorkers(resources);
  let bundle: TestBundle;
  beforeAll(async () => {
    bundle = await buildBundle(dagSource);
  });

  /** A gated job and the file that lets it finish. */
  function gatedJob() {
    const gate = path.join(resources.dir(), "gate");
    const job = jobFor(bundle.hash, "reliability", "gated", { params: { gate } });
    return { job, open: () => writeFileSync(gate, "") };
  }

  it("gives up a heartbeat that gets no answer within a third of the worker timeout, and keeps beating", async () => {
    const server = await workers.controlPlane(bundle);
    server.heartbeatIntervalMs = 500;
    server.workerTimeoutMs = 1200;
    const { logger, records } = recordingLogger();
    const worker = await workers.startedWorker(server, {}, { logger });
    await eventually(() => server.heartbeats.length > 0, "the first heartbeat");

    server.unanswered.add("heartbeat");
    const failed = await eventually(
      () => records.find((r) => r.message.startsWith("the heartbeat failed")),
      "a heartbeat to be given up",
    );
    expect(String(failed.fields.error)).toMatch(/heartbeat: no answer from .* within 0\.4 s$/);
    // Each black-holed heartbeat is abandoned in turn, none waited on for long.
    const sent = server.heartbeats.length;
    await eventually(() => server.heartbeats.length >= sent + 2, "two more heartbeats");

    server.unanswered.delete("heartbeat");
    await eventually(() => worker.readiness().link === "reachable", "the link to return");
  });

  it("says once, in its log and on its health endpoint, that its attempts are at risk after a worker timeout of silence, and keeps running them", async () => {
    const server = await workers.controlPlane(bundle);
    server.workerTimeoutMs = 600;
    const { logger, records } = recordingLogger();
    const worker = await workers.startedWorker(server, {}, { logger });
    const running = gatedJob();
    server.queue(running.job);
    await eventually(() => server.reportsOf(running.job.attemptId).includes("start"), "the start");

    await server.stop();
    const atRisk = await eventually(
      () => records.find((r) => r.message.includes("at risk")),
      "the at-risk warning",
    );
    expect(atRisk).toEqual({
      level: "warn",
      message: expect.stringMatching(
        /^1 attempt at risk: the control plane has not heard from this worker for [\d.]+ s \(its worker timeout\), so it may have failed it and retried it elsewhere\. It keeps running; any it gave up will be killed when it answers again\.$/,
      ),
      fields: { attemptsAtRisk: 1 },
    });
    const { status, body } = await workers.readyz(worker);
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: "unavailable",
      detail: expect.stringMatching(/^no heartbeat has succeeded for [\d.]+ s$/),
      state: "running",
      link: "at_risk",
      attemptsAtRisk: 1,
    });
    expect(worker.heldAttemptIds).toEqual([running.job.attemptId]);

    // The control plane kept the attempt: back in touch, it finishes and is delivered.
    running.open();
    await server.start();
    await eventually(() => server.reportsOf(running.job.attemptId).includes("success"), "success");
    await eventually(async () => (await workers.readyz(worker)).status === 200, "readiness");
    expect((await workers.readyz(worker)).body).toMatchObject({
      link: "reachable",
      attemptsAtRisk: 0,
    });
    expect(records.filter((r) => r.message.includes("at risk"))).toHaveLength(1);
  });

  it("kills at once the process tree of an attempt the control plane gave up while it was unreachable", async () => {
    const server = await workers.controlPlane(bundle);
    server.workerTimeoutMs = 600;
    const { logger, records } = recordingLogger();
    // An hour's grace: only a kill that skips it ends the deaf task while the test runs.
    const worker = await workers.startedWorker(server, {}, { logger, killGraceMs: 3_600_000 });
    const job = jobFor(bundle.hash, "reliability", "bash_deaf");
    server.queue(job);
    const pid = await eventually(
      () => Number(server.logText(job.attemptId).match(/sleep pid (\d+)/)?.[1] ?? 0),
      "the task's sleep to start",
    );

    await server.stop();
    await eventually(() => worker.readiness().link === "at_risk", "the attempt to be at risk");
    expect(isAlive(pid)).toBe(true);
    // Meanwhile the control plane failed the attempt and retried it elsewhere.
    server.staleAttempts.add(job.attemptId);
    server.direct({ cancelAttemptIds: [job.attemptId] });
    await server.start();

    await eventually(() => !isAlive(pid), `the task's sleep (pid ${pid}) to be killed`);
    const killed = records.find((r) => r.message.includes("killing its processes"));
    expect(killed).toEqual({
      level: "warn",
      message: expect.stringMatching(
        new RegExp(
          `^the control plane gave up attempt ${job.attemptId} while this worker was unreachable \\(for [\\d.]+ s\\); killing its processes$`,
        ),
      ),
      fields: { attemptId: job.attemptId },
    });
    await eventually(() => worker.heldAttemptIds.length === 0, "the attempt to be let go");
    expect(server.reportsOf(job.attemptId)).toEqual(["start"]);
  });

  it("gives back, unrun, a job that arrives in the answer that asks it to shut down", async () => {
    const server = await workers.controlPlane(bundle);
    const worker = await workers.startedWorker(server);
    await eventually(() => server.fetches.length > 0, "a long-poll");
    const job = jobFor(bundle.hash, "reliability", "quick");
    server.handOut({ shutdown: true }, job);
    await worker.stopped;
    expect(server.releases).toEqual([
      { attemptId: job.attemptId, reason: "the worker is draining" },
    ]);
    expect(server.reportsOf(job.attemptId)).toEqual([]);
    expect(server.queued).toEqual([job.attemptId]);
  });

  it("gives back a job that arrives as it enters maintenance, and runs it on the same try once maintenance ends", async () => {
    const server = await workers.controlPlane(bundle);
    await workers.startedWorker(server);
    await eventually(() => server.fetches.length > 0, "a long-poll");
    const job = jobFor(bundle.hash, "reliability", "quick");
    server.handOut({ maintenance: true, maintenanceComment: "disk swap" }, job);
    await eventually(() => server.releases.length > 0, "the job to be given back");
    expect(server.releases).toEqual([
      { attemptId: job.attemptId, reason: "the worker is in maintenance" },
    ]);
    expect(server.reportsOf(job.attemptId)).toEqual([]);

    server.direct({ maintenance: false, maintenanceComment: null });
    await eventually(() => server.reportsOf(job.attemptId).includes("success"), "the job to run");
    expect(server.reportsOf(job.attemptId)).toEqual(["start", "success"]);
  });

  it("gives back the jobs its slots no longer hold when its concurrency is lowered in the same answer", async () => {
    const server = await workers.controlPlane(bundle);
    await workers.startedWorker(server);
    await eventually(() => server.fetches.length > 0, "a long-poll");
    const [first, second] = [gatedJob(), gatedJob()];
    server.handOut({ concurrency: 1 }, first.job, second.job);
    await eventually(() => server.releases.length > 0, "the job to be given back");
    expect(server.releases).toEqual([
      {
        attemptId: second.job.attemptId,
        reason: "too few free slots: it takes 1; 0 of the worker's 1 are free",
      },
    ]);
    await eventually(() => server.reportsOf(first.job.attemptId).includes("start"), "the start");
    first.open();
    await eventually(() => server.reportsOf(first.job.attemptId).includes("success"), "success");
  });
});
