import type { Job } from "@borda/protocol";
import { describe, expect, it } from "vitest";
import { BundleCache } from "../src/runner/bundleCache.js";
import { RunnerPool } from "../src/runner/runnerPool.js";
import { baseTaskEnvironment } from "../src/runner/taskEnv.js";
import { type TaskOutput, TaskRunner, type TaskRunnerOptions } from "../src/runner/taskRunner.js";
import type { OutputStream } from "../src/spool/attemptSpool.js";
import { buildBundle, type TestBundle } from "./support/bundles.js";
import { jobFor } from "./support/jobs.js";
import { eventually, isAlive, useResources } from "./support/resources.js";

const dagSource = `
import { spawn } from "node:child_process";
import { dag, SkipTask } from "borda";

export default dag({ id: "runner_test" }, ({ task, bash }) => {
  task({ id: "hello" }, async (ctx) => {
    ctx.log("hello from", ctx.taskId, { try: ctx.tryNumber });
    console.log("to stdout");
    console.error("to stderr");
    return { pid: process.pid, word: ctx.params.word };
  });
  task({ id: "pid" }, async () => process.pid);
  task({ id: "env" }, async () => ({ ...process.env }));
  task({ id: "throws" }, async () => {
    throw new Error("boom");
  });
  task({ id: "skips" }, async () => {
    throw new SkipTask("nothing to do today");
  });
  task({ id: "big" }, async () => "x".repeat(3.2 * 1024 * 1024));
  task({ id: "not_json" }, async () => 10n);
  task({ id: "stubborn" }, async (ctx) => {
    const child = spawn("sleep", ["1000"], { stdio: "ignore" });
    ctx.log("grandchild=" + child.pid);
    await new Promise(() => {});
  });
  task({ id: "polite" }, async (ctx) => {
    ctx.log("waiting");
    await ctx.sleep(1_000_000);
  });
  bash({ id: "bash_ok", command: 'echo first; echo "dag=$BORDA_DAG_ID try=$BORDA_TRY_NUMBER"; echo oops >&2' });
  bash({ id: "bash_ctx", command: (ctx) => "echo " + ctx.params.word + " $EXTRA", env: { EXTRA: "from-task" } });
  bash({ id: "bash_fails", command: "echo partial; exit 3" });
  bash({ id: "bash_env", command: "env" });
  bash({ id: "bash_stubborn", command: "sleep 1000 & echo child=$!; wait" });
  // Deaf to SIGTERM, its child too: only SIGKILL ends it before its minute is up.
  bash({ id: "bash_deaf", command: "trap '' TERM; sleep 60 & echo child=$!; wait" });
});
`;

/** What the worker's environment holds: its own settings and secrets, and an operator's variable. */
const workerEnv = {
  PATH: process.env.PATH,
  HOME: "/home/edge",
  LANG: "C.UTF-8",
  BORDA_WORKER_TOKEN: "bwt_secret_token_value",
  BORDA_API_URL: "https://control-plane.example",
  BORDA_QUEUES: "default",
  CLOUD_CREDENTIALS: "do-not-pass",
  TEAM_BUCKET: "gs://team-bucket",
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

describe("task runner", () => {
  const resources = useResources();
  let dagBundle: TestBundle | undefined;

  /** A task runner whose bundle downloads answer `content` (default: the bundle's bytes). */
  async function setup(
    options: Partial<TaskRunnerOptions> & { bundle?: TestBundle; content?: Uint8Array } = {},
  ) {
    dagBundle ??= await buildBundle(dagSource);
    const bundle = options.bundle ?? dagBundle;
    const downloads: string[] = [];
    const env = baseTaskEnvironment(["TEAM_BUCKET"], workerEnv);
    const pool = new RunnerPool({ env });
    resources.defer(() => pool.close());
    const runner = new TaskRunner({
      bundles: new BundleCache({
        dir: resources.dir(),
        download: async (hash) => {
          downloads.push(hash);
          return options.content ?? bundle.content;
        },
      }),
      pool,
      env,
      killGraceMs: 200,
      ...options,
    });
    const run = (taskId: string, overrides: Partial<Job> = {}) => {
      const { output, streams } = recorder();
      const job = jobFor(bundle.hash, "runner_test", taskId, {
        tryNumber: 2,
        params: { word: "hello-word" },
        ...overrides,
      });
      const task = runner.start(job, output);
      return { task, streams, result: task.result };
    };
    return { run, pool, downloads };
  }

  it("runs a function task in a warm runner: its result, ctx.log, stdout and stderr", async () => {
    const { run, downloads } = await setup();
    const { result, streams } = run("hello");
    const outcome = await result;
    expect(outcome).toMatchObject({
      outcome: "success",
      returnValue: { pid: expect.any(Number), word: "hello-word" },
    });
    expect(streams.stdout).toBe("hello from hello { try: 2 }\nto stdout\n");
    expect(streams.stderr).toBe("to stderr\n");
    expect(downloads).toEqual([dagBundle?.hash]);
  });

  it("reuses the warm runner for the next task of the same bundle, and downloads the bundle once", async () => {
    const { run, pool, downloads } = await setup();
    const first = await run("pid").result;
    const second = await run("hello").result;
    expect(first.outcome).toBe("success");
    expect(second).toMatchObject({
      returnValue: { pid: (first as { returnValue: number }).returnValue },
    });
    expect(pool.size).toBe(1);
    expect(downloads).toHaveLength(1);
  });

  it("runs an isolation: process task in a fresh process that ends with it", async () => {
    const { run } = await setup();
    const first = (await run("pid", { isolation: "process" }).result) as { returnValue: number };
    const second = (await run("pid", { isolation: "process" }).result) as { returnValue: number };
    expect(first.returnValue).not.toBe(second.returnValue);
    await eventually(() => !isAlive(first.returnValue), "the first task's process to end");
    await eventually(() => !isAlive(second.returnValue), "the second task's process to end");
  });

  it("runs a bash task: the result is stdout's last line, with the attempt's variables", async () => {
    const { run } = await setup();
    const { result, streams } = run("bash_ok");
    expect(await result).toEqual({ outcome: "success", returnValue: "dag=runner_test try=2" });
    expect(streams.stdout).toBe("first\ndag=runner_test try=2\n");
    expect(streams.stderr).toBe("oops\n");
    // A command computed from the context, with the task's own environment.
    expect(await run("bash_ctx").result).toEqual({
      outcome: "success",
      returnValue: "hello-word from-task",
    });
  });

  it("fails a bash task that exits non-zero, with its exit code", async () => {
    const { run } = await setup();
    expect(await run("bash_fails").result).toEqual({
      outcome: "failure",
      error: "bash exited with code 3.",
      exitCode: 3,
    });
  });

  it("fails with the thrown error's message and stack, pointing at the DAG file", async () => {
    const { run } = await setup();
    const outcome = await run("throws").result;
    expect(outcome).toMatchObject({ outcome: "failure", exitCode: null });
    const error = (outcome as { error: string }).error;
    expect(error).toMatch(/^Error: boom\n\s+at /);
    expect(error).toMatch(/dag\.ts:\d+:\d+/);
  });

  it("reports a task that throws SkipTask as skipped, with the reason, and notes it in the log", async () => {
    const { run } = await setup();
    const ran = run("skips");
    expect(await ran.result).toEqual({
      outcome: "failure",
      error: "nothing to do today",
      exitCode: null,
      skipped: true,
    });
    expect(ran.streams.borda).toContain("The task skipped itself: nothing to do today");
  });

  it("refuses a return value over the limit, or one that is not JSON", async () => {
    const { run } = await setup();
    expect(await run("big").result).toMatchObject({
      outcome: "failure",
      error:
        "The task's return value is 3.2 MiB; the limit is 1 MiB: return a reference (a path, a URL) instead.",
    });
    expect(await run("not_json").result).toMatchObject({
      outcome: "failure",
      error: expect.stringMatching(/not JSON-serialisable/),
    });
  });

  it("kills a timed-out task with its whole process tree, grandchildren included", async () => {
    const { run } = await setup();
    // Long enough for the task to print its grandchild's pid first, even on a loaded machine.
    const { result, streams } = run("stubborn", { executionTimeoutMs: 2000 });
    const grandchild = await eventually(
      () => Number(streams.stdout.match(/grandchild=(\d+)/)?.[1] ?? 0),
      "the grandchild's pid",
    );
    expect(isAlive(grandchild)).toBe(true);
    expect(await result).toMatchObject({
      outcome: "failure",
      error: "timed out after 2 s (the task's executionTimeout)",
    });
    await eventually(() => !isAlive(grandchild), `grandchild ${grandchild} to be gone`);
    expect(streams.borda).toMatch(/timed out after 2 s .*: stopping the task/);
  });

  it("kills a timed-out bash task with the processes it started", async () => {
    const { run } = await setup();
    const { result, streams } = run("bash_stubborn", { executionTimeoutMs: 2000 });
    const child = await eventually(
      () => Number(streams.stdout.match(/child=(\d+)/)?.[1] ?? 0),
      "the command's child pid",
    );
    expect(await result).toMatchObject({ outcome: "failure", error: /timed out/ });
    await eventually(() => !isAlive(child), `child ${child} to be gone`);
  });

  it("stops a task on request: ctx.signal aborts and the attempt fails with the reason", async () => {
    const { run, pool } = await setup();
    const { task, result, streams } = run("polite");
    await eventually(() => streams.stdout.includes("waiting"), "the task to start");
    task.stop("cancelled: the attempt is no longer current");
    expect(await result).toMatchObject({
      outcome: "failure",
      error: "cancelled: the attempt is no longer current",
    });
    // Its runner is not reused: whatever the task started goes with it.
    await eventually(() => pool.size === 0, "the stopped task's runner to end");
  });

  it("kills a task's process tree at once when it must die, without a grace period", async () => {
    // An hour's grace: only a kill that skips it ends the deaf task while the test runs.
    const { run } = await setup({ killGraceMs: 3_600_000 });
    const { task, result, streams } = run("bash_deaf");
    const child = await eventually(
      () => Number(streams.stdout.match(/child=(\d+)/)?.[1] ?? 0),
      "the command's child pid",
    );
    task.kill("killed: the attempt is no longer this worker's");
    expect(await result).toMatchObject({
      outcome: "failure",
      error: "killed: the attempt is no longer this worker's",
    });
    await eventually(() => !isAlive(child), `child ${child} to be gone`);
    expect(streams.borda).toMatch(/no longer this worker's: killing the task's processes now/);
  });

  it("cuts a stop's grace period short when the task must then die at once", async () => {
    const { run } = await setup({ killGraceMs: 3_600_000 });
    const { task, result, streams } = run("stubborn");
    const grandchild = await eventually(
      () => Number(streams.stdout.match(/grandchild=(\d+)/)?.[1] ?? 0),
      "the grandchild's pid",
    );
    task.stop("killed: worker drained after 300 s");
    task.kill("killed: the attempt is no longer this worker's");
    expect(await result).toMatchObject({
      outcome: "failure",
      error: "killed: worker drained after 300 s",
    });
    await eventually(() => !isAlive(grandchild), `grandchild ${grandchild} to be gone`);
  });

  it("gives tasks only the allowlisted environment, never the worker's token or settings", async () => {
    const { run } = await setup();
    const functionEnv = ((await run("env").result) as { returnValue: Record<string, string> })
      .returnValue;
    const bashOutput = run("bash_env");
    await bashOutput.result;
    const bashEnv = Object.fromEntries(
      bashOutput.streams.stdout
        .split("\n")
        .filter((line) => line.includes("="))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
    for (const env of [functionEnv, bashEnv]) {
      expect(env).toMatchObject({
        HOME: "/home/edge",
        LANG: "C.UTF-8",
        TEAM_BUCKET: "gs://team-bucket",
        BORDA_DAG_ID: "runner_test",
        BORDA_RUN_ID: "manual__1",
        BORDA_TRY_NUMBER: "2",
      });
      expect(env).not.toHaveProperty("BORDA_WORKER_TOKEN");
      expect(env).not.toHaveProperty("BORDA_API_URL");
      expect(env).not.toHaveProperty("BORDA_QUEUES");
      expect(env).not.toHaveProperty("CLOUD_CREDENTIALS");
      expect(Object.values(env)).not.toContain("bwt_secret_token_value");
    }
    expect(functionEnv.BORDA_TASK_ID).toBe("env");
    expect(bashEnv.BORDA_TASK_ID).toBe("bash_env");
  });

  it("refuses a bundle whose bytes do not match its hash", async () => {
    const { run } = await setup({ content: new TextEncoder().encode("export default 1;") });
    expect(await run("hello").result).toMatchObject({
      outcome: "failure",
      error: expect.stringMatching(/refusing to run it/),
    });
  });

  it("fails clearly when the bundle cannot be imported or has no such task", async () => {
    const { run } = await setup();
    expect(await run("no_such_task").result).toMatchObject({
      outcome: "failure",
      error: "DAG 'runner_test' has no task 'no_such_task'.",
    });
    const broken = await setup({ bundle: await buildBundle('throw new Error("bad import");') });
    expect(await broken.run("hello").result).toMatchObject({
      outcome: "failure",
      error: expect.stringMatching(/^Importing the DAG bundle threw: Error: bad import/),
    });
  });
});
