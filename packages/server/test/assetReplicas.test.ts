import { expect, it } from "vitest";
import type { Scheduler } from "../src/scheduler/scheduler.js";
import type { Store } from "../src/store/index.js";
import { describePostgres } from "./support/backends.js";
import { dagSpec, deployDags, taskSpec } from "./support/dags.js";
import { createScheduler, ManualClock } from "./support/harness.js";

/**
 * Two control-plane replicas (each its own store and connection pool) on one PostgreSQL
 * database, reacting at once to the same asset events: each event must reach each
 * consuming DAG through exactly one run, and every run's events must satisfy its DAG's
 * condition.
 */
const a = "s3://lake/a";
const b = "s3://lake/b";

const dags = [
  dagSpec(
    "producer",
    Array.from({ length: 40 }, (_, i) =>
      taskSpec(`write_${i}`, { outlets: [{ uri: i % 2 === 0 ? a : b }] }),
    ),
    { maxActiveTasks: 100 },
  ),
  dagSpec("on_a", [taskSpec("use")], { assetSchedule: { asset: a }, maxActiveRuns: 1000 }),
  dagSpec("on_both", [taskSpec("use")], {
    assetSchedule: { all: [{ asset: a }, { asset: b }] },
    maxActiveRuns: 1000,
  }),
  dagSpec("on_either", [taskSpec("use")], {
    assetSchedule: { any: [{ asset: a }, { asset: b }] },
    maxActiveRuns: 1000,
  }),
];

/** Each run of `dagId` with the URIs of the events that triggered it. */
async function triggeredRuns(store: Store, dagId: string) {
  const runs = await store.listDagRuns({ dagId });
  return Promise.all(
    runs.map(async (run) => {
      const { items } = await store.findAssetEvents(
        { triggeredDagRunId: run.id },
        { orderBy: "id", descending: false, limit: 1000, offset: 0 },
      );
      return { runType: run.runType, events: items.map((e) => ({ id: e.id, uri: e.uri })) };
    }),
  );
}

describePostgres("asset events with two replicas on one database", (backend) => {
  it("trigger each consumer exactly once per event while both replicas race", async () => {
    const { store, openAnother } = await backend.open({ dagsPausedAtCreation: false });
    const otherStore = await openAnother();
    const clock = new ManualClock();
    const schedulers = [createScheduler(store, clock), createScheduler(otherStore, clock)] as const;
    await deployDags(store, dags);
    const pick = () => schedulers[Math.floor(Math.random() * 2)] as Scheduler;

    // Producer tasks succeed through either replica, while external events land on both
    // and both replicas run passes.
    await schedulers[0].triggerRun("producer");
    let finished = false;
    const worker = async (name: string) => {
      for (let idle = 0; idle < 50; ) {
        const jobs = await pick().attempts.claimJobs({
          workerName: name,
          queues: ["default"],
          freeSlots: 4,
        });
        if (jobs.length === 0) {
          idle += 1;
          await pick().runPass();
          continue;
        }
        idle = 0;
        await Promise.all(
          jobs
            .filter((job) => job.dagId === "producer")
            .map(async (job) => {
              await pick().attempts.startAttempt(job.attemptId);
              await pick().attempts.completeAttempt(job.attemptId, {});
            }),
        );
      }
    };
    const external = async (replica: 0 | 1) => {
      const replicaStore = replica === 0 ? store : otherStore;
      for (let i = 0; i < 10; i++) {
        await replicaStore.raiseAssetEvent(i % 2 === 0 ? b : a, { replica, i }, clock.now());
        await schedulers[replica].afterAssetEvents();
      }
    };
    const passes = async () => {
      while (!finished) await Promise.all(schedulers.map((s) => s.runPass()));
    };
    const background = passes();
    await Promise.all([worker("w1"), worker("w2"), external(0), external(1)]);
    finished = true;
    await background;
    // One more event of each: whatever on_both still waits with now satisfies it.
    await store.raiseAssetEvent(a, {}, clock.now());
    await otherStore.raiseAssetEvent(b, {}, clock.now());
    await Promise.all(schedulers.map((s) => s.afterAssetEvents()));

    const { items: events } = await store.findAssetEvents(
      {},
      { orderBy: "id", descending: false, limit: 1000, offset: 0 },
    );
    expect(events).toHaveLength(62);
    const eventsOf = (uris: string[]) =>
      events.filter((e) => uris.includes(e.uri)).map((e) => e.id);

    for (const [dagId, uris, satisfied] of [
      ["on_a", [a], (seen: Set<string>) => seen.has(a)],
      ["on_both", [a, b], (seen: Set<string>) => seen.has(a) && seen.has(b)],
      ["on_either", [a, b], (seen: Set<string>) => seen.has(a) || seen.has(b)],
    ] as const) {
      const runs = await triggeredRuns(store, dagId);
      expect(runs.length, dagId).toBeGreaterThan(0);
      for (const run of runs) {
        expect(run.runType).toBe("dataset_triggered");
        expect(satisfied(new Set(run.events.map((e) => e.uri))), dagId).toBe(true);
      }
      // Every event is one run's: none consumed twice, none left behind.
      const consumed = runs.flatMap((run) => run.events.map((e) => e.id));
      const queued = (await store.listQueuedAssetEvents({ dagId })).length;
      expect(new Set(consumed).size, dagId).toBe(consumed.length);
      expect(
        [...consumed].sort((x, y) => x - y),
        dagId,
      ).toEqual(queued === 0 ? eventsOf([...uris]) : expect.any(Array));
      expect(queued, dagId).toBe(0);
    }
  });

  it("create one run when both replicas react to the same event", async () => {
    const { store, openAnother } = await backend.open({ dagsPausedAtCreation: false });
    const otherStore = await openAnother();
    const clock = new ManualClock();
    const schedulers = [createScheduler(store, clock), createScheduler(otherStore, clock)] as const;
    await deployDags(store, dags);
    for (let round = 1; round <= 10; round++) {
      await store.raiseAssetEvent(a, {}, clock.now());
      const created = await Promise.all(schedulers.map((s) => s.afterAssetEvents()));
      const forOnA = created.flat().filter((run) => run.dagId === "on_a");
      expect(forOnA).toHaveLength(1);
      expect(await triggeredRuns(store, "on_a")).toHaveLength(round);
    }
  });
});
