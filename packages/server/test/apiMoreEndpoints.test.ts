import { expect, it } from "vitest";
import type { ControlPlane } from "../src/controlPlane.js";
import { as, startApiWithUsers } from "./support/api.js";
import { type Backend, describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

const dags = {
  "pipeline.ts": `
import { dag } from "borda";
export default dag({ id: "pipeline", startDate: "2026-01-01",
  params: { rows: { type: "integer", default: 10, minimum: 1 } } }, ({ task }) => {
  const extract = task({ id: "extract", retries: 2, retryDelay: 0, priorityWeight: 5 }, () => 1);
  const transform = task({ id: "transform", inputs: { n: extract }, retryDelay: 90061.5 },
    (ctx) => ctx.inputs.n + 1);
  task({ id: "load", triggerRule: "all_done", executionTimeout: "2h", queue: "loading" }, () => 3)
    .after(transform);
});`,
  "solo.ts": `
import { dag } from "borda";
export default dag({ id: "solo" }, ({ task }) => { task({ id: "only" }, () => "done"); });`,
};

const startApi = (backend: Backend) => startApiWithUsers(backend, { dags });

const ids = (runs: { dag_run_id: string }[]) => runs.map((r) => r.dag_run_id);

/** Triggers runs by logical date, as a user would. */
async function trigger(cp: ControlPlane, dagId: string, runs: Record<string, string>) {
  for (const [runId, logicalDate] of Object.entries(runs)) {
    const answer = await as(cp, "user")("POST", `/dags/${dagId}/dagRuns`, {
      dag_run_id: runId,
      logical_date: logicalDate,
    });
    expect(answer.status).toBe(200);
  }
}

describeEachBackend("REST API: tasks, runs across DAGs, tries, DAG stats", (backend) => {
  it("describes a DAG's tasks as Airflow's Task, in the order asked", async () => {
    const cp = await startApi(backend);
    const viewer = as(cp, "viewer");
    const tasks = await viewer("GET", "/dags/pipeline/tasks");
    expect(tasks.status).toBe(200);
    expect(tasks.body.total_entries).toBe(3);
    expect(tasks.body.tasks.map((t: { task_id: string }) => t.task_id)).toEqual([
      "extract",
      "load",
      "transform",
    ]);
    expect(tasks.body.tasks[0]).toMatchObject({
      task_id: "extract",
      class_ref: { module_path: "borda", class_name: "function" },
      start_date: "2026-01-01T00:00:00.000Z",
      end_date: null,
      trigger_rule: "all_success",
      retries: 2,
      retry_delay: { __type: "TimeDelta", days: 0, seconds: 0, microseconds: 0 },
      execution_timeout: null,
      priority_weight: 5,
      queue: "default",
      pool: "default_pool",
      pool_slots: 1,
      template_fields: [],
      downstream_task_ids: ["transform"],
      params: { rows: { __class: "airflow.models.param.Param", value: 10 } },
    });

    const transform = await viewer("GET", "/dags/pipeline/tasks/transform");
    expect(transform.body).toMatchObject({
      retry_delay: { __type: "TimeDelta", days: 1, seconds: 3661, microseconds: 500_000 },
      downstream_task_ids: ["load"],
    });
    expect((await viewer("GET", "/dags/pipeline/tasks/load")).body).toMatchObject({
      trigger_rule: "all_done",
      queue: "loading",
      execution_timeout: { __type: "TimeDelta", days: 0, seconds: 7200, microseconds: 0 },
      downstream_task_ids: [],
    });

    const byWeight = await viewer("GET", "/dags/pipeline/tasks?order_by=-priority_weight");
    expect(byWeight.body.tasks[0].task_id).toBe("extract");
    expect((await viewer("GET", "/dags/pipeline/tasks?order_by=colour")).status).toBe(400);
    expect((await viewer("GET", "/dags/pipeline/tasks/nope")).body).toMatchObject({
      status: 404,
      detail: expect.stringContaining("GET /dags/pipeline/tasks"),
    });
    expect((await viewer("GET", "/dags/nope/tasks")).status).toBe(404);
    expect((await viewer("GET", "/dags/nope/tasks/extract")).status).toBe(404);
    expect((await as(cp, null)("GET", "/dags/pipeline/tasks")).status).toBe(401);
    expect((await as(cp, null)("GET", "/dags/pipeline/tasks/extract")).status).toBe(401);
  });

  it("lists runs across DAGs with Airflow's batch form: filters, order and pages", async () => {
    const cp = await startApi(backend);
    await trigger(cp, "pipeline", { p1: "2026-01-01T00:00:00Z", p2: "2026-01-02T00:00:00Z" });
    await trigger(cp, "solo", { s1: "2026-01-03T00:00:00Z" });
    const beforeFailing = new Date().toISOString();
    expect(
      (await as(cp, "user")("PATCH", "/dags/solo/dagRuns/s1", { state: "failed" })).status,
    ).toBe(200);
    const viewer = as(cp, "viewer");
    const list = (form: unknown) => viewer("POST", "/dags/~/dagRuns/list", form);

    const all = await list({});
    expect(all.status).toBe(200);
    expect(all.body.total_entries).toBe(3);
    expect(ids(all.body.dag_runs)).toEqual(["p1", "p2", "s1"]);
    expect(ids((await list({ dag_ids: ["pipeline"] })).body.dag_runs)).toEqual(["p1", "p2"]);
    expect(ids((await list({ states: ["failed"] })).body.dag_runs)).toEqual(["s1"]);
    expect(ids((await list({ end_date_gte: beforeFailing })).body.dag_runs)).toEqual(["s1"]);
    const dated = await list({
      execution_date_gte: "2026-01-02T00:00:00Z",
      execution_date_lte: "2026-01-02T23:59:59Z",
    });
    expect(ids(dated.body.dag_runs)).toEqual(["p2"]);
    // As in Airflow, a filter sent as null is no filter.
    expect((await list({ dag_ids: null, states: null })).body.total_entries).toBe(3);
    expect((await list({ dag_ids: [] })).body).toEqual({ dag_runs: [], total_entries: 0 });

    const paged = await list({ order_by: "-execution_date", page_offset: 1, page_limit: 1 });
    expect(paged.body.total_entries).toBe(3);
    expect(ids(paged.body.dag_runs)).toEqual(["p2"]);
    expect(ids((await list({ order_by: "-dag_id", page_limit: 1 })).body.dag_runs)).toEqual(["s1"]);

    expect((await list({ states: ["bogus"] })).status).toBe(400);
    expect((await list({ order_by: "colour" })).status).toBe(400);
    expect((await list({ page_limit: 0 })).status).toBe(400);
    const tooMany = await list({ dag_ids: Array.from({ length: 1001 }, (_, i) => `dag_${i}`) });
    expect(tooMany.body).toMatchObject({ status: 400, detail: expect.stringMatching(/1000/) });
    expect((await as(cp, null)("POST", "/dags/~/dagRuns/list", {})).status).toBe(401);

    // The list of one DAG's runs pages the same way.
    const newest = await viewer("GET", "/dags/pipeline/dagRuns?order_by=-logical_date&limit=1");
    expect(newest.body).toMatchObject({ total_entries: 2, dag_runs: [{ dag_run_id: "p2" }] });
    // `~` for the DAG lists every DAG's runs, as the batch form does.
    const everyDag = await viewer("GET", "/dags/~/dagRuns?state=failed");
    expect(everyDag.body).toMatchObject({ total_entries: 1, dag_runs: [{ dag_run_id: "s1" }] });
    // A read, though a POST: the event log does not record it.
    const events = await as(cp, "admin")("GET", "/eventLogs?event=get_dag_runs_batch");
    expect(events.body.total_entries).toBe(0);
  });

  it("lists every try of a task instance, each as the task instance was for it", async () => {
    const cp = await startApi(backend);
    const { token } = await newWorkerToken(cp, ["*"]);
    const worker = edgeClient(cp, token);
    await worker.register(["default"]);
    await trigger(cp, "pipeline", { t1: "2026-01-01T00:00:00Z" });
    const takeExtract = async () => {
      const job = (await worker.fetchJobs(0)).body.jobs.find(
        (j: { taskId: string }) => j.taskId === "extract",
      );
      expect((await worker.report(job.attemptId, "start")).status).toBe(200);
      return job;
    };
    const first = await takeExtract();
    await worker.report(first.attemptId, "failure", { error: "extract broke", exitCode: 1 });
    const second = await takeExtract();
    await worker.report(second.attemptId, "success", { returnValue: 1 });

    const viewer = as(cp, "viewer");
    const base = "/dags/pipeline/dagRuns/t1/taskInstances/extract";
    const tries = await viewer("GET", `${base}/tries`);
    expect(tries.status).toBe(200);
    expect(tries.body).toMatchObject({
      total_entries: 2,
      task_instances: [
        { task_id: "extract", try_number: 1, state: "failed", note: "extract broke" },
        { task_id: "extract", try_number: 2, state: "success", hostname: "w1", note: null },
      ],
    });
    expect(tries.body.task_instances[0].end_date).not.toBeNull();
    const newestFirst = await viewer("GET", `${base}/tries?order_by=-try_number&limit=1`);
    expect(newestFirst.body).toMatchObject({
      total_entries: 2,
      task_instances: [{ try_number: 2 }],
    });
    expect((await viewer("GET", `${base}/tries?offset=1`)).body.task_instances).toMatchObject([
      { try_number: 2 },
    ]);

    expect((await viewer("GET", `${base}/tries/1`)).body).toMatchObject({
      try_number: 1,
      state: "failed",
      max_tries: 2,
    });
    expect((await viewer("GET", `${base}/tries/2`)).body.state).toBe("success");
    expect((await viewer("GET", `${base}/tries/3`)).body).toMatchObject({
      status: 404,
      detail: "Task 'extract' has no try 3 (it has 2).",
    });
    expect((await viewer("GET", `${base}/tries/0`)).status).toBe(400);
    // A task that has not run has no tries.
    expect(
      (await viewer("GET", "/dags/pipeline/dagRuns/t1/taskInstances/load/tries")).body,
    ).toEqual({ task_instances: [], total_entries: 0 });
    expect((await viewer("GET", "/dags/pipeline/dagRuns/t1/taskInstances/nope/tries")).status).toBe(
      404,
    );
    expect(
      (await viewer("GET", "/dags/pipeline/dagRuns/nope/taskInstances/extract/tries/1")).status,
    ).toBe(404);
    expect((await as(cp, null)("GET", `${base}/tries`)).status).toBe(401);
    expect((await as(cp, null)("GET", `${base}/tries/1`)).status).toBe(401);
  });

  it("counts each DAG's runs in every state, for the DAGs asked or all", async () => {
    const cp = await startApi(backend);
    await trigger(cp, "pipeline", { p1: "2026-01-01T00:00:00Z", p2: "2026-01-02T00:00:00Z" });
    await trigger(cp, "solo", { s1: "2026-01-03T00:00:00Z" });
    const user = as(cp, "user");
    await user("PATCH", "/dags/pipeline/dagRuns/p1", { state: "success" });
    await user("PATCH", "/dags/pipeline/dagRuns/p2", { state: "failed" });
    await user("PATCH", "/dags/solo/dagRuns/s1", { state: "success" });
    const viewer = as(cp, "viewer");

    const stats = await viewer("GET", "/dagStats?dag_ids=solo,pipeline,nope");
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual({
      total_entries: 2,
      dags: [
        {
          dag_id: "pipeline",
          stats: [
            { state: "queued", count: 0 },
            { state: "running", count: 0 },
            { state: "success", count: 1 },
            { state: "failed", count: 1 },
          ],
        },
        {
          dag_id: "solo",
          stats: [
            { state: "queued", count: 0 },
            { state: "running", count: 0 },
            { state: "success", count: 1 },
            { state: "failed", count: 0 },
          ],
        },
      ],
    });
    expect((await viewer("GET", "/dagStats?dag_ids=solo")).body.dags).toHaveLength(1);
    expect((await viewer("GET", "/dagStats?dag_ids=")).body.total_entries).toBe(2);
    expect((await viewer("GET", "/dagStats?dag_ids=nope")).body).toEqual({
      dags: [],
      total_entries: 0,
    });
    expect((await viewer("GET", "/dagStats")).status).toBe(400);
    expect((await as(cp, null)("GET", "/dagStats?dag_ids=solo")).status).toBe(401);
  });
});
