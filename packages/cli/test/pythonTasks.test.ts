import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ControlPlane } from "@borda/server";
import { afterEach, describe, expect, it } from "vitest";
import {
  eventually,
  startServer,
  startWorker,
  TestResources,
  workersRegistered,
  workerToken,
} from "./support.js";

/**
 * Python tasks of TypeScript DAGs (`python({ id, file, callable })`), end to end: a real
 * control plane parses fixtures/python (python_tasks.ts and py/tasks.py), and a real
 * `borda worker` process runs them in real Python runners.
 */

/** The attempt error of a timeout, as the worker says it and as the control plane does. */
const workerTimeout = "timed out after 1 s (the task's executionTimeout)";
const timedOut =
  /^(timed out after 1 s \(the task's executionTimeout\)|Execution timeout: still running after 1 s \(executionTimeout\)\.)$/;

const fixtures = fileURLToPath(new URL("./fixtures/python/", import.meta.url));

describe("Python tasks in TypeScript DAGs, on a real worker", () => {
  const resources = new TestResources();
  afterEach(() => resources.cleanup());

  /** A control plane over the fixtures (and `dags`), and one worker serving queue "python". */
  async function setUp(
    options: { dags?: Record<string, string>; workerEnv?: Record<string, string> } = {},
  ) {
    const home = resources.dir();
    cpSync(fixtures, path.join(home, "dags"), { recursive: true });
    // Heartbeats every second: a cleared or marked attempt is killed at the next one.
    const cp = await startServer(resources, home, options.dags ?? {}, {
      heartbeatIntervalMs: 1000,
    });
    const importErrors = await cp.store.listImportErrors();
    expect(importErrors).toEqual([]);
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["python"]),
      name: "python-worker",
      queues: "python",
      ...(options.workerEnv ? { env: options.workerEnv } : {}),
    });
    await workersRegistered(cp, worker);
    return { cp, worker };
  }

  it("passes values both ways between TypeScript and Python tasks: dicts, lists, strings, numbers", async () => {
    const { cp } = await setUp();

    const run = await cp.scheduler.triggerRun("py_values", {
      runId: "values",
      conf: { scale: 100 },
    });
    await finished(cp, "py_values", "values", "success");

    const xcoms = Object.fromEntries(
      (await cp.store.listXcoms({ dagRunId: run.id })).map((x) => [x.taskId, x.value]),
    );
    expect(xcoms.make).toEqual({
      numbers: [1, 2, 3],
      label: "abc",
      nested: { ok: true, unicode: "ünïcødé" },
    });
    expect(xcoms.summarise).toEqual({
      total: 600,
      label: "ABC",
      squares: [1, 4, 9],
      nested: { seen: { ok: true, unicode: "ünïcødé" }, none: null },
      context: {
        task_id: "summarise",
        try_number: 1,
        conf: { scale: 100 },
        logical_date: run.logicalDate.toISOString().replace("Z", "+00:00"),
      },
    });
    expect(xcoms.check).toBe("ABC:600:1,4,9:ünïcødé");
    expect(await logOf(cp, "py_values", "values", "summarise")).toContain(
      "Python got abc [1, 2, 3] in values\n",
    );
    expect(await logOf(cp, "py_values", "values", "check")).toContain(
      "TypeScript got ABC 600 [1, 4, 9]\n",
    );
  });

  it("fails the attempt on an exception, with its traceback as the error and in the log", async () => {
    const { cp } = await setUp();

    await cp.scheduler.triggerRun("py_failure", { runId: "failure" });
    await finished(cp, "py_failure", "failure", "failed");

    const [attempt] = await attemptsOf(cp, "py_failure", "failure");
    expect(attempt?.state).toBe("failed");
    const error = attempt?.error ?? "";
    expect(error).toMatch(/^Traceback \(most recent call last\):\n/);
    expect(error).toMatch(/File ".*py\/tasks\.py", line \d+, in fail\n/);
    expect(error).toMatch(/File ".*py\/tasks\.py", line \d+, in parse_row\n/);
    expect(error).toMatch(
      /ValueError: invalid literal for int\(\) with base 10: 'not a number'\n?$/,
    );
    // Borda's own frames (the runner) are left out.
    expect(error).not.toMatch(/_runtime/);
    const log = await logOf(cp, "py_failure", "failure", "fail");
    expect(log).toContain("about to parse\n");
    expect(log).toContain("ValueError: invalid literal for int() with base 10: 'not a number'");
    expect(log).toMatch(/in parse_row\n/);
  });

  it("kills a running Python task that is cleared, with its child process, and runs it again", async () => {
    const { cp } = await setUp();
    await cp.scheduler.triggerRun("py_cancel", { runId: "clear" });
    const first = await pidsInLog(cp, "py_cancel", "clear");
    expect(first.every(isAlive)).toBe(true);

    await cp.scheduler.changes.clearTaskInstances("py_cancel", "clear", ["hold"]);

    await eventually(async () => !first.some(isAlive), `processes ${first} to be gone`);
    await finished(cp, "py_cancel", "clear", "success");
    const attempts = await attemptsOf(cp, "py_cancel", "clear");
    expect(attempts.map((a) => [a.tryNumber, a.state, a.error])).toEqual([
      [1, "superseded", "cleared"],
      [2, "success", null],
    ]);
    const run = await cp.store.getDagRun("py_cancel", "clear");
    expect((await cp.store.listXcoms({ dagRunId: run?.id ?? -1 })).map((x) => x.value)).toEqual([
      "try 2 ended at once",
    ]);
  });

  it("kills a running Python task that is marked failed, with its child process", async () => {
    const { cp } = await setUp();
    await cp.scheduler.triggerRun("py_cancel", { runId: "mark" });
    const pids = await pidsInLog(cp, "py_cancel", "mark");
    expect(pids.every(isAlive)).toBe(true);

    await cp.scheduler.changes.markTaskInstances("py_cancel", "mark", ["hold"], "failed");

    await eventually(async () => !pids.some(isAlive), `processes ${pids} to be gone`);
    expect((await cp.store.getDagRun("py_cancel", "mark"))?.state).toBe("failed");
    const attempts = await attemptsOf(cp, "py_cancel", "mark");
    expect(attempts.map((a) => [a.tryNumber, a.state])).toEqual([[1, "superseded"]]);
  });

  it("stops a Python task at its execution timeout, and kills one that ignores the stop, process trees and all", async () => {
    const { cp } = await setUp();
    await cp.scheduler.triggerRun("py_timeout", { runId: "timeout" });
    const polite = await pidsInLog(cp, "py_timeout", "timeout", "polite");
    const stubborn = await pidsInLog(cp, "py_timeout", "timeout", "stubborn");

    await finished(cp, "py_timeout", "timeout", "failed");

    // The worker stops the task at its timeout, or the control plane fails the attempt
    // first (its own clock) and the worker kills it at the next heartbeat: either way it
    // fails, and its processes are gone.
    const byTask = Object.fromEntries(
      (await attemptsOf(cp, "py_timeout", "timeout")).map((a) => [a.taskId, a]),
    );
    for (const attempt of Object.values(byTask)) {
      expect(attempt.state).toBe("failed");
      expect(attempt.error).toMatch(timedOut);
    }
    await eventually(
      async () => ![...polite, ...stubborn].some(isAlive),
      "the tasks' processes to be gone",
    );
    // Asked to stop, the polite task's sleep raised TaskAborted, its traceback in the log.
    if (byTask.polite?.error === workerTimeout) {
      const politeLog = await logOf(cp, "py_timeout", "timeout", "polite");
      expect(politeLog).toContain(`${workerTimeout}: stopping the task`);
      expect(politeLog).toMatch(
        /in overrun\n[\s\S]*\[stderr\] borda\.TaskAborted: timed out after 1 s/,
      );
    }
    // The stubborn one swallowed it; it ran until the grace period or the control plane ended it.
    if (byTask.stubborn?.error === workerTimeout) {
      expect(await logOf(cp, "py_timeout", "timeout", "stubborn")).toContain(
        "ignoring TaskAborted\n",
      );
    }
  });

  it("reuses a warm Python runner for the tasks of one bundle; isolation 'process' gets a fresh one", async () => {
    const { cp } = await setUp();

    const run = await cp.scheduler.triggerRun("py_warm", { runId: "warm" });
    await finished(cp, "py_warm", "warm", "success");

    const pid = Object.fromEntries(
      (await cp.store.listXcoms({ dagRunId: run.id })).map((x) => [x.taskId, x.value as number]),
    );
    expect(pid.second).toBe(pid.first);
    expect(pid.isolated).not.toBe(pid.first);
    // The warm runner waits for the bundle's next task; the isolated one ended with its task.
    expect(isAlive(pid.first ?? 0)).toBe(true);
    await eventually(async () => !isAlive(pid.isolated ?? 0), "the isolated runner to end");

    // A second run of the DAG finds the same warm runner.
    const again = await cp.scheduler.triggerRun("py_warm", { runId: "warm_again" });
    await finished(cp, "py_warm", "warm_again", "success");
    const pidsAgain = (await cp.store.listXcoms({ dagRunId: again.id })).map((x) => x.value);
    expect(pidsAgain.filter((value) => value === pid.first)).toHaveLength(2);
  });

  it("runs a task with the worker's --python, or with the interpreter it names (a venv with its packages)", async () => {
    const venvs = resources.dir("borda-venvs-");
    const workerPython = makeVenv(path.join(venvs, "worker"));
    const teamPython = makeVenv(path.join(venvs, "team-a"), { team_package: 'NAME = "team-a"\n' });
    const interpreters = `
import { dag } from "borda";
export default dag({ id: "py_interpreters" }, ({ python }) => {
  const file = "py/tasks.py";
  python({ id: "worker_default", queue: "python", file, callable: "interpreter" });
  python({ id: "named", queue: "python", file, callable: "interpreter", interpreter: ${JSON.stringify(teamPython)} });
  python({ id: "missing", queue: "python", file, callable: "interpreter", interpreter: "/nonexistent/python3" });
});
`;
    const { cp } = await setUp({
      dags: { "interpreters.ts": interpreters },
      workerEnv: { BORDA_PYTHON: workerPython },
    });

    const run = await cp.scheduler.triggerRun("py_interpreters", { runId: "interpreters" });
    await finished(cp, "py_interpreters", "interpreters", "failed");

    const results = Object.fromEntries(
      (await cp.store.listXcoms({ dagRunId: run.id })).map((x) => [x.taskId, x.value]),
    );
    expect(results.worker_default).toEqual({
      executable: workerPython,
      prefix: path.join(venvs, "worker"),
      team_package: null,
    });
    expect(results.named).toEqual({
      executable: teamPython,
      prefix: path.join(venvs, "team-a"),
      team_package: "team-a",
    });
    const missing = (await attemptsOf(cp, "py_interpreters", "interpreters")).find(
      (a) => a.taskId === "missing",
    );
    expect(missing?.state).toBe("failed");
    expect(missing?.error).toBe(
      "Python tasks need a Python interpreter, and '/nonexistent/python3' was not found on this worker. Install Python 3.11 or newer, or point BORDA_PYTHON (--python) at one.",
    );
  });

  it("ships a Python task's stdout and stderr to the log while it runs", async () => {
    const { cp } = await setUp();
    const sentinel = path.join(resources.dir(), "sentinel");

    await cp.scheduler.triggerRun("py_live", { runId: "live", conf: { sentinel } });
    const partial = await eventually(async () => {
      const log = await logOf(cp, "py_live", "live", "follow");
      return log.includes("a line on stdout\n") && log.includes("a line on stderr\n") ? log : null;
    }, "the first lines in the log");
    // Still running: it waits for the sentinel, which does not exist yet.
    expect(existsSync(sentinel)).toBe(false);
    expect((await attemptsOf(cp, "py_live", "live"))[0]?.state).toBe("running");
    expect(partial).not.toContain("the sentinel is there");

    writeFileSync(sentinel, "");
    await finished(cp, "py_live", "live", "success");
    const log = await logOf(cp, "py_live", "live", "follow");
    for (const line of ["a line on stdout", "[stderr] a line on stderr", "the sentinel is there"]) {
      expect(log.split("\n").filter((l) => l.replace(/^\S+Z /, "") === line)).toHaveLength(1);
    }
  });
});

async function attemptsOf(cp: ControlPlane, dagId: string, runId: string) {
  const run = await cp.store.getDagRun(dagId, runId);
  return run ? cp.store.listAttempts({ dagRunId: run.id }) : [];
}

async function finished(cp: ControlPlane, dagId: string, runId: string, state: string) {
  const ended = await eventually(async () => {
    const run = await cp.store.getDagRun(dagId, runId);
    return run?.state === "success" || run?.state === "failed" ? run.state : null;
  }, `run ${runId} of ${dagId} to finish`);
  if (ended !== state) {
    const attempts = await attemptsOf(cp, dagId, runId);
    throw new Error(
      `run ${runId} of ${dagId} ended ${ended}, not ${state}: ${JSON.stringify(attempts.map((a) => [a.taskId, a.state, a.error]))}`,
    );
  }
}

/** The log of a task's latest attempt in a run. */
async function logOf(cp: ControlPlane, dagId: string, runId: string, taskId: string) {
  const attempt = (await attemptsOf(cp, dagId, runId)).filter((a) => a.taskId === taskId).at(-1);
  return attempt ? (await cp.store.readLog(attempt.attemptId)).data : "";
}

/** The pids a task printed ("pid=1 child=2"): its runner's and its child's. */
async function pidsInLog(cp: ControlPlane, dagId: string, runId: string, taskId = "hold") {
  return eventually(async () => {
    const match = (await logOf(cp, dagId, runId, taskId)).match(/pid=(\d+) child=(\d+)/);
    return match ? [Number(match[1]), Number(match[2])] : null;
  }, `the pids of ${taskId}`);
}

/** Alive: the process exists and is not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    return !/^State:\s+Z/m.test(readFileSync(`/proc/${pid}/status`, "utf8"));
  } catch {
    return false;
  }
}

/** A virtual environment (standard library only), with `modules` in its site-packages; its python. */
function makeVenv(dir: string, modules: Record<string, string> = {}): string {
  execFileSync("python3", ["-m", "venv", "--without-pip", dir]);
  const python = path.join(dir, "bin", "python");
  const sitePackages = execFileSync(python, [
    "-c",
    "import sysconfig; print(sysconfig.get_paths()['purelib'])",
  ])
    .toString()
    .trim();
  for (const [name, source] of Object.entries(modules)) {
    writeFileSync(path.join(sitePackages, `${name}.py`), source);
  }
  return python;
}
