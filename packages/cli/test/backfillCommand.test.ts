import { randomBytes } from "node:crypto";
import type { ControlPlane } from "@borda/server";
import pg from "pg";
import { afterEach, describe, expect, it, onTestFinished } from "vitest";
import { postgresSkipMessage, postgresUrl } from "../../server/test/support/postgresSkip.js";
import {
  eventually,
  runBorda,
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

const dags = {
  "daily.ts": `
import { dag } from "borda";
export default dag({ id: "daily", schedule: "@daily", startDate: "2024-01-01" }, ({ task }) => {
  const extract = task({ id: "extract" }, (ctx) => ctx.dataIntervalStart);
  task({ id: "load", inputs: { day: extract } }, (ctx) => ctx.inputs.day);
});`,
  "manual.ts": `
import { dag } from "borda";
export default dag({ id: "manual" }, ({ task }) => {
  task({ id: "work" }, () => 1);
});`,
};

/** A fresh PostgreSQL database for one test, dropped after it; undefined: SQLite. */
async function databaseFor(backend: "sqlite" | "postgres") {
  if (backend === "sqlite") return undefined;
  const adminUrl = postgresUrl ?? "";
  const database = `borda_backfill_${process.pid}_${randomBytes(4).toString("hex")}`;
  const sql = async (statement: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(statement).finally(() => client.end());
  };
  await sql(`create database ${database}`);
  // After the test's afterEach stopped the control plane.
  onTestFinished(() => sql(`drop database if exists ${database} with (force)`));
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

for (const backend of ["sqlite", "postgres"] as const) {
  const skip = backend === "postgres" && !postgresUrl;
  (skip ? describe.skip : describe)(
    `borda dags backfill against a real server and worker [${backend}]${skip ? ` — ${postgresSkipMessage}` : ""}`,
    () => {
      const resources = new TestResources();
      afterEach(() => resources.cleanup());

      async function setUp() {
        const cp: ControlPlane = await startServer(
          resources,
          resources.dir("borda-backfill-"),
          dags,
          {
            adminUser: "admin",
            adminPassword: "pw",
            databaseUrl: await databaseFor(backend),
          },
        );
        const borda = (args: string[]) =>
          runBorda(args, {
            PATH: process.env.PATH,
            BORDA_API_URL: cp.url,
            BORDA_API_USER: "admin",
            BORDA_API_PASSWORD: "pw",
          });
        await eventually(
          async () => (await borda(["dags", "list"])).stdout.includes("daily"),
          "the DAGs to be parsed",
        );
        return { cp, borda };
      }

      it("runs 30 days three at a time on a worker, printing progress until every run succeeded", async () => {
        const { cp, borda } = await setUp();
        const worker = startWorker(resources, {
          url: cp.url,
          token: await workerToken(cp, ["default"]),
          name: "backfill-worker",
          queues: "default",
        });
        await workersRegistered(cp, worker);

        const dryRun = await borda([
          "dags",
          "backfill",
          "daily",
          "--from",
          "2024-01-01",
          "--to",
          "2024-01-30",
          "--dry-run",
        ]);
        expect(dryRun.code).toBe(0);
        expect(dryRun.stdout).toMatch(/^2024-01-01T00:00:00.000Z\n2024-01-02T00:00:00.000Z\n/);
        expect(dryRun.stdout).toMatch(/\n30 logical dates would get a run\.\n$/);

        const result = await borda([
          "dags",
          "backfill",
          "daily",
          "--from",
          "2024-01-01",
          "--to",
          "2024-01-30",
          "--max-active-runs",
          "3",
        ]);
        expect(result.stderr).toBe("");
        expect(result.code).toBe(0);
        const lines = result.stdout.trimEnd().split("\n");
        expect(lines[0]).toBe(
          "Backfill 1 of DAG 'daily': 30 logical dates, at most 3 runs at once.",
        );
        expect(lines.at(-2)).toBe("30/30 runs created, 0 running, 30 succeeded, 0 failed");
        expect(lines.at(-1)).toBe("Backfill 1 completed: every run succeeded.");
        // Every progress line it printed, read from the server as it went: never over 3.
        for (const line of lines.filter((l) => l.includes("running,"))) {
          expect(Number(/, (\d+) running/.exec(line)?.[1])).toBeLessThanOrEqual(3);
        }

        const runs = (await cp.store.listDagRuns({ dagId: "daily", runType: "backfill" })).sort(
          (a, b) => a.id - b.id,
        );
        expect(runs.map((r) => r.logicalDate.getUTCDate())).toEqual(
          Array.from({ length: 30 }, (_, i) => i + 1),
        );
        expect(runs.every((r) => r.state === "success")).toBe(true);
        const [first] = runs;
        const [load] = await cp.store.listTaskInstances({ dagRunId: first?.id, taskIds: ["load"] });
        expect(load?.state).toBe("success");

        const listed = await borda(["backfills", "list", "--dag-id", "daily"]);
        expect(listed.stdout).toMatch(
          /^1\s+daily\s+2024-01-01T00:00:00Z\s+2024-01-30T00:00:00Z\s+completed\s+30\s+30\s+0\s+30\s+0$/m,
        );
      });

      it("starts without waiting, and cancels: no more runs are created", async () => {
        const { cp, borda } = await setUp();
        // No worker: the first runs wait, so the cancel finds the backfill going on.
        const started = await borda([
          "dags",
          "backfill",
          "daily",
          "--from",
          "2024-01-01",
          "--to",
          "2024-01-10",
          "--max-active-runs",
          "2",
          "--no-wait",
          "--conf",
          '{"why": "test"}',
        ]);
        expect(started).toMatchObject({
          code: 0,
          stdout: "Backfill 1 of DAG 'daily': 10 logical dates, at most 2 runs at once.\n",
        });
        const cancelled = await borda(["backfills", "cancel", "1"]);
        expect(cancelled).toMatchObject({
          code: 0,
          stdout:
            "Backfill 1 of DAG 'daily' is cancelled: 2/10 runs created, 2 running, 0 succeeded, 0 failed\n",
        });
        const worker = startWorker(resources, {
          url: cp.url,
          token: await workerToken(cp, ["default"]),
          name: "late-worker",
          queues: "default",
        });
        await workersRegistered(cp, worker);
        await eventually(
          async () =>
            (await cp.store.listDagRuns({ dagId: "daily", runType: "backfill" })).every(
              (r) => r.state === "success",
            ),
          "the two started runs to finish",
        );
        await cp.scheduler.runPass();
        const runs = await cp.store.listDagRuns({ dagId: "daily", runType: "backfill" });
        expect(runs.map((r) => r.conf)).toEqual([{ why: "test" }, { why: "test" }]);
        const again = await borda(["backfills", "cancel", "1"]);
        expect(again).toMatchObject({
          code: 1,
          stderr: "borda: Backfill 1 is already completed or cancelled.\n",
        });
      });

      it("explains what is wrong with a request", async () => {
        const { borda } = await setUp();
        const cases: [string[], string][] = [
          [
            ["daily", "--from", "2024-02-01", "--to", "2024-01-01"],
            "borda: from_date (2024-02-01T00:00:00.000Z) is after to_date (2024-01-01T00:00:00.000Z): swap them.\n",
          ],
          [
            ["manual", "--from", "2024-01-01", "--to", "2024-01-02"],
            "borda: a backfill needs a periodic schedule, and this DAG's is none (manual runs only): trigger its runs one by one instead\n",
          ],
          [
            ["nope", "--from", "2024-01-01", "--to", "2024-01-02"],
            "borda: DAG 'nope' not found (or not parsed yet, or no longer in any DAG file).\n",
          ],
          [
            ["daily", "--from", "yesterday", "--to", "2024-01-02"],
            expect.stringMatching(
              /^borda: cannot read 'yesterday' as a date: write "2021-01-01"/,
            ) as unknown as string,
          ],
          [
            ["daily", "--from", "2024-01-01", "--to", "2024-01-02", "--reprocess", "some"],
            "borda: --reprocess must be none, failed or all, not 'some'.\n",
          ],
          [
            ["daily", "--from", "2024-01-01", "--to", "2024-01-02", "--max-active-runs", "0"],
            "borda: --max-active-runs must be a whole number of 1 or more, not '0'.\n",
          ],
        ];
        for (const [args, stderr] of cases) {
          expect(await borda(["dags", "backfill", ...args])).toMatchObject({
            code: 1,
            stderr,
            stdout: "",
          });
        }
      });
    },
  );
}
