import { randomBytes } from "node:crypto";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { postgresSkipMessage, postgresUrl } from "../../server/test/support/postgresSkip.js";
import { AdminApi, ServerProcess } from "./serverProcess.js";
import {
  eventually,
  freePorts,
  startWorker,
  TestResources,
  type WorkerProcess,
} from "./support.js";
import { TcpProxy } from "./tcpProxy.js";

/**
 * Three `borda server` replicas on one PostgreSQL database behind a round-robin load
 * balancer (tcpProxy.ts), three `borda worker` processes calling the balancer, and
 * hundreds of tasks of random length. While they run, replicas are killed with SIGKILL
 * one at a time and started again; then every replica is down at once, for longer than
 * the worker timeout, and all come back.
 *
 * No replica's death is silence the control plane could hear (invariant 8), and every
 * transition is compare-and-set across replicas (invariant 2): so every run succeeds,
 * every task succeeds on its first try, and no task instance has two successful
 * attempts (invariant 1). A DAG with an hourly schedule and catchup, started in the past,
 * gets each of its runs created exactly once although every replica schedules it.
 *
 * Default server settings (5 s heartbeats, 15 s worker timeout). The durations and the
 * chaos come from a fixed seed, so a failure can be replayed. About three minutes.
 */

const seed = 0x5eed_10;
const runs = 40;
const tasksPerRun = 10;
const taskMs = { min: 2000, max: 10_000 };
const workerConcurrency = 12;
const chaosRounds = 5;
/** Longer than the default worker timeout (15 s). */
const allDownMs = 20_000;

/** mulberry32: a small, good-enough seeded generator of numbers in [0, 1). */
function seeded(start: number): () => number {
  let state = start;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const hour = 3_600_000;
/** A day of hourly intervals that ended yesterday: catchup creates all 24 at once. */
const catchupStart = new Date(Math.floor(Date.now() / (24 * hour)) * 24 * hour - 2 * 24 * hour);
const catchupEnd = new Date(catchupStart.getTime() + 23 * hour);
const catchupRuns = 24;

const dags = `
import { dag } from "borda";
export const chaos = dag({ id: "chaos", maxActiveRuns: 100, maxActiveTasks: 1000 }, ({ task }) => {
  for (let i = 0; i < ${tasksPerRun}; i++) {
    task({ id: \`work_\${i}\`, queue: "chaos" }, async (ctx) => {
      const ms = (ctx.conf.durations as number[])[i] ?? 0;
      ctx.log(\`working for \${ms} ms\`);
      await ctx.sleep(ms);
      return ms;
    });
  }
});
export const hourly = dag(
  {
    id: "hourly_catchup",
    schedule: "0 * * * *",
    startDate: "${catchupStart.toISOString()}",
    endDate: "${catchupEnd.toISOString()}",
    catchup: true,
    maxActiveRuns: 100,
  },
  ({ task }) => {
    task({ id: "tick", queue: "chaos" }, (ctx) => ctx.logicalDate.toISOString());
  },
);
`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls through the balancer may meet a replica as it dies: try again until one answers. */
function retried<T>(call: () => Promise<T>, what: string): Promise<T> {
  return eventually(
    () =>
      call().then(
        (value) => ({ value }),
        () => null,
      ),
    what,
  ).then(({ value }) => value);
}

(postgresUrl ? describe : describe.skip)(
  `control plane replicas killed and restarted under load${postgresUrl ? "" : ` — ${postgresSkipMessage}`}`,
  () => {
    it(
      "runs every task exactly once, on its first try, and creates every scheduled run once",
      async ({ onTestFinished }) => {
        const resources = new TestResources();
        const ports = await freePorts(3);
        const proxy = await TcpProxy.start(ports.map((port) => ({ host: "127.0.0.1", port })));
        const adminUrl = postgresUrl ?? "";
        const database = `borda_chaos_${process.pid}_${randomBytes(4).toString("hex")}`;
        const sql = async (statement: string) => {
          const client = new pg.Client({ connectionString: adminUrl });
          await client.connect();
          await client.query(statement).finally(() => client.end());
        };
        onTestFinished(async () => {
          await resources.cleanup();
          await proxy.close();
          await sql(`drop database if exists ${database} with (force)`);
        });
        await sql(`create database ${database}`);
        const databaseUrl = new URL(adminUrl);
        databaseUrl.pathname = `/${database}`;

        const secretKey = randomBytes(32).toString("hex");
        const replicas = ports.map(
          (port) =>
            new ServerProcess(resources, {
              home: resources.dir("borda-chaos-replica-"),
              port,
              databaseUrl: databaseUrl.toString(),
              secretKey,
              dags: { "chaos.ts": dags },
            }),
        );
        await Promise.all(replicas.map((replica) => replica.start()));
        const api = new AdminApi(proxy.url);
        await api.dagReady("chaos");
        const token = await api.workerToken("chaos", ["chaos"]);
        const workers: WorkerProcess[] = ["a", "b", "c"].map((letter) =>
          startWorker(resources, {
            url: proxy.url,
            token,
            name: `chaos-${letter}`,
            queues: "chaos",
            env: { BORDA_CONCURRENCY: String(workerConcurrency) },
          }),
        );
        // The end of each process's output: a replica logs every request.
        const diagnostics = () =>
          [
            ...replicas.map((r) => `=== replica ${r.url}\n${r.output().slice(-20_000)}`),
            ...workers.map((w) => `=== ${w.name}\n${w.output().slice(-20_000)}`),
          ].join("\n");
        await eventually(
          async () => (await api.servingWorkers()).length === workers.length,
          () => `every worker to register (${diagnostics()})`,
        );

        const durations = seeded(seed);
        for (let run = 0; run < runs; run++) {
          await api.trigger("chaos", `chaos_${run}`, {
            durations: Array.from({ length: tasksPerRun }, () =>
              Math.round(taskMs.min + durations() * (taskMs.max - taskMs.min)),
            ),
          });
        }

        // One replica at a time: killed, and started again a moment later. Then the
        // balancer drops every connection, as one that restarts does, which also spreads
        // the workers' kept-alive connections over the replicas again.
        const chaos = seeded(seed + 1);
        for (let round = 0; round < chaosRounds; round++) {
          await sleep(2000 + chaos() * 3000);
          const victim = replicas[Math.floor(chaos() * replicas.length)] as ServerProcess;
          await victim.stop("SIGKILL");
          await sleep(1000 + chaos() * 2000);
          await victim.start();
          proxy.dropAll();
        }
        // Then all of them, for longer than the worker timeout, while tasks still run.
        const before = await retried(() => api.jobs({ dag_id: "chaos" }), "the attempts");
        expect(before.filter((j) => j.state === "running").length).toBeGreaterThan(0);
        await Promise.all(replicas.map((replica) => replica.stop("SIGKILL")));
        await sleep(allDownMs);
        await Promise.all(replicas.map((replica) => replica.start()));

        const finished = (states: string[]) =>
          states.every((state) => state === "success" || state === "failed");
        const [chaosRuns, hourlyRuns] = await eventually(
          async () => {
            const found = await Promise.all([api.runs("chaos"), api.runs("hourly_catchup")]).catch(
              () => null,
            );
            if (!found) return null;
            const [chaosFound, hourlyFound] = found;
            return chaosFound.length === runs &&
              hourlyFound.length >= catchupRuns &&
              finished([...chaosFound, ...hourlyFound].map((r) => r.state))
              ? found
              : null;
          },
          () => `every run to finish (${diagnostics()})`,
          150_000,
        );

        const jobs = await retried(() => api.jobs(), "the attempts");
        const notFirstTry = jobs.filter((j) => j.try_number !== 1 || j.state === "failed");
        expect(
          notFirstTry.map(
            (j) =>
              `${j.dag_id}/${j.run_id}/${j.task_id} try ${j.try_number} ${j.state}: ${j.error}`,
          ),
          diagnostics(),
        ).toEqual([]);
        const successes = new Map<string, number>();
        for (const job of jobs.filter((j) => j.state === "success")) {
          const key = `${job.dag_id}/${job.run_id}/${job.task_id}`;
          successes.set(key, (successes.get(key) ?? 0) + 1);
        }
        expect([...successes.values()].filter((count) => count > 1)).toEqual([]);
        expect(successes.size).toBe(runs * tasksPerRun + catchupRuns);

        expect(chaosRuns.filter((r) => r.state !== "success")).toEqual([]);
        expect(hourlyRuns.filter((r) => r.state !== "success")).toEqual([]);
        expect(hourlyRuns).toHaveLength(catchupRuns);
        expect(new Set(hourlyRuns.map((r) => r.dag_run_id)).size).toBe(catchupRuns);
        expect(new Set(hourlyRuns.map((r) => r.logical_date)).size).toBe(catchupRuns);
        expect(hourlyRuns.every((r) => r.run_type === "scheduled")).toBe(true);
      },
      5 * 60_000,
    );
  },
);
