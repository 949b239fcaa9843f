import { ErrorCode, type TriggerRule, triggerRules } from "@borda/protocol";
import { expect, it } from "vitest";
import type { DagRunRecord } from "../src/store/index.js";
import { describeEachBackend } from "./support/backends.js";
import { chainTasks, dagSpec, deployDags, taskSpec } from "./support/dags.js";
import { createScheduler, ManualClock, workUntilIdle } from "./support/harness.js";

describeEachBackend("scheduler", (backend) => {
  it("applies every trigger rule to successful, failed and skipped upstream tasks", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock();
    const scheduler = createScheduler(store, clock);
    // Upstream outcomes: ok* succeed, bad* fail, skip* are skipped (one_failed with no failure).
    const upstream = [
      taskSpec("ok1"),
      taskSpec("ok2"),
      taskSpec("bad1"),
      taskSpec("bad2"),
      taskSpec("skip1", { triggerRule: "one_failed", upstream: ["ok1"] }),
      taskSpec("skip2", { triggerRule: "one_failed", upstream: ["ok1"] }),
    ];
    const mixes = {
      bothSucceeded: ["ok1", "ok2"],
      oneFailed: ["ok1", "bad1"],
      bothSkipped: ["skip1", "skip2"],
      bothFailed: ["bad1", "bad2"],
    } as const;
    const consumers = triggerRules.flatMap((rule) =>
      Object.entries(mixes).map(([mix, ups]) =>
        taskSpec(`${rule}__${mix}`, { triggerRule: rule, upstream: [...ups] }),
      ),
    );
    await deployDags(store, [dagSpec("rules", [...upstream, ...consumers])]);
    const run = await scheduler.triggerRun("rules");
    await workUntilIdle(scheduler, (job) => (job.taskId.startsWith("bad") ? "fail" : "success"));

    const states = Object.fromEntries(
      (await store.listTaskInstances({ dagRunId: run.id })).map((ti) => [ti.taskId, ti.state]),
    );
    const expected: Record<TriggerRule, Record<keyof typeof mixes, string>> = {
      all_success: {
        bothSucceeded: "success",
        oneFailed: "upstream_failed",
        bothSkipped: "skipped",
        bothFailed: "upstream_failed",
      },
      all_failed: {
        bothSucceeded: "skipped",
        oneFailed: "skipped",
        bothSkipped: "skipped",
        bothFailed: "success",
      },
      all_done: {
        bothSucceeded: "success",
        oneFailed: "success",
        bothSkipped: "success",
        bothFailed: "success",
      },
      one_success: {
        bothSucceeded: "success",
        oneFailed: "success",
        bothSkipped: "skipped",
        bothFailed: "upstream_failed",
      },
      one_failed: {
        bothSucceeded: "skipped",
        oneFailed: "success",
        bothSkipped: "skipped",
        bothFailed: "success",
      },
      none_failed: {
        bothSucceeded: "success",
        oneFailed: "upstream_failed",
        bothSkipped: "success",
        bothFailed: "upstream_failed",
      },
      none_failed_min_one_success: {
        bothSucceeded: "success",
        oneFailed: "upstream_failed",
        bothSkipped: "skipped",
        bothFailed: "upstream_failed",
      },
      always: {
        bothSucceeded: "success",
        oneFailed: "success",
        bothSkipped: "success",
        bothFailed: "success",
      },
    };
    for (const rule of triggerRules) {
      for (const mix of Object.keys(mixes) as (keyof typeof mixes)[]) {
        expect.soft(states[`${rule}__${mix}`], `${rule} with ${mix}`).toBe(expected[rule][mix]);
      }
    }
    expect(states.skip1).toBe("skipped");
    // Leaves that failed or could not run because of a failure fail the run.
    expect((await store.getDagRunById(run.id))?.state).toBe("failed");
  });

  it("queues each downstream task of a 40-task chain in the same step its upstream finished", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    await deployDags(store, [dagSpec("chain", chainTasks(40))]);
    const run = await scheduler.triggerRun("chain");
    for (let i = 0; i < 40; i++) {
      // No scheduler pass and no clock movement between one completion and the next claim.
      const [job, ...more] = await scheduler.attempts.claimJobs({
        workerName: "w",
        queues: ["default"],
        freeSlots: 8,
      });
      expect(more).toHaveLength(0);
      expect(job?.taskId).toBe(`t${String(i).padStart(2, "0")}`);
      if (!job) return;
      await scheduler.attempts.startAttempt(job.attemptId);
      await scheduler.attempts.completeAttempt(job.attemptId, { returnValue: i });
    }
    expect((await store.getDagRunById(run.id))?.state).toBe("success");
    const xcoms = await store.listXcoms({ dagRunId: run.id });
    expect(xcoms).toHaveLength(40);
    expect(xcoms.find((x) => x.taskId === "t39")?.value).toBe(39);
  });

  it("retries with exponential backoff capped by maxRetryDelay, then fails", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock();
    const scheduler = createScheduler(store, clock);
    await deployDags(store, [
      dagSpec("flaky", [
        taskSpec("flaky", {
          retries: 3,
          retryDelayMs: 10_000,
          retryExponentialBackoff: true,
          maxRetryDelayMs: 30_000,
        }),
      ]),
    ]);
    const run = await scheduler.triggerRun("flaky");
    const expectedDelays = [10_000, 20_000, 30_000];
    for (const [index, delay] of expectedDelays.entries()) {
      const failed = await workUntilIdle(scheduler, () => "fail");
      expect(failed.map((j) => j.tryNumber)).toEqual([index + 1]);
      const [ti] = await store.listTaskInstances({ dagRunId: run.id });
      expect(ti?.state).toBe("up_for_retry");
      expect(ti?.nextRetryAt?.getTime()).toBe(clock.now().getTime() + delay);
      // One millisecond early: still waiting.
      clock.advance(delay - 1);
      await scheduler.runPass();
      expect(await workUntilIdle(scheduler)).toHaveLength(0);
      clock.advance(1);
      await scheduler.runPass();
    }
    const last = await workUntilIdle(scheduler, () => "fail");
    expect(last.map((j) => j.tryNumber)).toEqual([4]);
    const [ti] = await store.listTaskInstances({ dagRunId: run.id });
    expect(ti?.state).toBe("failed");
    expect(ti?.lastError).toContain("failed on purpose");
    expect((await store.getDagRunById(run.id))?.state).toBe("failed");
  });

  it("never lets a 2-slot pool hold more than 2 task instances while 20 compete", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    await store.savePool({ name: "two", slots: 2, description: null, includeDeferred: false });
    const tasks = Array.from({ length: 20 }, (_, i) => taskSpec(`task_${i}`, { pool: "two" }));
    await deployDags(store, [dagSpec("crowd", tasks, { maxActiveTasks: 64 })]);
    const run = await scheduler.triggerRun("crowd");
    let mostAtOnce = 0;
    for (;;) {
      const jobs = await scheduler.attempts.claimJobs({
        workerName: "big",
        queues: ["default"],
        freeSlots: 20,
      });
      if (jobs.length === 0) break;
      for (const job of jobs) await scheduler.attempts.startAttempt(job.attemptId);
      const pool = await store.getPool("two");
      mostAtOnce = Math.max(mostAtOnce, (pool?.runningSlots ?? 0) + (pool?.queuedSlots ?? 0));
      // Finish one at a time so the pool refills between completions.
      for (const job of jobs) {
        await scheduler.attempts.completeAttempt(job.attemptId);
        const after = await store.getPool("two");
        mostAtOnce = Math.max(mostAtOnce, (after?.runningSlots ?? 0) + (after?.queuedSlots ?? 0));
      }
    }
    expect(mostAtOnce).toBe(2);
    const states = (await store.listTaskInstances({ dagRunId: run.id })).map((ti) => ti.state);
    expect(states).toEqual(Array(20).fill("success"));
  });

  it("fails a task that can never fit its pool with a message, instead of waiting forever", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    await store.savePool({ name: "tiny", slots: 1, description: null, includeDeferred: false });
    await deployDags(store, [
      dagSpec("misfit", [
        taskSpec("too_big", { pool: "tiny", poolSlots: 2 }),
        taskSpec("no_pool", { pool: "worker-1" }),
        taskSpec("after", { upstream: ["too_big"] }),
      ]),
    ]);
    const run = await scheduler.triggerRun("misfit");
    const tis = await store.listTaskInstances({ dagRunId: run.id });
    const byTask = Object.fromEntries(tis.map((ti) => [ti.taskId, ti]));
    expect(byTask.too_big?.state).toBe("failed");
    expect(byTask.too_big?.lastError).toMatch(/needs 2 slots of pool 'tiny', which has 1/);
    expect(byTask.no_pool?.state).toBe("failed");
    expect(byTask.no_pool?.lastError).toMatch(/Pool 'worker-1' does not exist/);
    expect(byTask.after?.state).toBe("upstream_failed");
    expect((await store.getDagRunById(run.id))?.state).toBe("failed");
  });

  it("runs at most maxActiveRuns runs of a DAG at once, starting queued ones as others finish", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock();
    const scheduler = createScheduler(store, clock);
    await deployDags(store, [dagSpec("one_at_a_time", [taskSpec("work")], { maxActiveRuns: 1 })]);
    const runs: DagRunRecord[] = [];
    for (let i = 0; i < 3; i++) {
      clock.advance(1000);
      runs.push(await scheduler.triggerRun("one_at_a_time"));
    }
    const states = async () =>
      Promise.all(runs.map(async (r) => (await store.getDagRunById(r.id))?.state));
    expect(await states()).toEqual(["running", "queued", "queued"]);
    const [job] = await scheduler.attempts.claimJobs({
      workerName: "w",
      queues: ["*"],
      freeSlots: 8,
    });
    expect(job?.runId).toBe(runs[0]?.runId);
    if (!job) return;
    await scheduler.attempts.startAttempt(job.attemptId);
    await scheduler.attempts.completeAttempt(job.attemptId);
    expect(await states()).toEqual(["success", "running", "queued"]);
    await workUntilIdle(scheduler);
    expect(await states()).toEqual(["success", "success", "success"]);
  });

  it("keeps at most maxActiveTasks task instances of a DAG queued or running", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    const tasks = Array.from({ length: 5 }, (_, i) => taskSpec(`parallel_${i}`));
    await deployDags(store, [dagSpec("narrow", tasks, { maxActiveTasks: 2 })]);
    const run = await scheduler.triggerRun("narrow");
    const first = await scheduler.attempts.claimJobs({
      workerName: "w",
      queues: ["*"],
      freeSlots: 8,
    });
    expect(first).toHaveLength(2);
    for (const job of first) await scheduler.attempts.startAttempt(job.attemptId);
    expect(
      await scheduler.attempts.claimJobs({ workerName: "w", queues: ["*"], freeSlots: 8 }),
    ).toHaveLength(0);
    // One finishes: exactly one more may start.
    await scheduler.attempts.completeAttempt(first[0]?.attemptId ?? "");
    const next = await scheduler.attempts.claimJobs({
      workerName: "w",
      queues: ["*"],
      freeSlots: 8,
    });
    expect(next).toHaveLength(1);
    for (const job of [first[1], ...next])
      await scheduler.attempts.completeAttempt(job?.attemptId ?? "");
    await workUntilIdle(scheduler);
    expect((await store.getDagRunById(run.id))?.state).toBe("success");
  });

  it("wakes a worker waiting on the queue as soon as work is queued there", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    await deployDags(store, [dagSpec("wake", [taskSpec("edge", { queue: "team_a_etl" })])]);
    const elsewhere = scheduler.notifier.waitForJobs(["team_b_*"], 60_000);
    const waiting = scheduler.notifier.waitForJobs(["team_a_*"], 60_000);
    await scheduler.triggerRun("wake");
    expect(await waiting).toBe("notified");
    expect(scheduler.notifier.waiting).toBe(1);
    scheduler.notifier.notifyAll();
    await elsewhere;
  });

  it("orders queued work by priority weight", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    await deployDags(store, [
      dagSpec("priorities", [
        taskSpec("low", { priorityWeight: 1 }),
        taskSpec("high", { priorityWeight: 10 }),
        taskSpec("middle", { priorityWeight: 5 }),
      ]),
    ]);
    await scheduler.triggerRun("priorities");
    const jobs = await scheduler.attempts.claimJobs({
      workerName: "w",
      queues: ["default"],
      freeSlots: 3,
    });
    expect(jobs.map((j) => j.taskId)).toEqual(["high", "middle", "low"]);
  });

  it("routes jobs by queue and honours each job's pool slots against the worker's free slots", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    await deployDags(store, [
      dagSpec("routing", [
        taskSpec("edge_task", { queue: "team_a_edge" }),
        taskSpec("heavy", { queue: "default", poolSlots: 3 }),
        taskSpec("light", { queue: "default" }),
      ]),
    ]);
    await scheduler.triggerRun("routing");
    expect(
      await scheduler.attempts.claimJobs({ workerName: "b", queues: ["team_b_*"], freeSlots: 8 }),
    ).toEqual([]);
    const teamA = await scheduler.attempts.claimJobs({
      workerName: "a",
      queues: ["team_a_*"],
      freeSlots: 8,
    });
    expect(teamA.map((j) => j.taskId)).toEqual(["edge_task"]);
    const small = await scheduler.attempts.claimJobs({
      workerName: "d",
      queues: ["default"],
      freeSlots: 2,
    });
    expect(small.map((j) => j.taskId)).toEqual(["light"]);
    const big = await scheduler.attempts.claimJobs({
      workerName: "e",
      queues: ["default"],
      freeSlots: 3,
    });
    expect(big.map((j) => j.taskId)).toEqual(["heavy"]);
  });

  it("does not start runs of a paused DAG until it is unpaused", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    await deployDags(store, [dagSpec("sleepy", [taskSpec("work")])]);
    await store.setDagPaused("sleepy", true, new Date());
    const run = await scheduler.triggerRun("sleepy");
    expect(run.state).toBe("queued");
    expect(await workUntilIdle(scheduler)).toHaveLength(0);
    await store.setDagPaused("sleepy", false, new Date());
    await scheduler.runPass();
    expect(await workUntilIdle(scheduler)).toHaveLength(1);
    expect((await store.getDagRunById(run.id))?.state).toBe("success");
  });

  it("refuses a second report about an attempt, and a report about a superseded one", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    await deployDags(store, [
      dagSpec("fencing", [taskSpec("a", { retries: 1 }), taskSpec("b", { upstream: ["a"] })]),
    ]);
    const run = await scheduler.triggerRun("fencing");
    const [first] = await scheduler.attempts.claimJobs({
      workerName: "w",
      queues: ["*"],
      freeSlots: 1,
    });
    if (!first) throw new Error("expected a job");
    await scheduler.attempts.startAttempt(first.attemptId);
    await scheduler.attempts.completeAttempt(first.attemptId);
    await expect(scheduler.attempts.completeAttempt(first.attemptId)).rejects.toMatchObject({
      code: ErrorCode.staleAttempt,
    });
    await expect(
      scheduler.attempts.failAttempt(first.attemptId, { error: "late" }),
    ).rejects.toMatchObject({
      code: ErrorCode.staleAttempt,
    });
    // Clearing a running task supersedes its attempt: the old worker's report is refused.
    const [second] = await scheduler.attempts.claimJobs({
      workerName: "w",
      queues: ["*"],
      freeSlots: 1,
    });
    if (!second) throw new Error("expected a job");
    await scheduler.attempts.startAttempt(second.attemptId);
    await scheduler.changes.clearTaskInstances("fencing", run.runId, ["b"]);
    await expect(scheduler.attempts.completeAttempt(second.attemptId)).rejects.toMatchObject({
      code: ErrorCode.staleAttempt,
    });
    const rerun = await workUntilIdle(scheduler);
    expect(rerun.map((j) => [j.taskId, j.tryNumber])).toEqual([["b", 2]]);
    const attempts = await store.listAttempts({ dagRunId: run.id });
    expect(attempts.filter((a) => a.state === "success").map((a) => a.taskId)).toEqual(["a", "b"]);
  });

  it("clears a finished task with its downstream and runs them again", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    await deployDags(store, [dagSpec("again", chainTasks(3))]);
    const run = await scheduler.triggerRun("again");
    await workUntilIdle(scheduler);
    expect((await store.getDagRunById(run.id))?.state).toBe("success");
    const cleared = await scheduler.changes.clearTaskInstances("again", run.runId, ["t01"], {
      downstream: true,
    });
    expect(cleared.sort()).toEqual(["t01", "t02"]);
    const rerun = await workUntilIdle(scheduler);
    expect(rerun.map((j) => [j.taskId, j.tryNumber])).toEqual([
      ["t01", 2],
      ["t02", 2],
    ]);
    expect((await store.getDagRunById(run.id))?.state).toBe("success");
  });

  it("fails an attempt past its execution timeout, and one whose worker stopped heartbeating", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock();
    const scheduler = createScheduler(store, clock, { leaseMs: 15_000 });
    await deployDags(store, [
      dagSpec("deadlines", [
        taskSpec("slow", { executionTimeoutMs: 5_000 }),
        taskSpec("orphan", { retries: 1, retryDelayMs: 0 }),
      ]),
    ]);
    // The control plane's start: its first pass renews leases; none are in flight yet.
    await scheduler.runPass();
    const run = await scheduler.triggerRun("deadlines");
    const jobs = await scheduler.attempts.claimJobs({
      workerName: "w",
      queues: ["*"],
      freeSlots: 8,
    });
    const slow = jobs.find((j) => j.taskId === "slow");
    const orphan = jobs.find((j) => j.taskId === "orphan");
    if (!slow || !orphan) throw new Error("expected both jobs");
    await scheduler.attempts.startAttempt(slow.attemptId);
    await scheduler.attempts.startAttempt(orphan.attemptId);
    // The worker keeps slow's lease alive; orphan's lease runs out.
    const heartbeat = async (ms: number) => {
      clock.advance(ms);
      await store.extendLeases("w", [slow.attemptId], clock.now());
      await scheduler.runPass();
    };
    const slowState = async () =>
      (await store.listTaskInstances({ dagRunId: run.id })).find((t) => t.taskId === "slow");
    // Past its 5 s timeout the worker stops the task itself; the control plane waits a
    // lease (15 s) before it steps in, so it never cuts the worker's kill grace short.
    await heartbeat(5_000);
    expect((await slowState())?.state).toBe("running");
    await heartbeat(10_000);
    expect((await store.getAttempt(orphan.attemptId))?.state).toBe("failed");
    await heartbeat(5_000);
    expect(await slowState()).toMatchObject({
      state: "failed",
      lastError: expect.stringMatching(/Execution timeout/),
    });
    await expect(scheduler.attempts.completeAttempt(slow.attemptId)).rejects.toMatchObject({
      code: ErrorCode.staleAttempt,
    });

    const retried = await workUntilIdle(scheduler);
    expect(retried.map((j) => [j.taskId, j.tryNumber])).toEqual([["orphan", 2]]);
    const lost = await store.getAttempt(orphan.attemptId);
    expect(lost?.state).toBe("failed");
    expect(lost?.error).toMatch(/stopped heartbeating/);
  });

  it("validates a trigger's conf against the DAG's params", async () => {
    const { store } = await backend.open();
    const scheduler = createScheduler(store, new ManualClock());
    await deployDags(store, [
      dagSpec("params", [taskSpec("t")], {
        params: {
          sleep_seconds: { type: "number", default: 1, minimum: 0 },
          mode: { type: "string", enum: ["fast", "slow"] },
        },
      }),
    ]);
    await expect(
      scheduler.triggerRun("params", { conf: { sleep_seconds: -1 } }),
    ).rejects.toMatchObject({
      code: ErrorCode.invalidInput,
      message: expect.stringMatching(
        /conf\.sleep_seconds must be at least 0.*conf\.mode is required/,
      ),
    });
    const run = await scheduler.triggerRun("params", { conf: { mode: "fast", extra: true } });
    expect(run.conf).toEqual({ mode: "fast", extra: true });
    await expect(
      scheduler.triggerRun("params", { runId: run.runId, conf: { mode: "fast" } }),
    ).rejects.toMatchObject({
      code: ErrorCode.conflict,
    });
  });
});
