import { BordaError, type DagSpec, ErrorCode } from "@borda/protocol";
import { expect, it } from "vitest";
import { planQueueing } from "../src/scheduler/planQueueing.js";
import type { AttemptRecord, Store } from "../src/store/index.js";
import { type Backend, describeEachBackend } from "./support/backends.js";
import { dagSpec, deployDags, taskSpec } from "./support/dags.js";
import { createScheduler, ManualClock, workUntilIdle } from "./support/harness.js";

/**
 * Every transition is compare-and-set (invariant 2). These tests race the changes people
 * make against the changes workers and the reaper make, on the same task instances at
 * once. On PostgreSQL the two sides are two replicas, each with its own connection pool,
 * so their transactions really interleave; on SQLite they share the one writer.
 */

const rounds = 20;
/** The clear's race window is a few milliseconds wide: it takes more rounds to hit. */
const clearRounds = 100;
const width = 10;

/** Two schedulers on one database: two replicas where the backend allows it. */
async function replicas(backend: Backend, clock: ManualClock) {
  const { store, openAnother } = await backend.open();
  const other = backend.name === "postgres" ? await openAnother() : store;
  const schedulers = [createScheduler(store, clock), createScheduler(other, clock)] as const;
  // Each replica's start: its first pass renews leases, before any are handed out.
  for (const scheduler of schedulers) await scheduler.runPass();
  return { store, other, schedulers };
}

const fanOut = (dagId: string) =>
  dagSpec(
    dagId,
    Array.from({ length: width }, (_, i) => taskSpec(`t${i}`, { retries: 1, retryDelayMs: 0 })),
    { maxActiveTasks: 100 },
  );

/** No attempt in flight belongs to a task instance that has moved on to another attempt. */
async function expectNoOrphanAttempts(store: Store, dagRunId: number): Promise<void> {
  const instances = await store.listTaskInstances({ dagRunId });
  const current = new Map(instances.map((ti) => [ti.id, ti.currentAttemptId]));
  const active = (await store.listAttempts({ dagRunId })).filter((a) =>
    ["queued", "claimed", "running"].includes(a.state),
  );
  for (const attempt of active) {
    expect(current.get(attempt.taskInstanceId), `attempt of ${attempt.taskId}`).toBe(
      attempt.attemptId,
    );
  }
}

/** Each task instance succeeded, through exactly one successful attempt, its current one. */
async function expectOneSuccessEach(store: Store, dagRunId: number): Promise<void> {
  const instances = await store.listTaskInstances({ dagRunId });
  const successes = (await store.listAttempts({ dagRunId })).filter((a) => a.state === "success");
  for (const ti of instances) {
    expect(ti.state).toBe("success");
    const own = successes.filter((a) => a.taskInstanceId === ti.id);
    expect(own.map((a) => a.attemptId)).toEqual([ti.currentAttemptId]);
  }
}

/** Resolves to "done", or to the code of the BordaError the call was refused with. */
async function outcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return "done";
  } catch (error) {
    if (error instanceof BordaError) return error.code;
    throw error;
  }
}

describeEachBackend("racing transitions", (backend) => {
  it("never lets a clear and the queueing of the same task instances leave a job behind", async () => {
    const clock = new ManualClock();
    const { store, other, schedulers } = await replicas(backend, clock);
    const [queueing] = schedulers;
    const pool = { name: "narrow", description: null, includeDeferred: false };
    await store.savePool({ ...pool, slots: 1 });
    const inPool = (dag: DagSpec) => ({
      ...dag,
      tasks: dag.tasks.map((t) => ({ ...t, pool: "narrow" })),
    });
    await deployDags(store, [
      inPool(dagSpec("blocker", [taskSpec("hold")])),
      inPool(fanOut("clear_race")),
    ]);
    for (let round = 0; round < clearRounds; round++) {
      // The pool's one slot is taken, so the run's tasks wait scheduled...
      await store.savePool({ ...pool, slots: 1 });
      await queueing.triggerRun("blocker", { runId: `hold_${round}` });
      const run = await queueing.triggerRun("clear_race", { runId: `round_${round}` });
      expect(
        new Set((await store.listTaskInstances({ dagRunId: run.id })).map((t) => t.state)),
      ).toEqual(new Set(["scheduled"]));
      // ...until the pool grows: one replica queues them as the other clears them.
      await store.savePool({ ...pool, slots: 100 });
      await Promise.all([
        store.queueScheduledTasks(planQueueing, clock.now()),
        other.clearTaskInstances(
          run.id,
          fanOut("clear_race").tasks.map((t) => ({ taskId: t.taskId, retries: 1 })),
          clock.now(),
        ),
      ]);
      await expectNoOrphanAttempts(store, run.id);
      await queueing.runPass();
      await workUntilIdle(queueing, () => "success", { workerName: `w${round}` });
      await expectOneSuccessEach(store, run.id);
    }
  });

  it("records a result or a mark, never a result for an instance that was marked meanwhile", async () => {
    const clock = new ManualClock();
    const { store, schedulers } = await replicas(backend, clock);
    const [worker, person] = schedulers;
    await deployDags(store, [fanOut("mark_race")]);
    const outcomes: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const run = await worker.triggerRun("mark_race", { runId: `round_${round}` });
      const jobs = await worker.attempts.claimJobs({
        workerName: "w",
        queues: ["*"],
        freeSlots: width,
      });
      for (const job of jobs) await worker.attempts.startAttempt(job.attemptId);
      // Every task completes on one replica as the whole run is marked failed on the other.
      const [marked, ...completions] = await Promise.all([
        outcome(person.changes.setDagRunState("mark_race", run.runId, "failed")),
        ...jobs.map((job) =>
          outcome(worker.attempts.completeAttempt(job.attemptId, { returnValue: job.taskId })),
        ),
      ]);
      expect(marked).toBe("done");
      const attempts = new Map(
        (await store.listAttempts({ dagRunId: run.id })).map((a) => [a.attemptId, a]),
      );
      const xcoms = new Set((await store.listXcoms({ dagRunId: run.id })).map((x) => x.taskId));
      for (const [i, job] of jobs.entries()) {
        const result = completions[i];
        outcomes.push(result ?? "");
        const attempt = attempts.get(job.attemptId) as AttemptRecord;
        if (result === "done") {
          expect(attempt.state).toBe("success");
        } else {
          // Refused: the mark came first, so no result and no XCom exist for it.
          expect(result).toBe(ErrorCode.staleAttempt);
          expect(attempt.state).toBe("superseded");
          expect(xcoms.has(job.taskId)).toBe(false);
        }
      }
      expect((await store.getDagRunById(run.id))?.state).toBe("failed");
    }
    expect(outcomes.every((o) => o === "done" || o === ErrorCode.staleAttempt)).toBe(true);
  });

  it("reschedules a sensor or marks it, never queues a poke for an instance that was marked meanwhile", async () => {
    const clock = new ManualClock();
    const { store, schedulers } = await replicas(backend, clock);
    const [worker, person] = schedulers;
    const sensor = { mode: "reschedule", pokeIntervalMs: 0, timeoutMs: 60_000 } as const;
    const sensors = Array.from({ length: width }, (_, i) =>
      taskSpec(`s${i}`, { sensor: { ...sensor, softFail: false, exponentialBackoff: false } }),
    );
    await deployDags(store, [dagSpec("sensor_race", sensors, { maxActiveTasks: 100 })]);
    const outcomes: string[] = [];
    for (let round = 0; round < rounds; round++) {
      const run = await worker.triggerRun("sensor_race", { runId: `round_${round}` });
      const jobs = await worker.attempts.claimJobs({
        workerName: "w",
        queues: ["*"],
        freeSlots: width,
      });
      const started = [];
      for (const job of jobs) started.push(await worker.attempts.startAttempt(job.attemptId));
      // Every poke reschedules (and, due at once, is queued again) on one replica as the
      // whole run is marked failed on the other.
      const [marked, ...reschedules] = await Promise.all([
        outcome(person.changes.setDagRunState("sensor_race", run.runId, "failed")),
        ...started.map((attempt) => outcome(worker.attempts.rescheduleAttempt(attempt))),
      ]);
      expect(marked).toBe("done");
      outcomes.push(...reschedules);
      const attempts = await store.listAttempts({ dagRunId: run.id });
      // One attempt row per try, none left queued, waiting or in flight.
      expect(attempts).toHaveLength(width);
      for (const attempt of attempts) expect(attempt.state).toBe("superseded");
      const instances = await store.listTaskInstances({ dagRunId: run.id });
      for (const ti of instances) expect(ti.tryNumber).toBe(1);
      expect((await store.getDagRunById(run.id))?.state).toBe("failed");
    }
    expect(outcomes.every((o) => o === "done" || o === ErrorCode.staleAttempt)).toBe(true);
  });

  it("lets a heartbeat that lands while the reaper works keep its lease, and fails only what it did not renew", async () => {
    const clock = new ManualClock();
    const { store, other, schedulers } = await replicas(backend, clock);
    const [reaper] = schedulers;
    await deployDags(store, [fanOut("reap_race")]);
    for (let round = 0; round < rounds; round++) {
      const run = await reaper.triggerRun("reap_race", { runId: `round_${round}` });
      const jobs = await reaper.attempts.claimJobs({
        workerName: "w",
        queues: ["*"],
        freeSlots: width,
      });
      for (const job of jobs) await reaper.attempts.startAttempt(job.attemptId);
      clock.advance(15_000);
      // The leases ran out just now; the worker's heartbeat arrives on the other replica
      // as this one reaps.
      const [, cancelled] = await Promise.all([
        reaper.runPass(),
        other.extendLeases(
          "w",
          jobs.map((j) => j.attemptId),
          clock.now(),
        ),
      ]);
      for (const job of jobs) {
        const attempt = await store.getAttempt(job.attemptId);
        if (cancelled.includes(job.attemptId)) {
          expect(attempt?.state).toBe("failed");
        } else {
          expect(attempt?.state).toBe("running");
          expect(attempt?.leaseExpiresAt?.getTime()).toBeGreaterThan(clock.now().getTime());
          await reaper.attempts.completeAttempt(job.attemptId);
        }
      }
      await workUntilIdle(reaper);
      await expectOneSuccessEach(store, run.id);
    }
  });
});
