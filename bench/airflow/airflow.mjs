// One Apache Airflow deployment for `npm run bench:airflow`: the components that
// `airflow standalone` runs (Airflow 3: api-server, scheduler, dag-processor; Airflow 2:
// webserver and scheduler, which parses DAGs itself) and one `airflow edge worker`, on a
// PostgreSQL database of its own, driven over Airflow's REST API. The scenarios mirror
// bench/borda.mjs's and are measured from Airflow's own task instance timestamps
// (queued_when, start_date, end_date).
//
// Not `airflow standalone` itself: it replaces any executor that is not local with the
// LocalExecutor ("Forcing executor to LocalExecutor", cli/commands/standalone_command.py in
// both 2.10.5 and 3.3.2), so the edge worker would never get a task. Like standalone, this
// migrates the database first and signs in as an admin; the triggerer it also starts is
// left out (no task here defers).
//
// Settings that differ from Airflow's defaults, each needed to run the benchmark at all:
//   [core] executor = EdgeExecutor        edge3's executor, the subject of the comparison
//   [edge] api_enabled = True, api_url    the edge API the worker talks to (edge3's docs)
//   [database] sql_alchemy_conn           PostgreSQL on 127.0.0.1:5432, a database of its own
//   [core] dags_folder                    bench/airflow/dags, copied into AIRFLOW_HOME
//   [core] load_examples = False          the dag-processor would otherwise parse ~80 example DAGs
//   [api] auth_backends = basic_auth      Airflow 2 only: its REST API refuses basic auth by default
// Everything else is the default, notably [edge] job_poll_interval = 5 s,
// worker_concurrency = 8 and [scheduler] settings.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { until } from "../borda.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const database = "borda_bench_airflow";
const port = 8080; // Airflow's default; the edge API and (Airflow 3) execution API default to it

/** psql on the local PostgreSQL, which trusts loopback connections as `postgres`. */
function psql(sql) {
  const result = spawnSync("psql", ["-h", "127.0.0.1", "-U", "postgres", "-qAtc", sql], {
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`psql ${sql}: ${result.stderr || result.error}`);
}

/**
 * Starts Airflow from the venv bin directory `bin` (bench/airflow/install.sh) with
 * `concurrency` worker slots, and waits until its API answers. Returns the deployment.
 */
export async function startAirflow({ bin, version, concurrency }) {
  const major = Number(version.split(".")[0]);
  if (await portInUse(port)) {
    throw new Error(`port ${port} (Airflow's default) is in use: stop what listens there first`);
  }
  const home = mkdtempSync(path.join(os.tmpdir(), "borda-bench-airflow-"));
  cpSync(path.join(here, "dags"), path.join(home, "dags"), { recursive: true });
  psql(`drop database if exists ${database}`);
  psql(`create database ${database}`);
  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: process.env.HOME,
    AIRFLOW_HOME: home,
    AIRFLOW__CORE__EXECUTOR: "airflow.providers.edge3.executors.EdgeExecutor",
    AIRFLOW__EDGE__API_ENABLED: "True",
    AIRFLOW__EDGE__API_URL: `http://127.0.0.1:${port}/edge_worker/v1/rpcapi`,
    AIRFLOW__DATABASE__SQL_ALCHEMY_CONN: `postgresql+psycopg2://postgres@127.0.0.1:5432/${database}`,
    AIRFLOW__CORE__DAGS_FOLDER: path.join(home, "dags"),
    AIRFLOW__CORE__LOAD_EXAMPLES: "False",
    // Loopback only: the bench's traffic never leaves the machine, and an API server with
    // a known admin password should not listen on its other interfaces.
    AIRFLOW__API__HOST: "127.0.0.1",
    AIRFLOW__WEBSERVER__WEB_SERVER_HOST: "127.0.0.1",
    ...(major < 3 ? { AIRFLOW__API__AUTH_BACKENDS: "airflow.api.auth.backend.basic_auth" } : {}),
  };
  /** The processes started, each the leader of its own process group; stopped by `stop`. */
  const processes = [];
  function start(name, args) {
    const log = openSync(path.join(home, `${name}.log`), "a");
    const child = spawn(path.join(bin, "airflow"), args, {
      env,
      cwd: home,
      detached: true,
      stdio: ["ignore", log, log],
    });
    processes.push({ name, child });
    return child;
  }

  const deployment = { version, home, concurrency, stop, logs: () => tailLogs(home, processes) };
  try {
    airflowSync(bin, env, ["db", "migrate"]);
    // Airflow 3's SimpleAuthManager (its default) creates the admin and writes its password
    // into AIRFLOW_HOME; Airflow 2's FAB needs the user made, as standalone does.
    const password = major >= 3 ? undefined : randomBytes(12).toString("hex");
    if (password) {
      airflowSync(bin, env, [
        ...["users", "create", "--role", "Admin", "--username", "admin", "--password", password],
        ...["--email", "admin@localhost", "--firstname", "Bench", "--lastname", "Admin"],
      ]);
    }
    for (const component of major >= 3
      ? ["api-server", "scheduler", "dag-processor"]
      : ["webserver", "scheduler"]) {
      start(component, [component]);
    }
    const api = await signIn(major, home, password);
    Object.assign(deployment, api);
    const worker = start("worker", ["edge", "worker", "--concurrency", String(concurrency)]);
    deployment.worker = worker;
    for (const dagId of ["bench_single", "bench_chain", "bench_fan_in_out", "bench_fan_out"]) {
      await until(
        async () =>
          (await api.request("GET", `/dags/${dagId}`, undefined, { allow404: true })) !== null,
        `Airflow to parse ${dagId}`,
        500,
        300_000,
      );
      await api.request("PATCH", `/dags/${dagId}`, { is_paused: false });
    }
  } catch (error) {
    console.error(deployment.logs());
    await stop();
    throw error;
  }
  return deployment;

  /** Stops the worker first (it deregisters through the API), then the rest; drops the database. */
  async function stop() {
    for (const { child } of processes.reverse()) {
      if (child.exitCode !== null || child.signalCode !== null) continue;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      signalGroup(child.pid, "SIGTERM");
      const timer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), 30_000);
      await exited;
      clearTimeout(timer);
      signalGroup(child.pid, "SIGKILL"); // any of its children left behind
    }
    processes.length = 0;
    try {
      psql(`drop database if exists ${database} with (force)`);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
}

/** Whether something already listens on 127.0.0.1:`port`. */
function portInUse(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Runs an airflow command to its end; throws with its output when it fails. */
function airflowSync(bin, env, args) {
  const result = spawnSync(path.join(bin, "airflow"), args, { env, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`airflow ${args[0]} ${args[1]} failed: ${result.stderr || result.stdout}`);
  }
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group has ended
  }
}

function tailLogs(home, processes) {
  return processes
    .map(({ name }) => {
      try {
        const text = readFileSync(path.join(home, `${name}.log`), "utf8");
        return `--- ${name}.log (last lines)\n${text.split("\n").slice(-30).join("\n")}`;
      } catch {
        return `--- ${name}.log: none`;
      }
    })
    .join("\n");
}

/**
 * Waits for the API and signs in as the admin: Airflow 3's SimpleAuthManager writes its
 * password to simple_auth_manager_passwords.json.generated and issues a JWT from
 * POST /auth/token; Airflow 2's /api/v1 takes basic auth with `password`.
 */
async function signIn(major, home, password) {
  const base = `http://127.0.0.1:${port}`;
  const apiBase = `${base}${major >= 3 ? "/api/v2" : "/api/v1"}`;
  let authorization;
  await until(
    async () => {
      try {
        if (major >= 3) {
          const file = path.join(home, "simple_auth_manager_passwords.json.generated");
          const password = JSON.parse(readFileSync(file, "utf8")).admin;
          const response = await fetch(`${base}/auth/token`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ username: "admin", password }),
          });
          if (!response.ok) return false;
          authorization = `Bearer ${(await response.json()).access_token}`;
        } else {
          authorization = `Basic ${Buffer.from(`admin:${password}`).toString("base64")}`;
        }
        return (await fetch(`${apiBase}/dags?limit=1`, { headers: { authorization } })).ok;
      } catch {
        return false; // not up yet
      }
    },
    "Airflow's API to answer",
    1000,
    300_000,
  );

  async function request(method, url, body, { allow404 = false } = {}) {
    const response = await fetch(`${apiBase}${url}`, {
      method,
      headers: { authorization, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (allow404 && response.status === 404) return null;
    if (!response.ok) {
      throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
    }
    return response.json();
  }

  /** Triggers `dagId` and waits for the run to succeed; returns the run. */
  async function runToEnd(dagId, timeoutMs = 600_000) {
    const { finished } = await trigger(dagId);
    return until(finished, `Airflow's ${dagId} to finish`, 200, timeoutMs);
  }

  /** Triggers `dagId` and waits up to `windowMs` for it to succeed; returns the run then, finished or not. */
  async function runFor(dagId, windowMs) {
    const { run, finished } = await trigger(dagId);
    const deadline = Date.now() + windowMs;
    while (Date.now() < deadline) {
      const done = await finished();
      if (done) return done;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    return run;
  }

  /** Triggers `dagId`: the run, and a check that answers it once it succeeded (throws if it failed). */
  async function trigger(dagId) {
    // Airflow 3 requires logical_date in the body (null: none); Airflow 2 takes an empty one.
    const run = await request(
      "POST",
      `/dags/${dagId}/dagRuns`,
      major >= 3 ? { logical_date: null } : {},
    );
    const runPath = `/dags/${dagId}/dagRuns/${encodeURIComponent(run.dag_run_id)}`;
    const finished = async () => {
      const now = await request("GET", runPath);
      if (now.state === "failed") throw new Error(`Airflow run ${dagId} ${run.dag_run_id} failed`);
      return now.state === "success" ? now : null;
    };
    return { run, finished };
  }

  /** Every task instance of a run, paged by Airflow's maximum page size (100 by default). */
  async function taskInstances(run) {
    const all = [];
    const runPath = `/dags/${run.dag_id}/dagRuns/${encodeURIComponent(run.dag_run_id)}`;
    for (;;) {
      const page = await request("GET", `${runPath}/taskInstances?limit=100&offset=${all.length}`);
      all.push(...page.task_instances);
      if (page.task_instances.length === 0 || all.length >= page.total_entries) break;
    }
    return all.map((ti) => ({
      taskId: ti.task_id,
      mapIndex: ti.map_index,
      queuedAt: Date.parse(ti.queued_when),
      startedAt: Date.parse(ti.start_date),
      endedAt: Date.parse(ti.end_date),
    }));
  }

  return { request, runToEnd, runFor, taskInstances };
}
