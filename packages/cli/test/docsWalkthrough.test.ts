import { randomBytes } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { postgresSkipMessage, postgresUrl } from "../../server/test/support/postgresSkip.js";
import { eventually, freePorts, TestResources } from "./support.js";
import { WalkthroughPage, WalkthroughShell } from "./walkthrough.js";

/**
 * The user guides, followed as a new user would: every block a page marks
 * `walkthrough:<step>` is run in order, in a fresh HOME, with the built `borda` on PATH
 * (see walkthrough.ts). Only the ports and the database differ from the page.
 */

const page = (name: string) =>
  new WalkthroughPage(fileURLToPath(new URL(`../../../docs/${name}`, import.meta.url)));

interface TaskInstance {
  dag_run_id: string;
  task_id: string;
  state: string | null;
  try_number: number;
  hostname: string;
  queue: string;
}

/** Reads the REST API as `user:password`. */
function apiReader(url: string, user: string, password: string) {
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
  const get = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${url}/api/v1${route}`, { headers: { authorization } });
    if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    runStates: async (dagId: string) =>
      (
        await get<{ dag_runs: { dag_run_id: string; state: string }[] }>(
          `/dags/${dagId}/dagRuns?limit=1000`,
        )
      ).dag_runs.map((run) => run.state),
    taskInstances: async (dagId: string) =>
      (
        await get<{ task_instances: TaskInstance[] }>(
          `/dags/${dagId}/dagRuns/~/taskInstances?limit=1000`,
        )
      ).task_instances,
  };
}

/** Waits until every run of the DAG has finished, and returns their states. */
async function finishedRuns(api: ReturnType<typeof apiReader>, dagId: string, count: number) {
  return eventually(async () => {
    const states = await api.runStates(dagId);
    return states.length === count && states.every((s) => s === "success" || s === "failed")
      ? states
      : null;
  }, `${count} runs of ${dagId} to finish`);
}

describe("the docs, followed as a new user would", () => {
  const resources = new TestResources();
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await resources.cleanup();
  });

  it("quick start: standalone, a DAG triggered, a DAG written and deployed, a second worker with its own token and queue", async () => {
    const quickStart = page("quick-start.md");
    const home = resources.dir("borda-walkthrough-home-");
    const [port = 0, healthPort = 0] = await freePorts(2);
    const url = `http://127.0.0.1:${port}`;
    const shell = new WalkthroughShell(resources, {
      home,
      pins: {
        BORDA_PORT: String(port),
        BORDA_API_URL: { "http://127.0.0.1:8080": url },
        PORT: { "8081": String(healthPort) },
      },
    });
    cleanups.push(() => shell.stop());

    // 2-3. Start Borda; sign in on the command line and, as the web UI does, with a session.
    await shell.start(quickStart.block("standalone"), /Press Ctrl\+C to stop\./);
    const signIn = await shell.run(quickStart.block("sign-in"));
    expect(signIn.stdout).toMatch(/^fan_out_fan_in\s+true\s/m);
    const folder = path.join(home, "borda-quickstart");
    const password = readFileSync(
      path.join(folder, ".borda", "standalone_admin_password"),
      "utf8",
    ).trim();
    const session = await fetch(`${url}/api/v1/auth/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password }),
    });
    expect(session.status).toBe(200);
    const api = apiReader(url, "admin", password);

    // 4. Trigger a DAG and follow it to the end.
    const trigger = await shell.run(quickStart.block("trigger"));
    expect(trigger.stdout).toContain("6 numbers from 1: 3 even, sum of squares 91");
    expect(await finishedRuns(api, "fan_out_fan_in", 1)).toEqual(["success"]);

    // 5. Write a DAG, test it locally, deploy and trigger it.
    shell.save(quickStart.block("hello-dag"));
    const hello = await shell.run(quickStart.block("deploy-hello"));
    expect(hello.stdout).toContain("hello  version 1 (new)");
    expect(hello.stdout).toMatch(/Hello, Ada, from \S+!/);
    expect(await finishedRuns(api, "hello", 1)).toEqual(["success"]);

    // 6. A second worker on its own port, with a token for its own queues only.
    await shell.run(quickStart.block("site-b-token"));
    const tokenFile = path.join(folder, "site-b.token");
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(tokenFile, "utf8")).toMatch(/^bwt_\w+_\S+\n$/);
    await shell.start(quickStart.block("site-b-worker"), /worker started/);
    const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`);
    expect(ready.status).toBe(200);
    const route = await shell.run(quickStart.block("site-b-route"));
    expect(route.stdout).toMatch(/^site-b-1\s+(idle|running)\s+site_b\s/m);
    expect(route.stdout).toContain("Worker 'standalone' now serves default.");

    shell.save(quickStart.block("where-dag"));
    const where = await shell.run(quickStart.block("where-run"));
    expect(where.stdout).toMatch(/site B, in .*\.borda\/edge-worker/);
    expect(await finishedRuns(api, "where_am_i", 1)).toEqual(["success"]);
    const ran = await api.taskInstances("where_am_i");
    expect(Object.fromEntries(ran.map((ti) => [ti.task_id, [ti.queue, ti.hostname]]))).toEqual({
      at_home: ["default", "standalone"],
      at_site_b: ["site_b", "site-b-1"],
    });

    expect(quickStart.unrun()).toEqual([]);
  });

  (postgresUrl ? it : it.skip)(
    `deploying the control plane: two replicas on one PostgreSQL, a worker on each, every task run exactly once${postgresUrl ? "" : ` — ${postgresSkipMessage}`}`,
    async () => {
      const controlPlane = page("deploy-control-plane.md");
      const adminUrl = postgresUrl ?? "";
      const database = `borda_walkthrough_${process.pid}_${randomBytes(4).toString("hex")}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${database}`);
      await admin.end();
      cleanups.push(async () => {
        const client = new pg.Client({ connectionString: adminUrl });
        await client.connect();
        await client.query(`drop database if exists ${database} with (force)`);
        await client.end();
      });
      const databaseUrl = new URL(adminUrl);
      databaseUrl.pathname = `/${database}`;

      const home = resources.dir("borda-walkthrough-home-");
      const [port1 = 0, port2 = 0] = await freePorts(2);
      const [url1, url2] = [port1, port2].map((port) => `http://127.0.0.1:${port}`);
      const shell = new WalkthroughShell(resources, {
        home,
        pins: {
          BORDA_DATABASE_URL: {
            "postgres://borda:borda@127.0.0.1:5432/borda": databaseUrl.toString(),
          },
          BORDA_PORT: { "8081": String(port1), "8082": String(port2) },
          BORDA_API_URL: {
            "http://127.0.0.1:8081": url1 ?? "",
            "http://127.0.0.1:8082": url2 ?? "",
          },
        },
      });
      // Stopped before the database is dropped: cleanups run newest first.
      cleanups.push(() => shell.stop());

      await shell.run(controlPlane.block("ha-env"));
      const replica1 = await shell.start(controlPlane.block("replica-1"), /control plane started/);
      const replica2 = await shell.start(controlPlane.block("replica-2"), /control plane started/);
      await shell.run(controlPlane.block("ha-token"));
      await shell.start(controlPlane.block("worker-a"), /worker started/);
      await shell.start(controlPlane.block("worker-b"), /worker started/);
      shell.save(controlPlane.block("spread-out-dag"));
      await shell.run(controlPlane.block("ha-run"));

      // Each replica served its own worker...
      expect(replica1.output()).toMatch(/"worker":"worker-a"[^\n]*"worker registered"/);
      expect(replica2.output()).toMatch(/"worker":"worker-b"[^\n]*"worker registered"/);

      // ...both runs succeeded, and each of their 80 tasks ran once, on one worker or the other.
      const env = readFileSync(path.join(home, "borda-ha", "borda.env"), "utf8");
      const password = /^BORDA_ADMIN_PASSWORD=(.+)$/m.exec(env)?.[1] ?? "";
      const api = apiReader(url2 ?? "", "admin", password);
      expect(await finishedRuns(api, "spread_out", 2)).toEqual(["success", "success"]);
      const tasks = await api.taskInstances("spread_out");
      expect(tasks).toHaveLength(80);
      expect(tasks.every((ti) => ti.state === "success" && ti.try_number === 1)).toBe(true);
      expect(new Set(tasks.map((ti) => ti.hostname))).toEqual(new Set(["worker-a", "worker-b"]));
      const parts = readFileSync(path.join(home, "borda-ha", "parts.log"), "utf8")
        .trim()
        .split("\n")
        .sort();
      expect(parts).toEqual(tasks.map((ti) => `${ti.dag_run_id} ${ti.task_id}`).sort());

      expect(controlPlane.unrun()).toEqual([]);
    },
    90_000,
  );
});
