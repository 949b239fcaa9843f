import { describe, expect, it } from "vitest";
import { JobNotifier, queueMatcher, type WaitInterrupt } from "../src/scheduler/jobNotifier.js";

/** What a long-poll is to its waits: something that may end them early. */
class Interrupt implements WaitInterrupt {
  interrupted = false;
  listener: (() => void) | null = null;
  onInterrupt(listener: (() => void) | null): void {
    this.listener = listener;
  }
  fire(): void {
    this.interrupted = true;
    this.listener?.();
  }
}

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

  it("ends a wait on interrupt and on timeout, leaving no waiter behind", async () => {
    const notifier = new JobNotifier();
    const interrupt = new Interrupt();
    const interrupted = notifier.waitForJobs(["default"], 60_000, interrupt);
    interrupt.fire();
    expect(await interrupted).toBe("aborted");
    expect(interrupt.listener).toBeNull();
    expect(await notifier.waitForJobs(["default"], 1)).toBe("timeout");
    expect(await notifier.waitForJobs(["default"], 60_000, interrupt)).toBe("aborted");
    expect(await notifier.waitForJobs(["default"], 0)).toBe("timeout");
    expect(notifier.waiting).toBe(0);
  });

  it("times out each wait on its own, whether or not it shares its timer", async () => {
    const notifier = new JobNotifier();
    const long = notifier.waitForJobs(["default"], 60_000);
    const short = [1, 1, 2].map((ms) => notifier.waitForJobs(["default"], ms));
    expect(await Promise.all(short)).toEqual(["timeout", "timeout", "timeout"]);
    expect(notifier.waiting).toBe(1);
    notifier.notify("default");
    expect(await long).toBe("notified");
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
