import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, it } from "vitest";
import type { Scheduler } from "../src/scheduler/scheduler.js";
import { openStore } from "../src/store/index.js";
import { describePostgres } from "./support/backends.js";
import { dagSpec, deployDags, taskSpec } from "./support/dags.js";
import { createScheduler, ManualClock } from "./support/harness.js";
import { postgresUrl } from "./support/postgresSkip.js";

/**
 * Two schedulers (two replicas, each with its own connection pool) on one PostgreSQL
 * database, driven at once by several worker loops and overlapping scheduler passes.
 * Compare-and-set transitions, the scheduling lock and SKIP LOCKED claims must queue
 * and run every task exactly once.
 */
describePostgres("two schedulers on one database", (backend) => {
  it("queue every one of 500 fan-out tasks exactly once", async () => {
    const { store, openAnother } = await backend.open();
    const otherStore = await openAnother();
    const clock = new ManualClock();
    const schedulers = [createScheduler(store, clock), createScheduler(otherStore, clock)] as const;
    const dags = Array.from({ length: 5 }, (_, d) =>
      dagSpec(
        `fan_${d}`,
        [
          taskSpec("root"),
          ...Array.from({ length: 99 }, (_, i) => taskSpec(`leaf_${i}`, { upstream: ["root"] })),
        ],
        { maxActiveTasks: 500 },
      ),
    );
    await deployDags(store, dags);
    const runs = await Promise.all(
      dags.map((dag, i) => (i % 2 === 0 ? schedulers[0] : schedulers[1]).triggerRun(dag.dagId)),
    );

    const pick = () => schedulers[Math.floor(Math.random() * 2)] as Scheduler;
    let finished = false;
    const worker = async (name: string) => {
      let idleRounds = 0;
      while (!finished && idleRounds < 200) {
        const jobs = await pick().attempts.claimJobs({
          workerName: name,
          queues: ["default"],
          freeSlots: 16,
        });
        if (jobs.length === 0) {
          idleRounds += 1;
          await pick().runPass();
          continue;
        }
        idleRounds = 0;
        await Promise.all(
          jobs.map(async (job) => {
            await pick().attempts.startAttempt(job.attemptId);
            await pick().attempts.completeAttempt(job.attemptId, { returnValue: job.taskId });
          }),
        );
      }
    };
    const passes = async () => {
      while (!finished) await Promise.all(schedulers.map((s) => s.runPass()));
    };
    const background = passes();
    await Promise.all(["w1", "w2", "w3", "w4"].map(worker));
    finished = true;
    await background;

    for (const run of runs) expect((await store.getDagRunById(run.id))?.state).toBe("success");
    const attempts = await store.listAttempts();
    expect(attempts).toHaveLength(500);
    expect(new Set(attempts.map((a) => a.taskInstanceId)).size).toBe(500);
    expect(attempts.every((a) => a.state === "success" && a.tryNumber === 1)).toBe(true);
  });

  it("migrates once when several replicas start together on an empty database", async () => {
    const adminUrl = postgresUrl ?? "";
    const name = `borda_test_migrate_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const home = mkdtempSync(path.join(tmpdir(), "borda-migrate-"));
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const stores = await Promise.all(
        [1, 2, 3].map(() => openStore({ home, databaseUrl: url.toString() })),
      );
      expect((await stores[0]?.listPools())?.map((p) => [p.name, p.slots])).toEqual([
        ["default_pool", 128],
      ]);
      for (const store of stores) await store.close();
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
      rmSync(home, { recursive: true, force: true });
    }
  });
});
