import { writeFileSync } from "node:fs";
import path from "node:path";
import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eventually,
  runBorda,
  startServer,
  startWorker,
  TestResources,
  workerToken,
} from "./support.js";

/** A task that writes its log slowly, so `tasks logs --follow` sees it arrive. */
const countDag = `
import { dag } from "borda";

export default dag(
  { id: "count", schedule: null, startDate: "2021-01-01", catchup: false, tags: ["demo"] },
  ({ task }) => {
    task({ id: "count_to_five" }, async (ctx) => {
      for (let i = 1; i <= 5; i++) {
        ctx.log(\`counting \${i}\`);
        await ctx.sleep(300);
      }
      ctx.log("done counting");
    });
  },
);
`;

const otherDag = `
import { dag } from "borda";

export default dag(
  { id: "other", schedule: null, startDate: "2021-01-01", tags: ["misc"] },
  ({ task }) => {
    task({ id: "noop" }, () => undefined);
  },
);
`;

const brokenDag = `import { dag } from "borda";

throw new Error("broken on purpose");
`;

describe("borda admin commands against a real server", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  const env = () => ({
    PATH: process.env.PATH,
    BORDA_API_URL: cp.url,
    BORDA_API_USER: "admin",
    BORDA_API_PASSWORD: "pw",
  });

  /** Runs the built `borda` binary as a child process, as a person at a shell would. */
  const borda = (args: string[], environment: Record<string, string | undefined> = env()) =>
    runBorda(args, environment);
  const json = async (args: string[]) => {
    const outcome = await borda([...args, "--output", "json"]);
    expect(outcome.stderr).toBe("");
    return JSON.parse(outcome.stdout) as unknown;
  };

  beforeAll(async () => {
    const home = resources.dir("borda-admin-");
    cp = await startServer(
      resources,
      home,
      { "count.ts": countDag, "other.ts": otherDag },
      { adminUser: "admin", adminPassword: "pw" },
    );
    await eventually(async () => {
      const { stdout } = await borda(["dags", "list"]);
      return stdout.includes("count") && stdout.includes("other");
    }, "both DAGs to be parsed");
  });
  afterAll(() => resources.cleanup());

  it("lists DAGs as an aligned table or JSON, filtered by tag and paused state", async () => {
    const table = await borda(["dags", "list"]);
    expect(table.code).toBe(0);
    const [header, ...rows] = table.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^DAG ID\s+PAUSED\s+SCHEDULE\s+TAGS\s+NEXT RUN\s+FILE$/);
    expect(rows.map((r) => r.split(/\s+/).slice(0, 4))).toEqual([
      ["count", "false", "-", "demo"],
      ["other", "false", "-", "misc"],
    ]);
    // Aligned: every row's second column starts where the header's does.
    const column = header?.indexOf("PAUSED");
    for (const row of rows) expect(row.indexOf("false")).toBe(column);

    expect(await json(["dags", "list", "--tags", "misc"])).toMatchObject([{ dag_id: "other" }]);
    expect(await json(["dags", "list", "--paused"])).toEqual([]);
  });

  it("shows, pauses and unpauses a DAG", async () => {
    const shown = await borda(["dags", "show", "count"]);
    expect(shown.stdout).toMatch(/^DAG ID: +count$/m);
    expect(shown.stdout).toMatch(/^Tags: +demo$/m);
    expect(await json(["dags", "show", "count"])).toMatchObject({
      dag_id: "count",
      is_paused: false,
    });

    expect((await borda(["dags", "pause", "other"])).stdout).toBe("DAG 'other' is paused.\n");
    expect(await json(["dags", "list", "--paused"])).toMatchObject([{ dag_id: "other" }]);
    expect(await json(["dags", "list", "--no-paused"])).toMatchObject([{ dag_id: "count" }]);
    expect((await borda(["dags", "unpause", "other"])).stdout).toBe("DAG 'other' is unpaused.\n");
    expect(await json(["dags", "list", "--paused"])).toEqual([]);
  });

  it("triggers a run with conf, then lists and shows it with its task instances", async () => {
    await borda(["dags", "pause", "other"]);
    const triggered = await borda([
      "dags",
      "trigger",
      "other",
      "--run-id",
      "cli_run",
      "--conf",
      '{"day": "2025-07-01"}',
      "--logical-date",
      "2025-07-01T00:00:00Z",
    ]);
    expect(triggered).toMatchObject({ code: 0, stdout: "cli_run\n", stderr: "" });

    const runs = await borda(["runs", "list", "other"]);
    expect(runs.stdout).toMatch(/^RUN ID\s+STATE\s+TYPE\s+LOGICAL DATE\s+START\s+END$/m);
    expect(runs.stdout).toMatch(/^cli_run\s+(queued|running)\s+manual\s+2025-07-01T00:00:00Z/m);
    expect(await json(["runs", "list", "other", "--state", "success"])).toEqual([]);

    const shown = await borda(["runs", "show", "other", "cli_run"]);
    expect(shown.stdout).toMatch(/^Run ID: +cli_run$/m);
    expect(shown.stdout).toMatch(/^Conf: +\{"day":"2025-07-01"\}$/m);
    expect(shown.stdout).toMatch(/^TASK ID\s+STATE\s+TRY\s+POOL\s+QUEUE/m);
    expect(shown.stdout).toMatch(/^noop\s+\S+\s+0\s+default_pool\s+default/m);
    expect(await json(["runs", "show", "other", "cli_run"])).toMatchObject({
      dag_run_id: "cli_run",
      conf: { day: "2025-07-01" },
      task_instances: [{ task_id: "noop", try_number: 0 }],
    });

    expect((await borda(["tasks", "list", "other", "cli_run"])).stdout).toMatch(/^noop\s/m);
    expect(await json(["tasks", "list", "other", "cli_run"])).toMatchObject([{ task_id: "noop" }]);
    const noLog = await borda(["tasks", "logs", "other", "cli_run", "noop"]);
    expect(noLog).toMatchObject({ code: 1, stdout: "" });
    expect(noLog.stderr).toMatch(/^borda: task 'noop' has not run .*\n$/);

    const badConf = await borda(["dags", "trigger", "other", "--conf", "[1]"]);
    expect(badConf.code).toBe(1);
    expect(badConf.stderr).toMatch(/^borda: --conf must be a JSON object/);
  });

  it("creates, resizes, lists and deletes a pool", async () => {
    expect((await borda(["pools", "set", "edge", "3", "--description", "Edge"])).stdout).toBe(
      "Created pool 'edge' with 3 slots.\n",
    );
    expect((await borda(["pools", "set", "edge", "5"])).stdout).toBe(
      "Updated pool 'edge' with 5 slots.\n",
    );
    const table = await borda(["pools", "list"]);
    expect(table.stdout).toMatch(/^NAME\s+SLOTS\s+RUNNING\s+QUEUED\s+OPEN\s+DESCRIPTION$/m);
    expect(table.stdout).toMatch(/^edge\s+5\s+0\s+0\s+5\s+Edge$/m);
    expect(await json(["pools", "list"])).toContainEqual(
      expect.objectContaining({ name: "edge", slots: 5, description: "Edge" }),
    );
    expect((await borda(["pools", "delete", "edge"])).stdout).toBe("Deleted pool 'edge'.\n");
    expect(await borda(["pools", "delete", "edge"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "borda: Pool 'edge' not found.\n",
    });
  });

  it("prints a 404, a 401 and an unreachable server as one line and exits 1", async () => {
    expect(await borda(["dags", "show", "nope"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "borda: DAG 'nope' not found.\n",
    });

    const refused = await borda(["dags", "list", "--user", "admin:wrong-secret"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^borda: Sign in: .*BORDA_API_USER and BORDA_API_PASSWORD\)\n$/);
    expect(refused.stderr).not.toContain("wrong-secret");

    const anonymous = await borda(["pools", "list"], {
      PATH: process.env.PATH,
      BORDA_API_URL: cp.url,
    });
    expect(anonymous.code).toBe(1);
    expect(anonymous.stderr.split("\n")).toHaveLength(2);

    const unreachable = await borda(["dags", "list", "--api-url", "http://127.0.0.1:9"]);
    expect(unreachable).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "borda: cannot reach the Borda API at http://127.0.0.1:9: is `borda server` running? (set --api-url or BORDA_API_URL)\n",
    });
  });

  it("deploys a good DAG file and reports a broken one's import error with its line", async () => {
    const dir = resources.dir("borda-deploy-");
    const good = path.join(dir, "deployed.ts");
    writeFileSync(good, otherDag.replace('"other"', '"deployed"'));
    const deployed = await borda(["dags", "deploy", good]);
    expect(deployed).toMatchObject({ code: 0, stderr: "" });
    expect(deployed.stdout).toBe("Deployed deployed.ts:\n  deployed  version 1 (new)\n");
    expect((await borda(["dags", "deploy", good])).stdout).toContain("version 1 (unchanged)");
    expect(await json(["dags", "show", "deployed"])).toMatchObject({ dag_id: "deployed" });

    const broken = path.join(dir, "broken.ts");
    writeFileSync(broken, brokenDag);
    const failed = await borda(["dags", "deploy", broken]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe("");
    expect(failed.stderr).toMatch(/^borda: broken\.ts:3: .*broken on purpose.*\n$/);
  });

  it("follows a task's log as a real worker writes it, until the try ends", async () => {
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default"]),
      name: "follow-worker",
      queues: "default",
    });
    const { stdout: runId } = await borda(["dags", "trigger", "count"]);
    const followed = await borda([
      "tasks",
      "logs",
      "count",
      runId.trim(),
      "count_to_five",
      "--follow",
    ]);
    expect(followed.stderr, worker.output()).toBe("");
    expect(followed.code).toBe(0);
    const lines = followed.stdout.split("\n").filter((l) => /counting|done counting/.test(l));
    expect(lines.map((l) => l.match(/(counting \d|done counting)/)?.[1])).toEqual([
      "counting 1",
      "counting 2",
      "counting 3",
      "counting 4",
      "counting 5",
      "done counting",
    ]);

    // Without --follow, the whole log of the ended try, the same text.
    const whole = await borda([
      "tasks",
      "logs",
      "count",
      runId.trim(),
      "count_to_five",
      "--try",
      "1",
    ]);
    expect(whole.stdout).toBe(followed.stdout);
  });
});
