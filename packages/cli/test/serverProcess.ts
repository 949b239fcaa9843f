import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { bordaBin, eventually, type TestResources } from "./support.js";

/**
 * `borda server` as a child process, for tests that stop a control plane the way an
 * operator or a crash does (SIGTERM, SIGKILL) and start it again: every `start()` runs a
 * fresh process with the same home, database, port and settings, so workers that keep
 * calling the same URL find it again. Its REST API is read as an Admin (`api`).
 */

export interface ServerProcessOptions {
  /** BORDA_HOME: the embedded database (unless `databaseUrl`), the DAGs folder. */
  home: string;
  port: number;
  /** Address to listen on and to call it at. Default 127.0.0.1. */
  host?: string;
  /** DAG files written to `<home>/dags` before the first start. */
  dags?: Record<string, string>;
  /** PostgreSQL: replicas share it (and must share `secretKey`). */
  databaseUrl?: string;
  /** BORDA_SECRET_KEY; replicas of one control plane need the same. Default: a fresh one. */
  secretKey?: string;
  /** More settings by environment variable, e.g. BORDA_WORKER_TIMEOUT. */
  env?: Record<string, string>;
}

export const adminUser = "admin";
export const adminPassword = "resilience-admin-password";

export class ServerProcess {
  readonly url: string;
  readonly api: AdminApi;
  readonly #resources: TestResources;
  readonly #env: Record<string, string>;
  #child: ChildProcess | null = null;
  #exited: Promise<ServerExit> = Promise.resolve({ code: null, signal: null });
  #output = "";

  constructor(resources: TestResources, options: ServerProcessOptions) {
    const host = options.host ?? "127.0.0.1";
    this.url = `http://${host}:${options.port}`;
    this.api = new AdminApi(this.url);
    this.#resources = resources;
    const dagsFolder = path.join(options.home, "dags");
    mkdirSync(dagsFolder, { recursive: true });
    for (const [file, source] of Object.entries(options.dags ?? {})) {
      writeFileSync(path.join(dagsFolder, file), source);
    }
    this.#env = {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: options.home,
      BORDA_HOME: options.home,
      BORDA_HOST: host,
      BORDA_PORT: String(options.port),
      BORDA_DAGS_FOLDER: dagsFolder,
      BORDA_DAGS_PAUSED_AT_CREATION: "false",
      BORDA_SECRET_KEY: options.secretKey ?? randomBytes(32).toString("hex"),
      BORDA_ADMIN_USER: adminUser,
      BORDA_ADMIN_PASSWORD: adminPassword,
      BORDA_LOG_LEVEL: "info",
      ...(options.databaseUrl ? { BORDA_DATABASE_URL: options.databaseUrl } : {}),
      ...options.env,
    };
  }

  get running(): boolean {
    return this.#child !== null;
  }

  /** The child's pid while it runs. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  /** Everything every start of this server printed, for failure messages. */
  output(): string {
    return this.#output;
  }

  /** Starts the server and waits until it listens. */
  async start(): Promise<void> {
    if (this.#child) throw new Error(`${this.url} is already running`);
    const child = this.#resources.track(
      spawn(process.execPath, [bordaBin, "server"], {
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: this.#env,
      }),
    );
    this.#child = child;
    let listening = false;
    let ended = false;
    this.#output += `--- borda server started (pid ${child.pid})\n`;
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on("line", (line) => {
        this.#output += `${line}\n`;
        if (line.includes("control plane started")) listening = true;
      });
    }
    this.#exited = new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        ended = true;
        this.#output += `--- borda server ${child.pid} exited (${signal ?? code})\n`;
        if (this.#child === child) this.#child = null;
        resolve({ code, signal });
      }),
    );
    await eventually(
      async () => {
        if (ended) throw new Error(`borda server at ${this.url} ended early:\n${this.#output}`);
        return listening;
      },
      () => `borda server at ${this.url} to listen (so far:\n${this.#output})`,
    );
  }

  /**
   * Stops the server as an operator (SIGTERM) or a crash (SIGKILL) would, and waits for
   * its process to end. SIGTERM that has not stopped it in 30 s is followed by SIGKILL.
   */
  async stop(signal: "SIGTERM" | "SIGKILL"): Promise<ServerExit> {
    const child = this.#child;
    if (!child?.pid) throw new Error(`${this.url} is not running`);
    this.#output += `--- sending ${signal} to borda server ${child.pid}\n`;
    signalGroup(child.pid, signal);
    const force = setTimeout(() => child.pid && signalGroup(child.pid, "SIGKILL"), 30_000);
    return this.#exited.finally(() => clearTimeout(force));
  }
}

/** How a server process ended: its exit code, or the signal that ended it. */
export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** A DAG run as the REST API shows it (the fields these tests read). */
export interface ApiDagRun {
  dag_run_id: string;
  state: string;
  run_type: string;
  logical_date: string;
}

/** A task instance as the REST API shows it (the fields these tests read). */
export interface ApiTaskInstance {
  dag_id: string;
  dag_run_id: string;
  task_id: string;
  state: string | null;
  try_number: number;
  hostname: string;
}

/** An attempt as `/edge/jobs` lists it (the fields these tests read). */
export interface ApiEdgeJob {
  attempt_id: string;
  dag_id: string;
  run_id: string;
  task_id: string;
  try_number: number;
  state: string;
  worker_name: string | null;
  error: string | null;
}

/** The REST API of a control plane, signed in as its Admin (HTTP Basic). */
export class AdminApi {
  readonly #authorization =
    `Basic ${Buffer.from(`${adminUser}:${adminPassword}`).toString("base64")}`;

  constructor(readonly url: string) {}

  async request<T>(method: "GET" | "POST", route: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/api/v1${route}`, {
      method,
      headers: {
        authorization: this.#authorization,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /api/v1${route}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  }

  /** Waits until the DAG is parsed and schedulable. */
  async dagReady(dagId: string): Promise<void> {
    await eventually(
      () =>
        this.request<{ is_paused: boolean }>("GET", `/dags/${dagId}`).then(
          (dag) => !dag.is_paused,
          () => false,
        ),
      `DAG ${dagId} to be parsed`,
    );
  }

  async trigger(dagId: string, runId: string, conf: Record<string, unknown> = {}): Promise<void> {
    await this.request("POST", `/dags/${dagId}/dagRuns`, { dag_run_id: runId, conf });
  }

  async runState(dagId: string, runId: string): Promise<string> {
    return (await this.request<{ state: string }>("GET", `/dags/${dagId}/dagRuns/${runId}`)).state;
  }

  /** Every run of the DAG, oldest first. */
  async runs(dagId: string): Promise<ApiDagRun[]> {
    const { dag_runs } = await this.request<{ dag_runs: ApiDagRun[] }>(
      "GET",
      `/dags/${dagId}/dagRuns?limit=10000`,
    );
    return dag_runs;
  }

  async taskInstances(dagId: string, runId: string): Promise<ApiTaskInstance[]> {
    const { task_instances } = await this.request<{ task_instances: ApiTaskInstance[] }>(
      "GET",
      `/dags/${dagId}/dagRuns/${runId}/taskInstances?limit=10000`,
    );
    return task_instances;
  }

  /** Every try of a task instance, first try first. */
  async tries(dagId: string, runId: string, taskId: string): Promise<ApiTaskInstance[]> {
    const { task_instances } = await this.request<{ task_instances: ApiTaskInstance[] }>(
      "GET",
      `/dags/${dagId}/dagRuns/${runId}/taskInstances/${taskId}/tries`,
    );
    return task_instances;
  }

  /** A try's whole log. */
  async log(dagId: string, runId: string, taskId: string, tryNumber: number): Promise<string> {
    const { content } = await this.request<{ content: string }>(
      "GET",
      `/dags/${dagId}/dagRuns/${runId}/taskInstances/${taskId}/logs/${tryNumber}?full_content=true`,
    );
    return content;
  }

  /** Attempts handed to, or waiting for, edge workers (`/edge/jobs`), oldest first. */
  async jobs(filter: { dag_id?: string; run_id?: string; task_id?: string } = {}) {
    const query = new URLSearchParams({ ...filter, limit: "10000", order_by: "queued_at" });
    const { jobs } = await this.request<{ jobs: ApiEdgeJob[] }>("GET", `/edge/jobs?${query}`);
    return jobs;
  }

  /** The names of the workers in a state that serves work (idle or running). */
  async servingWorkers(): Promise<string[]> {
    const { workers } = await this.request<{ workers: { worker_name: string; state: string }[] }>(
      "GET",
      "/edge/workers",
    );
    return workers
      .filter((w) => w.state === "idle" || w.state === "running")
      .map((w) => w.worker_name);
  }

  /** A worker token (the secret, shown once); `workerTimeoutSeconds` unset: the server's. */
  async workerToken(name: string, queues: string[], workerTimeoutSeconds?: number) {
    const created = await this.request<{ token: string }>("POST", "/edge/tokens", {
      name,
      queues,
      ...(workerTimeoutSeconds === undefined ? {} : { worker_timeout: workerTimeoutSeconds }),
    });
    return created.token;
  }
}
