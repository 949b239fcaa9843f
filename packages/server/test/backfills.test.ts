import pg from "pg";
import { expect, it } from "vitest";
import type { Scheduler } from "../src/scheduler/scheduler.js";
import type { DagRunRecord, Store } from "../src/store/index.js";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend, describePostgres } from "./support/backends.js";
import { dagSpec, deployDags, taskSpec } from "./support/dags.js";
import { createScheduler, ManualClock } from "./support/harness.js";

const daily = (dagId: string, overrides: Parameters<typeof dagSpec>[2] = {}) =>
  dagSpec(dagId, [taskSpec("extract"), taskSpec("load", { upstream: ["extract"] })], {
    schedule: "@daily",
    startDate: "2024-01-01T00:00:00.000Z",
    ...overrides,
  });

/**
 * Plays workers through `schedulers` (picked in turn) until nothing is left to claim,
 * moving the clock a second before each start and each end, so the runs' queued, start
 * and end instants record the order things happened in. `fail` picks runs whose tasks fail.
 */
async function work(
  schedulers: readonly Scheduler[],
  clock: ManualClock,
  fail: (job: { runId: string }) => boolean = () => false,
): Promise<void> {
  for (let round = 0; ; round++) {
    const scheduler = schedulers[round % schedulers.length] as Scheduler;
    const jobs = await scheduler.attempts.claimJobs({
      workerName: `worker-${round % 2}`,
      queues: ["*"],
      freeSlots: 2,
    });
    if (jobs.length === 0) return;
    for (const job of jobs) {
      clock.advance(1000);
      await scheduler.attempts.startAttempt(job.attemptId);
      clock.advance(1000);
      if (fail(job)) {
        await scheduler.attempts.failAttempt(job.attemptId, { error: "broken", exitCode: 1 });
      } else {
        await scheduler.attempts.completeAttempt(job.attemptId, { returnValue: job.taskId });
      }
    }
  }
}

/** The most runs that were queued or running at one instant, from the runs' own history. */
function mostActiveAtOnce(runs: readonly DagRunRecord[]): number {
  return Math.max(
    ...runs.map((at) => {
      const t = at.queuedAt.getTime();
      return runs.filter(
        (r) => r.queuedAt.getTime() <= t && (r.endDate === null || r.endDate.getTime() > t),
      ).length;
    }),
  );
}

/** The backfill's runs in the order they were created. */
async function runsOf(store: Store, backfillId: number): Promise<DagRunRecord[]> {
  const runs = await store.listDagRuns({});
  return runs.filter((r) => r.backfillId === backfillId).sort((a, b) => a.id - b.id);
}

const day = (n: number) => new Date(Date.UTC(2024, 0, n)).toISOString();

describeEachBackend("backfills", (backend) => {
  async function setUp(dags = [daily("daily")]) {
    const { store } = await backend.open();
    const clock = new ManualClock("2026-01-01T00:00:00Z");
    const scheduler = createScheduler(store, clock);
    await deployDags(store, dags);
    return { store, clock, scheduler };
  }

  it("runs 30 days of a daily DAG in logical-date order, never more than 3 at once, all succeeding", async () => {
    const { store, clock, scheduler } = await setUp();
    const backfill = await scheduler.backfills.create({
      dagId: "daily",
      fromDate: "2024-01-01",
      toDate: "2024-01-30",
      maxActiveRuns: 3,
    });
    expect(await runsOf(store, backfill.id)).toHaveLength(3);
    await work([scheduler], clock);

    const runs = await runsOf(store, backfill.id);
    expect(runs.map((r) => r.logicalDate.toISOString())).toEqual(
      Array.from({ length: 30 }, (_, i) => day(i + 1)),
    );
    expect(runs[0]?.runId).toBe("backfill__2024-01-01T00:00:00+00:00");
    expect(runs.every((r) => r.runType === "backfill" && r.state === "success")).toBe(true);
    expect(runs[29]?.dataIntervalEnd?.toISOString()).toBe(day(31));
    expect(mostActiveAtOnce(runs)).toBe(3);
    const progress = (await store.getBackfillProgress([backfill.id])).get(backfill.id);
    expect(progress).toEqual({
      total: 30,
      created: 30,
      skipped: 0,
      running: 0,
      succeeded: 30,
      failed: 0,
    });
    expect((await store.getBackfill(backfill.id))?.completedAt).not.toBeNull();
  });

  it("uses the DAG's max_active_runs by default, and is not held back by the DAG's own runs", async () => {
    const { store, scheduler } = await setUp([daily("daily", { maxActiveRuns: 2 })]);
    await scheduler.triggerRun("daily", { runId: "one" });
    await scheduler.triggerRun("daily", { runId: "two" });
    const backfill = await scheduler.backfills.create({
      dagId: "daily",
      fromDate: "2024-01-01",
      toDate: "2024-01-05",
    });
    expect(backfill.maxActiveRuns).toBe(2);
    const runs = await runsOf(store, backfill.id);
    expect(runs.map((r) => r.state)).toEqual(["running", "running"]);
  });

  it("does not hold back the DAG's scheduled runs", async () => {
    const { store, clock, scheduler } = await setUp([
      daily("daily", { maxActiveRuns: 1, catchup: true, startDate: "2025-12-30T00:00:00.000Z" }),
    ]);
    const backfill = await scheduler.backfills.create({
      dagId: "daily",
      fromDate: "2024-01-01",
      toDate: "2024-01-05",
      maxActiveRuns: 2,
    });
    clock.advance(1000);
    await scheduler.runPass();
    const runs = await store.listDagRuns({ dagId: "daily", states: ["running"] });
    expect(runs.map((r) => [r.runType, r.backfillId])).toEqual([
      ["backfill", backfill.id],
      ["backfill", backfill.id],
      ["scheduled", null],
    ]);
  });

  it("creates no run after it is cancelled; its runs not yet started fail, those running go on", async () => {
    const { store, clock, scheduler } = await setUp();
    const backfill = await scheduler.backfills.create({
      dagId: "daily",
      fromDate: "2024-01-01",
      toDate: "2024-01-10",
      maxActiveRuns: 2,
    });
    // Work until the first run to finish makes room for a third.
    while ((await runsOf(store, backfill.id)).length < 3) {
      const [job] = await scheduler.attempts.claimJobs({
        workerName: "w",
        queues: ["*"],
        freeSlots: 1,
      });
      await scheduler.attempts.startAttempt(job?.attemptId ?? "");
      await scheduler.attempts.completeAttempt(job?.attemptId ?? "", { returnValue: 1 });
    }

    const cancelled = await scheduler.backfills.cancel(backfill.id);
    expect(cancelled).toMatchObject({ isPaused: true });
    expect(cancelled.completedAt).not.toBeNull();
    await work([scheduler], clock);
    await scheduler.runPass();
    const runs = await runsOf(store, backfill.id);
    expect(runs.map((r) => r.state)).toEqual(["success", "success", "success"]);
    await expect(scheduler.backfills.cancel(backfill.id)).rejects.toThrow(/already completed/);
  });

  it("fails its queued runs when cancelled while they wait (a paused DAG)", async () => {
    const { store, clock, scheduler } = await setUp();
    await store.setDagPaused("daily", true, clock.now());
    const backfill = await scheduler.backfills.create({
      dagId: "daily",
      fromDate: "2024-01-01",
      toDate: "2024-01-10",
      maxActiveRuns: 2,
    });
    expect((await runsOf(store, backfill.id)).map((r) => r.state)).toEqual(["queued", "queued"]);
    await scheduler.backfills.cancel(backfill.id);
    await store.setDagPaused("daily", false, clock.now());
    await scheduler.runPass();
    expect((await runsOf(store, backfill.id)).map((r) => r.state)).toEqual(["failed", "failed"]);
  });

  it("pauses: no new runs until unpaused", async () => {
    const { store, clock, scheduler } = await setUp();
    const backfill = await scheduler.backfills.create({
      dagId: "daily",
      fromDate: "2024-01-01",
      toDate: "2024-01-04",
      maxActiveRuns: 1,
    });
    await scheduler.backfills.pause(backfill.id, true);
    await work([scheduler], clock);
    expect(await runsOf(store, backfill.id)).toHaveLength(1);
    await scheduler.backfills.pause(backfill.id, false);
    await work([scheduler], clock);
    expect(await runsOf(store, backfill.id)).toHaveLength(4);
  });

  /** Day 1 succeeded, day 2 failed, day 3 has no run; then a backfill of days 1-3. */
  async function backfillOver(reprocessBehavior: "none" | "failed" | "completed" | "all") {
    const { store, clock, scheduler } = await setUp();
    for (const [n, runId] of [
      [1, "good"],
      [2, "bad"],
    ] as const) {
      await scheduler.triggerRun("daily", { runId, logicalDate: new Date(day(n)) });
    }
    await work([scheduler], clock, (job) => job.runId === "bad");
    const backfill = await scheduler.backfills.create({
      dagId: "daily",
      fromDate: "2024-01-01",
      toDate: "2024-01-03",
      reprocessBehavior,
      maxActiveRuns: 3,
    });
    await work([scheduler], clock);
    const runs = await runsOf(store, backfill.id);
    const progress = (await store.getBackfillProgress([backfill.id])).get(backfill.id);
    return { runIds: runs.map((r) => r.runId), progress, store };
  }

  it("reprocess none: skips the dates that have a run", async () => {
    const { runIds, progress, store } = await backfillOver("none");
    expect(runIds).toEqual(["backfill__2024-01-03T00:00:00+00:00"]);
    expect(progress).toMatchObject({ total: 3, created: 1, skipped: 2, succeeded: 1 });
    expect((await store.getDagRun("daily", "bad"))?.state).toBe("failed");
  });

  it("reprocess failed: re-runs the failed date's run, leaves the successful one", async () => {
    const { runIds, progress, store } = await backfillOver("failed");
    expect(runIds).toEqual(["bad", "backfill__2024-01-03T00:00:00+00:00"]);
    expect(progress).toMatchObject({ total: 3, created: 2, skipped: 1, succeeded: 2 });
    expect(await store.getDagRun("daily", "bad")).toMatchObject({
      state: "success",
      runType: "backfill",
    });
  });

  for (const name of ["completed", "all"] as const) {
    it(`reprocess ${name}: re-runs every date's run`, async () => {
      const { runIds, progress } = await backfillOver(name);
      expect(runIds).toEqual(["good", "bad", "backfill__2024-01-03T00:00:00+00:00"]);
      expect(progress).toMatchObject({ total: 3, created: 3, skipped: 0, succeeded: 3 });
    });
  }

  it("follows the timetable across a DST change in the DAG's zone", async () => {
    const { store, scheduler } = await setUp([
      daily("berlin", { timezone: "Europe/Berlin", startDate: "2024-01-01" }),
    ]);
    // Dates without an offset are read in the DAG's zone: midnight in Berlin.
    const backfill = await scheduler.backfills.create({
      dagId: "berlin",
      fromDate: "2024-03-30",
      toDate: "2024-04-01",
      maxActiveRuns: 3,
    });
    const runs = await runsOf(store, backfill.id);
    expect(
      runs.map((r) => [r.logicalDate.toISOString(), r.dataIntervalEnd?.toISOString()]),
    ).toEqual([
      ["2024-03-29T23:00:00.000Z", "2024-03-30T23:00:00.000Z"],
      // Clocks spring forward on the 31st: that day is 23 hours long.
      ["2024-03-30T23:00:00.000Z", "2024-03-31T22:00:00.000Z"],
      ["2024-03-31T22:00:00.000Z", "2024-04-01T22:00:00.000Z"],
    ]);
  });

  it("lists the dates in a dry run, without those it would skip, and creates nothing", async () => {
    const { store, scheduler } = await setUp();
    await scheduler.triggerRun("daily", { runId: "existing", logicalDate: new Date(day(2)) });
    const dates = await scheduler.backfills.dryRun({
      dagId: "daily",
      fromDate: "2024-01-01",
      toDate: "2024-01-04",
      runBackwards: true,
    });
    expect(dates.map((d) => d.toISOString())).toEqual([day(4), day(3), day(1)]);
    expect((await store.listBackfills({}, { limit: 10, offset: 0, descending: false })).total).toBe(
      0,
    );
  });
});

describeEachBackend("the backfill API", (backend) => {
  const dags = {
    "daily.ts": `import { dag } from "borda";
export default dag({ id: "daily", schedule: "@daily", startDate: "2024-01-01" }, ({ task }) => {
  task({ id: "work" }, () => "done");
});`,
    "manual.ts": `import { dag } from "borda";
export default dag({ id: "manual" }, ({ task }) => {
  task({ id: "work" }, () => "done");
});`,
  };

  it("starts, shows, lists and cancels a backfill, in the event log, for the roles allowed", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    const body = {
      dag_id: "daily",
      from_date: "2024-01-01",
      to_date: "2024-01-05",
      max_active_runs: 2,
      dag_run_conf: { source: "backfill" },
    };
    expect((await as(cp, "viewer")("POST", "/backfills", body)).status).toBe(403);
    const created = await as(cp, "user")("POST", "/backfills", body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      dag_id: "daily",
      from_date: "2024-01-01T00:00:00.000Z",
      to_date: "2024-01-05T00:00:00.000Z",
      dag_run_conf: { source: "backfill" },
      is_paused: false,
      reprocess_behavior: "none",
      max_active_runs: 2,
      completed_at: null,
      progress: { total: 5, created: 2, running: 2, succeeded: 0, failed: 0, skipped: 0 },
    });
    const id = created.body.id;
    const again = await as(cp, "user")("POST", "/backfills", body);
    expect(again.status).toBe(409);
    expect(again.body.detail).toContain(`already has a backfill going on (id ${id})`);

    const run = await as(cp, "viewer")(
      "GET",
      "/dags/daily/dagRuns/backfill__2024-01-01T00:00:00+00:00",
    );
    expect(run.body).toMatchObject({ run_type: "backfill", conf: { source: "backfill" } });
    expect((await as(cp, "viewer")("GET", `/backfills/${id}`)).body.id).toBe(id);
    const listed = await as(cp, "viewer")("GET", "/backfills?dag_id=daily");
    expect(listed.body.total_entries).toBe(1);
    expect((await as(cp, "viewer")("GET", "/backfills?dag_id=manual")).body.total_entries).toBe(0);

    expect((await as(cp, "viewer")("PUT", `/backfills/${id}/pause`)).status).toBe(403);
    expect((await as(cp, "user")("PUT", `/backfills/${id}/pause`)).body.is_paused).toBe(true);
    expect((await as(cp, "user")("PUT", `/backfills/${id}/unpause`)).body.is_paused).toBe(false);
    const cancelled = await as(cp, "user")("PUT", `/backfills/${id}/cancel`);
    expect(cancelled.body).toMatchObject({ is_paused: true, progress: { created: 2 } });
    expect(cancelled.body.completed_at).not.toBeNull();
    expect((await as(cp, "user")("PUT", `/backfills/${id}/cancel`)).status).toBe(409);
    expect((await as(cp, "user")("GET", "/backfills/999")).status).toBe(404);

    const events = (await as(cp, "admin")("GET", "/eventLogs?dag_id=daily")).body.event_logs;
    expect(events.map((e: { event: string }) => e.event)).toEqual(
      expect.arrayContaining(["create_backfill", "pause_backfill", "cancel_backfill"]),
    );
    const cancelEvent = events.find((e: { event: string }) => e.event === "cancel_backfill");
    expect(cancelEvent).toMatchObject({ owner: "user", extra: `{"backfill_id":${id}}` });
  });

  it("answers a dry run with the dates, recording nothing", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    const answer = await as(cp, "user")("POST", "/backfills/dry_run", {
      dag_id: "daily",
      from_date: "2024-01-01T00:00:00Z",
      to_date: "2024-01-03T12:00:00Z",
    });
    expect(answer.body).toEqual({
      backfills: [1, 2, 3].map((n) => ({ logical_date: day(n) })),
      total_entries: 3,
    });
    const events = (await as(cp, "admin")("GET", "/eventLogs")).body.event_logs;
    expect(events.map((e: { event: string }) => e.event)).not.toContain("create_backfill_dry_run");
  });

  it("refuses bad requests with a 4xx that says what is wrong", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    const post = (body: Record<string, unknown>) =>
      as(cp, "user")("POST", "/backfills", {
        dag_id: "daily",
        from_date: "2024-01-01",
        to_date: "2024-01-05",
        ...body,
      });
    const cases: [Record<string, unknown>, number, RegExp][] = [
      [{ from_date: "2024-02-01" }, 400, /from_date \(2024-02-01T00:00:00.000Z\) is after to_date/],
      [{ dag_id: "manual" }, 400, /needs a periodic schedule/],
      [{ dag_id: "nope" }, 404, /DAG 'nope' not found/],
      [{ from_date: "last tuesday" }, 400, /cannot read 'last tuesday' as a date/],
      [{ to_date: "2024-02-30" }, 400, /not a valid date/],
      [{ reprocess_behavior: "some" }, 400, /reprocess_behavior/],
      [{ max_active_runs: 0 }, 400, /max_active_runs/],
      [{ from_date: "2999-01-01", to_date: "2999-01-02" }, 400, /no logical date between/],
      [{ from_date: "1900-01-01" }, 400, /more than 10000 logical dates/],
    ];
    for (const [body, status, message] of cases) {
      const answer = await post(body);
      expect(answer.status, JSON.stringify(body)).toBe(status);
      expect(answer.body.detail, JSON.stringify(body)).toMatch(message);
    }
    expect((await as(cp, "user")("GET", "/backfills/abc")).status).toBe(400);
  });
});

describePostgres("a backfill driven by two replicas", (backend) => {
  it("gives each of 30 dates one run, never more than 3 at once", async () => {
    const { store, openAnother, databaseUrl } = await backend.open();
    const other = await openAnother();
    // After each statement that adds or moves a run, the database notes how many backfill
    // runs are queued or running as that transaction sees them: the limit, from history.
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    backend.onCleanup(() => client.end());
    await client.query(`
      create table active_backfill_runs (n bigint not null);
      create function note_active_backfill_runs() returns trigger language plpgsql as $$
      begin
        insert into active_backfill_runs select count(*) from dag_runs
          where backfill_id is not null and state in ('queued', 'running');
        return null;
      end $$;
      create trigger note_active_backfill_runs after insert or update on dag_runs
        for each statement execute function note_active_backfill_runs();`);
    const clock = new ManualClock("2026-01-01T00:00:00Z");
    const schedulers = [createScheduler(store, clock), createScheduler(other, clock)] as const;
    await deployDags(store, [daily("daily")]);
    const backfill = await schedulers[0].backfills.create({
      dagId: "daily",
      fromDate: "2024-01-01",
      toDate: "2024-01-30",
      maxActiveRuns: 3,
    });
    let done = false;
    const passes = async () => {
      while (!done) await Promise.all(schedulers.map((s) => s.runPass()));
    };
    const background = passes();
    await Promise.all([work(schedulers, clock), work([schedulers[1], schedulers[0]], clock)]);
    // A pass may still hold work the workers missed: finish it.
    done = true;
    await background;
    await work(schedulers, clock);

    const runs = await runsOf(store, backfill.id);
    expect(runs).toHaveLength(30);
    expect(new Set(runs.map((r) => r.logicalDate.getTime())).size).toBe(30);
    expect(runs.every((r) => r.state === "success")).toBe(true);
    const noted = await client.query("select max(n)::int as most from active_backfill_runs");
    expect(noted.rows[0].most).toBe(3);
  });
});
