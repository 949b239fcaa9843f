import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eventually,
  runBorda,
  startServer,
  startWorker,
  TestResources,
  type WorkerProcess,
  workerToken,
} from "./support.js";

interface ListedWorker {
  worker_name: string;
  state: string;
  queues: string[];
  concurrency: number;
  maintenance_comment: string | null;
}

describe("borda workers against a real server and a real `borda worker`", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  let worker: WorkerProcess;
  const env = () => ({
    PATH: process.env.PATH,
    BORDA_API_URL: cp.url,
    BORDA_API_USER: "admin",
    BORDA_API_PASSWORD: "pw",
  });

  const borda = (args: string[]) => runBorda(args, env());
  const list = async (args: string[] = []) => {
    const outcome = await borda(["workers", "list", ...args, "-o", "json"]);
    expect(outcome.stderr).toBe("");
    return JSON.parse(outcome.stdout) as ListedWorker[];
  };
  const listed = async () => (await list()).find((w) => w.worker_name === "w1");

  beforeAll(async () => {
    cp = await startServer(
      resources,
      resources.dir("borda-workers-"),
      {},
      {
        adminUser: "admin",
        adminPassword: "pw",
      },
    );
    worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["*"]),
      name: "w1",
      queues: "default",
    });
    await eventually(async () => {
      const w = await listed();
      return w && ["idle", "running"].includes(w.state);
    }, "the worker to register");
  }, 90_000);
  afterAll(() => resources.cleanup());

  it("lists the worker as a table and filters by name, queue and state", async () => {
    const table = await borda(["workers", "list"]);
    expect(table, worker.output()).toMatchObject({ code: 0, stderr: "" });
    const [header, row] = table.stdout.trimEnd().split("\n");
    expect(header).toMatch(
      /^NAME\s+STATE\s+QUEUES\s+SLOTS\s+LAST HEARTBEAT\s+VERSION\s+MAINTENANCE COMMENT\s+AUTOMATIC MAINTENANCE$/,
    );
    expect(row).toMatch(/^w1\s+(idle|running)\s+default\s+0\/\d+\s+\d+s ago\s+\S+\s+-\s+-$/);

    expect(await list(["--name", "W"])).toHaveLength(1);
    expect(await list(["--name", "nobody"])).toEqual([]);
    expect(await list(["--queue", "default"])).toHaveLength(1);
    expect(await list(["--queue", "other"])).toEqual([]);
    expect(await list(["--state", "idle,running"])).toHaveLength(1);
    expect(await list(["--state", "offline"])).toEqual([]);
    expect((await borda(["workers", "list", "--state", "asleep"])).stderr).toMatch(
      /^borda: --state must be one of .*'asleep'\.\n$/,
    );
  });

  it("changes queues and concurrency, and the list shows it", async () => {
    expect((await borda(["workers", "add-queue", "w1", "extra"])).stdout).toBe(
      "Worker 'w1' now serves default, extra.\n",
    );
    expect((await listed())?.queues).toEqual(["default", "extra"]);
    expect(await list(["--queue", "extra"])).toHaveLength(1);
    expect((await borda(["workers", "remove-queue", "w1", "extra"])).stdout).toBe(
      "Worker 'w1' now serves default.\n",
    );
    expect((await listed())?.queues).toEqual(["default"]);

    expect((await borda(["workers", "set-concurrency", "w1", "3"])).stdout).toBe(
      "Worker 'w1' now runs up to 3 tasks at once.\n",
    );
    expect((await listed())?.concurrency).toBe(3);
    const table = await borda(["workers", "list"]);
    expect(table.stdout).toMatch(/^w1\s+\S+\s+default\s+0\/3\s/m);
  });

  it("puts the worker in maintenance with a comment and takes it out", async () => {
    const on = await borda(["workers", "maintenance", "on", "w1", "--comment", "disk swap"]);
    expect(on).toMatchObject({ code: 0, stderr: "" });
    expect(on.stdout).toMatch(
      /^Worker 'w1' is going into maintenance \(state maintenance_\w+\)\.\n$/,
    );
    await eventually(
      async () => (await listed())?.state === "maintenance_mode",
      "the worker to enter maintenance",
    );
    expect((await listed())?.maintenance_comment).toBe("disk swap");
    expect((await borda(["workers", "list"])).stdout).toMatch(
      /^w1\s+maintenance_mode\s+.*\s+disk swap\s+-$/m,
    );

    const off = await borda(["workers", "maintenance", "off", "w1"]);
    expect(off.stdout).toMatch(/^Worker 'w1' is leaving maintenance \(state \w+\)\.\n$/);
    await eventually(
      async () => ["idle", "running"].includes((await listed())?.state ?? ""),
      "the worker to leave maintenance",
    );
  });

  it("prints errors as one line and exits 1", async () => {
    for (const args of [
      ["workers", "shutdown", "ghost"],
      ["workers", "set-concurrency", "w1", "0"],
      ["workers", "set-concurrency", "w1", "many"],
      ["workers", "remove", "w1"],
      ["workers", "add-queue", "ghost", "q"],
      ["workers", "list", "--api-url", "http://127.0.0.1:9"],
    ]) {
      const outcome = await borda(args);
      expect(outcome.code, args.join(" ")).toBe(1);
      expect(outcome.stdout).toBe("");
      expect(outcome.stderr).toMatch(/^borda: [^\n]+\n$/);
    }
    expect((await borda(["workers", "set-concurrency", "w1", "0"])).stderr).toBe(
      "borda: <n> must be a whole number from 1 to 10000, not '0'.\n",
    );
  });

  it("shuts the worker down, then removes it from the list", async () => {
    const shutdown = await borda(["workers", "shutdown", "w1"]);
    expect(shutdown).toMatchObject({ code: 0, stderr: "" });
    expect(shutdown.stdout).toMatch(/^Asked worker 'w1' to shut down \(state \w+\)\.\n$/);
    expect(await worker.exited).toBe(0);
    await eventually(async () => (await listed())?.state === "offline", "the worker offline");
    expect((await borda(["workers", "remove", "w1"])).stdout).toBe("Removed worker 'w1'.\n");
    expect(await list()).toEqual([]);
    expect((await borda(["workers", "list"])).stdout).toMatch(/\n\(none\)\n$/);
  });
});
