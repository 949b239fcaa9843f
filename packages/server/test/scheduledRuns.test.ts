import { expect, it } from "vitest";
import type { Scheduler } from "../src/scheduler/scheduler.js";
import type { Store } from "../src/store/index.js";
import { describeEachBackend } from "./support/backends.js";
import { dagSpec, deployDags, taskSpec } from "./support/dags.js";
import { createScheduler, ManualClock } from "./support/harness.js";

/** The local calendar day of an instant in a zone, e.g. "2026-03-29". */
const localDay = (date: Date, timeZone: string) =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(date);

async function scheduledRuns(store: Store, dagId: string) {
  return (await store.listDagRuns({ dagId, runType: "scheduled" })).sort(
    (a, b) => a.logicalDate.getTime() - b.logicalDate.getTime(),
  );
}

/** Asserts the runs' data intervals follow each other with no gap and no overlap. */
function expectContiguous(runs: Awaited<ReturnType<typeof scheduledRuns>>) {
  for (let i = 1; i < runs.length; i++) {
    expect(runs[i]?.dataIntervalStart?.toISOString()).toBe(
      runs[i - 1]?.dataIntervalEnd?.toISOString(),
    );
  }
  expect(new Set(runs.map((r) => r.runId)).size).toBe(runs.length);
}

async function catchUp(
  scheduler: Scheduler,
  store: Store,
  dagId: string,
  until: string,
  clock: ManualClock,
) {
  clock.set(until);
  await scheduler.runPass();
  return scheduledRuns(store, dagId);
}

describeEachBackend("scheduled runs", (backend) => {
  for (const { zone, cron, start, until, transitionDay } of [
    // Spring forward: 02:30 does not exist in Berlin on 29 March 2026.
    {
      zone: "Europe/Berlin",
      cron: "30 2 * * *",
      start: "2026-03-26",
      until: "2026-04-02T12:00:00Z",
      transitionDay: "2026-03-29",
    },
    // Fall back: 02:30 happens twice in Berlin on 25 October 2026.
    {
      zone: "Europe/Berlin",
      cron: "30 2 * * *",
      start: "2026-10-22",
      until: "2026-10-29T12:00:00Z",
      transitionDay: "2026-10-25",
    },
    // Spring forward: 02:30 does not exist in New York on 8 March 2026.
    {
      zone: "America/New_York",
      cron: "30 2 * * *",
      start: "2026-03-05",
      until: "2026-03-12T18:00:00Z",
      transitionDay: "2026-03-08",
    },
    // Fall back: 01:30 happens twice in New York on 1 November 2026.
    {
      zone: "America/New_York",
      cron: "30 1 * * *",
      start: "2026-10-29",
      until: "2026-11-05T18:00:00Z",
      transitionDay: "2026-11-01",
    },
  ]) {
    it(`catches up a daily ${cron} schedule across ${zone}'s change on ${transitionDay}: one run per local day`, async () => {
      const { store } = await backend.open();
      const clock = new ManualClock(`${start}T00:00:00Z`);
      const scheduler = createScheduler(store, clock);
      await deployDags(store, [
        dagSpec("nightly", [taskSpec("work")], {
          schedule: cron,
          timezone: zone,
          startDate: new Date(`${start}T00:00:00Z`).toISOString(),
          catchup: true,
          maxActiveRuns: 100,
        }),
      ]);
      const runs = await catchUp(scheduler, store, "nightly", until, clock);
      const days = runs.map((r) => localDay(r.logicalDate, zone));
      expect(new Set(days).size).toBe(days.length);
      expect(days).toContain(transitionDay);
      expect(runs.length).toBeGreaterThanOrEqual(6);
      expectContiguous(runs);
      // Every run's interval has ended by the time it is created.
      for (const run of runs)
        expect(run.dataIntervalEnd?.getTime()).toBeLessThanOrEqual(clock.now().getTime());
      // A second pass at the same instant creates nothing more.
      await scheduler.runPass();
      expect(await scheduledRuns(store, "nightly")).toHaveLength(runs.length);
    });
  }

  it("runs an hourly schedule across the Berlin autumn change with no gap and no duplicate", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock("2026-10-24T20:00:00Z");
    const scheduler = createScheduler(store, clock);
    await deployDags(store, [
      dagSpec("hourly", [taskSpec("work")], {
        schedule: "0 * * * *",
        timezone: "Europe/Berlin",
        startDate: "2026-10-24T20:00:00.000Z",
        catchup: true,
        maxActiveRuns: 100,
      }),
    ]);
    const runs = await catchUp(scheduler, store, "hourly", "2026-10-25T06:00:00Z", clock);
    expectContiguous(runs);
    // 20:00Z to 06:00Z is ten real hours, whatever the wall clocks did.
    expect(runs).toHaveLength(10);
  });

  it("with catchup off, creates only the latest complete interval, then continues from it", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock("2026-06-10T12:00:00Z");
    const scheduler = createScheduler(store, clock);
    await deployDags(store, [
      dagSpec("recent", [taskSpec("work")], {
        schedule: "@daily",
        startDate: "2026-01-01T00:00:00.000Z",
        catchup: false,
      }),
    ]);
    await scheduler.runPass();
    let runs = await scheduledRuns(store, "recent");
    expect(runs.map((r) => r.logicalDate.toISOString())).toEqual(["2026-06-09T00:00:00.000Z"]);
    expect(runs[0]?.runId).toBe("scheduled__2026-06-09T00:00:00+00:00");
    clock.set("2026-06-11T00:00:00Z");
    await scheduler.runPass();
    runs = await scheduledRuns(store, "recent");
    expect(runs.map((r) => r.logicalDate.toISOString())).toEqual([
      "2026-06-09T00:00:00.000Z",
      "2026-06-10T00:00:00.000Z",
    ]);
    const dag = await store.getDag("recent");
    expect(dag?.nextDagRun?.logicalDate.toISOString()).toBe("2026-06-11T00:00:00.000Z");
  });

  it("holds catch-up runs back at maxActiveRuns and creates the next when one finishes", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock("2026-01-05T12:00:00Z");
    const scheduler = createScheduler(store, clock);
    await deployDags(store, [
      dagSpec("backfill", [taskSpec("work")], {
        schedule: "@daily",
        startDate: "2026-01-01T00:00:00.000Z",
        catchup: true,
        maxActiveRuns: 2,
      }),
    ]);
    await scheduler.runPass();
    expect(await scheduledRuns(store, "backfill")).toHaveLength(2);
    const [job] = await scheduler.attempts.claimJobs({
      workerName: "w",
      queues: ["*"],
      freeSlots: 1,
    });
    if (!job) throw new Error("expected a job");
    await scheduler.attempts.startAttempt(job.attemptId);
    await scheduler.attempts.completeAttempt(job.attemptId);
    const runs = await scheduledRuns(store, "backfill");
    expect(runs.map((r) => r.state)).toEqual(["success", "running", "running"]);
  });

  it("does not schedule a paused DAG", async () => {
    const { store } = await backend.open();
    const clock = new ManualClock("2026-01-05T12:00:00Z");
    const scheduler = createScheduler(store, clock);
    await deployDags(store, [
      dagSpec("paused", [taskSpec("work")], {
        schedule: "@daily",
        startDate: "2026-01-01T00:00:00.000Z",
      }),
    ]);
    await store.setDagPaused("paused", true, clock.now());
    await scheduler.runPass();
    expect(await scheduledRuns(store, "paused")).toHaveLength(0);
  });
});
