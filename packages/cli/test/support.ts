import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import {
  type Clock,
  type ControlPlane,
  createWorkerToken,
  resolveServerConfig,
  type ServerConfig,
  startControlPlane,
} from "@borda/server";
import pg from "pg";
import pino from "pino";
import { postgresUrl } from "../../server/test/support/postgresSkip.js";
import { descendantsOf, killAll, listProcesses, stillRunning } from "./processTree.js";

export const bordaBin = fileURLToPath(new URL("../dist/main.js", import.meta.url));

/** Temporary directories and processes a test made, removed and ended after it. */
export class TestResources {
  readonly #dirs: string[] = [];
  readonly #children: ChildProcess[] = [];
  readonly #controlPlanes: ControlPlane[] = [];

  dir(prefix = "borda-e2e-"): string {
    const dir = mkdtempSync(path.join(tmpdir(), prefix));
    this.#dirs.push(dir);
    return dir;
  }

  track(child: ChildProcess): ChildProcess {
    this.#children.push(child);
    return child;
  }

  trackControlPlane(controlPlane: ControlPlane): ControlPlane {
    this.#controlPlanes.push(controlPlane);
    return controlPlane;
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.#children.splice(0).map((child) => stopProcess(child)));
    for (const controlPlane of this.#controlPlanes.splice(0)) {
      await controlPlane.stop().catch(() => {});
    }
    for (const dir of this.#dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Stops `child` and what it started: SIGTERM to its process group, then, after `graceMs`,
 * SIGKILL to the group and to every process below it (task runners run in groups of
 * their own); resolves once all of them have exited.
 */
export async function stopProcess(child: ChildProcess, graceMs = 3000): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const tree = descendantsOf(pid);
  const running = child.exitCode === null && child.signalCode === null;
  const exited = running ? once(child, "exit").catch(() => undefined) : Promise.resolve();
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // No such group left (or it was never one): the child alone, if it still runs.
      if (running) child.kill(signal);
    }
  };
  signalGroup("SIGTERM");
  const inTime = await Promise.race([
    exited.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
  ]);
  if (!inTime) signalGroup("SIGKILL");
  await exited;
  // What it started may outlive it by a moment (being reaped) or for good (another group).
  const deadline = Date.now() + graceMs;
  for (;;) {
    const now = listProcesses();
    const left = tree.filter((p) => stillRunning(p, now));
    if (left.length === 0) return;
    if (Date.now() > deadline) {
      killAll(left);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Starts a control plane in this process, on the embedded database in `home`. */
export async function startServer(
  resources: TestResources,
  home: string,
  dags: Record<string, string>,
  config: Partial<ServerConfig> = {},
  /** Its time, when the test moves it (a ManualClock). */
  clock?: Clock,
): Promise<ControlPlane> {
  const dagsFolder = path.join(home, "dags");
  mkdirSync(dagsFolder, { recursive: true });
  for (const [file, source] of Object.entries(dags))
    writeFileSync(path.join(dagsFolder, file), source);
  const controlPlane = await startControlPlane(
    {
      ...resolveServerConfig({}, {}),
      home,
      dagsFolder,
      port: 0,
      host: "127.0.0.1",
      dagsPausedAtCreation: false,
      logLevel: "silent",
      ...config,
    },
    { logger: pino({ level: "silent" }), ...(clock ? { clock } : {}) },
  );
  return resources.trackControlPlane(controlPlane);
}

export async function workerToken(controlPlane: ControlPlane, queues: string[]): Promise<string> {
  const { token } = await createWorkerToken(
    controlPlane.store,
    controlPlane.secretKey,
    { name: `token-${queues.join("-")}`, queues },
    new Date(),
  );
  return token;
}

export interface WorkerProcess {
  child: ChildProcess;
  name: string;
  /** Everything the worker wrote to stderr (its log), for failure messages. */
  output(): string;
  exited: Promise<number | null>;
}

/** Runs `borda worker` as its own process group, configured only by its environment. */
export function startWorker(
  resources: TestResources,
  options: {
    url: string;
    token: string;
    name: string;
    queues: string;
    env?: Record<string, string>;
    /** A command to run the worker under, e.g. `ip netns exec <namespace>`. */
    wrap?: string[];
    /** Flags after `borda worker`. */
    args?: string[];
    /** Where it starts (default: this process's directory). */
    cwd?: string;
  },
): WorkerProcess {
  const [command = process.execPath, ...args] = [
    ...(options.wrap ?? []),
    process.execPath,
    bordaBin,
    "worker",
    ...(options.args ?? []),
  ];
  const child = resources.track(
    spawn(command, args, {
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        BORDA_API_URL: options.url,
        BORDA_WORKER_TOKEN: options.token,
        BORDA_QUEUES: options.queues,
        BORDA_HOSTNAME: options.name,
        BORDA_WORKER_DIR: resources.dir("borda-worker-"),
        BORDA_HEARTBEAT_INTERVAL: "1",
        BORDA_LOG_LEVEL: "info",
        ...options.env,
      },
    }),
  );
  let output = "";
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on("line", (line) => (output += `${line}\n`));
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { child, name: options.name, output: () => output, exited };
}

/** Waits until every one of `workers` is registered and serving (idle or running). */
export async function workersRegistered(
  controlPlane: ControlPlane,
  ...workers: WorkerProcess[]
): Promise<void> {
  await eventually(
    async () => {
      const serving = (await controlPlane.edge.listWorkers()).filter(
        (w) => w.state === "idle" || w.state === "running",
      );
      return workers.every((worker) => serving.some((w) => w.name === worker.name));
    },
    () =>
      `workers ${workers.map((w) => w.name).join(", ")} to register (${workers.map((w) => w.output()).join("\n")})`,
  );
}

/** Polls `check` until it returns something truthy; `what` may be a function, read only on a timeout. */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string | (() => string),
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${typeof what === "function" ? what() : what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs `borda standalone` in `cwd` until its banner shows the server's URL. */
export async function startStandalone(
  resources: TestResources,
  cwd: string,
  env: Record<string, string> = {},
) {
  const child = resources.track(
    spawn(process.execPath, [bordaBin, "standalone"], {
      cwd,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HOME: cwd,
        BORDA_PORT: "0",
        // The test triggers from its own process, which cannot wake the server's waiters.
        BORDA_FETCH_WAIT: "1",
        BORDA_LOG_LEVEL: "warn",
        ...env,
      },
    }),
  );
  const lines: string[] = [];
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (l) =>
    lines.push(l),
  );
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const url = await eventually(
    async () => lines.join("\n").match(/server:\s+(http:\/\/127\.0\.0\.1:\d+)/)?.[1],
    "the standalone banner",
  );
  await eventually(async () => lines.includes("Press Ctrl+C to stop."), "the whole banner");
  return { child, lines, exited, url };
}

/** What a `borda` command printed and how it exited. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built `borda` binary as a child process, as a person at a shell would; never rejects. */
export function runBorda(
  args: string[],
  env: Record<string, string | undefined>,
  options: { cwd?: string } = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bordaBin, ...args], { env, ...options }, (error, stdout, stderr) =>
      resolve({
        code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
        stdout,
        stderr,
      }),
    );
  });
}

/**
 * Ports free on `host` right now, for servers that must keep their port across restarts
 * (workers reconnect to the same URL). Another process could take one meanwhile; tests
 * start their servers at once.
 */
export async function freePorts(count: number, host = "127.0.0.1"): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<ReturnType<typeof createServer>>((resolve, reject) => {
          const server = createServer();
          server.once("error", reject);
          server.listen(0, host, () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

/** A database of its own on the test PostgreSQL server (BORDA_TEST_DATABASE_URL), and how to drop it. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `borda_e2e_${process.pid}_${randomBytes(4).toString("hex")}`;
  const sql = async (statement: string) => {
    const client = new pg.Client({ connectionString: postgresUrl ?? "" });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await sql(`create database ${name}`);
  const url = new URL(postgresUrl ?? "");
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => sql(`drop database if exists ${name} with (force)`) };
}
