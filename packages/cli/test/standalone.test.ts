import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { openStore, Scheduler, systemClock, UserAuth } from "@borda/server";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { eventually, startStandalone, TestResources } from "./support.js";

const examples = fileURLToPath(new URL("../../../examples/dags/", import.meta.url));

describe("borda standalone", () => {
  const resources = new TestResources();
  afterEach(() => resources.cleanup());

  it("runs every example DAG to success on its own worker with zero set-up, and stops cleanly on SIGTERM", async () => {
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
      // Every example, TypeScript and Python twin alike, as a new user triggers them:
      // with their defaults (count_to_twenty without its pauses), in the pool standalone made.
      const exampleIds = readdirSync(examples).map((file) =>
        file.endsWith(".py") ? `${path.basename(file, ".py")}_py` : path.basename(file, ".ts"),
      );
      await eventually(async () => {
        const parsed = await store.listDags({ dagIds: exampleIds });
        return parsed.length === exampleIds.length && parsed.every((d) => d.currentVersion);
      }, "every example to be parsed");
      expect(await store.getPool("worker-1")).toMatchObject({ slots: 10 });
      const scheduler = new Scheduler({ store, logger: pino({ level: "silent" }) });
      const runs: Awaited<ReturnType<Scheduler["triggerRun"]>>[] = [];
      for (const dagId of exampleIds) {
        await store.setDagPaused(dagId, false, new Date());
        const conf = dagId.startsWith("count_to_twenty")
          ? { sleep_seconds: 0 }
          : dagId.startsWith("fan_out_fan_in")
            ? { count: 6 }
            : {};
        runs.push(await scheduler.triggerRun(dagId, { conf }));
      }
      const states = async () =>
        Object.fromEntries(
          await Promise.all(
            runs.map(async (r) => [r.dagId, (await store.getDagRunById(r.id))?.state]),
          ),
        );
      await eventually(
        async () => Object.values(await states()).every((s) => s === "success" || s === "failed"),
        "every example run to end",
      );
      expect(await states()).toEqual(Object.fromEntries(exampleIds.map((id) => [id, "success"])));
      const run = runs.find((r) => r.dagId === "fan_out_fan_in");
      if (!run) throw new Error("no fan_out_fan_in run");
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
