import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EdgeCallError, TransportFailure } from "../src/client/edgeClient.js";
import {
  heartbeatTimeoutMs,
  Lifecycle,
  Link,
  linkTiming,
  reportedState,
  State,
} from "../src/lifecycle.js";
import { recordingLogger } from "./support/resources.js";

/**
 * The worker's lifecycle on its own: which moves are legal, that each is logged once, and
 * how the link to the control plane goes from reachable to unreachable to at risk and
 * back. The clock is vitest's fake one: the worker timeout passes without waiting.
 */

const refused = new EdgeCallError("POST /edge/v1/workers/w/heartbeat: cannot reach", {
  status: null,
  code: TransportFailure.unreachable,
});

const timing = { heartbeatIntervalMs: 1000, workerTimeoutMs: 3000 };

describe("worker lifecycle", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function lifecycle(heldAttempts = 0) {
    const { logger, records } = recordingLogger();
    const moves: State[] = [];
    const reconnects: string[] = [];
    const subject = new Lifecycle({
      logger,
      timing,
      heldAttempts: () => heldAttempts,
      onChange: (state) => moves.push(state),
      onReconnected: () => reconnects.push("reconnected"),
    });
    const messages = () => records.map((r) => `${r.level} ${r.message}`);
    return { subject, records, moves, messages, reconnects };
  }

  it("goes from registering through serving and maintenance to draining and stopped, logging each move once", () => {
    const { subject, moves, messages } = lifecycle();
    expect(subject.state).toBe(State.registering);
    expect(subject.registered({ name: "edge-1" })).toBe(true);
    expect(subject.maintenanceRequested(true, "disk swap")).toBe(true);
    expect(subject.maintenanceRequested(false, null)).toBe(true);
    expect(subject.stopping.aborted).toBe(false);
    expect(subject.startDraining("SIGTERM", { runningTasks: 0 })).toBe(true);
    expect(subject.stopping.aborted).toBe(true);
    expect(subject.stopped()).toBe(true);

    expect(moves).toEqual(["serving", "maintenance", "serving", "draining", "stopped"]);
    expect(messages()).toEqual([
      "info worker started",
      "info entering maintenance: no new work; running tasks finish",
      "info leaving maintenance: taking work again",
      "info draining (SIGTERM): taking no new work",
      "info worker stopped",
    ]);
  });

  it("holds itself in maintenance while its own checks fail, and never lifts the maintenance an operator asked for", () => {
    const { subject, moves, messages } = lifecycle();
    subject.registered({});
    expect(subject.selfMaintenance("free disk 312 MB below 500 MB (/w)")).toBe(true);
    expect(subject.selfMaintenanceReason).toBe("free disk 312 MB below 500 MB (/w)");
    // The control plane lifting no maintenance of its own does not end the worker's.
    expect(subject.maintenanceRequested(false, null)).toBe(false);
    expect(subject.state).toBe(State.maintenance);
    expect(subject.selfMaintenance(null)).toBe(true);
    expect(subject.state).toBe(State.serving);

    // An operator's maintenance outlasts a check that passes again.
    expect(subject.maintenanceRequested(true, "disk swap")).toBe(true);
    expect(subject.selfMaintenance("health check failed: no GPU")).toBe(false);
    expect(subject.selfMaintenance(null)).toBe(false);
    expect(subject.state).toBe(State.maintenance);
    // And the worker's own outlasts the operator's.
    subject.selfMaintenance("health check failed: no GPU");
    subject.maintenanceRequested(false, null);
    expect(subject.state).toBe(State.maintenance);
    subject.selfMaintenance(null);
    expect(subject.state).toBe(State.serving);

    expect(moves).toEqual(["serving", "maintenance", "serving", "maintenance", "serving"]);
    expect(messages()).toEqual([
      "info worker started",
      "warn unhealthy: free disk 312 MB below 500 MB (/w)",
      "info entering maintenance: no new work; running tasks finish",
      "info healthy again",
      "info leaving maintenance: taking work again",
      "info entering maintenance: no new work; running tasks finish",
      "warn unhealthy: health check failed: no GPU",
      "info healthy again; staying in the maintenance the control plane asked for",
      "warn unhealthy: health check failed: no GPU",
      "info healthy again",
      "info leaving maintenance: taking work again",
    ]);
  });

  it("refuses moves that are not legal from where it is, and changes nothing", () => {
    const { subject, moves, messages } = lifecycle();
    // Not registered yet: no maintenance, and no stop without a drain once serving.
    expect(subject.maintenanceRequested(true, null)).toBe(false);
    expect(subject.maintenanceRequested(false, null)).toBe(false);
    subject.registered({});
    expect(subject.registered({})).toBe(false);
    expect(subject.maintenanceRequested(false, null)).toBe(false);
    expect(subject.stopped()).toBe(false);
    expect(subject.state).toBe(State.serving);

    subject.startDraining("asked to stop", {});
    // A drain is not undone by a directive, nor started twice.
    expect(subject.maintenanceRequested(true, "too late")).toBe(false);
    expect(subject.startDraining("second SIGTERM", {})).toBe(false);
    expect(subject.registered({})).toBe(false);
    expect(subject.state).toBe(State.draining);

    subject.stopped();
    expect(subject.startDraining("after the end", {})).toBe(false);
    expect(subject.stopped()).toBe(false);
    expect(subject.state).toBe(State.stopped);
    expect(moves).toEqual(["serving", "draining", "stopped"]);
    expect(messages()).toHaveLength(3);
  });

  it("stops from registering without announcing it: a failed start says why itself", () => {
    const { subject, records } = lifecycle();
    expect(subject.stopped()).toBe(true);
    expect(subject.stopping.aborted).toBe(true);
    expect(records.filter((r) => r.level !== "debug")).toEqual([]);
  });

  it("tells the control plane a state from the phase and whether tasks run", () => {
    expect(reportedState(State.registering, false)).toBe("starting");
    expect(reportedState(State.serving, false)).toBe("idle");
    expect(reportedState(State.serving, true)).toBe("running");
    expect(reportedState(State.maintenance, true)).toBe("maintenance_pending");
    expect(reportedState(State.maintenance, false)).toBe("maintenance_mode");
    expect(reportedState(State.draining, true)).toBe("terminating");
    expect(reportedState(State.stopped, false)).toBe("offline");
  });

  it("warns once when a call fails, and says when the control plane answers again", () => {
    const { subject, records, messages, reconnects } = lifecycle();
    subject.contact(timing);
    subject.registered({});
    // Answers without a loss between them are no reconnection.
    subject.contact();
    expect(reconnects).toEqual([]);
    expect(subject.link).toBe(Link.reachable);
    subject.callFailed("heartbeat", refused);
    subject.callFailed("fetch", refused);
    expect(subject.link).toBe(Link.unreachable);
    vi.advanceTimersByTime(1500);
    subject.contact();
    expect(subject.link).toBe(Link.reachable);
    expect(messages()).toEqual([
      "info worker started",
      "warn the heartbeat failed; tasks keep running and logs are spooled meanwhile",
      "debug the fetch failed again",
      "info the control plane answers again, after 1.5 s without a heartbeat",
    ]);
    expect(records[1]?.fields.error).toBe(refused);
    expect(reconnects).toHaveLength(1);
    // A silence shorter than the worker timeout cost no attempts.
    expect(subject.recentOutageMs).toBeNull();
  });

  it("puts the held attempts at risk after a whole worker timeout without a heartbeat, warning once", () => {
    const { subject, records } = lifecycle(2);
    subject.contact(timing);
    subject.registered({});
    subject.callFailed("heartbeat", refused);
    vi.advanceTimersByTime(timing.workerTimeoutMs - 1);
    expect(subject.link).toBe(Link.unreachable);
    expect(subject.attemptsAtRisk).toBe(0);

    vi.advanceTimersByTime(1);
    expect(subject.link).toBe(Link.atRisk);
    expect(subject.attemptsAtRisk).toBe(2);
    vi.advanceTimersByTime(10 * timing.workerTimeoutMs);
    subject.callFailed("heartbeat", refused);
    const warnings = records.filter((r) => r.level === "warn");
    expect(warnings.map((w) => w.message)).toEqual([
      "the heartbeat failed; tasks keep running and logs are spooled meanwhile",
      "2 attempts at risk: the control plane has not heard from this worker for 3 s (its worker timeout), so it may have failed them and retried them elsewhere. They keep running; any it gave up will be killed when it answers again.",
    ]);
    expect(warnings[1]?.fields).toEqual({ attemptsAtRisk: 2 });

    // Back in touch: the outage is what explains the attempts it gave up meanwhile.
    subject.contact();
    expect(subject.link).toBe(Link.reachable);
    expect(subject.attemptsAtRisk).toBe(0);
    expect(subject.recentOutageMs).toBe(33_000);
    vi.advanceTimersByTime(timing.workerTimeoutMs - 1);
    subject.contact();
    expect(subject.recentOutageMs).toBe(33_000);
    vi.advanceTimersByTime(2);
    expect(subject.recentOutageMs).toBeNull();
  });

  it("puts nothing at risk once stopped", () => {
    const { subject, records } = lifecycle(1);
    subject.contact(timing);
    subject.registered({});
    subject.startDraining("asked to stop", {});
    subject.stopped();
    vi.advanceTimersByTime(10 * timing.workerTimeoutMs);
    expect(subject.link).toBe(Link.reachable);
    expect(records.filter((r) => r.level === "warn")).toEqual([]);
  });

  it("gives each heartbeat a third of the worker timeout to be answered, and never more than an interval", () => {
    expect(heartbeatTimeoutMs({ heartbeatIntervalMs: 5000, workerTimeoutMs: 15_000 })).toBe(5000);
    expect(heartbeatTimeoutMs({ heartbeatIntervalMs: 5000, workerTimeoutMs: 6000 })).toBe(2000);
    expect(heartbeatTimeoutMs({ heartbeatIntervalMs: 5000, workerTimeoutMs: 600_000 })).toBe(5000);
    // A 1.0 control plane does not send its worker timeout: it was three intervals.
    expect(linkTiming({ heartbeatIntervalMs: 5000 })).toEqual({
      heartbeatIntervalMs: 5000,
      workerTimeoutMs: 15_000,
    });
  });
});
