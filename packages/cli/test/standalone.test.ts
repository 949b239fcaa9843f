import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { openStore, Scheduler, systemClock, UserAuth } from "@borda/server";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, startStandalone, TestResources } from "./support.js";

describe("borda standalone", () => {
  const resources = new TestResources();
  afterEach(() => resources.cleanup());

  it("runs the example DAGs on its own worker with zero set-up, and stops cleanly on SIGTERM", async () => {
    const cwd = resources.dir("borda-standalone-");
    const { child, lines, exited, url } = await startStandalone(resources, cwd);
    expect(lines.join("\n")).toMatch(/DAGs:\s+.*examples\/dags/);
    expect((await fetch(`${url}/edge/v1/health`)).status).toBe(200);
    const home = path.join(cwd, ".borda");
    expect(statSync(path.join(home, "standalone-worker-token")).mode & 0o777).toBe(0o600);

    const store = await openStore({ home });
    try {
      await eventually(
        async () => (await store.getDag("fan_out_fan_in"))?.currentVersion,
        "the examples to be parsed",
      );
      await store.setDagPaused("fan_out_fan_in", false, new Date());
      const scheduler = new Scheduler({ store, logger: pino({ level: "silent" }) });
      const run = await scheduler.triggerRun("fan_out_fan_in", { conf: { count: 6 } });
      await eventually(
        async () => (await store.getDagRunById(run.id))?.state === "success",
        "the run to succeed",
      );
      const attempts = await store.listAttempts({ dagRunId: run.id });
      expect(new Set(attempts.map((a) => a.workerName))).toEqual(new Set(["standalone"]));
      const report = (await store.listXcoms({ dagRunId: run.id })).find(
        (x) => x.taskId === "report",
      );
      expect(report?.value).toEqual({
        summary: "6 numbers from 1",
        evenCount: 3,
        sumOfSquares: 91,
      });
    } finally {
      await store.close();
    }
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("makes an admin with a generated password, kept owner-only and shown again on the next start", async () => {
    const cwd = resources.dir("borda-standalone-");
    const home = path.join(cwd, ".borda");
    const file = path.join(home, "standalone_admin_password");
    // No DAGs to parse: this test is about the start-up banner.
    const env = { BORDA_DAGS_FOLDER: resources.dir("borda-no-dags-") };
    const adminLine = /admin:\s+admin \/ (\S{20,}) {2}\(also in (.+)\)$/m;

    const first = await startStandalone(resources, cwd, env);
    const [, password, shownFile] = first.lines.join("\n").match(adminLine) ?? [];
    expect(shownFile).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(password);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const second = await startStandalone(resources, cwd, env);
    expect(second.lines.join("\n").match(adminLine)?.[1]).toBe(password);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    const store = await openStore({ home });
    try {
      const auth = new UserAuth({ store, clock: systemClock });
      const basic = `Basic ${Buffer.from(`admin:${password}`).toString("base64")}`;
      expect(await auth.authenticate(basic)).toMatchObject({ username: "admin", role: "Admin" });
    } finally {
      await store.close();
    }
  });
});
