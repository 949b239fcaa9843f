import { expect, it } from "vitest";
import { createApiToken } from "../src/auth/apiTokens.js";
import type { ControlPlane } from "../src/controlPlane.js";
import { startApiWithUsers } from "./support/api.js";
import { describeEachBackend, describePostgres } from "./support/backends.js";
import { edgeClient, newWorkerToken, startTestControlPlane } from "./support/controlPlane.js";
import { promtoolCheck, promtoolMissing } from "./support/promtool.js";

const outcomesDag = `
import { dag } from "borda";
export default dag({ id: "outcomes", schedule: null }, ({ task }) => {
  task({ id: "works", queue: "metrics_q" }, () => 1);
  task({ id: "breaks", queue: "metrics_q", retries: 0 }, () => { throw new Error("no"); });
});
`;

/** The value of one series in a Prometheus text exposition (labels as written, sorted). */
function sample(exposition: string, series: string): number | undefined {
  const line = exposition.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Triggers `outcomes` and plays a worker over HTTP: one task succeeds, the other fails. */
async function runOneSuccessAndOneFailure(cp: ControlPlane): Promise<void> {
  const { token } = await newWorkerToken(cp, ["metrics_*"]);
  const worker = edgeClient(cp, token);
  expect((await worker.register(["metrics_q"])).status).toBe(200);
  await cp.scheduler.triggerRun("outcomes");
  const { jobs } = (await worker.fetchJobs(0)).body;
  expect(jobs.map((j: { taskId: string }) => j.taskId).sort()).toEqual(["breaks", "works"]);
  for (const job of jobs) {
    expect((await worker.report(job.attemptId, "start")).status).toBe(200);
    expect((await worker.log(job.attemptId, 0, "hello\n")).status).toBe(200);
    const outcome =
      job.taskId === "works"
        ? worker.report(job.attemptId, "success", { returnValue: 1 })
        : worker.report(job.attemptId, "failure", { error: "no" });
    expect((await outcome).status).toBe(200);
  }
}

describeEachBackend("control-plane metrics", (backend) => {
  it("counts a success and a failure on the metrics port and on the main port, in a form promtool accepts", async () => {
    const cp = await startApiWithUsers(backend, {
      dags: { "outcomes.ts": outcomesDag },
      config: { metricsPort: 0, metricsHost: "127.0.0.1" },
    });
    await runOneSuccessAndOneFailure(cp);
    const { token: apiToken } = await createApiToken(
      cp.store,
      cp.secretKey,
      { username: "viewer", name: "prometheus" },
      new Date(),
    );
    // A request the router matches by template, so the HTTP histogram shows the template.
    const dags = await fetch(`${cp.url}/api/v1/dags/outcomes`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    expect(dags.status).toBe(200);

    const metricsUrl = cp.metricsServer?.url;
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    const fromPort = await fetch(String(metricsUrl));
    expect(fromPort.status).toBe(200);
    expect(fromPort.headers.get("content-type")).toContain("text/plain");
    const fromMain = await fetch(`${cp.url}/metrics`, {
      headers: { authorization: `Bearer ${apiToken}` },
    });
    expect(fromMain.status).toBe(200);

    for (const exposition of [await fromPort.text(), await fromMain.text()]) {
      const finished = (state: string) =>
        sample(
          exposition,
          `borda_task_instances_finished_total{dag_id="outcomes",queue="metrics_q",state="${state}"}`,
        );
      expect(finished("success")).toBe(1);
      expect(finished("failed")).toBe(1);
      expect(sample(exposition, "borda_dispatch_latency_seconds_count")).toBeGreaterThanOrEqual(2);
      expect(sample(exposition, "borda_scheduler_loop_seconds_count")).toBeGreaterThanOrEqual(1);
      expect(sample(exposition, "borda_db_query_seconds_count")).toBeGreaterThan(0);
      expect(sample(exposition, "borda_log_bytes_ingested_total")).toBe(12);
      expect(sample(exposition, "borda_long_polls_open")).toBe(0);
      expect(exposition).toContain(
        'borda_http_request_duration_seconds_count{route="/api/v1/dags/:dag_id",method="GET",status="200"} 1',
      );
      expect(exposition).toContain(
        'borda_http_request_duration_seconds_count{route="/edge/v1/workers/:name/attempts/:attemptId/start",method="POST",status="200"} 2',
      );
      expect(exposition).not.toContain("/api/v1/dags/outcomes");
      expect(sample(exposition, 'borda_pool_slots{pool="default_pool",state="open"}')).toBe(128);
      expect(sample(exposition, 'borda_edge_workers{state="starting",team=""}')).toBe(1);
      const missing = promtoolMissing();
      if (missing) console.warn(`skipping the promtool check: ${missing}`);
      else {
        const checked = await promtoolCheck(exposition);
        expect(checked.output).toBe("");
        expect(checked.code).toBe(0);
      }
    }
  });

  it("refuses the main port's /metrics without credentials, and answers only GET /metrics on the metrics port", async () => {
    const cp = await startApiWithUsers(backend, {
      config: { metricsPort: 0, metricsHost: "127.0.0.1" },
    });
    const anonymous = await fetch(`${cp.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: "unauthenticated" });
    const viewer = await fetch(`${cp.url}/metrics`, {
      headers: {
        authorization: `Basic ${Buffer.from("viewer:viewer-password").toString("base64")}`,
      },
    });
    expect(viewer.status).toBe(200);
    const metricsUrl = String(cp.metricsServer?.url);
    expect((await fetch(metricsUrl.replace("/metrics", "/other"))).status).toBe(404);
    expect((await fetch(metricsUrl, { method: "POST" })).status).toBe(405);
  });

  it("answers the queue depth of a worker token's queues, and refuses queues outside its scope", async () => {
    const cp = await startApiWithUsers(backend, { dags: { "outcomes.ts": outcomesDag } });
    const { token } = await newWorkerToken(cp, ["metrics_*"], "scaler");
    const scaler = edgeClient(cp, token);
    await cp.scheduler.triggerRun("outcomes");
    // Both tasks wait on metrics_q; one is claimed and started, so one queued and one running.
    const worker = edgeClient(cp, token, "w-depth");
    await worker.register(["metrics_q"]);
    const [job] = (await worker.fetchJobs(0, 1)).body.jobs;
    await worker.report(job.attemptId, "start");

    const all = await scaler.call("GET", "/queue-depth");
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      queued: 1,
      running: 1,
      total: 2,
      queues: [{ queue: "metrics_q", queued: 1, running: 1 }],
    });
    expect(all.body.oldest_queued_age_seconds).toBeGreaterThanOrEqual(0);
    const named = await scaler.call("GET", "/queue-depth?queues=metrics_q,metrics_idle");
    expect(named.body).toMatchObject({
      total: 2,
      queues: [
        { queue: "metrics_q", queued: 1, running: 1 },
        { queue: "metrics_idle", queued: 0, running: 0 },
      ],
    });
    const outside = await scaler.call("GET", "/queue-depth?queues=metrics_q,billing");
    expect(outside.status).toBe(403);
    expect(outside.body.detail).toMatch(/not billing/);
    const malformed = await scaler.call("GET", "/queue-depth?queues=metrics_*");
    expect(malformed.status).toBe(400);
    const narrow = await newWorkerToken(cp, ["other_*"], "other");
    const elsewhere = await edgeClient(cp, narrow.token).call("GET", "/queue-depth");
    expect(elsewhere.body).toEqual({
      queued: 0,
      running: 0,
      total: 0,
      oldest_queued_age_seconds: null,
      queues: [],
    });
    expect((await edgeClient(cp, null).call("GET", "/queue-depth")).status).toBe(401);
  });
});

const downstreamDag = `
import { dag } from "borda";
export default dag({ id: "downstream", schedule: null }, ({ task }) => {
  task({ id: "works", queue: "metrics_q" }, () => 1);
  const breaks = task({ id: "breaks", queue: "metrics_q", retries: 0 }, () => 1);
  task({ id: "after_break", queue: "metrics_q", inputs: { n: breaks } }, (ctx) => ctx.inputs.n);
});
`;

describePostgres("control-plane metrics on replicas", (backend) => {
  it("counts each finished task instance once, on the replica whose write finished it", async () => {
    const first = await startTestControlPlane(backend, {
      dags: { "downstream.ts": downstreamDag },
    });
    const second = await startTestControlPlane(backend, { replicaOf: first });
    const { token } = await newWorkerToken(first, ["metrics_q"]);
    const onFirst = edgeClient(first, token);
    const onSecond = edgeClient(second, token);
    await onFirst.register(["metrics_q"]);
    const run = await first.scheduler.triggerRun("downstream");
    const { jobs } = (await onFirst.fetchJobs(0)).body;
    const jobOf = (taskId: string) => jobs.find((j: { taskId: string }) => j.taskId === taskId);
    await onFirst.report(jobOf("works").attemptId, "start");
    await onFirst.report(jobOf("works").attemptId, "success", { returnValue: 1 });
    // The failure reaches the other replica, which fails the task and its downstream.
    await onSecond.report(jobOf("breaks").attemptId, "start");
    await onSecond.report(jobOf("breaks").attemptId, "failure", { error: "no" });
    expect((await first.store.getDagRunById(run.id))?.state).toBe("failed");
    // Both replicas evaluate runs on their passes; a pass on each must not count again.
    await first.scheduler.runPass();
    await second.scheduler.runPass();

    const finished = async (cp: ControlPlane, state: string) =>
      sample(
        (await cp.metrics.expose()).body,
        `borda_task_instances_finished_total{dag_id="downstream",queue="metrics_q",state="${state}"}`,
      ) ?? 0;
    expect(await finished(first, "success")).toBe(1);
    expect(await finished(second, "success")).toBe(0);
    expect(await finished(first, "failed")).toBe(0);
    expect(await finished(second, "failed")).toBe(1);
    const upstreamFailed =
      (await finished(first, "upstream_failed")) + (await finished(second, "upstream_failed"));
    expect(upstreamFailed).toBe(1);
  });
});
