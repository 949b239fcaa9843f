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

/** `transform` fails its first try only, so clearing it lets the run succeed. */
const flakyDag = `
import { dag } from "borda";

export default dag({ id: "flaky", schedule: null, startDate: "2021-01-01" }, ({ task }) => {
  const extract = task({ id: "extract" }, () => 1);
  const transform = task({ id: "transform", inputs: { n: extract } }, (ctx) => {
    if (ctx.tryNumber === 1) throw new Error("first try fails");
    return ctx.inputs.n + 1;
  });
  task({ id: "load", inputs: { n: transform } }, (ctx) => ctx.inputs.n);
});
`;

interface TaskState {
  task_id: string;
  state: string | null;
  try_number: number;
}

describe("borda tasks clear against a real server and worker", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  const env = () => ({
    PATH: process.env.PATH,
    BORDA_API_URL: cp.url,
    BORDA_API_USER: "admin",
    BORDA_API_PASSWORD: "pw",
  });
  const borda = (args: string[]) => runBorda(args, env());
  const states = async (runId: string) => {
    const { stdout } = await borda(["tasks", "list", "flaky", runId, "--output", "json"]);
    return Object.fromEntries(
      (JSON.parse(stdout) as TaskState[]).map((t) => [t.task_id, `${t.state}/${t.try_number}`]),
    );
  };
  const runState = async (runId: string) =>
    (
      JSON.parse((await borda(["runs", "show", "flaky", runId, "--output", "json"])).stdout) as {
        state: string;
      }
    ).state;

  beforeAll(async () => {
    cp = await startServer(
      resources,
      resources.dir("borda-clear-"),
      { "flaky.ts": flakyDag },
      { adminUser: "admin", adminPassword: "pw" },
    );
    startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default"]),
      name: "clear-worker",
      queues: "default",
    });
    await eventually(
      async () => (await borda(["dags", "list"])).stdout.includes("flaky"),
      "the DAG to be parsed",
    );
  });
  afterAll(() => resources.cleanup());

  it("shows what it would clear, asks for --yes without a terminal, then clears the failed tasks so the run succeeds", async () => {
    const triggered = await borda(["dags", "trigger", "flaky", "--run-id", "r1"]);
    expect(triggered).toMatchObject({ code: 0, stdout: "r1\n" });
    await eventually(async () => (await runState("r1")) === "failed", "the run to fail");
    expect(await states("r1")).toEqual({
      extract: "success/1",
      transform: "failed/1",
      load: "upstream_failed/0",
    });

    const dryRun = await borda([
      "tasks",
      "clear",
      "flaky",
      "r1",
      "transform",
      "--downstream",
      "--dry-run",
    ]);
    expect(dryRun).toMatchObject({ code: 0, stderr: "" });
    const [header, ...rows] = dryRun.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^TASK ID\s+RUN ID\s+LOGICAL DATE$/);
    expect(rows.map((r) => r.split(/\s+/).slice(0, 2)).sort()).toEqual([
      ["load", "r1"],
      ["transform", "r1"],
    ]);
    expect(await states("r1")).toMatchObject({ transform: "failed/1" });

    const unconfirmed = await borda(["tasks", "clear", "flaky", "r1", "--only-failed"]);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toBe("");
    expect(unconfirmed.stderr).toMatch(/^borda: clearing asks for confirmation, .*--yes.*\n$/);
    expect(await states("r1")).toMatchObject({ transform: "failed/1" });

    const cleared = await borda([
      "tasks",
      "clear",
      "flaky",
      "r1",
      "--only-failed",
      "--yes",
      "--output",
      "json",
    ]);
    expect(cleared).toMatchObject({ code: 0, stderr: "" });
    expect(
      (JSON.parse(cleared.stdout) as { task_id: string; dag_run_id: string }[])
        .map((t) => `${t.task_id}@${t.dag_run_id}`)
        .sort(),
    ).toEqual(["load@r1", "transform@r1"]);
    await eventually(
      async () => (await runState("r1")) === "success",
      "the cleared run to succeed",
    );
    // Only the failed tasks ran again: extract kept its one try.
    expect(await states("r1")).toEqual({
      extract: "success/1",
      transform: "success/2",
      load: "success/1",
    });
  });

  it("prints an unknown run or task as one line and exits 1", async () => {
    await borda(["dags", "trigger", "flaky", "--run-id", "r2"]);
    expect(await borda(["tasks", "clear", "flaky", "nope", "--yes"])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "borda: DAG run 'nope' of DAG 'flaky' not found; GET /dags/flaky/dagRuns lists its runs.\n",
    });
    const unknownTask = await borda(["tasks", "clear", "flaky", "r2", "nope", "--yes"]);
    expect(unknownTask).toMatchObject({ code: 1, stdout: "" });
    expect(unknownTask.stderr).toMatch(/^borda: No task nope in DAG 'flaky'.*\n$/);
    const badOutput = await borda(["tasks", "clear", "flaky", "r2", "--yes", "--output", "yaml"]);
    expect(badOutput).toEqual({
      code: 1,
      stdout: "",
      stderr: "borda: --output must be table or json, not 'yaml'.\n",
    });
  });
});
