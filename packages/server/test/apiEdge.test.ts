import { expect, it, vi } from "vitest";
import type { ControlPlane } from "../src/controlPlane.js";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";
import { ManualClock } from "./support/harness.js";

const dags = {
  "fanout.ts": `
import { dag } from "borda";
export default dag({ id: "fanout", schedule: null }, ({ task }) => {
  task({ id: "extract", queue: "team_a_etl" }, () => 1);
  task({ id: "load", queue: "team_a_etl" }, () => 1);
  task({ id: "train", queue: "gpu" }, () => 1);
});`,
};

/** Until the worker's fetch is waiting on the server: what an admin's change must interrupt. */
const pollOpen = (cp: ControlPlane, polls = 1) =>
  vi.waitFor(() => expect(cp.scheduler.notifier.waiting).toBe(polls), {
    timeout: 10_000,
    interval: 5,
  });

const names = (workers: { worker_name: string }[]) => workers.map((w) => w.worker_name);

describeEachBackend("REST API: edge workers, jobs and tokens", (backend) => {
  it("answers 401 without credentials, and 403 below Viewer for reads, Op for actions, Admin for tokens", async () => {
    const cp = await startApiWithUsers(backend);
    const { token } = await newWorkerToken(cp, ["*"]);
    await edgeClient(cp, token, "edge-1").register(["default"]);
    const roles = ["viewer", "user", "op", "admin"];
    const calls: [string, string, unknown, string][] = [
      ["GET", "/edge/workers", undefined, "viewer"],
      ["GET", "/edge/workers/edge-1", undefined, "viewer"],
      ["GET", "/edge/queues", undefined, "viewer"],
      ["GET", "/edge/jobs", undefined, "viewer"],
      ["POST", "/edge/workers/edge-1/maintenance", { on: false }, "op"],
      ["PATCH", "/edge/workers/edge-1/concurrency", { concurrency: 4 }, "op"],
      ["POST", "/edge/workers/edge-1/queues", { queue: "default" }, "op"],
      ["DELETE", "/edge/workers/edge-1/queues/extra", undefined, "op"],
      ["GET", "/edge/tokens", undefined, "admin"],
      ["DELETE", "/edge/tokens/nope", undefined, "admin"],
    ];
    for (const [method, route, body, lowest] of calls) {
      const where = `${method} ${route}`;
      expect((await as(cp, null)(method, route, body)).status, where).toBe(401);
      for (const role of roles.slice(0, roles.indexOf(lowest))) {
        const refused = await as(cp, role)(method, route, body);
        expect(refused, `${where} as ${role}`).toMatchObject({
          status: 403,
          body: { code: "forbidden", detail: expect.stringMatching(/role/) },
        });
      }
      // Allowed, whatever the answer (removing a queue it never had is a 200, a token that
      // does not exist a 404): never refused for the role.
      const allowed = await as(cp, lowest)(method, route, body);
      expect([200, 404], `${where} as ${lowest}`).toContain(allowed.status);
    }
  });

  it("lists workers with their health and host, filtered by name, queue and state, ordered and paged", async () => {
    const cp = await startApiWithUsers(backend);
    const viewer = as(cp, "viewer");
    const { token } = await newWorkerToken(cp, ["*"]);
    await edgeClient(cp, token, "edge-a").register(["team_a_*"]);
    await edgeClient(cp, token, "edge-b").register(["gpu", "default"]);
    const gone = edgeClient(cp, token, "lab-c");
    await gone.register(["default"]);
    await gone.heartbeat([], "offline");

    const all = await viewer("GET", "/edge/workers");
    expect(all.body.total_entries).toBe(3);
    expect(names(all.body.workers)).toEqual(["edge-a", "edge-b", "lab-c"]);
    expect(all.body.workers[0]).toEqual({
      worker_name: "edge-a",
      state: "starting",
      queues: ["team_a_*"],
      team: null,
      concurrency: 4,
      free_slots: 4,
      running_attempts: 0,
      first_online: expect.any(String),
      last_heartbeat: expect.any(String),
      heartbeat_stale: false,
      version: "test",
      sysinfo: {
        platform: "linux",
        arch: "x64",
        cpus: 2,
        load_average: [0.1, 0.1, 0.1],
        memory_total_bytes: 1e9,
        memory_free_bytes: 5e8,
        disk_free_bytes: 1e10,
        node_version: process.version,
      },
      maintenance_comment: null,
      self_maintenance_reason: null,
    });

    const list = async (query: string) =>
      names((await viewer("GET", `/edge/workers?${query}`)).body.workers);
    expect(await list("worker_name_pattern=EDGE")).toEqual(["edge-a", "edge-b"]);
    // A worker serves a queue when one of its patterns matches it.
    expect(await list("queue=team_a_etl")).toEqual(["edge-a"]);
    expect(await list("queue=default")).toEqual(["edge-b", "lab-c"]);
    expect(await list("state=offline")).toEqual(["lab-c"]);
    expect(await list("state=offline&state=starting&order_by=-worker_name")).toEqual([
      "lab-c",
      "edge-b",
      "edge-a",
    ]);
    expect(await list("order_by=state")).toEqual(["lab-c", "edge-a", "edge-b"]);
    const second = await viewer("GET", "/edge/workers?limit=1&offset=1&order_by=-worker_name");
    expect(second.body).toMatchObject({ total_entries: 3, workers: [{ worker_name: "edge-b" }] });
    expect((await viewer("GET", "/edge/workers?order_by=color")).status).toBe(400);
    expect((await viewer("GET", "/edge/workers?state=sleeping")).status).toBe(400);

    expect((await viewer("GET", "/edge/workers/lab-c")).body).toMatchObject({
      worker_name: "lab-c",
      state: "offline",
    });
    expect((await viewer("GET", "/edge/workers/nope")).status).toBe(404);
  });

  it("marks a worker's heartbeat stale after two intervals, before it turns unknown", async () => {
    const clock = new ManualClock();
    const cp = await startApiWithUsers(backend, {
      config: { heartbeatIntervalMs: 1_000, workerTimeoutMs: 60_000 },
      clock,
    });
    const { token } = await newWorkerToken(cp, ["*"]);
    await edgeClient(cp, token, "edge-1").register(["default"]);
    clock.advance(2_001);
    expect((await as(cp, "viewer")("GET", "/edge/workers/edge-1")).body).toMatchObject({
      state: "starting",
      heartbeat_stale: true,
    });
  });

  it("answers a worker's open long-poll at once when an Op puts it in maintenance, and back", async () => {
    const cp = await startApiWithUsers(backend);
    const op = as(cp, "op");
    const { token } = await newWorkerToken(cp, ["*"]);
    const worker = edgeClient(cp, token, "edge-2");
    await worker.register(["default"]);
    const waiting = worker.fetchJobs(20_000);
    await pollOpen(cp);
    const changed = await op("POST", "/edge/workers/edge-2/maintenance", {
      on: true,
      comment: "disk swap",
    });
    expect(changed.body).toMatchObject({
      state: "maintenance_request",
      maintenance_comment: "disk swap",
    });
    // A poll that timed out would answer the directives it read before waiting (no
    // maintenance): this answer shows the change itself ended the wait.
    const answer = await waiting;
    expect(answer.body).toMatchObject({
      jobs: [],
      directives: { maintenance: true, maintenanceComment: "disk swap" },
    });
    await worker.heartbeat([], "maintenance_mode");
    expect((await op("GET", "/edge/workers/edge-2")).body.state).toBe("maintenance_mode");

    const off = await op("POST", "/edge/workers/edge-2/maintenance", { on: false });
    expect(off.body).toMatchObject({ state: "maintenance_exit", maintenance_comment: null });
    expect((await worker.heartbeat([], "maintenance_mode")).body.maintenance).toBe(false);
    expect((await op("POST", "/edge/workers/nope/maintenance", { on: true })).status).toBe(404);
    expect((await op("POST", "/edge/workers/edge-2/maintenance", { comment: "x" })).status).toBe(
      400,
    );
  });

  it("changes a worker's queues within its token's scope and its concurrency, shuts it down, and removes it once offline", async () => {
    const cp = await startApiWithUsers(backend);
    const op = as(cp, "op");
    const { token } = await newWorkerToken(cp, ["team_a_*"], "team-a");
    const worker = edgeClient(cp, token, "edge-3");
    await worker.register(["team_a_etl"]);

    const added = await op("POST", "/edge/workers/edge-3/queues", { queue: "team_a_ml" });
    expect(added.body.queues).toEqual(["team_a_etl", "team_a_ml"]);
    const outside = await op("POST", "/edge/workers/edge-3/queues", { queue: "team_b_x" });
    expect(outside).toMatchObject({
      status: 403,
      body: { detail: expect.stringMatching(/token 'team-a', which may serve team_a_\*/) },
    });
    expect(
      (await op("PATCH", "/edge/workers/edge-3/concurrency", { concurrency: 2 })).body,
    ).toMatchObject({
      concurrency: 2,
    });
    expect((await op("PATCH", "/edge/workers/edge-3/concurrency", { concurrency: 0 })).status).toBe(
      400,
    );
    const removed = await op("DELETE", "/edge/workers/edge-3/queues/team_a_etl");
    expect(removed.body.queues).toEqual(["team_a_ml"]);
    expect((await worker.heartbeat()).body).toMatchObject({
      queues: ["team_a_ml"],
      concurrency: 2,
    });
    const last = await op("DELETE", "/edge/workers/edge-3/queues/team_a_ml");
    expect(last).toMatchObject({
      status: 409,
      body: { detail: expect.stringMatching(/last queue/) },
    });

    const live = await op("DELETE", "/edge/workers/edge-3");
    expect(live).toMatchObject({
      status: 409,
      body: { detail: expect.stringMatching(/shut it down first/) },
    });
    const shutdown = await op("POST", "/edge/workers/edge-3/shutdown");
    expect(shutdown.body.state).toBe("shutdown_request");
    expect((await worker.heartbeat()).body.shutdown).toBe(true);
    await worker.heartbeat([], "offline");
    expect((await op("DELETE", "/edge/workers/edge-3")).status).toBe(204);
    expect((await op("GET", "/edge/workers/edge-3")).status).toBe(404);
    expect((await op("DELETE", "/edge/workers/edge-3")).status).toBe(404);
    expect((await op("POST", "/edge/workers/edge-3/shutdown")).status).toBe(404);
  });

  it("lists jobs newest first, filtered by DAG, run, task, queue, state and worker, ordered and paged", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    const viewer = as(cp, "viewer");
    await cp.scheduler.triggerRun("fanout", { runId: "r1", logicalDate: new Date("2026-01-01") });
    await cp.scheduler.triggerRun("fanout", { runId: "r2", logicalDate: new Date("2026-01-02") });
    const { token } = await newWorkerToken(cp, ["*"]);
    const worker = edgeClient(cp, token, "edge-1");
    await worker.register(["team_a_etl"]);
    const claimed = (await worker.fetchJobs(0)).body.jobs;
    expect(claimed).toHaveLength(4);
    const [done, broken] = claimed;
    await worker.report(done.attemptId, "start");
    await worker.report(done.attemptId, "success", { returnValue: 1 });
    await worker.report(broken.attemptId, "start");
    await worker.report(broken.attemptId, "failure", { error: "boom", exitCode: 2 });

    const all = await viewer("GET", "/edge/jobs");
    expect(all.body.total_entries).toBe(6);
    const queuedAt = all.body.jobs.map((j: { queued_at: string }) => j.queued_at);
    expect(queuedAt).toEqual([...queuedAt].sort().reverse());
    const finished = all.body.jobs.find(
      (j: { attempt_id: string }) => j.attempt_id === done.attemptId,
    );
    expect(finished).toEqual({
      attempt_id: done.attemptId,
      dag_id: "fanout",
      run_id: done.runId,
      task_id: done.taskId,
      map_index: -1,
      try_number: 1,
      state: "success",
      queue: "team_a_etl",
      pool: "default_pool",
      pool_slots: 1,
      worker_name: "edge-1",
      queued_at: expect.any(String),
      claimed_at: expect.any(String),
      started_at: expect.any(String),
      ended_at: expect.any(String),
      last_update: finished.ended_at,
      error: null,
    });

    const ids = async (query: string) =>
      (await viewer("GET", `/edge/jobs?${query}`)).body.jobs.map(
        (j: { attempt_id: string }) => j.attempt_id,
      );
    const total = async (query: string) =>
      (await viewer("GET", `/edge/jobs?${query}`)).body.total_entries;
    expect(await total("state=queued")).toBe(2);
    expect(await total("queue=gpu")).toBe(2);
    expect(await total("worker_name=edge-1")).toBe(4);
    expect(await total("run_id=r1")).toBe(3);
    expect(await total("dag_id=nope")).toBe(0);
    expect(await ids(`dag_id=fanout&run_id=${broken.runId}&task_id=${broken.taskId}`)).toEqual([
      broken.attemptId,
    ]);
    const ended = await viewer("GET", "/edge/jobs?state=success&state=failed&order_by=state");
    expect(ended.body.jobs).toMatchObject([
      { state: "failed", error: "boom" },
      { state: "success", error: null },
    ]);
    // Pages in any order cover every job once.
    for (const order of ["state", "-queued_at", "dag_id"]) {
      const pages = [];
      for (const offset of [0, 2, 4])
        pages.push(...(await ids(`limit=2&offset=${offset}&order_by=${order}`)));
      expect(new Set(pages).size, order).toBe(6);
      expect(await total(`limit=2&offset=4&order_by=${order}`)).toBe(6);
    }
    expect((await viewer("GET", "/edge/jobs?order_by=worker_name")).status).toBe(400);
    expect((await viewer("GET", "/edge/jobs?state=sleeping")).status).toBe(400);
    // PostgreSQL cannot compare text holding NUL: refused as input, not failed as a query.
    expect((await viewer("GET", "/edge/jobs?dag_id=%00")).status).toBe(400);
  });

  it("lists each queue's waiting jobs and live workers, so queued work no worker serves stands out", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    await cp.scheduler.triggerRun("fanout");
    const { token } = await newWorkerToken(cp, ["*"]);
    await edgeClient(cp, token, "edge-a").register(["team_a_*"]);
    await edgeClient(cp, token, "edge-gpu").register(["gpu"]);
    const op = as(cp, "op");
    // A worker in maintenance takes no work: the gpu queue has none that serves it.
    await op("POST", "/edge/workers/edge-gpu/maintenance", { on: true });

    const queues = await as(cp, "viewer")("GET", "/edge/queues");
    expect(queues.body).toEqual({
      total_entries: 3,
      queues: [
        { queue: "gpu", queued_jobs: 1, live_workers: 0 },
        { queue: "team_a_*", queued_jobs: 2, live_workers: 1 },
        { queue: "team_a_etl", queued_jobs: 2, live_workers: 1 },
      ],
    });
    await op("POST", "/edge/workers/edge-gpu/maintenance", { on: false });
    const ordered = await as(cp, "viewer")("GET", "/edge/queues?order_by=-live_workers&limit=1");
    expect(ordered.body.queues[0].live_workers).toBe(1);
    const gpu = (await as(cp, "viewer")("GET", "/edge/queues")).body.queues[0];
    expect(gpu).toEqual({ queue: "gpu", queued_jobs: 1, live_workers: 1 });
  });

  it("creates a worker token for an Admin, shows its secret once, registers a worker with it, and revokes it", async () => {
    const cp = await startApiWithUsers(backend);
    const admin = as(cp, "admin");
    const created = await admin("POST", "/edge/tokens", {
      name: "site-a",
      queues: ["team_a_*"],
      team: "team_a",
    });
    expect(created).toMatchObject({
      status: 200,
      body: {
        id: expect.stringMatching(/^[a-f0-9]{16}$/),
        name: "site-a",
        team: "team_a",
        queues: ["team_a_*"],
        created_at: expect.any(String),
        token: expect.stringMatching(/^bwt_[a-f0-9]{16}_/),
      },
    });
    const { id, token } = created.body;
    // A far site's token may let its workers be silent longer than the server's default.
    const patient = await admin("POST", "/edge/tokens", {
      name: "far-site",
      queues: ["far_*"],
      worker_timeout: 600,
    });
    expect(patient.body).toMatchObject({ name: "far-site", worker_timeout: 600 });
    const hasty = await admin("POST", "/edge/tokens", {
      name: "hasty",
      queues: ["x"],
      worker_timeout: 3,
    });
    expect(hasty).toMatchObject({
      status: 400,
      body: {
        detail: expect.stringMatching(/shorter than two heartbeat intervals.*at least 10 s/),
      },
    });
    expect((await admin("DELETE", `/edge/tokens/${patient.body.id}`)).status).toBe(204);
    expect((await admin("POST", "/edge/tokens", { name: "empty", queues: [] })).status).toBe(400);
    expect((await admin("POST", "/edge/tokens", { name: "a\u0000", queues: ["x"] })).status).toBe(
      400,
    );
    expect((await admin("DELETE", "/edge/tokens/%00")).status).toBe(400);
    expect((await admin("POST", "/edge/tokens", { name: "bad", queues: ["a b"] })).status).toBe(
      400,
    );

    const worker = edgeClient(cp, token, "edge-t");
    expect((await worker.register(["team_b_etl"])).status).toBe(403);
    expect((await worker.register(["team_a_etl"])).status).toBe(200);
    expect((await admin("GET", "/edge/workers/edge-t")).body).toMatchObject({
      team: "team_a",
      queues: ["team_a_etl"],
    });

    const listed = await admin("GET", "/edge/tokens");
    expect(listed.body.total_entries).toBe(2);
    expect(listed.body.tokens.find((t: { name: string }) => t.name === "site-a")).toEqual({
      id,
      name: "site-a",
      team: "team_a",
      queues: ["team_a_*"],
      worker_timeout: null,
      created_at: created.body.created_at,
      last_used_at: expect.any(String),
      revoked_at: null,
    });
    expect(JSON.stringify(listed.body)).not.toContain(token.slice(-20));

    // Revoking ends the worker's open long-poll at once with 401.
    const waiting = worker.fetchJobs(20_000);
    await pollOpen(cp);
    expect((await admin("DELETE", "/edge/tokens/site-a")).status).toBe(204);
    expect((await waiting).status).toBe(401);
    expect((await worker.heartbeat()).status).toBe(401);
    expect((await admin("DELETE", `/edge/tokens/${id}`)).status).toBe(404);
    expect(
      (await admin("GET", "/edge/tokens")).body.tokens.find((t: { id: string }) => t.id === id)
        .revoked_at,
    ).toEqual(expect.any(String));
  });
});
