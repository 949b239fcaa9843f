import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { airflowPython } from "./fixtures/airflow/airflowPython.js";
import {
  eventually,
  startServer,
  startWorker,
  TestResources,
  type WorkerProcess,
  workersRegistered,
  workerToken,
} from "./support.js";

/**
 * Connections and variables in tasks, end to end: a real control plane holds them sealed,
 * two real `borda worker` processes with different tokens (team A's and team B's) run
 * TypeScript, Borda-Python and Airflow-style tasks that read them, and the stored logs and
 * the event log are checked. Team A's worker also holds a connection of its own, in its
 * environment, which the control plane never sees.
 */

const { python, skip: airflowSkip } = airflowPython();

const password = "correct-horse-battery-staple";
const apiToken = "tok-5f0c1a2b3c4d5e6f";
const localPassword = "site-local-pw-77";

const teamDags = `
import { execFileSync } from "node:child_process";
import { dag } from "borda";

const queue = "team_a_etl";

export const teamA = dag({ id: "team_a_creds", schedule: null }, ({ task, python }) => {
  task({ id: "ts_read", queue }, async (ctx) => {
    const plant = await ctx.connection("plant_db");
    return {
      host: plant.host,
      login: plant.login,
      port: plant.port,
      scheme: plant.uri.split("://")[0],
      sslmode: plant.extra.sslmode,
      region: await ctx.variable("region"),
      missing: await ctx.variable("not_set", { default: "fallback" }),
      settings: await ctx.variable("settings", { json: true }),
    };
  });
  python({ id: "py_read", queue, file: "team_a_tasks.py", callable: "read_plant_db" });
  task({ id: "local_read", queue }, async (ctx) => {
    const site = await ctx.connection("site_historian");
    return { host: site.host, login: site.login };
  });
});

export const teamB = dag({ id: "team_b_creds", schedule: null }, ({ task }) => {
  task({ id: "ts_read", queue: "team_b_etl" }, async (ctx) => (await ctx.connection("plant_db")).host);
});

export const masking = dag({ id: "masking", schedule: null }, ({ task, python }) => {
  task({ id: "ts_leak", queue }, async (ctx) => {
    const plant = await ctx.connection("plant_db");
    const site = await ctx.connection("site_historian");
    const token = await ctx.variable("api_token");
    console.log("password=" + plant.password);
    ctx.log("uri=" + plant.uri);
    console.error("token=" + token);
    console.log("local=" + site.password);
    execFileSync("sh", ["-c", 'echo "child: $0 $1"', plant.password, token], { stdio: "inherit" });
    return "leaked nothing";
  });
  python({ id: "py_leak", queue, file: "team_a_tasks.py", callable: "leak" });
});
`;

const teamTasks = `"""Python functions of team_a_creds and masking (a helper module, not a DAG file)."""

import subprocess
import sys


def read_plant_db(ctx):
    plant = ctx.connection("plant_db")
    return {
        "host": plant.host,
        "login": plant.login,
        "port": plant.port,
        "scheme": plant.get_uri().split("://")[0],
        "sslmode": plant.extra_dejson["sslmode"],
        "region": ctx.variable("region"),
        "settings": ctx.variable("settings", deserialize_json=True),
    }


def leak(ctx):
    plant = ctx.connection("plant_db")
    token = ctx.variable("api_token")
    print("py password=" + plant.password, flush=True)
    print("py uri=" + plant.get_uri(), file=sys.stderr, flush=True)
    subprocess.run(["echo", "py child: " + plant.password + " " + token], check=True)
    return "leaked nothing"
`;

const airflowDag = `"""Team A's Airflow-style DAG: hooks, Variable.get and templates."""

from datetime import datetime

from airflow import DAG
from airflow.hooks.base import BaseHook
from airflow.models import Variable
from airflow.operators.bash import BashOperator
from airflow.operators.python import PythonOperator


def read():
    plant = BaseHook.get_connection("plant_db")
    return {"host": plant.host, "login": plant.login, "region": Variable.get("region")}


with DAG(dag_id="team_a_airflow", schedule=None, start_date=datetime(2024, 1, 1)):
    PythonOperator(task_id="read", python_callable=read, queue="team_a_etl")
    BashOperator(
        task_id="templated",
        bash_command=(
            "echo host={{ conn.plant_db.host }} region={{ var.value.region }}"
            " mode={{ var.json.settings.mode }} password={{ conn.plant_db.password }}"
        ),
        queue="team_a_etl",
    )
`;

describe("connections and variables in tasks, on real workers of two teams", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  let teamA: WorkerProcess;
  let teamB: WorkerProcess;

  beforeAll(async () => {
    cp = await startServer(
      resources,
      resources.dir(),
      {
        "team_dags.ts": teamDags,
        "team_a_tasks.py": teamTasks,
        ...(airflowSkip === null ? { "team_a_airflow.py": airflowDag } : {}),
      },
      { python: python ?? "python3", adminUser: "admin", adminPassword: "admin-password" },
    );
    expect(await cp.store.listImportErrors()).toEqual([]);
    await cp.credentials.createConnection({
      connId: "plant_db",
      connType: "postgres",
      description: "team A's historian",
      host: "historian.plant-7.internal",
      port: 5432,
      login: "etl_reader",
      password,
      schema: "telemetry",
      extra: JSON.stringify({ sslmode: "require" }),
      queues: ["team_a_*"],
    });
    for (const [key, value] of [
      ["region", "eu-west"],
      ["settings", JSON.stringify({ mode: "fast" })],
      ["api_token", apiToken],
    ] as const) {
      await cp.credentials.createVariable({ key, value, description: null, queues: ["team_a_*"] });
    }
    const env = { BORDA_PYTHON: python ?? "python3" };
    teamA = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["team_a_*"]),
      name: "team-a-worker",
      queues: "team_a_etl",
      env: {
        ...env,
        AIRFLOW_CONN_SITE_HISTORIAN: `postgres://site_reader:${localPassword}@10.20.0.5:5432/site`,
      },
    });
    teamB = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["team_b_*"]),
      name: "team-b-worker",
      queues: "team_b_etl",
      env,
    });
    await workersRegistered(cp, teamA, teamB);
  }, 120_000);
  afterAll(() => resources.cleanup());

  async function runDag(dagId: string, state: "success" | "failed", runId = "creds") {
    const run = await cp.scheduler.triggerRun(dagId, { runId });
    const ended = await eventually(async () => {
      const current = await cp.store.getDagRun(dagId, runId);
      return current?.state === "success" || current?.state === "failed" ? current.state : null;
    }, `the run of ${dagId} to finish`);
    const attempts = await cp.store.listAttempts({ dagRunId: run.id });
    if (ended !== state) {
      const errors = attempts.map((a) => [a.taskId, a.state, a.error]);
      throw new Error(`${dagId} ended ${ended}, not ${state}: ${JSON.stringify(errors)}`);
    }
    const results = Object.fromEntries(
      (await cp.store.listXcoms({ dagRunId: run.id }))
        .filter((x) => x.key === "return_value")
        .map((x) => [x.taskId, x.value]),
    );
    const log = async (taskId: string) => {
      const attempt = attempts.filter((a) => a.taskId === taskId).at(-1);
      return attempt ? (await cp.store.readLog(attempt.attemptId)).data : "";
    };
    return { attempts, results, log };
  }

  async function credentialEvents(dagId: string) {
    const events = await cp.store.findEvents(
      { dagId },
      { limit: 100, offset: 0, orderBy: "event_log_id", descending: false },
    );
    return events.items
      .filter((e) => e.event.startsWith("task."))
      .map((e) => ({ event: e.event, task: e.taskId, ...JSON.parse(e.extra ?? "{}") }));
  }

  it("gives team A's TypeScript and Borda-Python tasks the connection scoped to team_a_*", async () => {
    const { results, attempts } = await runDag("team_a_creds", "success");
    const plant = { host: "historian.plant-7.internal", login: "etl_reader", port: 5432 };
    expect(results.ts_read).toEqual({
      ...plant,
      scheme: "postgres",
      sslmode: "require",
      region: "eu-west",
      missing: "fallback",
      settings: { mode: "fast" },
    });
    expect(results.py_read).toEqual({
      ...plant,
      scheme: "postgres",
      sslmode: "require",
      region: "eu-west",
      settings: { mode: "fast" },
    });
    const reads = await credentialEvents("team_a_creds");
    const ids = Object.fromEntries(attempts.map((a) => [a.taskId, a.attemptId]));
    expect(reads).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: "task.connection_read",
          task: "ts_read",
          connection_id: "plant_db",
          attempt_id: ids.ts_read,
        }),
        expect.objectContaining({
          event: "task.connection_read",
          task: "py_read",
          connection_id: "plant_db",
          attempt_id: ids.py_read,
        }),
      ]),
    );
  });

  it.skipIf(airflowSkip !== null)(
    "gives team A's Airflow-style tasks the connection through BaseHook, Variable.get and templates",
    async () => {
      const { results, log } = await runDag("team_a_airflow", "success");
      expect(results.read).toEqual({
        host: "historian.plant-7.internal",
        login: "etl_reader",
        region: "eu-west",
      });
      const templated = await log("templated");
      expect(templated).toContain("host=historian.plant-7.internal region=eu-west mode=fast");
      expect(templated).toContain("password=***");
      expect(templated).not.toContain(password);
    },
  );

  it("fails team B's task that reads team A's connection, naming it and why, and logs the refusal", async () => {
    const { attempts, log } = await runDag("team_b_creds", "failed");
    const [attempt] = attempts;
    expect(attempt?.error).toContain(
      "Connection 'plant_db' may be read only by tasks on queues matching team_a_*; task 'ts_read' of DAG 'team_b_creds' runs on queue 'team_b_etl'.",
    );
    expect(await log("ts_read")).toContain("Connection 'plant_db' may be read only");
    expect(await credentialEvents("team_b_creds")).toEqual([
      expect.objectContaining({
        event: "task.connection_refused",
        task: "ts_read",
        connection_id: "plant_db",
        attempt_id: attempt?.attemptId,
        token: "token-team_b_*",
      }),
    ]);
  });

  it("masks every secret a task obtained in its stored log, from the task and its child processes", async () => {
    const { log } = await runDag("masking", "success");
    const tsLog = await log("ts_leak");
    expect(tsLog).toContain("password=***");
    expect(tsLog).toContain(
      "uri=postgres://etl_reader:***@historian.plant-7.internal:5432/telemetry",
    );
    expect(tsLog).toContain("token=***");
    expect(tsLog).toContain("local=***");
    expect(tsLog).toContain("child: *** ***");
    const pyLog = await log("py_leak");
    expect(pyLog).toContain("py password=***");
    expect(pyLog).toContain("py uri=postgres://etl_reader:***@historian.plant-7.internal");
    expect(pyLog).toContain("py child: *** ***");
    for (const text of [tsLog, pyLog]) {
      for (const secret of [password, apiToken, localPassword]) expect(text).not.toContain(secret);
    }
  });

  it("gives a task a connection from its worker's own environment, which the control plane never holds", async () => {
    const { results } = await runDag("team_a_creds", "success", "local");
    expect(results.local_read).toEqual({ host: "10.20.0.5", login: "site_reader" });
    expect(await cp.credentials.getConnection("site_historian")).toBeNull();
    const answer = await fetch(`${cp.url}/api/v1/connections/site_historian`, {
      headers: { authorization: `Basic ${Buffer.from("admin:admin-password").toString("base64")}` },
    });
    expect(answer.status).toBe(404);
  });
});
