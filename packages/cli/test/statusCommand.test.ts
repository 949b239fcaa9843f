import { writeFileSync } from "node:fs";
import path from "node:path";
import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../server/test/support/harness.js";
import { eventually, runBorda, startServer, TestResources } from "./support.js";

const split = `
import { dag } from "borda";
export default dag({ id: "split", schedule: null }, ({ task }) => {
  task({ id: "train", queue: "gpu" }, () => 1);
});`;

describe("borda status against a real server", () => {
  const resources = new TestResources();
  const clock = new ManualClock();
  let cp: ControlPlane;
  const borda = (args: string[]) =>
    runBorda(["status", ...args], {
      PATH: process.env.PATH,
      BORDA_API_URL: cp.url,
      BORDA_API_USER: "admin",
      BORDA_API_PASSWORD: "pw",
    });

  beforeAll(async () => {
    cp = await startServer(
      resources,
      resources.dir("borda-status-"),
      { "split.ts": split },
      { adminUser: "admin", adminPassword: "pw", stuckQueuedAfterMs: 60_000 },
      clock,
    );
  }, 90_000);
  afterAll(() => resources.cleanup());

  it("says all is well and exits 0 when nothing needs attention", async () => {
    expect(await borda([])).toEqual({
      code: 0,
      stdout: `Borda at ${cp.url}: all is well.\n`,
      stderr: "",
    });
    const json = await borda(["--output", "json"]);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ healthy: true, unserved_queues: [] });
  });

  it("reports an unserved queue, a job queued too long and a broken DAG file, with what to do, and exits 1", async () => {
    writeFileSync(
      path.join(cp.config.dagsFolder, "broken.ts"),
      `import { dag } from "borda";\nthrow new Error("broken on purpose");`,
    );
    await cp.scheduler.triggerRun("split", { runId: "late" });
    clock.advance(120_000);
    await eventually(
      async () => (await cp.store.listImportErrors()).length > 0,
      "the broken file's import error",
    );

    const human = await borda([]);
    expect(human).toMatchObject({ code: 1, stderr: "" });
    expect(human.stdout).toBe(
      [
        `Borda at ${cp.url}: 3 things need attention.`,
        "",
        "Queues with work and no live worker (1)",
        "  gpu: 1 queued, the oldest since 2m ago",
        "  → start a worker for queue gpu: borda worker --queues gpu",
        "",
        "Jobs queued longer than 60s (1)",
        "  split / late / train on queue gpu, queued 2m ago",
        "  → see why each waits (REASON): borda tasks list <dag_id> <run_id>; check the workers: borda workers list",
        "",
        "DAG files that failed to import (1)",
        "  broken.ts",
        "  → fix those files; the UI's Import errors page shows each error",
        "",
      ].join("\n"),
    );

    const json = await borda(["-o", "json"]);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      healthy: false,
      unserved_queues: [{ queue: "gpu", queued: 1 }],
      unknown_workers: [],
      stuck_tasks: { count: 1, threshold_seconds: 60, oldest: [{ task_id: "train" }] },
      import_errors: { count: 1 },
    });
  });

  it("explains itself in --help, and fails on refused credentials and an unknown output format", async () => {
    const help = await borda(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exits 0 when all is well, 1 when something\s+needs attention/);
    expect(help.stdout).toMatch(/--output <format>/);
    // Refused credentials are a failure a cron job must see too.
    const refused = await borda(["--user", "admin:wrong"]);
    expect(refused).toMatchObject({
      code: 1,
      stdout: "",
      stderr: expect.stringMatching(/^borda: /),
    });
    const bad = await borda(["--output", "yaml"]);
    expect(bad).toMatchObject({
      code: 1,
      stderr: "borda: --output must be text or json, not 'yaml'.\n",
    });
  });
});
