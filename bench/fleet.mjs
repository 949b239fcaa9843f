// `npm run bench -- fleet`: what holding a fleet of idle workers costs one control plane.
// The control plane runs as its own `borda server` process (embedded SQLite, or PostgreSQL
// when BENCH_DATABASE_URL is set), so its CPU and RSS are read from /proc; bench/fleetClient.mjs,
// another process, simulates BENCH_FLEET (8,000) idle workers over loopback; one real
// `borda worker` runs no-op tasks on another queue. Measured: the control plane's CPU and RSS
// over a steady window of BENCH_FLEET_SECONDS (60) once all are registered, heartbeat round
// trips in that window, and idle pickup of real tasks without the fleet, with it, and without
// it again (the drift between the two quiet columns is the machine's noise). The fleet's
// failures are counted by code, beside the kernel's TCP counters that tell a reset's cause.
// BENCH_SERVER_NODE_FLAGS passes Node/V8 flags to the control plane's process.
import { fork, spawn } from "node:child_process";
import { cpSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mib, percentile, rssOf, table, until } from "./borda.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const borda = path.join(here, "../packages/cli/dist/main.js");
const fleetSize = Number(process.env.BENCH_FLEET ?? 8000);
const windowSeconds = Number(process.env.BENCH_FLEET_SECONDS ?? 60);
const pickups = Number(process.env.BENCH_PICKUPS ?? 50);
const databaseUrl = process.env.BENCH_DATABASE_URL;
/** Node/V8 flags for the control plane's process, to try a setting (`--heap-growing-percent=30`). */
const serverFlags = process.env.BENCH_SERVER_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
const admin = `Basic ${Buffer.from("bench:bench-password").toString("base64")}`;

const home = mkdtempSync(path.join(os.tmpdir(), "borda-fleet-"));
cpSync(path.join(here, "dags"), path.join(home, "dags"), { recursive: true });
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const serverLog = path.join(home, "server.log");
const children = [];

try {
  const server = startChild(
    [process.execPath, ...serverFlags, borda, "server"],
    {
      BORDA_HOME: home,
      BORDA_DAGS_FOLDER: path.join(home, "dags"),
      BORDA_PORT: String(port),
      BORDA_HOST: "127.0.0.1",
      BORDA_ADMIN_USER: "bench",
      BORDA_ADMIN_PASSWORD: "bench-password",
      BORDA_DAGS_PAUSED_AT_CREATION: "false",
      BORDA_LOG_LEVEL: "info",
      ...(databaseUrl ? { BORDA_DATABASE_URL: databaseUrl } : {}),
    },
    serverLog,
  );
  await until(async () => (await fetch(`${url}/edge/v1/health`).catch(() => null))?.ok, "server");
  await until(
    async () => (await api("GET", "/dags/bench_single").catch(() => null)) !== null,
    "the bench DAGs to be parsed",
  );
  await api("POST", "/pools", { name: "bench", slots: 2000 });
  const workerToken = await createToken("bench-worker", ["bench"]);
  const fleetToken = await createToken("fleet", ["fleet"]);
  startChild(
    [process.execPath, borda, "worker"],
    {
      BORDA_API_URL: url,
      BORDA_WORKER_TOKEN: workerToken,
      BORDA_QUEUES: "bench",
      BORDA_CONCURRENCY: "16",
      BORDA_HOSTNAME: "bench-worker",
      BORDA_WORKER_DIR: path.join(home, "bench-worker"),
      BORDA_LOG_LEVEL: "warn",
    },
    path.join(home, "worker.log"),
  );
  await runSingle(); // warm-up: the bundle is fetched and a runner started
  const quiet = await pickupTimes();
  const rssWithoutFleet = rssOf(server.pid);

  const client = fork(path.join(here, "fleetClient.mjs"), { stdio: "inherit" });
  children.push(client);
  const replies = [];
  client.on("message", (message) => replies.push(message));
  // Registering thousands of workers on a loaded machine may take minutes.
  const reply = (key) =>
    until(async () => replies.find((m) => key in m)?.[key], `fleet ${key}`, 20, 300_000);
  const kernelBefore = tcpCounters();
  const registerStarted = performance.now();
  client.send({ start: { url, token: fleetToken, count: fleetSize, queue: "fleet" } });
  const registered = await reply("registered");
  const registerSeconds = (performance.now() - registerStarted) / 1000;
  // Let the heartbeats spread over their interval before the window opens.
  await new Promise((resolve) => setTimeout(resolve, 10_000));

  client.send({ record: true });
  const cpuBefore = cpuMs(server.pid);
  const rssSamples = [];
  const sampler = setInterval(() => rssSamples.push(rssOf(server.pid)), 1000);
  await new Promise((resolve) => setTimeout(resolve, windowSeconds * 1000));
  clearInterval(sampler);
  const heap = await heapOf();
  const windowCpuMs = cpuMs(server.pid) - cpuBefore;
  const cpuPercent = (windowCpuMs / (windowSeconds * 1000)) * 100;
  client.send({ record: false });
  client.send({ report: true });
  const { rttMs, fetchesAnswered, errors, loopDelayMs } = await reply("report");
  const kernelAfter = tcpCounters();
  const kernel = Object.fromEntries(
    Object.entries(kernelAfter).map(([name, value]) => [name, value - (kernelBefore[name] ?? 0)]),
  );

  const underFleet = await pickupTimes();
  client.send({ stop: true });
  await new Promise((resolve) => client.once("exit", resolve));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const quietAgain = await pickupTimes();

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
  console.log(`\nBorda fleet benchmark — ${machine}`);
  console.log(
    `${databaseUrl ? "PostgreSQL" : "embedded SQLite"}; \`borda server\` in its own process${serverFlags.length > 0 ? ` (node ${serverFlags.join(" ")})` : ""}; ${registered} of ${fleetSize} idle workers registered in ${registerSeconds.toFixed(1)} s from one client process; steady window ${windowSeconds} s\n`,
  );
  table(
    ["measure", "result", "target"],
    [
      ["control plane CPU (steady window)", `${cpuPercent.toFixed(0)}% of one core`, "≤ 50%"],
      [
        `control plane CPU per request (${rttMs.length} heartbeats, ${fetchesAnswered} fetches answered)`,
        `${((windowCpuMs * 1000) / (rttMs.length + fetchesAnswered)).toFixed(0)} µs`,
        "",
      ],
      ["control plane RSS without the fleet", `${mib(rssWithoutFleet)} MiB`, ""],
      [
        "control plane RSS (end of window / max)",
        `${mib(rssSamples.at(-1))} / ${mib(Math.max(...rssSamples))} MiB`,
        "≤ 250 MB",
      ],
      [
        "of which V8 heap used / heap total / external (end of window)",
        `${mib(heap.nodejs_heap_size_used_bytes)} / ${mib(heap.nodejs_heap_size_total_bytes)} / ${mib(heap.nodejs_external_memory_bytes)} MiB`,
        "",
      ],
      [
        `heartbeat round trip p50 / p99 / max (${rttMs.length})`,
        `${ms(percentile(rttMs, 50))} / ${ms(percentile(rttMs, 99))} / ${ms(Math.max(...rttMs))}`,
        "p99 ≤ 50 ms",
      ],
      [
        "fleet client event loop delay p99 / max",
        `${ms(loopDelayMs.p99)} / ${ms(loopDelayMs.max)}`,
        "",
      ],
      [
        "fleet errors (register / heartbeat / fetch)",
        `${errors.register} / ${errors.heartbeat} / ${errors.fetch}${
          Object.keys(errors.byCode).length > 0
            ? ` (${Object.entries(errors.byCode)
                .map(([code, n]) => `${code} ${n}`)
                .join(", ")})`
            : ""
        }`,
        "0",
      ],
      [
        "kernel, whole fleet run: listen queue overflows / resets of sockets closed with unread data",
        `${kernel.ListenOverflows} / ${kernel.TCPAbortOnData}`,
        "",
      ],
      [`idle pickup p50 / p99, no fleet (${pickups} runs)`, pickupCell(quiet), ""],
      [
        `idle pickup p50 / p99, under the fleet (${pickups} runs)`,
        pickupCell(underFleet),
        "≤ 2× no fleet",
      ],
      [`idle pickup p50 / p99, no fleet again (${pickups} runs)`, pickupCell(quietAgain), ""],
    ],
  );
  if (errors.lastMessage) console.log(`\nlast fleet error: ${errors.lastMessage}`);
} catch (error) {
  console.error(`server log (last lines):\n${readFileSync(serverLog, "utf8").slice(-3000)}`);
  throw error;
} finally {
  for (const child of children.reverse()) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
  }
  rmSync(home, { recursive: true, force: true });
}

/**
 * Starts `command` with `env`, its output to `logFile`. Through a shell that raises its
 * open-file limit to the hard limit: each long-poll holds a socket.
 */
function startChild(command, env, logFile) {
  const out = openSync(logFile, "a");
  const child = spawn("/bin/sh", ["-c", 'ulimit -n "$(ulimit -Hn)"; exec "$@"', "sh", ...command], {
    env: { PATH: process.env.PATH, HOME: home, ...env },
    stdio: ["ignore", out, out],
  });
  children.push(child);
  return child;
}

/**
 * Idle pickup of `pickups` one-task runs, one after the other: queued to started, in ms.
 * A failure (a control plane too loaded to answer) is reported in the table, not thrown.
 */
async function pickupTimes() {
  const times = [];
  try {
    for (let i = 0; i < pickups; i++) times.push(await runSingle());
  } catch (error) {
    times.failure = `${error.message}${error.cause ? ` (${error.cause.message})` : ""}`;
  }
  return times;
}

function pickupCell(times) {
  if (times.failure) return `failed after ${times.length} runs: ${times.failure}`;
  return `${percentile(times, 50)} / ${percentile(times, 99)} ms`;
}

/** Runs bench_single once through the REST API; its task's pickup (queued → started) in ms. */
async function runSingle() {
  const runId = `fleet_${process.hrtime.bigint()}`;
  await api("POST", "/dags/bench_single/dagRuns", { dag_run_id: runId });
  const runPath = `/dags/bench_single/dagRuns/${runId}`;
  await until(async () => {
    const { state } = await api("GET", runPath);
    if (state === "failed") throw new Error(`${runId} failed`);
    return state === "success";
  }, `${runId} to finish`);
  const { task_instances } = await api("GET", `${runPath}/taskInstances`);
  const [noop] = task_instances;
  return Date.parse(noop.start_date) - Date.parse(noop.queued_when);
}

/** The control plane's V8 heap figures, from its /metrics (prom-client's default metrics). */
async function heapOf() {
  const response = await fetch(`${url}/metrics`, { headers: { authorization: admin } });
  const text = await response.text();
  return Object.fromEntries(
    [
      ...text.matchAll(
        /^(nodejs_(?:heap_size_used|heap_size_total|external_memory)_bytes) (\S+)$/gm,
      ),
    ].map(([, name, value]) => [name, Number(value)]),
  );
}

async function createToken(name, queues) {
  return (await api("POST", "/edge/tokens", { name, queues })).token;
}

async function api(method, apiPath, body) {
  const response = await fetch(`${url}/api/v1${apiPath}`, {
    method,
    headers: { authorization: admin, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${apiPath} answered ${response.status}: ${text}`);
  return JSON.parse(text);
}

async function freePort() {
  const probe = net.createServer();
  await new Promise((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The machine's TCP counters (/proc/net/netstat, TcpExt) that tell a reset's cause: a full
 * listen queue (ListenOverflows: the connection was dropped before the server accepted
 * it) or a socket closed with a request unread in it (TCPAbortOnData: answered with RST).
 * Machine-wide, so other load on the machine counts too.
 */
function tcpCounters() {
  const lines = readFileSync("/proc/net/netstat", "utf8").split("\n");
  const header = lines.find((l) => l.startsWith("TcpExt:"))?.split(" ") ?? [];
  const values = lines.filter((l) => l.startsWith("TcpExt:"))[1]?.split(" ") ?? [];
  return Object.fromEntries(header.slice(1).map((name, i) => [name, Number(values[i + 1])]));
}

/** CPU time (user + system) of one process, in ms. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10; // USER_HZ is 100 on Linux
}

function ms(value) {
  return `${value.toFixed(1)} ms`;
}
