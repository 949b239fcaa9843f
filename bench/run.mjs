// `npm run bench`: dispatch latency (TypeScript and Python tasks), throughput, CPU per task,
// worker memory and failover time, measured on this machine with the embedded database, one
// control plane and `borda worker` processes on loopback; then throughput again with the
// control plane on PostgreSQL. Prints tables, each measure beside issue 16's target and
// whether it was met; docs/benchmarks.md records the numbers and the machine.
// BENCH_WORKER=dist/borda-worker.mjs (or dist/borda-worker, the executable) measures the
// single-file worker that `npm run build:worker` makes instead.
// BENCH_DATABASE_URL=postgres://… runs the PostgreSQL rows on that database; unset, on a
// scratch database of the server at 127.0.0.1:5432 when one answers, and skips them if not.
// `npm run bench -- scrape` measures only the dispatch-latency scenarios, three times for
// BENCH_SCRAPE_SECONDS (60) each: quiet, while a scraper GETs the metrics port 10 times a
// second, and quiet again (the drift between the two quiet columns is the machine's noise).
// `npm run bench -- fleet` holds a fleet of idle workers against a control plane in its own
// process (bench/fleet.mjs).
import os from "node:os";
import path from "node:path";
import {
  mib,
  percentile,
  postgresBackendsCpuMs,
  postgresForBench,
  processTree,
  rssOf,
  seconds,
  startBordaBench,
  table,
  treeCpuMs,
  until,
  workerCommandFor,
} from "./borda.mjs";

const pickups = Number(process.env.BENCH_PICKUPS ?? 100);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const workerCommand = workerCommandFor(process.env.BENCH_WORKER);
const scenario = process.argv[2] ?? "all";
if (!["all", "scrape", "fleet"].includes(scenario)) {
  throw new Error(
    `Unknown scenario '${scenario}': run \`npm run bench\`, \`npm run bench -- scrape\` or \`npm run bench -- fleet\`.`,
  );
}
// bench/fleet.mjs: a fleet of idle workers against a control plane in its own process.
if (scenario === "fleet") {
  await import("./fleet.mjs");
  process.exit(process.exitCode ?? 0);
}
const scrapeSeconds = Number(process.env.BENCH_SCRAPE_SECONDS ?? 60);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
/** How many no-op tasks bench_fan_out runs at once (bench/dags/bench.ts). */
const fanOutTasks = 1000;

const bench = await startBordaBench({
  pickups,
  workerCommand,
  metricsPort: scenario === "scrape" ? 0 : null,
});
const { controlPlane, store, scheduler, startWorker, runSingles, runChain, runToEnd } = bench;
let results;
try {
  const worker = await startWorker("bench-worker", "bench", concurrency);
  await warmUp(bench);
  if (scenario === "scrape") await compareWithScraping();
  else results = await measureEverything(worker);
} finally {
  await bench.stop();
}
// After the SQLite control plane and its workers have stopped, so that they take no CPU.
if (results) {
  let postgres;
  try {
    postgres = await measureFanOutOnPostgres();
  } catch (error) {
    // The SQLite figures are still worth printing; the run fails all the same.
    postgres = { skipped: `failed: ${error.message.split("\n")[0]}` };
    process.exitCode = 1;
  }
  printResults(results, postgres);
}

/** The first task downloads the bundle and starts a warm runner: not part of any measure. */
async function warmUp({ runToEnd }) {
  await runToEnd("bench_single");
  await new Promise((resolve) => setTimeout(resolve, 500));
}

/** The whole benchmark on SQLite: every scenario's figures, for `printResults`. */
async function measureEverything(worker) {
  const idleRss = rssOf(worker.pid);

  // 1. Idle pickup: from a task becoming ready (its attempt queued) to it starting on the idle worker.
  const singles = await runSingles("bench_single");
  const pickupMs = singles.map((attempt) => attempt.startedAt - attempt.queuedAt);
  const doneMs = singles.map((attempt) => attempt.endedAt - attempt.queuedAt);

  // 2. A chain of 40 tasks: each hop, from one task's success being recorded to the next starting.
  const chain = await runChain("bench_chain");

  // 3. The same for Python tasks (bench_python.py, Borda's Python SDK), in a warm Python
  // runner: queued to done per no-op task, and the hop in a chain of 40.
  await runToEnd("bench_py_single"); // warm-up: fetches the bundle, starts the Python runner
  const pySingles = await runSingles("bench_py_single");
  const pyDoneMs = pySingles.map((attempt) => attempt.endedAt - attempt.queuedAt);
  const pyChain = await runChain("bench_py_chain");

  // 4. Throughput, CPU per task and busy RSS: 1,000 no-op tasks fanned out at once.
  const fanOut = await measureFanOut(bench, worker);

  // 5. Dynamic task mapping, 1 → 1,000 → 1, across 4 workers of 25 slots: from the run's
  // start to its end (the makespan), which includes expanding, 1,000 dispatches and the
  // collecting task receiving the 1,000 results in order.
  for (let n = 1; n <= 4; n++) await startWorker(`bench-map-${n}`, "bench_map", 25);
  const mappedRun = await runToEnd("bench_mapped", 20);
  const mappedDone = await store.getDagRunById(mappedRun.id);
  const mappedSeconds = (mappedDone.endDate - mappedDone.startDate) / 1000;

  // 6. Pages of large runs, read over HTTP as the UI and REST clients read them: a run of
  // 10,000 task instances (its queue unserved, so it stays as triggered) and the mapped
  // run above. Each request is timed 5 times; the median is shown.
  const wideRun = await scheduler.triggerRun("bench_wide", { runId: "bench_wide_pages" });
  const runPath = (dagId, runId) => `/api/v1/dags/${dagId}/dagRuns/${runId}`;
  const pageTimes = [];
  for (const [what, method, url, body] of [
    ["GET a run of 10,000 task instances", "GET", runPath("bench_wide", wideRun.runId)],
    [
      "GET its task instances, a page of 100",
      "GET",
      `${runPath("bench_wide", wideRun.runId)}/taskInstances?limit=100`,
    ],
    [
      "GET its task instances, the last page of 100",
      "GET",
      `${runPath("bench_wide", wideRun.runId)}/taskInstances?limit=100&offset=9900`,
    ],
    [
      "POST taskInstances/list, all 10,000 (the UI grid's read)",
      "POST",
      "/api/v1/dags/~/dagRuns/~/taskInstances/list",
      { dag_ids: ["bench_wide"], page_limit: 10_000 },
    ],
    [
      "GET listMapped of 1,000 map indexes, a page of 100",
      "GET",
      `${runPath("bench_mapped", mappedRun.runId)}/taskInstances/each/listMapped?limit=100`,
    ],
    ["GET the web UI's page (index.html)", "GET", "/"],
  ]) {
    pageTimes.push([what, `${percentile(await timeRequests(method, url, body, 5), 50)} ms`]);
  }

  // 7. Failover: a worker running a task is killed with -9 (its runners with it, as when its
  // machine dies); the retry starts on another worker once the control plane has heard
  // nothing for the worker timeout. Default settings: 5 s heartbeats, 15 s timeout.
  const failover = await measureFailover();

  return {
    idleRss,
    pickupMs,
    doneMs,
    chain,
    pyDoneMs,
    pyChain,
    fanOut,
    mappedSeconds,
    pageTimes,
    failover,
    workerTimeoutMs: controlPlane.config.workerTimeoutMs,
  };
}

/**
 * 1,000 no-op tasks fanned out at once on `bench`'s control plane: the rate (first queued
 * to last done), the CPU each side spent per task, and the peak RSS of the worker and its
 * runners. With `databaseUrl`, the PostgreSQL backends' CPU is counted on the control
 * plane's side as well.
 */
async function measureFanOut({ store, runToEnd }, worker, databaseUrl = null) {
  // The sampler runs in this process, so its CPU counts as the control plane's: it reads
  // the process list from /proc (a scan of every process) only every 10th sample.
  let busyRss = 0;
  let busyProcesses = 0;
  let tree = [];
  let samples = 0;
  const sampler = setInterval(() => {
    if (samples++ % 10 === 0) tree = processTree(worker.pid).map((s) => s.pid);
    const rss = tree.reduce((sum, pid) => sum + rssOf(pid), 0);
    if (rss > busyRss) [busyRss, busyProcesses] = [rss, tree.length];
  }, 50);
  const databaseBefore = databaseUrl && (await postgresBackendsCpuMs(databaseUrl));
  const controlPlaneBefore = process.cpuUsage();
  const workerBefore = treeCpuMs(worker.pid);
  // Polled every 20 ms, not 2: the poll is a query, and its CPU is the control plane's.
  const run = await runToEnd("bench_fan_out", 20).finally(() => clearInterval(sampler));
  const controlPlaneCpu = process.cpuUsage(controlPlaneBefore);
  const workerCpuMs = treeCpuMs(worker.pid) - workerBefore;
  const databaseAfter = databaseBefore && (await postgresBackendsCpuMs(databaseUrl));
  // A backend that ended during the run takes its CPU with it: a lower bound, then.
  const databaseCpuMs =
    databaseAfter &&
    [...databaseAfter].reduce((sum, [pid, ms]) => sum + ms - (databaseBefore.get(pid) ?? 0), 0);
  const attempts = await store.listAttempts({ dagRunId: run.id });
  const seconds =
    (Math.max(...attempts.map((a) => a.endedAt)) - Math.min(...attempts.map((a) => a.queuedAt))) /
    1000;
  return {
    tasksPerSecond: fanOutTasks / seconds,
    seconds,
    controlPlaneMsPerTask: (controlPlaneCpu.user + controlPlaneCpu.system) / 1000 / fanOutTasks,
    // SQLite's work is in the control plane's process already; PostgreSQL's may be unreadable.
    databaseMsPerTask: !databaseUrl
      ? undefined
      : databaseCpuMs === null
        ? null
        : databaseCpuMs / fanOutTasks,
    workerMsPerTask: workerCpuMs / fanOutTasks,
    busyRss,
    busyProcesses,
  };
}

/**
 * The 1,000 no-op tasks again, on a fresh control plane and worker with PostgreSQL as its
 * database (`postgresForBench`); `{ skipped }` when there is none.
 */
async function measureFanOutOnPostgres() {
  const database = await postgresForBench();
  if (database.skipped) return database;
  try {
    const onPostgres = await startBordaBench({ pickups, workerCommand, databaseUrl: database.url });
    try {
      const worker = await onPostgres.startWorker("bench-worker", "bench", concurrency);
      await warmUp(onPostgres);
      return await measureFanOut(onPostgres, worker, database.url);
    } finally {
      await onPostgres.stop();
    }
  } finally {
    await database.drop();
  }
}

/** A measure against an upper bound (`≤`) or a lower one (`≥`): met, or missed by how much. */
function verdict(value, bound, target) {
  const met = bound === "≤" ? value <= target : value >= target;
  if (met) return "met";
  const by = bound === "≤" ? value / target - 1 : 1 - value / target;
  return `**missed by ${Math.round(by * 100)}%**`;
}

/** The main table (issue 16's targets beside the figures) and the pages table. */
function printResults(sqlite, postgres) {
  const { fanOut, failover } = sqlite;
  const pickupP50 = percentile(sqlite.pickupMs, 50);
  const hopMedian = percentile(sqlite.chain.hopMs, 50);
  const idleMb = sqlite.idleRss / 1e6;
  const cpuRows = (where, { controlPlaneMsPerTask, databaseMsPerTask, workerMsPerTask }) => {
    const controlPlaneMs = controlPlaneMsPerTask.toFixed(2);
    const [backends, databaseMs] =
      databaseMsPerTask === undefined
        ? ["", ""]
        : [
            " + its PostgreSQL backends",
            ` + ${databaseMsPerTask === null ? "? (server not on this machine)" : databaseMsPerTask.toFixed(2)}`,
          ];
    return [
      [
        `${where}: CPU per task, control plane ³${backends}`,
        `${controlPlaneMs}${databaseMs} ms`,
        "record it",
        "recorded",
      ],
      [
        `${where}: CPU per task, worker and its runners`,
        `${workerMsPerTask.toFixed(2)} ms`,
        "record it",
        "recorded",
      ],
    ];
  };
  const throughputRow = (where, result, target) =>
    result.skipped
      ? [
          `${fanOutTasks.toLocaleString("en")} no-op tasks, ${where}`,
          result.skipped,
          `≥ ${target.toLocaleString("en")} tasks/s`,
          "not measured",
        ]
      : [
          `${fanOutTasks.toLocaleString("en")} no-op tasks, ${where}`,
          `${Math.round(result.tasksPerSecond)} tasks/s (${result.seconds.toFixed(2)} s)`,
          `≥ ${target.toLocaleString("en")} tasks/s`,
          verdict(result.tasksPerSecond, "≥", target),
        ];

  console.log(`\nBorda dispatch benchmark — ${machine}`);
  console.log(
    `one worker (${workerCommand.map((part) => path.basename(part)).join(" ")}, concurrency ${concurrency}) on loopback; the control plane in this process, on embedded SQLite, and on PostgreSQL for the rows that say so\n`,
  );
  table(
    ["measure", "result", "target (issue 16)", ""],
    [
      [
        `idle pickup p50 (${pickups} runs)`,
        `${pickupP50} ms`,
        "≤ 3 ms",
        verdict(pickupP50, "≤", 3),
      ],
      [`idle pickup p99 (${pickups} runs)`, `${percentile(sqlite.pickupMs, 99)} ms`, "", ""],
      [
        `no-op task: queued to done p50 (${pickups} runs)`,
        `${percentile(sqlite.doneMs, 50)} ms`,
        "",
        "",
      ],
      ["chain of 40: hop median", `${hopMedian} ms`, "≤ 3 ms", verdict(hopMedian, "≤", 3)],
      ["chain of 40: hop p99", `${percentile(sqlite.chain.hopMs, 99)} ms`, "", ""],
      [
        "chain of 40: queued to done, per task",
        `${(sqlite.chain.totalMs / 40).toFixed(1)} ms`,
        "",
        "",
      ],
      [
        `Python no-op task: queued to done p50 (${pickups} runs)`,
        `${percentile(sqlite.pyDoneMs, 50)} ms`,
        "",
        "",
      ],
      [
        `Python no-op task: queued to done p99 (${pickups} runs)`,
        `${percentile(sqlite.pyDoneMs, 99)} ms`,
        "",
        "",
      ],
      ["Python chain of 40: hop median", `${percentile(sqlite.pyChain.hopMs, 50)} ms`, "", ""],
      ["Python chain of 40: hop p99", `${percentile(sqlite.pyChain.hopMs, 99)} ms`, "", ""],
      [
        "Python chain of 40: queued to done, per task",
        `${(sqlite.pyChain.totalMs / 40).toFixed(1)} ms`,
        "",
        "",
      ],
      throughputRow("SQLite", fanOut, 3000),
      ...cpuRows("SQLite", fanOut),
      throughputRow("PostgreSQL", postgres, 1500),
      ...(postgres.skipped ? [] : cpuRows("PostgreSQL", postgres)),
      [
        "mapping 1 → 1,000 → 1, 4 workers × 25 slots: makespan ¹",
        `${sqlite.mappedSeconds.toFixed(2)} s`,
        "",
        "",
      ],
      [
        "worker RSS, idle (the worker process)",
        `${mib(sqlite.idleRss)} MiB (${idleMb.toFixed(1)} MB)`,
        "≤ 50 MB",
        verdict(idleMb, "≤", 50),
      ],
      [
        "worker RSS, busy: peak of the worker and its runners, summed (SQLite run)",
        `${mib(fanOut.busyRss)} MiB (${fanOut.busyProcesses} processes)`,
        "measure it, runners included",
        "measured",
      ],
      [
        `worker killed (-9) → retry started on another worker (${seconds(sqlite.workerTimeoutMs)} worker timeout) ²`,
        `${seconds(failover.killToRetryMs)} (failed after ${seconds(failover.killToFailedMs)}, retry started ${failover.failedToRetryMs} ms later)`,
        "",
        "",
      ],
    ],
  );
  console.log(
    [
      "",
      "¹ Airflow 2.0 published about 11.6 s of scheduling lag per 1,000 tasks.",
      "² The worker timeout plus one pickup, by design.",
      "³ This process's CPU, the bench's own polling with it (the run's state every 20 ms, the worker's RSS every 50 ms).",
    ].join("\n"),
  );
  console.log("\nPages of large runs (HTTP on loopback, median of 5)\n");
  table(["request", "time"], sqlite.pageTimes);
}

/**
 * The dispatch-latency scenarios (idle pickup, chain of 40) repeated for `scrapeSeconds`
 * three times: quiet, while the metrics port is scraped 10 times a second, quiet again.
 */
async function compareWithScraping() {
  const metricsUrl = controlPlane.metricsServer.url;
  // What a scrape costs the control plane's CPU, apart from the noise of the latencies below.
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < 100; i++) await controlPlane.metrics.registry.metrics();
  const cpuUsed = process.cpuUsage(cpuBefore);
  const cpuPerScrapeMs = (cpuUsed.user + cpuUsed.system) / 1000 / 100;
  const quiet = await dispatchFor(scrapeSeconds);
  const scrapes = [];
  const scraper = setInterval(() => {
    const started = performance.now();
    fetch(metricsUrl)
      .then(async (response) => {
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`GET ${metricsUrl} answered ${response.status}`);
        scrapes.push(performance.now() - started);
      })
      .catch((error) => console.error(`scrape failed: ${error.message}`));
  }, 100);
  let scraped;
  try {
    scraped = await dispatchFor(scrapeSeconds);
  } finally {
    clearInterval(scraper);
  }
  const quietAgain = await dispatchFor(scrapeSeconds);
  const columns = [quiet, scraped, quietAgain];
  console.log(`\nDispatch latency with and without scraping — ${machine}`);
  console.log(
    `embedded SQLite, one worker (concurrency ${concurrency}); ${scrapes.length} scrapes of ${metricsUrl} in ${scrapeSeconds} s, p50 ${percentile(scrapes, 50).toFixed(1)} ms, p99 ${percentile(scrapes, 99).toFixed(1)} ms; CPU per scrape ${cpuPerScrapeMs.toFixed(2)} ms (10/s: ${cpuPerScrapeMs.toFixed(1)}% of one core)\n`,
  );
  const row = (what, figure) => [what, ...columns.map((c) => figure(c))];
  table(
    ["measure", "quiet", "scraped 10/s", "quiet again"],
    [
      row("runs measured (pickups / chains)", (c) => `${c.pickupMs.length} / ${c.chains}`),
      row("idle pickup p50", (c) => `${percentile(c.pickupMs, 50)} ms`),
      row("idle pickup p99", (c) => `${percentile(c.pickupMs, 99)} ms`),
      row("no-op task: queued to done p50", (c) => `${percentile(c.doneMs, 50)} ms`),
      row("chain of 40: hop median", (c) => `${percentile(c.hopMs, 50)} ms`),
      row("chain of 40: hop p99", (c) => `${percentile(c.hopMs, 99)} ms`),
    ],
  );
}

/** Alternates the idle-pickup singles and the chain of 40 for `seconds`; every sample. */
async function dispatchFor(seconds) {
  const endAt = performance.now() + seconds * 1000;
  const figures = { pickupMs: [], doneMs: [], hopMs: [], chains: 0 };
  while (performance.now() < endAt) {
    for (const attempt of await runSingles("bench_single")) {
      figures.pickupMs.push(attempt.startedAt - attempt.queuedAt);
      figures.doneMs.push(attempt.endedAt - attempt.queuedAt);
    }
    figures.hopMs.push(...(await runChain("bench_chain")).hopMs);
    figures.chains += 1;
  }
  return figures;
}

/** Kills the worker running a task with -9; times the control plane's retry elsewhere. */
async function measureFailover() {
  const pair = [];
  for (const name of ["bench-failover-a", "bench-failover-b"]) {
    pair.push({ name, process: await startWorker(name, "bench_failover", 1, { ownGroup: true }) });
  }
  const run = await scheduler.triggerRun("bench_failover", {
    runId: `bench_failover_${process.hrtime.bigint()}`,
  });
  // Started, and confirmed by its worker's heartbeat: from then on its loss costs a try.
  const first = await until(async () => {
    const [attempt] = await store.listAttempts({ dagRunId: run.id });
    return attempt?.state === "running" && !attempt.startUnconfirmed ? attempt : null;
  }, "the first try to start");
  const victim = pair.find((w) => w.name === first.workerName);
  const killedAt = Date.now();
  process.kill(-victim.process.pid, "SIGKILL");
  const [failed, retry] = await until(async () => {
    const attempts = await store.listAttempts({ dagRunId: run.id });
    return attempts[1]?.startedAt ? attempts : null;
  }, "the retry to start");
  if (retry.workerName === victim.name) throw new Error("the retry ran on the killed worker");
  return {
    killToRetryMs: retry.startedAt - killedAt,
    killToFailedMs: failed.endedAt - killedAt,
    failedToRetryMs: retry.startedAt - failed.endedAt,
  };
}

/** Times `count` identical requests as the admin; each must answer 2xx. */
async function timeRequests(method, url, body, count) {
  const times = [];
  const authorization = `Basic ${Buffer.from("bench:bench-password").toString("base64")}`;
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(new URL(url, controlPlane.url), {
      method,
      headers: { authorization, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}`);
    times.push(Math.round(performance.now() - started));
  }
  return times;
}
