import { BordaError, ErrorCode, type TaskConnection } from "@borda/protocol";
import { beforeAll, describe, expect, it } from "vitest";
import { BundleCache } from "../src/runner/bundleCache.js";
import { RunnerPool } from "../src/runner/runnerPool.js";
import { baseTaskEnvironment } from "../src/runner/taskEnv.js";
import { type TaskOutput, TaskRunner } from "../src/runner/taskRunner.js";
import { LocalSecrets } from "../src/secrets/localSecrets.js";
import { SecretsResolver } from "../src/secrets/secretsResolver.js";
import type { OutputStream } from "../src/spool/attemptSpool.js";
import { buildBundle, type TestBundle } from "./support/bundles.js";
import { jobFor } from "./support/jobs.js";
import { eventually, logLines, useResources } from "./support/resources.js";
import { testWorkers } from "./support/workers.js";

/**
 * Connections and variables in TypeScript tasks: real runner processes ask the worker
 * through `ctx.connection()` and `ctx.variable()`, and whatever secret they obtain is
 * masked in what they (and their child processes) print, and in their failure.
 */

const dagSource = `
import { execFileSync } from "node:child_process";
import { dag } from "borda";

const write = (text) => new Promise((resolve) => process.stdout.write(text, resolve));

export default dag({ id: "secrets_test" }, ({ task }) => {
  task({ id: "read" }, async (ctx) => {
    const plant = await ctx.connection("plant_db");
    return {
      plant: { ...plant },
      region: await ctx.variable("region"),
      missing: await ctx.variable("missing", { default: "fallback" }),
      settings: await ctx.variable("settings", { json: true }),
    };
  });
  task({ id: "leak" }, async (ctx) => {
    const plant = await ctx.connection("plant_db");
    const site = await ctx.connection("site_historian");
    const token = await ctx.variable("api_token");
    console.log("password=" + plant.password);
    ctx.log("uri=" + plant.uri);
    console.error("token=" + token);
    console.log("local=" + site.password);
    await write("split=" + plant.password.slice(0, 6));
    await write(plant.password.slice(6) + " end\\n");
    execFileSync("sh", ["-c", 'echo "child: $0 $1"', plant.password, token], { stdio: "inherit" });
    return "leaked nothing";
  });
  task({ id: "throws_secret" }, async (ctx) => {
    const plant = await ctx.connection("plant_db");
    throw new Error("cannot log in as " + plant.login + " with " + plant.password);
  });
  task({ id: "undefined_connection" }, async (ctx) => {
    const nowhere = await ctx.connection("nowhere");
    return nowhere.host;
  });
  task({ id: "refused_variable" }, async (ctx) => ctx.variable("team_b_only"));
});
`;

const password = "correct-horse-battery";
const apiToken = "tok-5f0c1a2b3c4d";
const localPassword = "site-local-pw-77";

const plantDb: TaskConnection = {
  connId: "plant_db",
  connType: "postgres",
  description: "team A's historian",
  host: "historian.plant-7.internal",
  port: 5432,
  login: "etl_reader",
  password,
  schema: "telemetry",
  extra: JSON.stringify({ sslmode: "require" }),
};

const refusal =
  "Variable 'team_b_only' may be read only by tasks on queues matching team_b_*; task 'refused_variable' of DAG 'secrets_test' runs on queue 'default'.";

/** What the control plane holds, answered for any attempt. */
const controlPlane = {
  connection: async (_attemptId: string, connId: string) =>
    connId === "plant_db" ? plantDb : null,
  variable: async (_attemptId: string, key: string) => {
    if (key === "team_b_only") throw new BordaError(ErrorCode.forbidden, refusal);
    const values: Record<string, string> = {
      region: "eu-west",
      settings: '{"mode": "fast"}',
      api_token: apiToken,
    };
    return values[key] ?? null;
  },
};

/** Collects what a task writes, per stream, and the worker's notes. */
function recorder() {
  const streams: Record<OutputStream, string> = { stdout: "", stderr: "", borda: "" };
  const output: TaskOutput = {
    write: (stream, text) => {
      streams[stream] += text;
    },
    note: (text) => {
      streams.borda += `${text}\n`;
    },
  };
  return { output, streams };
}

describe("connections and variables in TypeScript tasks", () => {
  const resources = useResources();
  let bundle: TestBundle;
  beforeAll(async () => {
    bundle = await buildBundle(dagSource);
  });

  function setup() {
    const env = baseTaskEnvironment([], { PATH: process.env.PATH });
    const pool = new RunnerPool({ env });
    resources.defer(() => pool.close());
    const runner = new TaskRunner({
      bundles: new BundleCache({ dir: resources.dir(), download: async () => bundle.content }),
      pool,
      env,
      killGraceMs: 200,
      secrets: new SecretsResolver({
        local: new LocalSecrets({
          env: {
            AIRFLOW_CONN_SITE_HISTORIAN: `postgres://site_reader:${localPassword}@10.20.0.5:5432/site`,
          },
          secretsDir: null,
        }),
        controlPlane,
      }),
    });
    return (taskId: string) => {
      const { output, streams } = recorder();
      const result = runner.start(jobFor(bundle.hash, "secrets_test", taskId), output).result;
      return { result, streams };
    };
  }

  it("gives a task a connection with its extra parsed and its URI, and variables as text, JSON or a default", async () => {
    const run = setup();
    expect(await run("read").result).toEqual({
      outcome: "success",
      returnValue: {
        plant: {
          id: "plant_db",
          type: "postgres",
          description: "team A's historian",
          host: "historian.plant-7.internal",
          port: 5432,
          login: "etl_reader",
          password,
          schema: "telemetry",
          extra: { sslmode: "require" },
          uri: `postgres://etl_reader:${password}@historian.plant-7.internal:5432/telemetry?sslmode=require`,
        },
        region: "eu-west",
        missing: "fallback",
        settings: { mode: "fast" },
      },
    });
  });

  it("masks every secret the task obtained in what it and its child processes print", async () => {
    const run = setup();
    const { result, streams } = run("leak");
    expect(await result).toEqual({ outcome: "success", returnValue: "leaked nothing" });
    expect(streams.stdout.split("\n")).toEqual([
      "password=***",
      "uri=postgres://etl_reader:***@historian.plant-7.internal:5432/telemetry?sslmode=require",
      "local=***",
      "split=*** end",
      "child: *** ***",
      "",
    ]);
    expect(streams.stderr).toBe("token=***\n");
  });

  it("masks the secrets in a failure the task reports, and in the log's note of it", async () => {
    const run = setup();
    const { result, streams } = run("throws_secret");
    const outcome = await result;
    expect(outcome).toMatchObject({
      outcome: "failure",
      error: expect.stringMatching(/^Error: cannot log in as etl_reader with \*\*\*\n/),
    });
    expect(JSON.stringify(outcome)).not.toContain(password);
    expect(streams.borda).toContain(
      "The attempt failed: Error: cannot log in as etl_reader with ***",
    );
    expect(streams.borda).not.toContain(password);
  });

  it("fails a task whose connection is defined nowhere, naming the places looked at and the task's line", async () => {
    const run = setup();
    const outcome = await run("undefined_connection").result;
    expect(outcome).toMatchObject({
      outcome: "failure",
      error: expect.stringContaining(
        "Connection 'nowhere' is not defined: not in this worker's environment (AIRFLOW_CONN_NOWHERE), nor the control plane.",
      ),
    });
    expect((outcome as { error: string }).error).toMatch(/dag\.ts:\d+:\d+/);
  });

  it("fails a task refused a variable with the control plane's reason, as it was written", async () => {
    const run = setup();
    const outcome = await run("refused_variable").result;
    expect(outcome.outcome).toBe("failure");
    expect((outcome as { error: string }).error.startsWith(`Error: ${refusal}\n`)).toBe(true);
  });
});

describe("connections and variables on an edge worker", () => {
  const resources = useResources();
  const workers = testWorkers(resources);
  let bundle: TestBundle;
  beforeAll(async () => {
    bundle = await buildBundle(dagSource);
  });

  it("reads the control plane's values for the attempt, keeps its own local, and ships a masked log", async () => {
    const server = await workers.controlPlane(bundle);
    server.connections.set("plant_db", plantDb);
    server.variables.set("api_token", apiToken);
    await workers.startedWorker(
      server,
      {},
      {
        env: {
          PATH: process.env.PATH,
          AIRFLOW_CONN_SITE_HISTORIAN: `postgres://site_reader:${localPassword}@10.20.0.5:5432/site`,
        },
      },
    );
    const job = jobFor(bundle.hash, "secrets_test", "leak");
    server.queue(job);
    await eventually(() => server.reportsOf(job.attemptId).includes("success"), "the success");
    const log = server.logText(job.attemptId);
    expect(logLines(log)).toEqual(
      expect.arrayContaining([
        "password=***",
        "[stderr] token=***",
        "local=***",
        "split=*** end",
        "child: *** ***",
      ]),
    );
    for (const secret of [password, apiToken, localPassword]) expect(log).not.toContain(secret);
    expect(server.secretReads).toEqual([
      { attemptId: job.attemptId, kind: "connection", id: "plant_db" },
      { attemptId: job.attemptId, kind: "variable", id: "api_token" },
    ]);
  });

  it("reports a refusal as the task's failure, with the control plane's reason", async () => {
    const server = await workers.controlPlane(bundle);
    server.refusals.set("team_b_only", refusal);
    await workers.startedWorker(server);
    const job = jobFor(bundle.hash, "secrets_test", "refused_variable");
    server.queue(job);
    const report = await eventually(
      () => server.reports.find((r) => r.attemptId === job.attemptId && r.kind === "failure"),
      "the failure",
    );
    expect(String(report.body.error)).toContain(refusal);
  });
});
