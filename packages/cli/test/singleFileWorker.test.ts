import { execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { workerSettings } from "@borda/worker";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eventually, runBorda, startServer, TestResources, workerToken } from "./support.js";

/**
 * The edge box install (`npm run build:worker`): the worker as one .mjs file run by a bare
 * Node, and as a self-contained executable, each copied alone into an empty directory and
 * started with nothing but its settings in the environment (no PATH, no node_modules).
 */

const run = promisify(execFile);
const buildScript = fileURLToPath(new URL("../../../scripts/build-worker.mjs", import.meta.url));
const hasBash = existsSync("/bin/bash") || existsSync("/usr/bin/bash");

/** The box's own Python, by absolute path: its environment has no PATH to find it in. */
const boxPython = ["/usr/bin/python3", "/usr/local/bin/python3"].find((file) => existsSync(file));

const edgeBoxDag = `
import { dag } from "borda";
export default dag({ id: "edge_box" }, ({ bash, task, python }) => {
  const hello = task({ id: "hello", queue: "edge_box" }, (ctx) => {
    ctx.log(\`hello from a runner started as: \${process.argv.slice(1, 3).join(" ")}\`);
    return "hello";
  });
  ${hasBash ? "" : "// no bash on this machine: "}bash({ id: "shell", queue: "edge_box", inputs: { hello }, command: (ctx) => \`echo "bash says \${ctx.inputs.hello}"\` });
  ${boxPython ? "" : "// no python3 on this machine: "}python({ id: "py", queue: "edge_box", file: "edge_box_greet.py", callable: "greet", inputs: { hello } });
});
`;

const edgeBoxPython = `
import sys


def greet(ctx, hello):
    ctx.log(f"python says {hello}, from {sys.executable}")
    return hello.upper()
`;

/** How each form is started, by absolute path: the box has no PATH to find Node in. */
const forms = {
  "borda-worker.mjs": (file: string) => [process.execPath, file],
  "borda-worker": (file: string) => [file],
} as const;

describe("the single-file worker", () => {
  const built = new TestResources();
  const resources = new TestResources();
  let outDir = "";

  beforeAll(async () => {
    outDir = built.dir("borda-worker-build-");
    await run(process.execPath, [buildScript, "--out-dir", outDir]);
  }, 120_000);
  afterEach(() => resources.cleanup());
  afterAll(() => built.cleanup());

  /** A directory on "the box" holding the one file, and its command line. */
  function install(form: keyof typeof forms) {
    const box = resources.dir("borda-edge-box-");
    const file = path.join(box, form);
    copyFileSync(path.join(outDir, form), file);
    return { box, file, command: forms[form](file) };
  }

  it.each(Object.keys(forms) as (keyof typeof forms)[])(
    "%s has the flags, environment variables and help of `borda worker`",
    async (form) => {
      const [program = "", ...args] = forms[form](path.join(outDir, form));
      const single = await run(program, [...args, "--help"], { env: {} });
      const borda = await runBorda(["worker", "--help"], { PATH: process.env.PATH });
      const options = (help: string) =>
        help
          .slice(help.indexOf("Options:"))
          .split("\n")
          .filter((line) => !line.includes("--version"))
          .join("\n");
      expect(options(single.stdout)).toBe(options(borda.stdout));
      expect(single.stdout).toMatch(/^Usage: borda-worker \[options\]/);
      expect((await run(program, [...args, "--version"], { env: {} })).stdout).toBe("0.1.0\n");
    },
  );

  it.each(Object.keys(forms) as (keyof typeof forms)[])(
    "%s, alone in an empty directory with a cleared environment, registers, runs a task, a bash task and a Python task (in the box's own Python) in runner processes of its own file, ships their logs and drains on SIGTERM",
    async (form) => {
      const cp = await startServer(resources, resources.dir(), {
        "edge_box.ts": edgeBoxDag,
        "edge_box_greet.py": edgeBoxPython,
      });
      const { box, file, command } = install(form);
      const [program = "", ...args] = command;
      const workDir = path.join(box, "work");
      mkdirSync(workDir);
      const child = resources.track(
        spawn(program, args, {
          cwd: box,
          detached: true,
          stdio: ["ignore", "pipe", "pipe"],
          env: {
            BORDA_API_URL: cp.url,
            BORDA_WORKER_TOKEN: await workerToken(cp, ["edge_box"]),
            BORDA_QUEUES: "edge_box",
            BORDA_HOSTNAME: "edge-box",
            BORDA_WORKER_DIR: workDir,
            BORDA_HEARTBEAT_INTERVAL: "1",
            ...(boxPython ? { BORDA_PYTHON: boxPython } : {}),
          },
        }),
      );
      let output = "";
      for (const stream of [child.stdout, child.stderr]) {
        if (stream)
          createInterface({ input: stream }).on("line", (line) => (output += `${line}\n`));
      }
      const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

      const worker = await eventually(
        async () =>
          (await cp.edge.listWorkers()).find((w) => w.name === "edge-box" && w.state === "idle"),
        `the worker to register (its output: ${output})`,
      );
      expect(worker.version).toBe("0.1.0");

      const dagRun = await cp.scheduler.triggerRun("edge_box", { runId: "box" });
      await eventually(
        async () => (await cp.store.getDagRun("edge_box", "box"))?.state === "success",
        `the run to succeed (the worker's output: ${output})`,
      );
      const logs = new Map<string, string>();
      for (const attempt of await cp.store.listAttempts({ dagRunId: dagRun.id })) {
        expect(attempt.workerName).toBe("edge-box");
        logs.set(attempt.taskId, (await cp.store.readLog(attempt.attemptId)).data);
      }
      // The runner is the single file started again, not runnerChild.js from a package.
      expect(logs.get("hello")).toContain(`hello from a runner started as: ${file} --borda-runner`);
      if (hasBash) expect(logs.get("shell")).toContain("bash says hello\n");
      // Python tasks run from the runtime the single file carries, in the box's own Python.
      if (boxPython) expect(logs.get("py")).toContain(`python says hello, from ${boxPython}`);
      expect(readdirSync(box).sort()).toEqual([form, "work"]);

      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(output).not.toContain("bwt_");
      expect((await cp.edge.listWorkers()).find((w) => w.name === "edge-box")?.state).toBe(
        "offline",
      );
    },
  );
});

describe("the systemd unit for the single-file worker", () => {
  const systemd = (file: string) =>
    readFileSync(
      fileURLToPath(new URL(`../../../deploy/systemd/${file}`, import.meta.url)),
      "utf8",
    );
  const directive = (unit: string, name: string) =>
    unit.match(new RegExp(`^${name}=(.*)$`, "m"))?.[1];

  it("stops by draining: SIGTERM to the worker alone, for longer than the drain timeout", () => {
    const unit = systemd("borda-worker.service");
    expect(directive(unit, "KillSignal")).toBe("SIGTERM");
    expect(directive(unit, "KillMode")).toBe("mixed");
    expect(Number(directive(unit, "TimeoutStopSec"))).toBeGreaterThan(
      Number(workerSettings.drainTimeout.default),
    );
    expect(directive(unit, "EnvironmentFile")).toBe("/etc/borda/worker.env");
    expect(directive(unit, "Restart")).toBe("on-failure");
  });

  it("has every worker setting in its example environment file", () => {
    const example = systemd("worker.env.example");
    for (const setting of Object.values(workerSettings)) {
      expect(example).toMatch(new RegExp(`^#?${setting.env}=`, "m"));
    }
  });
});
