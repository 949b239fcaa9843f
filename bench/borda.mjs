// Borda's side of the benchmarks, shared by `npm run bench` (bench/run.mjs) and
// `npm run bench:airflow` (bench/airflow/run.mjs): a control plane on the embedded database
// (or on PostgreSQL) with the benchmark's DAGs (bench/dags), `borda worker` processes on
// loopback, and the scenarios measured with the control plane's own timestamps.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createWorkerToken, resolveServerConfig, startControlPlane } from "@borda/server";
import pg from "pg";
import pino from "pino";

const here = path.dirname(fileURLToPath(import.meta.url));
const borda = path.join(here, "../packages/cli/dist/main.js");

/**
 * Starts a control plane with the benchmark's DAGs and a `bench` pool in a fresh home.
 * `pickups`: how many one-task runs `runSingles` makes; `workerCommand`: how a worker starts;
 * `databaseUrl`: a PostgreSQL database to run on (empty: see `postgresForBench`), instead of
 * the embedded SQLite database in the home.
 */
export async function startBordaBench({
  pickups,
  workerCommand,
  metricsPort = null,
  databaseUrl = undefined,
}) {
  const home = mkdtempSync(path.join(os.tmpdir(), "borda-bench-"));
  const dagsFolder = path.join(home, "dags");
  cpSync(path.join(here, "dags"), dagsFolder, { recursive: true });

  const controlPlane = await startControlPlane(
    {
      ...resolveServerConfig({}, {}),
      home,
      databaseUrl,
      dagsFolder,
      port: 0,
      host: "127.0.0.1",
      dagsPausedAtCreation: false,
      logLevel: "silent",
      adminUser: "bench",
      adminPassword: "bench-password",
      metricsPort,
      metricsHost: "127.0.0.1",
    },
    { logger: pino({ level: "silent" }) },
  );
  const { store, scheduler } = controlPlane;
  /** Every worker process started, stopped by `stop`. */
  const workers = [];
  await store.savePool({
    name: "bench",
    slots: 2000,
    description: "benchmark",
    includeDeferred: false,
  });

  /**
   * Starts a worker process with a token for `queue`, and waits until it has registered.
   * `ownGroup`: in a process group of its own, so that killing the group takes its runners too.
   */
  async function startWorker(name, queue, slots, { ownGroup = false } = {}) {
    const { token } = await createWorkerToken(
      store,
      controlPlane.secretKey,
      { name, queues: [queue] },
      new Date(),
    );
    const worker = spawn(workerCommand[0], workerCommand.slice(1), {
      detached: ownGroup,
      env: {
        PATH: process.env.PATH,
        HOME: home,
        BORDA_API_URL: controlPlane.url,
        BORDA_WORKER_TOKEN: token,
        BORDA_QUEUES: queue,
        BORDA_CONCURRENCY: String(slots),
        BORDA_HOSTNAME: name,
        BORDA_WORKER_DIR: path.join(home, name),
        BORDA_LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    workers.push(worker);
    await until(
      async () => (await controlPlane.edge.listWorkers()).some((w) => w.name === name),
      `worker ${name} to register`,
    );
    return worker;
  }

  /** Runs the one-task DAG `dagId` `pickups` times, one run after the other; their attempts. */
  async function runSingles(dagId) {
    const attempts = [];
    for (let i = 0; i < pickups; i++) {
      const run = await runToEnd(dagId);
      attempts.push(...(await store.listAttempts({ dagRunId: run.id })));
    }
    return attempts;
  }

  /**
   * Runs the chain `dagId` (tasks hop_00 .. hop_39) once: each hop, from one task's success
   * being recorded to the next starting, and the whole chain from queued to done.
   */
  async function runChain(dagId) {
    const run = await runToEnd(dagId);
    const hops = (await store.listAttempts({ dagRunId: run.id })).sort((a, b) =>
      a.taskId.localeCompare(b.taskId),
    );
    return {
      hopMs: hops.slice(1).map((attempt, i) => attempt.startedAt - hops[i].endedAt),
      totalMs: hops.at(-1).endedAt - hops[0].queuedAt,
    };
  }

  async function runToEnd(dagId, pollMs = 2) {
    const run = await scheduler.triggerRun(dagId, {
      runId: `${dagId}_${process.hrtime.bigint()}`,
    });
    await until(
      async () => {
        const state = (await store.getDagRunById(run.id))?.state;
        if (state === "failed") {
          const failed = await store.listAttempts({ dagRunId: run.id, states: ["failed"] });
          const why = failed.map((a) => `${a.taskId}[${a.mapIndex}]: ${a.error}`).slice(0, 3);
          throw new Error(`${dagId} failed: ${why.join("; ") || "no attempt failed"}`);
        }
        return state === "success";
      },
      `${dagId} to finish`,
      pollMs,
    );
    return run;
  }

  /** Stops every worker started, then the control plane, and removes the home. */
  async function stop() {
    for (const worker of workers) {
      if (worker.exitCode !== null || worker.signalCode !== null) continue;
      worker.kill("SIGTERM");
      await new Promise((resolve) => worker.once("exit", resolve));
    }
    await controlPlane.stop();
    rmSync(home, { recursive: true, force: true });
  }

  return { controlPlane, store, scheduler, startWorker, runSingles, runChain, runToEnd, stop };
}

/** The worker's command line: `borda worker`, or a single-file build given by its path. */
export function workerCommandFor(file) {
  if (!file) return [process.execPath, borda, "worker"];
  const resolved = path.resolve(file);
  if (!existsSync(resolved)) {
    throw new Error(`BENCH_WORKER=${file}: no such file (npm run build:worker makes it)`);
  }
  return resolved.endsWith(".mjs") ? [process.execPath, resolved] : [resolved];
}

/** The PostgreSQL server `npm run bench` looks for when BENCH_DATABASE_URL is not set. */
const localPostgresUrl = "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * A PostgreSQL database for the benchmark: BENCH_DATABASE_URL as it is (an empty database
 * is best: runs already in it slow the claims down), or else a scratch database
 * `borda_bench_<pid>` on the server at 127.0.0.1:5432, which `drop` removes. When neither
 * is there, `skipped` says so instead.
 */
export async function postgresForBench(url = process.env.BENCH_DATABASE_URL) {
  if (url) return { url, drop: async () => {} };
  const connect = async () => {
    const client = new pg.Client({
      connectionString: localPostgresUrl,
      connectionTimeoutMillis: 3000,
    });
    await client.connect();
    return client;
  };
  let admin;
  try {
    admin = await connect();
  } catch (error) {
    return {
      skipped: `skipped: no PostgreSQL at 127.0.0.1:5432 (${error.message}); set BENCH_DATABASE_URL`,
    };
  }
  const name = `borda_bench_${process.pid}`;
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const scratch = new URL(localPostgresUrl);
  scratch.pathname = `/${name}`;
  return {
    url: scratch.toString(),
    async drop() {
      const client = await connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * CPU time so far of each PostgreSQL backend serving `databaseUrl`'s database (pid → ms),
 * read from /proc: the database's share of the control plane's work, which the control
 * plane's own CPU time leaves out. Null when the server is not on this machine.
 */
export async function postgresBackendsCpuMs(databaseUrl) {
  if (!["127.0.0.1", "localhost", "[::1]"].includes(new URL(databaseUrl).hostname)) return null;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()",
    );
    const pids = new Set(rows.map((row) => row.pid));
    return new Map(
      processTable()
        .filter((s) => pids.has(s.pid))
        .map((s) => [s.pid, s.cpu * msPerTick]),
    );
  } finally {
    await client.end();
  }
}

/** Polls `check` until it returns something truthy, and returns that. */
export async function until(check, what, pollMs = 20, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** /proc counts CPU time in ticks of USER_HZ, 100 a second on Linux. */
const msPerTick = 10;

/** Every live process's pid, parent pid, CPU ticks and RSS, from /proc. */
function processTable() {
  const stats = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        cpu: Number(fields[11]) + Number(fields[12]),
        rssPages: Number(fields[21]),
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return stats;
}

/** A process and its live descendants, from the process table. */
export function processTree(rootPid) {
  const stats = processTable();
  const tree = new Set([rootPid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats)
      if (tree.has(s.ppid) && !tree.has(s.pid)) {
        tree.add(s.pid);
        grew = true;
      }
  }
  return stats.filter((s) => tree.has(s.pid));
}

/** CPU time (user + system) of a process and its live descendants, in ms. */
export function treeCpuMs(rootPid) {
  return processTree(rootPid).reduce((sum, s) => sum + s.cpu, 0) * msPerTick;
}

/** The summed RSS of a process and its live descendants, in bytes, and how many they are. */
export function treeRss(rootPid) {
  const tree = processTree(rootPid);
  return { bytes: tree.reduce((sum, s) => sum + s.rssPages, 0) * 4096, processes: tree.length };
}

export function rssOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(status.match(/VmRSS:\s+(\d+) kB/)?.[1] ?? 0) * 1024;
  } catch {
    return 0; // the process ended meanwhile
  }
}

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

export function mib(bytes) {
  return (bytes / 2 ** 20).toFixed(1);
}

export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`;
  console.log(line(headers));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows) console.log(line(row));
}
