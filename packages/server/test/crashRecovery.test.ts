import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../src/store/index.js";

const fixture = fileURLToPath(new URL("./fixtures/controlPlaneWithWorker.mjs", import.meta.url));

const chainDag = `
import { dag, task } from "borda";
export default dag({ id: "crash_chain", schedule: null }, () => {
  let previous;
  for (let i = 0; i < 10; i++) {
    const t = task({ id: "step_" + i, retries: 1, retryDelay: 0 }, async () => i);
    if (previous) t.after(previous);
    previous = t;
  }
});
`;

interface Started {
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first output line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
  exited: Promise<number | null>;
}

function startFixture(env: NodeJS.ProcessEnv): Started {
  const child = spawn(process.execPath, [fixture], { env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const listeners = new Set<(line: string) => void>();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    lines.push(line);
    for (const listener of listeners) listener(line);
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    lines,
    exited,
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const seen = lines.find((l) => pattern.test(l));
        if (seen) return resolve(seen);
        const listener = (line: string) => {
          if (pattern.test(line)) {
            listeners.delete(listener);
            resolve(line);
          }
        };
        listeners.add(listener);
        void exited.then((code) =>
          reject(new Error(`fixture exited (${code}) before ${pattern}: ${stderr}`)),
        );
      }),
  };
}

describe("crash recovery on the embedded database", () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it("continues a run after kill -9 of the control plane, losing nothing and doing nothing twice", async () => {
    const home = mkdtempSync(path.join(tmpdir(), "borda-crash-"));
    const dags = path.join(home, "dags");
    mkdirSync(dags);
    writeFileSync(path.join(dags, "crash_chain.ts"), chainDag);
    cleanups.push(() => rmSync(home, { recursive: true, force: true }));
    const env = {
      PATH: process.env.PATH,
      BORDA_HOME: home,
      BORDA_DAGS_FOLDER: dags,
      BORDA_WORKER_TIMEOUT: "1",
      BORDA_PORT: "0",
      BORDA_HOST: "127.0.0.1",
      BORDA_LOG_LEVEL: "silent",
      FIXTURE_DAG_ID: "crash_chain",
      FIXTURE_RUN_ID: "crash_run",
      FIXTURE_WORK_MS: "200",
    };

    const first = startFixture(env);
    cleanups.push(() => first.child.kill("SIGKILL"));
    await first.waitFor(/^completed step_4$/);
    await first.waitFor(/^started step_5/);
    first.child.kill("SIGKILL");
    await first.exited;
    // The step that had started and not completed when the process died.
    const started = first.lines.filter((l) => l.startsWith("started ")).map((l) => l.split(" ")[1]);
    const completed = new Set(
      first.lines.filter((l) => l.startsWith("completed ")).map((l) => l.split(" ")[1]),
    );
    const inFlight = started.filter((t) => !completed.has(t));
    expect(inFlight).toHaveLength(1);

    const second = startFixture(env);
    cleanups.push(() => second.child.kill("SIGKILL"));
    expect(await second.waitFor(/^run /)).toBe("run success");
    expect(await second.exited).toBe(0);

    const store = await openStore({ home });
    try {
      const run = await store.getDagRun("crash_chain", "crash_run");
      expect(run?.state).toBe("success");
      const instances = await store.listTaskInstances({ dagRunId: run?.id ?? -1 });
      expect(instances.map((ti) => ti.state)).toEqual(Array(10).fill("success"));
      const attempts = await store.listAttempts({ dagRunId: run?.id ?? -1 });
      const successes = attempts.filter((a) => a.state === "success").map((a) => a.taskId);
      // Every step succeeded exactly once; the steps finished before the crash never ran again.
      expect(successes.sort()).toEqual(instances.map((ti) => ti.taskId).sort());
      for (const step of completed) {
        expect(attempts.filter((a) => a.taskId === step)).toHaveLength(1);
      }
      // The attempt in flight at the crash lost its lease and was retried, not lost.
      const lost = attempts.filter((a) => a.state === "failed");
      expect(lost.map((a) => a.taskId)).toEqual(inFlight);
      expect(lost[0]?.error).toMatch(/stopped heartbeating/);
      const xcoms = await store.listXcoms({ dagRunId: run?.id ?? -1 });
      expect(xcoms.map((x) => x.value).sort()).toEqual([
        "step_0",
        "step_1",
        "step_2",
        "step_3",
        "step_4",
        "step_5",
        "step_6",
        "step_7",
        "step_8",
        "step_9",
      ]);
    } finally {
      await store.close();
    }
  });
});
