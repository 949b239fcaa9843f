import { expect, it } from "vitest";
import { describeEachBackend } from "../../server/test/support/backends.js";
import { promtoolCheck, promtoolMissing } from "../../server/test/support/promtool.js";
import { startServerOn } from "./backendServer.js";
import { eventually, freePorts, startWorker, workersRegistered, workerToken } from "./support.js";

/**
 * A real `borda worker` process's /metrics on its health port (docs/deploy-workers.md,
 * "Metrics"), after it ran a DAG with a success and a failure against a real control plane.
 */

const dags = `
import { dag } from "borda";
export const outcomes = dag({ id: "outcomes" }, ({ task }) => {
  task({ id: "fine" }, () => 1);
  task({ id: "boom" }, () => { throw new Error("boom"); });
});
`;

const families = {
  borda_worker_running_tasks: "gauge",
  borda_worker_free_slots: "gauge",
  borda_worker_spool_bytes: "gauge",
  borda_worker_control_plane_reachable: "gauge",
  borda_worker_heartbeat_rtt_seconds: "histogram",
  borda_worker_tasks_finished_total: "counter",
  borda_worker_reconnects_total: "counter",
  borda_worker_maintenance: "gauge",
};

const skipPromtool = promtoolMissing();

describeEachBackend("a worker's metrics", (backend) => {
  async function scrapeAfterRun() {
    const { cp, resources } = await startServerOn(backend, { "outcomes.ts": dags });
    const [port] = await freePorts(1);
    const worker = startWorker(resources, {
      url: cp.url,
      token: await workerToken(cp, ["default"]),
      name: "metrics-worker",
      queues: "default",
      args: ["--health-port", String(port), "--concurrency", "3"],
    });
    await workersRegistered(cp, worker);
    const url = `http://127.0.0.1:${port}/metrics`;
    const before = await (await fetch(url)).text();
    await cp.scheduler.triggerRun("outcomes", { runId: "r1" });
    await eventually(
      async () => (await cp.store.getDagRun("outcomes", "r1"))?.state === "failed",
      () => `the run to fail\n${worker.output()}`,
    );
    const response = await fetch(url);
    return { before, response, text: await response.text() };
  }

  it("counts the success and the failure, and shows the worker's slots, link and heartbeats", async () => {
    const { before, response, text } = await scrapeAfterRun();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    // Every family says what it is from the first scrape, before it has seen anything.
    for (const [name, type] of Object.entries(families)) {
      expect(before).toContain(`# TYPE ${name} ${type}\n`);
      expect(before).toMatch(new RegExp(`^# HELP ${name} \\S`, "m"));
    }
    expect(before).toContain('borda_worker_tasks_finished_total{state="success"} 0\n');

    const sample = (series: string) => {
      const line = text.split("\n").find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    };
    expect(sample('borda_worker_tasks_finished_total{state="success"}')).toBe(1);
    expect(sample('borda_worker_tasks_finished_total{state="failed"}')).toBe(1);
    expect(sample('borda_worker_tasks_finished_total{state="skipped"}')).toBe(0);
    expect(sample("borda_worker_running_tasks")).toBe(0);
    expect(sample("borda_worker_free_slots")).toBe(3);
    expect(sample("borda_worker_control_plane_reachable")).toBe(1);
    expect(sample("borda_worker_reconnects_total")).toBe(0);
    expect(sample('borda_worker_maintenance{reason="health_check"}')).toBe(0);
    expect(sample("borda_worker_spool_bytes")).toBeGreaterThanOrEqual(0);
    const heartbeats = sample("borda_worker_heartbeat_rtt_seconds_count") ?? 0;
    expect(heartbeats).toBeGreaterThan(0);
    expect(sample('borda_worker_heartbeat_rtt_seconds_bucket{le="+Inf"}')).toBe(heartbeats);
    expect(sample("borda_worker_heartbeat_rtt_seconds_sum")).toBeGreaterThan(0);
  });

  it.skipIf(skipPromtool !== null)(
    `is accepted by promtool check metrics${skipPromtool ? ` — skipped: ${skipPromtool}` : ""}`,
    async () => {
      const { before, text } = await scrapeAfterRun();
      for (const exposition of [before, text]) {
        expect(await promtoolCheck(exposition)).toEqual({ code: 0, output: "" });
      }
    },
  );
});
