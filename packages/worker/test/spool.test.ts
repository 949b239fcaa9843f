import { appendFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EdgeClient } from "../src/client/edgeClient.js";
import { AttemptSpool } from "../src/spool/attemptSpool.js";
import { LogShipper, type LogShipperOptions } from "../src/spool/logShipper.js";
import { FakeControlPlane, testToken } from "./support/fakeControlPlane.js";
import { eventually, logLines, silentLogger, useResources } from "./support/resources.js";

describe("attempt spool and log shipper", () => {
  const resources = useResources();

  async function setup() {
    const server = await new FakeControlPlane().start();
    resources.defer(() => server.stop());
    const client = new EdgeClient({
      apiUrl: server.url,
      token: testToken,
      workerName: "edge-test",
    });
    const spoolRoot = resources.dir();
    const ship = (spool: AttemptSpool, options: Partial<LogShipperOptions> = {}) => {
      const shipper = new LogShipper({
        client,
        spool,
        logger: silentLogger,
        flushIntervalMs: 20,
        backoff: { baseMs: 10, capMs: 100 },
        ...options,
      });
      resources.defer(() => shipper.stop());
      return shipper;
    };
    return { server, spoolRoot, ship };
  }

  it("timestamps each line, marks stderr and worker notes, and ships lines while the task runs", async () => {
    const { server, spoolRoot, ship } = await setup();
    const spool = AttemptSpool.create(spoolRoot, "a1");
    const shipper = ship(spool);
    spool.write("stdout", "first\nsecond, still being writ");
    spool.write("stderr", "a warning\n");
    spool.note("a note from the worker");
    await eventually(() => logLines(server.logText("a1")).length === 3, "the first lines");
    expect(logLines(server.logText("a1"))).toEqual([
      "first",
      "[stderr] a warning",
      "[borda] a note from the worker",
    ]);
    for (const line of server.logText("a1").trimEnd().split("\n")) {
      expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \S/);
    }
    expect(server.reportsOf("a1")).toEqual(["start"]);

    spool.write("stdout", "ten\nno newline at the end");
    spool.finish({ outcome: "success", returnValue: { rows: 3 } });
    expect(await shipper.done).toBe("delivered");
    expect(logLines(server.logText("a1")).slice(3)).toEqual([
      "second, still being written",
      "no newline at the end",
    ]);
    expect(server.reports.filter((r) => r.attemptId === "a1")).toEqual([
      { attemptId: "a1", kind: "start", body: {} },
      { attemptId: "a1", kind: "success", body: { returnValue: { rows: 3 } } },
    ]);
    expect(AttemptSpool.leftovers(spoolRoot)).toEqual([]);
    expect(readdirSync(spoolRoot).filter((name) => name.endsWith(".log"))).toEqual([]);
  });

  it("asks for the next jobs with the report, unless more than a chunk of log is still to go", async () => {
    const { server, spoolRoot, ship } = await setup();
    const request = { instanceId: "instance-1", freeSlots: 1, callbacks: true };
    const settled: string[] = [];
    const ask = (name: string) => ({
      request,
      settled: (next: unknown) => settled.push(`${name}: ${next === undefined ? "none" : "jobs"}`),
    });

    const short = AttemptSpool.create(spoolRoot, "n1");
    const shortShipper = ship(short, { maxChunkBytes: 64 });
    short.write("stdout", "done\n");
    short.finish({ outcome: "success", returnValue: 1 });
    shortShipper.report(ask("short"));
    expect(await shortShipper.done).toBe("delivered");
    // This control plane answers as a 1.4 one: no `next` on its ack.
    expect(server.reports.find((r) => r.attemptId === "n1" && r.kind === "success")?.body).toEqual({
      returnValue: 1,
      next: request,
    });

    const long = AttemptSpool.create(spoolRoot, "n2");
    const longShipper = ship(long, { maxChunkBytes: 64 });
    long.write("stdout", `${"x".repeat(200)}\n`);
    long.finish({ outcome: "success", returnValue: 2 });
    longShipper.report(ask("long"));
    // Settled before anything was sent: the slot goes back to the fetch loop meanwhile.
    expect(settled).toEqual(["short: none", "long: none"]);
    expect(await longShipper.done).toBe("delivered");
    expect(server.reports.find((r) => r.attemptId === "n2" && r.kind === "success")?.body).toEqual({
      returnValue: 2,
    });
    expect(settled).toHaveLength(2);
  });

  it("resends a chunk whose acknowledgement was lost, and the server keeps it once", async () => {
    const { server, spoolRoot, ship } = await setup();
    server.loseNextAck.add("logs");
    const spool = AttemptSpool.create(spoolRoot, "a2");
    const shipper = ship(spool);
    spool.write("stdout", "one\ntwo\n");
    spool.finish({ outcome: "failure", error: "boom", exitCode: 2 });
    expect(await shipper.done).toBe("delivered");
    expect(server.loseNextAck.size).toBe(0);
    expect(logLines(server.logText("a2"))).toEqual(["one", "two"]);
    expect(server.reportsOf("a2")).toEqual(["start", "failure"]);
  });

  it("takes the refusal of a resent start as its acknowledgement when the first one arrived", async () => {
    const { server, spoolRoot, ship } = await setup();
    server.loseNextAck.add("start");
    const spool = AttemptSpool.create(spoolRoot, "a6");
    let staleCalls = 0;
    const shipper = ship(spool, { onStale: () => staleCalls++ });
    spool.write("stdout", "still running\n");
    spool.finish({ outcome: "success", returnValue: 1 });
    expect(await shipper.done).toBe("delivered");
    expect(staleCalls).toBe(0);
    expect(server.reportsOf("a6")).toEqual(["start", "success"]);
    expect(logLines(server.logText("a6"))).toEqual(["still running"]);
  });

  it("resends from the offset the server expects when it refuses a gap", async () => {
    const { server, spoolRoot, ship } = await setup();
    const spool = AttemptSpool.create(spoolRoot, "a3");
    const shipper = ship(spool);
    spool.write("stdout", "one\ntwo\nthree\n");
    await eventually(() => logLines(server.logText("a3")).length === 3, "three lines");
    // The server lost its last lines (say, a restore from backup): the next chunk leaves a gap.
    const kept = server.logText("a3").indexOf("two") - 25;
    server.logs.set("a3", server.logs.get("a3")?.subarray(0, kept) ?? Buffer.alloc(0));
    spool.write("stdout", "four\n");
    spool.finish({ outcome: "success" });
    expect(await shipper.done).toBe("delivered");
    expect(server.gapsRefused).toBe(1);
    expect(logLines(server.logText("a3"))).toEqual(["one", "two", "three", "four"]);
  });

  it("keeps spooling while the control plane is down, then delivers everything once, in order", async () => {
    const { server, spoolRoot, ship } = await setup();
    const spool = AttemptSpool.create(spoolRoot, "a4");
    // Small chunks and multi-byte characters: every chunk must end on a character boundary.
    const shipper = ship(spool, { maxChunkBytes: 50 });
    spool.write("stdout", "before the outage\n");
    await eventually(() => server.logText("a4").includes("outage"), "the first line");
    await server.stop();
    const lines = Array.from({ length: 40 }, (_, i) => `line ${i + 1}: ü € 😀`);
    for (const line of lines) spool.write("stdout", `${line}\n`);
    spool.finish({ outcome: "success", returnValue: "done" });
    await server.start();
    expect(await shipper.done).toBe("delivered");
    expect(logLines(server.logText("a4"))).toEqual(["before the outage", ...lines]);
    expect(server.reportsOf("a4")).toEqual(["start", "success"]);
  });

  it("discards the spool and calls onStale when the attempt is no longer current", async () => {
    const { server, spoolRoot, ship } = await setup();
    server.staleAttempts.add("a5");
    const spool = AttemptSpool.create(spoolRoot, "a5");
    let staleCalls = 0;
    const shipper = ship(spool, { onStale: () => staleCalls++ });
    spool.write("stdout", "working\n");
    expect(await shipper.done).toBe("stale");
    expect(staleCalls).toBe(1);
    expect(readdirSync(spoolRoot)).toEqual([]);
  });

  it("ships what an earlier run of the worker left in the spool, without sending its start again", async () => {
    const { server, spoolRoot, ship } = await setup();
    const earlier = AttemptSpool.create(spoolRoot, "run/1:task");
    earlier.write("stdout", "logged before the restart\n");
    earlier.finish({ outcome: "failure", error: "exit 1", exitCode: 1 });

    const [left, ...others] = AttemptSpool.leftovers(spoolRoot);
    expect(others).toEqual([]);
    expect(left?.attemptId).toBe("run/1:task");
    expect(left?.result).toEqual({ outcome: "failure", error: "exit 1", exitCode: 1 });
    expect(await ship(left as AttemptSpool).done).toBe("delivered");
    expect(logLines(server.logText("run/1:task"))).toEqual(["logged before the restart"]);
    expect(server.reports).toEqual([
      { attemptId: "run/1:task", kind: "failure", body: { error: "exit 1", exitCode: 1 } },
    ]);
    expect(AttemptSpool.leftovers(spoolRoot)).toEqual([]);
  });

  describe("across a restart of the worker", () => {
    const journalOf = (spoolRoot: string) => path.join(spoolRoot, "results.jsonl");

    it("ships the reports an earlier run recorded and did not deliver, each once", async () => {
      const { server, spoolRoot, ship } = await setup();
      const delivered = AttemptSpool.create(spoolRoot, "delivered");
      delivered.finish({ outcome: "success", returnValue: 1 });
      expect(await ship(delivered).done).toBe("delivered");
      const quiet = AttemptSpool.create(spoolRoot, "quiet");
      quiet.finish({ outcome: "success", returnValue: 2 });
      const chatty = AttemptSpool.create(spoolRoot, "chatty");
      chatty.write("stdout", "said something\n");
      chatty.finish({ outcome: "failure", error: "boom", exitCode: 3 });
      // A task that printed nothing left no log file: its report is all there is.
      expect(readdirSync(spoolRoot).sort()).toEqual(["chatty.log", "results.jsonl"]);

      const left = AttemptSpool.leftovers(spoolRoot);
      expect(left.map((spool) => [spool.attemptId, spool.result])).toEqual([
        ["quiet", { outcome: "success", returnValue: 2 }],
        ["chatty", { outcome: "failure", error: "boom", exitCode: 3 }],
      ]);
      expect(await Promise.all(left.map((spool) => ship(spool).done))).toEqual([
        "delivered",
        "delivered",
      ]);
      expect(server.reportsOf("delivered")).toEqual(["start", "success"]);
      expect(server.reportsOf("quiet")).toEqual(["success"]);
      expect(server.reportsOf("chatty")).toEqual(["failure"]);
      expect(logLines(server.logText("chatty"))).toEqual(["said something"]);
      expect(AttemptSpool.leftovers(spoolRoot)).toEqual([]);
      // Nothing pending: the journal is empty, not a record of everything delivered.
      expect(statSync(journalOf(spoolRoot)).size).toBe(0);
    });

    it("ignores a report whose write was cut short, and keeps the records that follow it whole", async () => {
      const { spoolRoot } = await setup();
      AttemptSpool.create(spoolRoot, "before").finish({ outcome: "success", returnValue: "b" });
      appendFileSync(journalOf(spoolRoot), '{"attemptId":"torn","result":{"outc');

      expect(AttemptSpool.leftovers(spoolRoot).map((spool) => spool.attemptId)).toEqual(["before"]);
      AttemptSpool.create(spoolRoot, "after").finish({ outcome: "reschedule" });
      const left = AttemptSpool.leftovers(spoolRoot);
      expect(left.map((spool) => [spool.attemptId, spool.result])).toEqual([
        ["before", { outcome: "success", returnValue: "b" }],
        ["after", { outcome: "reschedule" }],
      ]);
    });

    it("does not ship again a report settled as stale", async () => {
      const { server, spoolRoot, ship } = await setup();
      server.staleAttempts.add("stale");
      const stale = AttemptSpool.create(spoolRoot, "stale");
      stale.finish({ outcome: "success" });
      const pending = AttemptSpool.create(spoolRoot, "pending");
      pending.finish({ outcome: "success" });
      expect(await ship(stale).done).toBe("stale");
      expect(AttemptSpool.leftovers(spoolRoot).map((spool) => spool.attemptId)).toEqual([
        "pending",
      ]);
    });

    it("keeps the journal to about what is pending while reports come and go", async () => {
      const { spoolRoot } = await setup();
      const waiting = AttemptSpool.create(spoolRoot, "waiting");
      waiting.finish({ outcome: "success", returnValue: "still here" });
      // One report stays pending throughout, so the journal is never simply emptied.
      for (let i = 0; i < 5000; i++) {
        const spool = AttemptSpool.create(spoolRoot, `attempt-${i}`);
        spool.finish({ outcome: "success", returnValue: i });
        spool.remove();
      }
      expect(statSync(journalOf(spoolRoot)).size).toBeLessThan(300 * 1024);
      const left = AttemptSpool.leftovers(spoolRoot);
      expect(left.map((spool) => [spool.attemptId, spool.result])).toEqual([
        ["waiting", { outcome: "success", returnValue: "still here" }],
      ]);
      expect(statSync(journalOf(spoolRoot)).size).toBeLessThan(100);
    });

    it("takes in a report an earlier version of the worker kept in a file of its own", async () => {
      const { spoolRoot } = await setup();
      writeFileSync(
        path.join(spoolRoot, "run%2F1.result.json"),
        JSON.stringify({ outcome: "failure", error: "exit 1", exitCode: 1 }),
      );
      writeFileSync(path.join(spoolRoot, "run%2F2.result.json.tmp"), '{"outcome":"succ');
      const left = AttemptSpool.leftovers(spoolRoot);
      expect(left.map((spool) => [spool.attemptId, spool.result])).toEqual([
        ["run/1", { outcome: "failure", error: "exit 1", exitCode: 1 }],
      ]);
      expect(readdirSync(spoolRoot)).toEqual(["results.jsonl"]);
    });
  });
});
