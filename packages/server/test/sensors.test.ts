import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";
import { ManualClock } from "./support/harness.js";

const sensorDag = `
import { dag } from "borda";
export default dag({ id: "sensing", schedule: null }, ({ task, sensor }) => {
  const wait = sensor(
    { id: "wait", mode: "reschedule", pokeInterval: 60, timeout: 150, exponentialBackoff: true, retries: 3 },
    () => false,
  );
  task({ id: "plain" }, () => "plain");
  task({ id: "after" }, () => "after").after(wait);
});
`;

describeEachBackend("reschedule-mode sensors through the worker API", (backend) => {
  async function setUp() {
    const clock = new ManualClock();
    const cp = await startApiWithUsers(backend, { dags: { "sensing.ts": sensorDag }, clock });
    expect(await cp.store.listImportErrors()).toEqual([]);
    const worker = edgeClient(cp, (await newWorkerToken(cp, ["default"])).token);
    await worker.register(["default"]);
    const take = async (taskId: string) => {
      const { jobs } = (await worker.fetchJobs(0)).body;
      const job = jobs.find((j: { taskId: string }) => j.taskId === taskId);
      if (job) expect((await worker.report(job.attemptId, "start")).status).toBe(200);
      return job;
    };
    const instance = async () =>
      (await as(cp, "admin")("GET", "/dags/sensing/dagRuns/run/taskInstances/wait")).body;
    await as(cp, "admin")("POST", "/dags/sensing/dagRuns", { dag_run_id: "run" });
    return { cp, clock, worker, take, instance };
  }

  it("waits up_for_reschedule between pokes on the same try, fences the poke that ended, and doubles the interval", async () => {
    const { cp, clock, worker, take, instance } = await setUp();
    const first = await take("wait");
    expect(first).toMatchObject({
      tryNumber: 1,
      sensor: { mode: "reschedule", pokeIntervalMs: 60_000 },
    });

    expect((await worker.log(first.attemptId, 0, "poke 1: not yet\n")).status).toBe(200);
    const rescheduled = await worker.report(first.attemptId, "reschedule");
    expect(rescheduled.body).toEqual({ attemptId: first.attemptId, state: "up_for_reschedule" });
    expect(await instance()).toMatchObject({ state: "up_for_reschedule", try_number: 1 });
    // The poke that ended is fenced: a second report about it is refused.
    for (const what of ["reschedule", "success"] as const) {
      const late = await worker.report(first.attemptId, what);
      expect([late.status, late.body.code]).toEqual([409, "stale_attempt"]);
    }

    // Not due yet: nothing to take. Due after the interval: the same try, a new attempt id.
    await cp.scheduler.runPass();
    expect(await take("wait")).toBeUndefined();
    clock.advance(60_000);
    await cp.scheduler.runPass();
    const second = await take("wait");
    expect(second).toMatchObject({ tryNumber: 1 });
    expect(second.attemptId).not.toBe(first.attemptId);
    // The try keeps one log: the next poke's worker counts from 0, and it continues.
    expect((await worker.log(second.attemptId, 0, "poke 2: not yet\n")).body).toEqual({
      nextOffset: 16,
    });
    expect((await worker.log(second.attemptId, 0, "poke 2: not yet\n")).body).toEqual({
      nextOffset: 16,
    });
    const log = await as(cp, "admin")(
      "GET",
      "/dags/sensing/dagRuns/run/taskInstances/wait/logs/1?full_content=true",
    );
    expect(log.body.content).toContain("poke 1: not yet\npoke 2: not yet\n");

    // Exponential backoff: 120 s next, but never past the timeout (150 s from the first poke).
    await worker.report(second.attemptId, "reschedule");
    clock.advance(89_999);
    await cp.scheduler.runPass();
    expect(await take("wait")).toBeUndefined();
    clock.advance(1);
    await cp.scheduler.runPass();
    const third = await take("wait");
    expect(third).toMatchObject({ tryNumber: 1 });

    // At the timeout the sensor fails without the retries it has, and its downstream with it.
    expect((await worker.report(third.attemptId, "reschedule")).body.state).toBe("failed");
    expect(await instance()).toMatchObject({ state: "failed", try_number: 1 });
    const after = await as(cp, "admin")("GET", "/dags/sensing/dagRuns/run/taskInstances/after");
    expect(after.body.state).toBe("upstream_failed");
  });

  it("hands a sensor only to a worker that registered with protocol 1.3 or newer", async () => {
    const { cp, take } = await setUp();
    const old = edgeClient(cp, (await newWorkerToken(cp, ["default"], "old")).token, "old");
    expect((await old.register(["default"], { protocolVersion: "1.2" })).status).toBe(200);
    // A 1.2 worker would run the sensor as one poke and report `{ done: false }` as a
    // success: it is given the plain task only.
    const given = await old.fetchJobs(0);
    expect(given.body.jobs.map((j: { taskId: string }) => j.taskId)).toEqual(["plain"]);
    expect((await old.fetchJobs(0)).body.jobs).toEqual([]);
    expect(await take("wait")).toMatchObject({ taskId: "wait", sensor: { mode: "reschedule" } });
  });

  it("refuses a reschedule of a task that is not a reschedule-mode sensor", async () => {
    const { worker, take } = await setUp();
    const plain = await take("plain");
    const refused = await worker.report(plain.attemptId, "reschedule");
    expect([refused.status, refused.body.code]).toEqual([400, "invalid_input"]);
  });

  it("answers another DAG's state for a current attempt only, and a state string only", async () => {
    const { worker, take } = await setUp();
    const plain = await take("plain");
    const ask = (attemptId: string, body: unknown) =>
      worker.call("POST", `/workers/w1/attempts/${attemptId}/external-state`, body);
    expect((await ask(plain.attemptId, {})).status).toBe(400);
    const job = { dagId: "sensing", taskId: "plain", logicalDate: plain.context.logicalDate };
    expect((await ask(plain.attemptId, job)).body).toEqual({ state: "running" });
    expect((await ask(plain.attemptId, { ...job, taskId: null })).body).toEqual({
      state: "running",
    });
    expect((await ask(plain.attemptId, { ...job, dagId: "nope" })).body).toEqual({ state: null });
    // check_existence: whether the DAG is active and its current version has the task.
    const check = { ...job, checkExistence: true };
    expect((await ask(plain.attemptId, check)).body).toEqual({ state: "running", exists: true });
    expect((await ask(plain.attemptId, { ...check, taskId: "nope" })).body).toEqual({
      state: null,
      exists: false,
    });
    expect((await ask(plain.attemptId, { ...check, dagId: "nope", taskId: null })).body).toEqual({
      state: null,
      exists: false,
    });
    await worker.report(plain.attemptId, "success", { returnValue: "plain" });
    expect((await ask(plain.attemptId, job)).status).toBe(409);
  });
});
