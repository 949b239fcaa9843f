// `npm run bench`: dispatch latency (TypeScript and Python tasks), throughput, worker memory
// and failover time, measured on this machine with the embedded database, one control plane
// and `borda worker` processes on loopback. Prints tables; docs/benchmarks.md records the
// numbers and the machine.
// BENCH_WORKER=dist/borda-worker.mjs (or dist/borda-worker, the executable) measures the
// single-file worker that `npm run build:worker` makes instead.
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

const bench = await startBordaBench({
  pickups,
  workerCommand,
  metricsPort: scenario === "scrape" ? 0 : null,
});
const { controlPlane, store, scheduler, startWorker, runSingles, runChain, runToEnd } = bench;
try {
  const worker = await startWorker("bench-worker", "bench", concurrency);

  // Warm-up: the first task downloads the bundle and starts a warm runner.
  await runToEnd("bench_single");
  await new Promise((resolve) => setTimeout(resolve, 500));
  if (scenario === "scrape") await compareWithScraping();
  else await measureEverything(worker);
} finally {
  await bench.stop();
}

/** The whole benchmark: every scenario, one table each. */
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

  // 4. Throughput: 1,000 no-op tasks fanned out at once.
  // Busy RSS: the worker's and its runners', summed. The process list is read from /proc
  // every 10th sample only: scanning it costs this process (the control plane) CPU.
  let busyRss = 0;
  let tree = [];
  let samples = 0;
  const sampler = setInterval(() => {
    if (samples++ % 10 === 0) tree = processTree(worker.pid).map((s) => s.pid);
    busyRss = Math.max(
      busyRss,
      tree.reduce((sum, pid) => sum + rssOf(pid), 0),
    );
  }, 50);
  const cpuBefore = { server: process.cpuUsage(), worker: treeCpuMs(worker.pid) };
  const fanRun = await runToEnd("bench_fan_out", 20);
  clearInterval(sampler);
  const serverCpuMs =
    (process.cpuUsage(cpuBefore.server).user + process.cpuUsage(cpuBefore.server).system) / 1000;
  const workerCpuMs = treeCpuMs(worker.pid) - cpuBefore.worker;
  const fan = await store.listAttempts({ dagRunId: fanRun.id });
  const fanSeconds =
    (Math.max(...fan.map((a) => a.endedAt)) - Math.min(...fan.map((a) => a.queuedAt))) / 1000;

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

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
  console.log(`\nBorda dispatch benchmark — ${machine}`);
  console.log(
    `embedded SQLite, one worker (${workerCommand.map((part) => path.basename(part)).join(" ")}, concurrency ${concurrency}) on loopback\n`,
  );
  table(
    ["measure", "result", "target"],
    [
      [`idle pickup p50 (${pickups} runs)`, `${percentile(pickupMs, 50)} ms`, "≤ 5 ms"],
      [`idle pickup p99 (${pickups} runs)`, `${percentile(pickupMs, 99)} ms`, "≤ 25 ms"],
      [`no-op task: queued to done p50 (${pickups} runs)`, `${percentile(doneMs, 50)} ms`, ""],
      ["chain of 40: hop median", `${percentile(chain.hopMs, 50)} ms`, "≤ 10 ms"],
      ["chain of 40: hop p99", `${percentile(chain.hopMs, 99)} ms`, ""],
      ["chain of 40: queued to done, per task", `${(chain.totalMs / 40).toFixed(1)} ms`, ""],
      [
        `Python no-op task: queued to done p50 (${pickups} runs)`,
        `${percentile(pyDoneMs, 50)} ms`,
        "",
      ],
      [
        `Python no-op task: queued to done p99 (${pickups} runs)`,
        `${percentile(pyDoneMs, 99)} ms`,
        "",
      ],
      ["Python chain of 40: hop median", `${percentile(pyChain.hopMs, 50)} ms`, ""],
      ["Python chain of 40: hop p99", `${percentile(pyChain.hopMs, 99)} ms`, ""],
      [
        "Python chain of 40: queued to done, per task",
        `${(pyChain.totalMs / 40).toFixed(1)} ms`,
        "",
      ],
      [
        "1,000 no-op tasks",
        `${Math.round(1000 / fanSeconds)} tasks/s (${fanSeconds.toFixed(2)} s)`,
        "≥ 1,000 tasks/s",
      ],
      [
        "1,000 no-op tasks: CPU of control plane / worker and runners",
        `${(serverCpuMs / 1000).toFixed(2)} s / ${(workerCpuMs / 1000).toFixed(2)} s`,
        "",
      ],
      [
        "mapping 1 → 1,000 → 1, 4 workers × 25 slots: makespan",
        `${mappedSeconds.toFixed(2)} s`,
        "Airflow 2.0: ≈ 11.6 s scheduling lag per 1,000 tasks (published)",
      ],
      ["worker RSS, idle", `${mib(idleRss)} MiB`, "≤ 60 MB"],
      ["worker RSS, busy (max; runner processes not included)", `${mib(busyRss)} MiB`, ""],
      [
        `worker killed (-9) → retry started on another worker (${seconds(controlPlane.config.workerTimeoutMs)} worker timeout)`,
        `${seconds(failover.killToRetryMs)} (failed after ${seconds(failover.killToFailedMs)}, retry started ${failover.failedToRetryMs} ms later)`,
        `≤ ${seconds(controlPlane.config.workerTimeoutMs)} + pickup`,
      ],
    ],
  );
  console.log("\nPages of large runs (HTTP on loopback, median of 5)\n");
  table(["request", "time"], pageTimes);
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
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
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
