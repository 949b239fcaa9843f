import { describe, expect, it } from "vitest";
import { JobNotifier, queueMatcher } from "../src/scheduler/jobNotifier.js";

describe("job notifier", () => {
  it("wakes only the waiters whose queues match, patterns included", async () => {
    const notifier = new JobNotifier();
    const teamA = notifier.waitForJobs(["team_a_*"], 60_000);
    const exact = notifier.waitForJobs(["worker-1"], 60_000);
    expect(notifier.waiting).toBe(2);
    notifier.notify("team_a_etl");
    expect(await teamA).toBe("notified");
    expect(notifier.waiting).toBe(1);
    notifier.notify("worker-1");
    expect(await exact).toBe("notified");
    expect(notifier.waiting).toBe(0);
  });

  it("ends a wait on abort and on timeout, leaving no waiter behind", async () => {
    const notifier = new JobNotifier();
    const controller = new AbortController();
    const aborted = notifier.waitForJobs(["default"], 60_000, controller.signal);
    controller.abort();
    expect(await aborted).toBe("aborted");
    expect(await notifier.waitForJobs(["default"], 1)).toBe("timeout");
    expect(notifier.waiting).toBe(0);
  });

  it("counts a waiter on several queues once, and wakes it once, by any of them", async () => {
    const notifier = new JobNotifier();
    const both = notifier.waitForJobs(["etl", "reports"], 60_000);
    const other = notifier.waitForJobs(["ml"], 60_000);
    const mixed = notifier.waitForJobs(["etl", "team_*"], 60_000);
    expect(notifier.waiting).toBe(3);
    notifier.notify("reports");
    expect(await both).toBe("notified");
    expect(notifier.waiting).toBe(2);
    notifier.notify("etl");
    expect(await mixed).toBe("notified");
    expect(notifier.waiting).toBe(1);
    notifier.notifyAll();
    expect(await other).toBe("notified");
    expect(notifier.waiting).toBe(0);
  });

  it("matches queue patterns literally except for '*'", () => {
    expect(queueMatcher("team_a_*")("team_a_x")).toBe(true);
    expect(queueMatcher("team_a_*")("team_b_x")).toBe(false);
    expect(queueMatcher("a.b")("axb")).toBe(false);
    expect(queueMatcher("*")("anything")).toBe(true);
  });
});
