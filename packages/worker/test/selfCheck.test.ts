import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { SelfCheckConfig } from "../src/config.js";
import { type Problem, SelfCheck } from "../src/health/selfCheck.js";
import { eventually, useResources } from "./support/resources.js";

describe("the worker's own checks", () => {
  const resources = useResources();

  function selfCheck(config: Partial<SelfCheckConfig>, availableMemory?: () => number) {
    const workDir = resources.dir();
    const rounds: Problem[][] = [];
    const check = new SelfCheck({
      config: {
        minFreeDiskBytes: null,
        minFreeMemoryBytes: null,
        command: null,
        intervalMs: 60_000,
        timeoutMs: 10_000,
        ...config,
      },
      workDir,
      onResult: (problems) => rounds.push(problems),
      ...(availableMemory ? { availableMemory } : {}),
    });
    resources.defer(() => check.stop());
    return { check, rounds, workDir };
  }

  it("checks nothing unless told to", async () => {
    const { check } = selfCheck({});
    expect(check.enabled).toBe(false);
    expect(await check.check()).toEqual([]);
  });

  it("fails a health check that exits non-zero, its last line of output the reason, and passes it once it exits 0", async () => {
    const { check, workDir } = selfCheck({
      command: 'if [ -e marker ]; then echo "probing"; echo "GPU lost" >&2; exit 3; fi',
    });
    writeFileSync(path.join(workDir, "marker"), "");
    expect(await check.check()).toEqual([
      { kind: "health_check", reason: "health check failed: GPU lost" },
    ]);
    rmSync(path.join(workDir, "marker"));
    expect(await check.check()).toEqual([]);
  });

  it("names the exit code when the command says nothing, and kills one that outlasts its timeout", async () => {
    expect(await selfCheck({ command: "exit 7" }).check.check()).toEqual([
      { kind: "health_check", reason: "health check failed: exit code 7" },
    ]);
    const { check, workDir } = selfCheck({
      command: "sleep 30 & echo $! > child.pid; wait",
      timeoutMs: 300,
    });
    expect(await check.check()).toEqual([
      { kind: "health_check", reason: "health check failed: no answer within 0.3 s" },
    ]);
    // The whole process group went, the command's own children too.
    const pid = Number(readFileSync(path.join(workDir, "child.pid"), "utf8"));
    await eventually(() => !running(pid), `the health check's child ${pid} to be killed`);
  });

  it("does not hand the worker's token to the health check", async () => {
    const before = process.env.BORDA_WORKER_TOKEN;
    process.env.BORDA_WORKER_TOKEN = "bwt_secret";
    resources.defer(() => {
      if (before === undefined) delete process.env.BORDA_WORKER_TOKEN;
      else process.env.BORDA_WORKER_TOKEN = before;
    });
    const { check } = selfCheck({
      command: 'if [ -n "$BORDA_WORKER_TOKEN" ]; then echo "token seen"; exit 1; fi',
    });
    expect(await check.check()).toEqual([]);
  });

  it("is unhealthy below a memory threshold, and healthy again only 10% above it", async () => {
    let available = 150e6;
    const { check } = selfCheck({ minFreeMemoryBytes: 200e6 }, () => available);
    expect(await check.check()).toEqual([
      { kind: "memory", reason: "available memory 150 MB below 200 MB" },
    ]);
    available = 210e6;
    expect((await check.check()).map((p) => p.kind)).toEqual(["memory"]);
    available = 221e6;
    expect(await check.check()).toEqual([]);
    available = 210e6;
    expect(await check.check()).toEqual([]);
  });

  it("is unhealthy while the work directory's disk has less free space than the threshold", async () => {
    const { check, workDir } = selfCheck({ minFreeDiskBytes: 1e18 });
    const [problem] = await check.check();
    expect(problem?.kind).toBe("disk");
    expect(problem?.reason).toMatch(new RegExp(`^free disk .+ below 1000000 TB \\(${workDir}\\)$`));
    expect(await selfCheck({ minFreeDiskBytes: 1 }).check.check()).toEqual([]);
  });

  it("reports every problem of a round, after each round", async () => {
    const { check, rounds } = selfCheck(
      { minFreeMemoryBytes: 200e6, command: "echo broken; exit 1", intervalMs: 20 },
      () => 1e6,
    );
    check.start();
    await eventually(() => rounds.length >= 2, "two rounds");
    await check.stop();
    expect(rounds[0]?.map((p) => p.kind)).toEqual(["memory", "health_check"]);
    expect(check.problems.map((p) => p.reason)).toEqual([
      "available memory 1 MB below 200 MB",
      "health check failed: broken",
    ]);
  });
});

/** Whether `pid` runs (a zombie, killed and not yet reaped, does not). */
function running(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z");
  } catch {
    return false;
  }
}
