import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBorda, TestResources } from "./support.js";
import { expectedReasons, finishedReasonsRun } from "./taskReasons.js";

describe("borda tasks list says why a task instance failed or was skipped", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  const borda = (args: string[]) =>
    runBorda(args, {
      PATH: process.env.PATH,
      BORDA_API_URL: cp.url,
      BORDA_API_USER: "admin",
      BORDA_API_PASSWORD: "pw",
    });

  beforeAll(async () => {
    cp = await finishedReasonsRun(resources);
  });
  afterAll(() => resources.cleanup());

  it("shows a REASON column in the table, for failed, upstream-failed and skipped tasks only", async () => {
    const { code, stdout } = await borda(["tasks", "list", "reasons", "r1"]);
    expect(code).toBe(0);
    const [header, ...rows] = stdout.trimEnd().split("\n");
    expect(header).toMatch(/\bREASON$/);
    const line = (taskId: string) => rows.find((r) => r.startsWith(`${taskId} `)) ?? "";
    // The error's first line: its stack trace is in the log, and each task stays one row.
    expect(line("boom")).toMatch(new RegExp(`${expectedReasons.boom}$`));
    expect(rows).toHaveLength(5);
    expect(line("after_boom")).toContain(expectedReasons.after_boom);
    expect(line("not_taken")).toContain(expectedReasons.not_taken);
    // A task that succeeded has nothing to explain.
    expect(line("taken")).not.toMatch(/Skipped|failed/);
  });

  it("says a task was marked failed by hand", async () => {
    await cp.scheduler.changes.markTaskInstances("reasons", "r1", ["taken"], "failed");
    const { stdout } = await borda(["tasks", "list", "reasons", "r1"]);
    const taken = stdout.split("\n").find((r) => r.startsWith("taken "));
    expect(taken).toMatch(/\bfailed\b.*Marked failed by hand\.$/);
  });
});
