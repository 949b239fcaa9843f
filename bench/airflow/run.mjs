// `npm run bench:airflow`: Borda and Apache Airflow with the edge3 provider, side by side on
// this machine, with the same scenarios, one worker each with the same number of slots, and
// one table with a ratio column. Airflow installs from PyPI into .tools/airflow
// (bench/airflow/install.sh); when it cannot, this says so and exits with status 3.
//
//   BENCH_AIRFLOW_VERSIONS=3.3.2,2.10.5   the Airflow versions to run (both by default)
//   BENCH_PICKUPS=100                     Borda's one-task runs for idle pickup
//   BENCH_AIRFLOW_PICKUPS=20              Airflow's (each takes seconds: its worker polls every 5 s)
//   BENCH_CONCURRENCY=8                   slots of each worker: edge3's default worker_concurrency
//   BENCH_AIRFLOW_SCENARIOS=pickup,chain,fan-in-out,fan-out   the scenarios to run (all by
//                                         default; worker RSS idle is always measured)
//   BENCH_AIRFLOW_FAN_OUT_SECONDS=600     the longest the 1,000 no-op tasks are given: a
//                                         system that has not finished them by then is
//                                         measured on those it finished (Airflow, ~1/s)
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  mib,
  percentile,
  rssOf,
  startBordaBench,
  table,
  treeRss,
  workerCommandFor,
} from "../borda.mjs";
import { startAirflow } from "./airflow.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const versions = (process.env.BENCH_AIRFLOW_VERSIONS ?? "3.3.2,2.10.5").split(",");
const bordaPickups = Number(process.env.BENCH_PICKUPS ?? 100);
const airflowPickups = Number(process.env.BENCH_AIRFLOW_PICKUPS ?? 20);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const fanOutWindowMs = Number(process.env.BENCH_AIRFLOW_FAN_OUT_SECONDS ?? 600) * 1000;
const allScenarios = ["pickup", "chain", "fan-in-out", "fan-out"];
const scenarios = new Set(
  (process.env.BENCH_AIRFLOW_SCENARIOS ?? allScenarios.join(",")).split(","),
);
for (const scenario of scenarios) {
  if (!allScenarios.includes(scenario)) {
    throw new Error(
      `BENCH_AIRFLOW_SCENARIOS: unknown scenario '${scenario}'; choose from ${allScenarios.join(", ")}.`,
    );
  }
}

/** Each system measured, Borda first. */
const results = [];
/** Airflow versions that did not run to the end, and why. */
const failures = [];
/** What is stopped on the way out, also on SIGINT and SIGTERM. */
const running = new Set();
async function stopAll() {
  for (const system of [...running].reverse()) {
    running.delete(system);
    await system.stop();
  }
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    console.error(`\nbench:airflow: ${signal}, stopping what it started`);
    await stopAll();
    if (results.length > 0) report(); // what was measured before the signal
    process.exit(130);
  });
}

// Installing first: without Airflow there is nothing to compare.
const installs = [];
for (const version of versions) {
  const started = Date.now();
  const install = spawnSync("bash", [path.join(here, "install.sh"), version], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (install.status !== 0) {
    console.error(
      install.status === 3
        ? `bench:airflow: Airflow ${version} cannot be installed here (PyPI is unreachable); the comparison cannot run on this machine.`
        : `bench:airflow: installing Airflow ${version} failed (status ${install.status}).`,
    );
    process.exit(install.status === 3 ? 3 : 1);
  }
  installs.push({ version, bin: install.stdout.trim(), seconds: (Date.now() - started) / 1000 });
}

try {
  const borda = await startBordaBench({
    pickups: bordaPickups,
    workerCommand: workerCommandFor(process.env.BENCH_WORKER),
  });
  running.add(borda);
  const bordaWorker = await borda.startWorker("bench-worker", "bench", concurrency);
  await measure(
    { name: "Borda", pickups: bordaPickups },
    {
      workerPid: bordaWorker.pid,
      warmUp: () => borda.runToEnd("bench_single"),
      singles: () => borda.runSingles("bench_single"),
      chain: () => borda.runChain("bench_chain"),
      makespanMs: async (dagId) => {
        const run = await borda.store.getDagRunById((await borda.runToEnd(dagId, 20)).id);
        return run.endDate - run.startDate;
      },
      fanOut: async () =>
        borda.store.listAttempts({ dagRunId: (await borda.runToEnd("bench_fan_out", 20)).id }),
    },
  );
  await borda.stop();
  running.delete(borda);

  for (const { version, bin } of installs) {
    console.error(`bench:airflow: starting Airflow ${version}`);
    try {
      await measureAirflow(version, bin);
      // The table so far: a long run stopped later still leaves the versions measured.
      if (installs.at(-1).version !== version) report();
    } catch (error) {
      console.error(`bench:airflow: Airflow ${version} did not run to the end: ${error.message}`);
      failures.push(`Airflow ${version}: ${error.message.split("\n")[0]}`);
    }
  }
} finally {
  await stopAll();
}
report();
if (failures.length > 0) {
  console.log(`\nDid not run to the end: ${failures.join("; ")}`);
  process.exitCode = 1;
}

/** Starts Airflow `version`, measures it into `results`, and stops it (also when a scenario fails). */
async function measureAirflow(version, bin) {
  const airflow = await startAirflow({ bin, version, concurrency });
  running.add(airflow);
  const runTasks = async (dagId) => airflow.taskInstances(await airflow.runToEnd(dagId));
  try {
    await measure(
      { name: `Airflow ${version}`, pickups: airflowPickups },
      {
        workerPid: airflow.worker.pid,
        warmUp: () => airflow.runToEnd("bench_single"),
        singles: async () => {
          const all = [];
          for (let i = 0; i < airflowPickups; i++) all.push(...(await runTasks("bench_single")));
          return all;
        },
        chain: async () => {
          const hops = (await runTasks("bench_chain")).sort((a, b) =>
            a.taskId.localeCompare(b.taskId),
          );
          return {
            hopMs: hops.slice(1).map((ti, i) => ti.startedAt - hops[i].endedAt),
            totalMs: hops.at(-1).endedAt - hops[0].queuedAt,
          };
        },
        makespanMs: async (dagId) => {
          const run = await airflow.runToEnd(dagId);
          return Date.parse(run.end_date) - Date.parse(run.start_date);
        },
        fanOut: async () =>
          airflow.taskInstances(await airflow.runFor("bench_fan_out", fanOutWindowMs)),
      },
    );
  } catch (error) {
    console.error(airflow.logs());
    throw error;
  } finally {
    running.delete(airflow);
    await airflow.stop();
  }
}

/**
 * The scenarios, the same for both systems: idle pickup over one-task runs, a chain of 40,
 * fan-out and in 1 → 100 → 1 by mapping, 1,000 no-op tasks at once, and the worker's RSS
 * (its process tree: worker and the processes it runs tasks in) idle and while busy.
 * `result` joins `results` first and is filled as each scenario ends, so a run stopped or
 * failed midway still reports the scenarios that ended.
 */
async function measure(result, system) {
  results.push(result);
  console.error(`bench:airflow: ${result.name}: warm-up`);
  await system.warmUp();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  result.idleTree = treeRss(system.workerPid);
  result.idleRss = rssOf(system.workerPid);
  if (scenarios.has("pickup")) {
    console.error(`bench:airflow: ${result.name}: idle pickup`);
    const singles = await system.singles();
    result.pickupMs = singles.map((a) => a.startedAt - a.queuedAt);
    result.doneMs = singles.map((a) => a.endedAt - a.queuedAt);
  }
  if (scenarios.has("chain")) {
    console.error(`bench:airflow: ${result.name}: chain of 40`);
    result.chain = await system.chain();
  }
  if (scenarios.has("fan-in-out")) {
    console.error(`bench:airflow: ${result.name}: 1 → 100 → 1`);
    result.fanInOutMs = await system.makespanMs("bench_fan_in_out");
  }
  if (!scenarios.has("fan-out")) return;
  console.error(`bench:airflow: ${result.name}: 1,000 no-op tasks`);
  let busy = result.idleTree;
  const sampler = setInterval(() => {
    const now = treeRss(system.workerPid);
    if (now.bytes > busy.bytes) busy = now;
  }, 100);
  const fan = await system.fanOut().finally(() => clearInterval(sampler));
  // Those not done within the window have no end (Airflow's are NaN, Borda's null).
  const done = fan.filter((a) => Number.isFinite(Number(a.endedAt)) && a.endedAt !== null);
  result.fanTotal = fan.length;
  result.fanDone = done.length;
  result.fanMs =
    Math.max(...done.map((a) => Number(a.endedAt))) -
    Math.min(...fan.map((a) => Number(a.queuedAt)).filter(Number.isFinite));
  result.busyTree = busy;
}

function report() {
  const rows = [
    ["idle pickup p50 (queued → started)", (r) => percentile(r.pickupMs, 50), "ms"],
    ["idle pickup p99", (r) => percentile(r.pickupMs, 99), "ms"],
    ["no-op task: queued → done p50", (r) => percentile(r.doneMs, 50), "ms"],
    ["chain of 40: hop median", (r) => percentile(r.chain.hopMs, 50), "ms"],
    ["chain of 40: hop p99", (r) => percentile(r.chain.hopMs, 99), "ms"],
    ["chain of 40: queued → done", (r) => r.chain.totalMs / 1000, "s"],
    ["fan-out and in 1 → 100 → 1 (mapped): makespan", (r) => r.fanInOutMs / 1000, "s"],
    [
      "1,000 no-op tasks: first queued → last done",
      // Unfinished within the window: there is no last done.
      (r) => (r.fanDone === r.fanTotal ? r.fanMs / 1000 : Number.NaN),
      "s",
    ],
    [`1,000 no-op tasks: done within ${fanOutWindowMs / 1000} s`, (r) => r.fanDone, "tasks"],
    [
      "1,000 no-op tasks: throughput (done ÷ first queued → last done)",
      (r) => r.fanDone / (r.fanMs / 1000),
      "tasks/s",
    ],
    ["worker RSS, idle (worker process)", (r) => Number(mib(r.idleRss)), "MiB"],
    ["worker RSS, idle (process tree)", (r) => Number(mib(r.idleTree.bytes)), "MiB"],
    [
      `worker RSS per running task ((busy peak − idle tree) / ${concurrency} slots)`,
      (r) => Number(mib((r.busyTree.bytes - r.idleTree.bytes) / concurrency)),
      "MiB",
    ],
  ];
  const [borda, ...airflows] = results;
  /** A row's value, or undefined for a scenario that did not end. */
  const measured = (value, result) => {
    try {
      const v = value(result);
      return Number.isFinite(v) ? v : undefined;
    } catch {
      return undefined;
    }
  };
  const format = (value, unit) =>
    value === undefined
      ? "not measured"
      : `${value >= 100 ? Math.round(value) : Number(value.toPrecision(3))} ${unit}`;
  // Below 1 as a fraction: Airflow's 1.26 tasks/s against Borda's 294 is 1/233, not 0.0×.
  const ratio = (a, b) => {
    if (a === undefined || b === undefined || a === 0 || b === 0) return "—";
    const times = a >= b ? a / b : b / a;
    const figure = times.toFixed(times >= 10 ? 0 : 1);
    return a >= b ? `${figure}×` : `1/${figure}`;
  };
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
  console.log(`\nBorda and Apache Airflow (edge3), side by side — ${machine}`);
  console.log(
    `one worker each with ${concurrency} slots; Borda on its embedded SQLite, Airflow on PostgreSQL 127.0.0.1:5432; idle pickup over ${results.map((r) => `${r.pickups} runs (${r.name})`).join(", ")}`,
  );
  console.log(
    `installs: ${installs.map((i) => `Airflow ${i.version} ${i.seconds.toFixed(0)} s`).join(", ")} (0 s: already installed)\n`,
  );
  table(
    [
      "measure",
      "Borda",
      ...airflows.flatMap((a) => [a.name, `${a.name.replace("Airflow ", "")} ÷ Borda`]),
    ],
    rows.map(([what, value, unit]) => {
      const own = measured(value, borda);
      return [
        what,
        format(own, unit),
        ...airflows.flatMap((a) => {
          const theirs = measured(value, a);
          return [format(theirs, unit), ratio(theirs, own)];
        }),
      ];
    }),
  );
}
