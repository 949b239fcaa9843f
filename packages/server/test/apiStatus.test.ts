import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";
import { ManualClock } from "./support/harness.js";

const dags = {
  "split.ts": `
import { dag } from "borda";
export default dag({ id: "split", schedule: null }, ({ task }) => {
  task({ id: "extract", queue: "etl" }, () => 1);
  task({ id: "train", queue: "gpu" }, () => 1);
});`,
};
const broken = {
  "broken.ts": `import { dag } from "borda";\nthrow new Error("broken on purpose");`,
};

describeEachBackend("REST API: GET /status, what needs attention at a glance", (backend) => {
  it("answers 401 without credentials and is healthy when nothing needs attention", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    expect((await as(cp, null)("GET", "/status")).status).toBe(401);
    const { token } = await newWorkerToken(cp, ["*"]);
    await edgeClient(cp, token, "edge-1").register(["*"]);
    await cp.scheduler.triggerRun("split");
    // Queued work a live worker serves, not queued for long: nothing to report.
    expect((await as(cp, "viewer")("GET", "/status")).body).toEqual({
      healthy: true,
      checked_at: expect.any(String),
      unserved_queues: [],
      unknown_workers: [],
      stuck_tasks: { count: 0, threshold_seconds: 300, oldest: [] },
      import_errors: { count: 0, files: [] },
    });
  });

  it("names the queue no live worker serves, the silent worker, the jobs queued too long and the broken file", async () => {
    const clock = new ManualClock();
    const cp = await startApiWithUsers(backend, {
      dags: { ...dags, ...broken },
      clock,
      config: { heartbeatIntervalMs: 5_000, workerTimeoutMs: 15_000, stuckQueuedAfterMs: 60_000 },
    });
    const { token } = await newWorkerToken(cp, ["*"]);
    await edgeClient(cp, token, "edge-etl").register(["etl"]);
    await cp.scheduler.triggerRun("split", { runId: "late" });
    const queuedAt = clock.now().toISOString();
    const viewer = as(cp, "viewer");

    // At once: gpu has work and no worker; etl's worker is live; nothing waited long yet.
    const early = (await viewer("GET", "/status")).body;
    expect(early).toMatchObject({
      healthy: false,
      checked_at: queuedAt,
      unserved_queues: [{ queue: "gpu", queued: 1, oldest_queued_at: queuedAt }],
      unknown_workers: [],
      stuck_tasks: { count: 0, threshold_seconds: 60, oldest: [] },
      import_errors: { count: 1, files: [{ filename: expect.stringMatching(/broken\.ts$/) }] },
    });

    // A minute on, the worker silent since it registered: it is unknown, and with it gone
    // etl is unserved too; both jobs have waited past the threshold.
    clock.advance(60_001);
    const late = (await viewer("GET", "/status")).body;
    expect(late.unserved_queues).toEqual([
      { queue: "etl", queued: 1, oldest_queued_at: queuedAt },
      { queue: "gpu", queued: 1, oldest_queued_at: queuedAt },
    ]);
    expect(late.unknown_workers).toEqual([{ worker_name: "edge-etl", last_heartbeat: queuedAt }]);
    expect(late.stuck_tasks).toEqual({
      count: 2,
      threshold_seconds: 60,
      oldest: expect.arrayContaining([
        {
          dag_id: "split",
          run_id: "late",
          task_id: "extract",
          map_index: -1,
          queue: "etl",
          queued_at: queuedAt,
        },
        {
          dag_id: "split",
          run_id: "late",
          task_id: "train",
          map_index: -1,
          queue: "gpu",
          queued_at: queuedAt,
        },
      ]),
    });
  });
});
