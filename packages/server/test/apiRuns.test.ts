import { expect, it } from "vitest";
import type { ControlPlane } from "../src/controlPlane.js";
import { as, startApiWithUsers } from "./support/api.js";
import { type Backend, describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

const dags = {
  "pipeline.ts": `
import { dag } from "borda";
export default dag({ id: "pipeline", description: "extract, transform, load",
  params: { rows: { type: "integer", default: 10, minimum: 1, description: "Rows to read" } } }, ({ task }) => {
  const extract = task({ id: "extract" }, () => 1);
  const transform = task({ id: "transform", inputs: { n: extract } }, (ctx) => ctx.inputs.n + 1);
  task({ id: "load" }, () => 3).after(transform);
});`,
  "solo.ts": `
import { dag } from "borda";
export default dag({ id: "solo" }, ({ task }) => { task({ id: "only", queue: "other" }, () => "done"); });`,
};

const startApi = (backend: Backend) => startApiWithUsers(backend, { dags });

interface Job {
  attemptId: string;
  dagId: string;
  runId: string;
  taskId: string;
  tryNumber: number;
}

/** A worker on the real worker API that takes jobs and ends them as the test says. */
async function startWorker(cp: ControlPlane) {
  const { token } = await newWorkerToken(cp, ["*"]);
  const worker = edgeClient(cp, token);
  await worker.register(["default", "other"]);
  /** Claims every ready job and starts it; keyed `dag/run/task`, and `task` alone. */
  const take = async (): Promise<Record<string, Job>> => {
    const jobs: Job[] = (await worker.fetchJobs(0)).body.jobs;
    for (const job of jobs) expect((await worker.report(job.attemptId, "start")).status).toBe(200);
    return Object.fromEntries(
      jobs.flatMap((j) => [
        [j.taskId, j],
        [`${j.dagId}/${j.runId}/${j.taskId}`, j],
      ]),
    );
  };
  const finish = (job: Job, outcome: "success" | "failure" = "success") =>
    outcome === "success"
      ? worker.report(job.attemptId, "success", { returnValue: { from: job.taskId } })
      : worker.report(job.attemptId, "failure", { error: `${job.taskId} broke`, exitCode: 1 });
  /** Runs jobs until none is ready, failing the tasks named. */
  const runAll = async (failing: readonly string[] = []) => {
    for (;;) {
      const jobs = Object.entries(await take()).filter(([key]) => key.includes("/"));
      if (jobs.length === 0) return;
      for (const [, job] of jobs) {
        await finish(job, failing.includes(job.taskId) ? "failure" : "success");
      }
    }
  };
  return { ...worker, take, finish, runAll };
}

const stateOf = async (cp: ControlPlane, run: string, task: string) =>
  (await as(cp, "viewer")("GET", `/dags/pipeline/dagRuns/${run}/taskInstances/${task}`)).body.state;

describeEachBackend("REST API: DAG details, runs, task instances, XCom, event log", (backend) => {
  it("describes a DAG in detail, params as Airflow's Param, and serves its file's source", async () => {
    const cp = await startApi(backend);
    const viewer = as(cp, "viewer");
    const details = await viewer("GET", "/dags/pipeline/details");
    expect(details).toMatchObject({
      status: 200,
      body: {
        dag_id: "pipeline",
        description: "extract, transform, load",
        timezone: "UTC",
        catchup: expect.any(Boolean),
        concurrency: expect.any(Number),
        doc_md: null,
        params: {
          rows: {
            __class: "airflow.models.param.Param",
            value: 10,
            description: "Rows to read",
            schema: { type: "integer", minimum: 1 },
          },
        },
      },
    });
    expect((await viewer("GET", "/dags/nope/details")).status).toBe(404);
    expect((await as(cp, null)("GET", "/dags/pipeline/details")).status).toBe(401);

    const token = (await viewer("GET", "/dags/pipeline")).body.file_token;
    const source = await viewer("GET", `/dagSources/${token}`);
    expect(source.status).toBe(200);
    expect(source.body.content).toContain('dag({ id: "pipeline"');
    const text = await fetch(`${cp.url}/api/v1/dagSources/${token}`, {
      headers: {
        accept: "text/plain",
        authorization: `Basic ${Buffer.from("viewer:viewer-password").toString("base64")}`,
      },
    });
    expect(text.headers.get("content-type")).toContain("text/plain");
    expect(await text.text()).toBe(source.body.content);
    for (const forged of ["bm9wZQ", Buffer.from("folder:../etc/passwd").toString("base64url")]) {
      const missing = await viewer("GET", `/dagSources/${forged}`);
      expect(missing).toMatchObject({
        status: 404,
        body: { detail: expect.stringMatching(/GET \/dags\/\{dag_id\}/) },
      });
    }
  });

  it("marks a running task instance success: its worker's report is refused and the next task runs", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    const worker = await startWorker(cp);
    await user("POST", "/dags/pipeline/dagRuns", { dag_run_id: "r1" });
    const { extract } = await worker.take();
    const url = "/dags/pipeline/dagRuns/r1/taskInstances/extract";

    // Airflow's default is a dry run: it answers the instance and changes nothing.
    const dry = await user("PATCH", url, { new_state: "success" });
    expect(dry).toMatchObject({
      status: 200,
      body: { task_id: "extract", dag_id: "pipeline", dag_run_id: "r1" },
    });
    expect(await stateOf(cp, "r1", "extract")).toBe("running");
    expect((await as(cp, "viewer")("PATCH", url, { new_state: "success" })).status).toBe(403);
    expect((await user("PATCH", url, { new_state: "running", dry_run: false })).status).toBe(400);

    expect((await user("PATCH", url, { new_state: "success", dry_run: false })).status).toBe(200);
    expect(await stateOf(cp, "r1", "extract")).toBe("success");
    const late = await worker.finish(extract as Job);
    expect(late).toMatchObject({ status: 409, body: { code: "stale_attempt" } });
    expect(Object.keys(await worker.take())).toContain("transform");
    expect(
      (await user("PATCH", `${url.replace("extract", "nope")}`, { new_state: "failed" })).status,
    ).toBe(404);
  });

  it("marks a task failed and its downstream follows; marking it success again resumes the run", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    const worker = await startWorker(cp);
    await user("POST", "/dags/pipeline/dagRuns", { dag_run_id: "r1" });
    await worker.finish((await worker.take()).extract as Job);
    await worker.take(); // transform runs
    const mark = (body: Record<string, unknown>) =>
      user("POST", "/dags/pipeline/updateTaskInstancesState", {
        task_id: "transform",
        dag_run_id: "r1",
        ...body,
      });

    const dry = await mark({ new_state: "failed" });
    expect(dry.body.task_instances).toEqual([
      {
        task_id: "transform",
        dag_id: "pipeline",
        dag_run_id: "r1",
        execution_date: expect.any(String),
      },
    ]);
    expect(await stateOf(cp, "r1", "transform")).toBe("running");

    expect((await mark({ new_state: "failed", dry_run: false })).body.task_instances).toHaveLength(
      1,
    );
    expect(await stateOf(cp, "r1", "load")).toBe("upstream_failed");
    expect((await user("GET", "/dags/pipeline/dagRuns/r1")).body.state).toBe("failed");

    // As in Airflow: the failed and upstream_failed tasks downstream are cleared to go on.
    expect((await mark({ new_state: "success", dry_run: false })).body.task_instances).toHaveLength(
      1,
    );
    expect(await stateOf(cp, "r1", "load")).toMatch(/^(scheduled|queued)$/);
    await worker.runAll();
    expect((await user("GET", "/dags/pipeline/dagRuns/r1")).body.state).toBe("success");

    const both = await mark({ new_state: "failed", execution_date: "2026-01-01T00:00:00Z" });
    expect(both).toMatchObject({
      status: 400,
      body: { detail: expect.stringMatching(/one of them/) },
    });
    expect((await mark({ new_state: "failed", task_id: "nope" })).status).toBe(404);
    expect((await mark({ new_state: "failed", dag_run_id: "nope" })).status).toBe(404);
    const byDate = await user("POST", "/dags/pipeline/updateTaskInstancesState", {
      task_id: "extract",
      execution_date: (await user("GET", "/dags/pipeline/dagRuns/r1")).body.logical_date,
      include_downstream: true,
      new_state: "skipped",
    });
    expect(byDate.body.task_instances.map((t: { task_id: string }) => t.task_id).sort()).toEqual([
      "extract",
      "load",
      "transform",
    ]);
  });

  it("sets a run's state by hand: failed ends what runs and skips the rest, success finishes all, queued runs it again", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    const worker = await startWorker(cp);
    await user("POST", "/dags/pipeline/dagRuns", { dag_run_id: "r1" });
    const { extract } = await worker.take();
    const patch = (state: string) => user("PATCH", "/dags/pipeline/dagRuns/r1", { state });

    expect(await patch("failed")).toMatchObject({
      status: 200,
      body: { state: "failed", end_date: expect.any(String) },
    });
    expect(await stateOf(cp, "r1", "extract")).toBe("failed");
    expect(await stateOf(cp, "r1", "transform")).toBe("skipped");
    expect((await worker.finish(extract as Job)).status).toBe(409);

    expect((await patch("success")).body.state).toBe("success");
    for (const task of ["extract", "transform", "load"]) {
      expect(await stateOf(cp, "r1", task)).toBe("success");
    }

    expect((await patch("queued")).body.state).toMatch(/^(queued|running)$/);
    expect(await stateOf(cp, "r1", "load")).toBeNull();
    expect((await worker.take()).extract?.tryNumber).toBe(2);

    expect((await patch("running")).status).toBe(400);
    expect((await user("PATCH", "/dags/pipeline/dagRuns/nope", { state: "failed" })).status).toBe(
      404,
    );
    expect(
      (await as(cp, "viewer")("PATCH", "/dags/pipeline/dagRuns/r1", { state: "failed" })).status,
    ).toBe(403);
  });

  it("clears a whole run, first as a dry run that changes nothing", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    const worker = await startWorker(cp);
    await user("POST", "/dags/pipeline/dagRuns", { dag_run_id: "r1" });
    await worker.runAll(["load"]);
    expect((await user("GET", "/dags/pipeline/dagRuns/r1")).body.state).toBe("failed");

    const dry = await user("POST", "/dags/pipeline/dagRuns/r1/clear", {});
    expect(dry.body.total_entries).toBe(3);
    expect(dry.body.task_instances.map((t: { state: string }) => t.state)).toEqual([
      "success",
      "failed",
      "success",
    ]);
    expect((await user("GET", "/dags/pipeline/dagRuns/r1")).body.state).toBe("failed");

    const cleared = await user("POST", "/dags/pipeline/dagRuns/r1/clear", { dry_run: false });
    expect(cleared).toMatchObject({ status: 200, body: { dag_run_id: "r1" } });
    expect(cleared.body.state).toMatch(/^(queued|running)$/);
    expect((await worker.take()).extract?.tryNumber).toBe(2);
    expect((await user("POST", "/dags/pipeline/dagRuns/nope/clear", {})).status).toBe(404);
  });

  it("clears failed task instances with their downstream, in one run or in runs by logical date", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    const worker = await startWorker(cp);
    for (const [runId, day] of [
      ["r1", "2026-01-01"],
      ["r2", "2026-01-02"],
    ]) {
      await user("POST", "/dags/pipeline/dagRuns", {
        dag_run_id: runId,
        logical_date: `${day}T00:00:00Z`,
      });
    }
    await worker.runAll(["transform"]);
    const clear = (body: Record<string, unknown>) =>
      user("POST", "/dags/pipeline/clearTaskInstances", body);
    const cleared = (answer: {
      body: { task_instances: { dag_run_id: string; task_id: string }[] };
    }) => answer.body.task_instances.map((t) => `${t.dag_run_id}/${t.task_id}`).sort();

    // Only failed ones (Airflow's default), as a dry run (its default too).
    expect(cleared(await clear({ dag_run_id: "r1" }))).toEqual(["r1/load", "r1/transform"]);
    expect(await stateOf(cp, "r1", "transform")).toBe("failed");
    expect(
      cleared(
        await clear({
          dag_run_id: "r1",
          task_ids: ["transform"],
          include_downstream: true,
          dry_run: false,
        }),
      ),
    ).toEqual(["r1/load", "r1/transform"]);
    expect(await stateOf(cp, "r1", "transform")).toMatch(/^(scheduled|queued)$/);
    expect((await user("GET", "/dags/pipeline/dagRuns/r2")).body.state).toBe("failed");

    const byDate = await clear({
      start_date: "2026-01-02T00:00:00Z",
      end_date: "2026-01-02T00:00:00Z",
      task_ids: ["extract"],
      only_failed: false,
      dry_run: false,
    });
    expect(cleared(byDate)).toEqual(["r2/extract"]);
    expect(await stateOf(cp, "r2", "extract")).toMatch(/^(scheduled|queued)$/);
    expect(await stateOf(cp, "r2", "transform")).toBe("failed");
    expect(
      cleared(
        await clear({
          dag_run_id: "r1",
          include_past: true,
          include_future: true,
          only_failed: false,
          task_ids: ["load"],
        }),
      ),
    ).toEqual(["r1/load", "r2/load"]);

    expect((await clear({ dag_run_id: "nope" })).status).toBe(404);
    expect((await clear({ task_ids: ["nope"] })).status).toBe(404);
    expect((await clear({ dag_run_id: "r1", task_ids: ["nope"] })).status).toBe(404);
    expect(
      (await clear({ start_date: "2026-02-01T00:00:00Z", end_date: "2026-01-01T00:00:00Z" }))
        .status,
    ).toBe(400);
    expect((await clear({ task_ids: [] })).status).toBe(400);
    expect((await as(cp, "viewer")("POST", "/dags/pipeline/clearTaskInstances", {})).status).toBe(
      403,
    );
  });

  it("lists task instances across DAGs and runs with Airflow's filters, order and pages", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    const worker = await startWorker(cp);
    for (const [dagId, runId, day] of [
      ["pipeline", "r1", "2026-01-01"],
      ["pipeline", "r2", "2026-01-02"],
      ["solo", "s1", "2026-01-03"],
    ]) {
      await user("POST", `/dags/${dagId}/dagRuns`, {
        dag_run_id: runId,
        logical_date: `${day}T00:00:00Z`,
      });
    }
    const jobs = await worker.take();
    await worker.finish(jobs["solo/s1/only"] as Job);
    const ids = (answer: { body: { task_instances: { dag_run_id: string; task_id: string }[] } }) =>
      answer.body.task_instances.map((t) => `${t.dag_run_id}/${t.task_id}`);

    const all = await user("GET", "/dags/~/dagRuns/~/taskInstances");
    expect(all.body.total_entries).toBe(7);
    expect(ids(all)).toEqual([
      "r1/extract",
      "r1/transform",
      "r1/load",
      "r2/extract",
      "r2/transform",
      "r2/load",
      "s1/only",
    ]);
    expect(ids(await user("GET", "/dags/~/dagRuns/~/taskInstances?queue=other"))).toEqual([
      "s1/only",
    ]);
    expect(ids(await user("GET", "/dags/~/dagRuns/~/taskInstances?state=success"))).toEqual([
      "s1/only",
    ]);
    expect(
      (await user("GET", "/dags/~/dagRuns/~/taskInstances?state=none")).body.total_entries,
    ).toBe(4);
    expect(
      (await user("GET", "/dags/~/dagRuns/~/taskInstances?state=running&state=success")).body
        .total_entries,
    ).toBe(3);
    expect((await user("GET", "/dags/pipeline/dagRuns/~/taskInstances")).body.total_entries).toBe(
      6,
    );
    expect(ids(await user("GET", "/dags/~/dagRuns/r2/taskInstances?order_by=-task_id"))).toEqual([
      "r2/transform",
      "r2/load",
      "r2/extract",
    ]);
    const paged = await user("GET", "/dags/~/dagRuns/~/taskInstances?limit=2&offset=2");
    expect(paged.body.total_entries).toBe(7);
    expect(ids(paged)).toEqual(["r1/load", "r2/extract"]);
    expect(
      ids(
        await user(
          "GET",
          "/dags/~/dagRuns/~/taskInstances?execution_date_gte=2026-01-02T00:00:00Z&execution_date_lte=2026-01-02T23:00:00Z",
        ),
      ),
    ).toEqual(["r2/extract", "r2/transform", "r2/load"]);

    const batch = await user("POST", "/dags/~/dagRuns/~/taskInstances/list", {
      dag_ids: ["pipeline"],
      task_ids: ["load", "extract"],
      state: [null],
    });
    expect(ids(batch)).toEqual(["r1/load", "r2/load"]);
    expect(
      (
        await user("POST", "/dags/~/dagRuns/~/taskInstances/list", {
          dag_run_ids: ["r1"],
          page_limit: 1,
        })
      ).body,
    ).toMatchObject({ total_entries: 3, task_instances: [{ task_id: "extract" }] });

    expect((await user("GET", "/dags/~/dagRuns/~/taskInstances?state=bogus")).status).toBe(400);
    expect((await user("GET", "/dags/~/dagRuns/~/taskInstances?order_by=color")).status).toBe(400);
    expect((await user("GET", "/dags/pipeline/dagRuns/nope/taskInstances")).status).toBe(404);
    expect((await as(cp, null)("GET", "/dags/~/dagRuns/~/taskInstances")).status).toBe(401);
  });

  it("lists a task's XCom entries without values, and serves each value as Airflow does", async () => {
    const cp = await startApi(backend);
    const viewer = as(cp, "viewer");
    const worker = await startWorker(cp);
    await as(cp, "user")("POST", "/dags/pipeline/dagRuns", { dag_run_id: "r1" });
    await worker.runAll();

    const entries = await viewer(
      "GET",
      "/dags/pipeline/dagRuns/r1/taskInstances/extract/xcomEntries",
    );
    expect(entries.body).toEqual({
      total_entries: 1,
      xcom_entries: [
        {
          key: "return_value",
          task_id: "extract",
          dag_id: "pipeline",
          run_id: "r1",
          map_index: -1,
          timestamp: expect.any(String),
          execution_date: expect.any(String),
        },
      ],
    });
    const everywhere = await viewer("GET", "/dags/~/dagRuns/~/taskInstances/~/xcomEntries?limit=2");
    expect(everywhere.body.total_entries).toBe(3);
    expect(everywhere.body.xcom_entries).toHaveLength(2);
    expect(
      (await viewer("GET", "/dags/~/dagRuns/~/taskInstances/~/xcomEntries?xcom_key=other")).body
        .total_entries,
    ).toBe(0);

    const url = "/dags/pipeline/dagRuns/r1/taskInstances/transform/xcomEntries/return_value";
    expect((await viewer("GET", url)).body).toMatchObject({
      key: "return_value",
      value: JSON.stringify({ from: "transform" }),
    });
    expect((await viewer("GET", `${url}?stringify=false`)).body.value).toEqual({
      from: "transform",
    });
    expect((await viewer("GET", url.replace("return_value", "other"))).status).toBe(404);
    expect((await viewer("GET", url.replace("r1", "nope"))).status).toBe(404);
  });

  it("deletes a run with its task instances, attempts, logs and XCom; its worker's report then fails", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    const worker = await startWorker(cp);
    const run = (await user("POST", "/dags/pipeline/dagRuns", { dag_run_id: "r1" })).body;
    const { extract } = await worker.take();
    await worker.log((extract as Job).attemptId, 0, "extracting\n");
    await worker.finish(extract as Job);
    const { transform } = await worker.take();
    const dagRun = await cp.store.getDagRun("pipeline", run.dag_run_id);

    expect((await as(cp, "viewer")("DELETE", "/dags/pipeline/dagRuns/r1")).status).toBe(403);
    const deleted = await user("DELETE", "/dags/pipeline/dagRuns/r1");
    expect(deleted).toEqual({ status: 204, body: null });
    expect((await user("GET", "/dags/pipeline/dagRuns/r1")).status).toBe(404);
    expect(await cp.store.listTaskInstances({ dagRunId: dagRun?.id ?? -1 })).toEqual([]);
    expect(await cp.store.listAttempts({ dagRunId: dagRun?.id ?? -1 })).toEqual([]);
    expect((await cp.store.readLog((extract as Job).attemptId)).data).toBe("");
    expect(
      (await user("GET", "/dags/~/dagRuns/~/taskInstances/~/xcomEntries")).body.total_entries,
    ).toBe(0);
    // The attempt is gone with its run: the worker is told to drop it (409), not to retry.
    expect(await worker.finish(transform as Job)).toMatchObject({
      status: 409,
      body: { code: "stale_attempt" },
    });
    expect((await user("DELETE", "/dags/pipeline/dagRuns/r1")).status).toBe(404);
  });

  it("keeps notes on runs and task instances", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    await user("POST", "/dags/pipeline/dagRuns", { dag_run_id: "r1" });
    const runNote = await user("PATCH", "/dags/pipeline/dagRuns/r1/setNote", {
      note: "rerun after the fix",
    });
    expect(runNote).toMatchObject({
      status: 200,
      body: { dag_run_id: "r1", note: "rerun after the fix" },
    });
    const tiUrl = "/dags/pipeline/dagRuns/r1/taskInstances/load/setNote";
    expect((await user("PATCH", tiUrl, { note: "slow on Mondays" })).body).toMatchObject({
      task_id: "load",
      note: "slow on Mondays",
    });
    expect((await user("GET", "/dags/pipeline/dagRuns/r1/taskInstances/load")).body.note).toBe(
      "slow on Mondays",
    );
    expect((await user("PATCH", tiUrl, { note: "x".repeat(1001) })).status).toBe(400);
    expect((await user("PATCH", tiUrl, {})).status).toBe(400);
    expect((await user("PATCH", tiUrl.replace("load", "nope"), { note: "?" })).status).toBe(404);
    expect((await as(cp, "viewer")("PATCH", tiUrl, { note: "mine" })).status).toBe(403);
  });

  it("keeps an audit trail of every change: who, what, on which run, and never a secret", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    const viewer = as(cp, "viewer");
    await user("POST", "/dags/pipeline/dagRuns", {
      dag_run_id: "audited",
      conf: { rows: 5, database: { host: "db", password: "hunter2" } },
    });
    await user("PATCH", "/dags/pipeline/dagRuns/audited/setNote", { note: "n".repeat(300) });
    await user("PATCH", "/dags/pipeline/dagRuns/audited/taskInstances/load/setNote", {
      note: "ok",
    });
    await as(cp, "op")("POST", "/pools", { name: "audit_pool", slots: 1 });
    // Reads (a POST too), refusals and failures change nothing, so they are not recorded.
    await viewer("GET", "/dags/pipeline/dagRuns/audited");
    await viewer("POST", "/dags/~/dagRuns/~/taskInstances/list", { dag_ids: ["pipeline"] });
    await viewer("PATCH", "/dags/pipeline/dagRuns/audited/setNote", { note: "no" });
    await user("PATCH", "/dags/pipeline/dagRuns/nope/setNote", { note: "no" });

    const log = await viewer("GET", "/eventLogs");
    expect(log.body.total_entries).toBe(4);
    const [trigger, note, tiNote, pool] = log.body.event_logs;
    expect(trigger).toMatchObject({
      event: "post_dag_run",
      owner: "user",
      dag_id: "pipeline",
      run_id: "audited",
      task_id: null,
      when: expect.any(String),
    });
    expect(trigger.extra).toContain('"rows":5');
    expect(trigger.extra).toContain('"password":"***"');
    expect(trigger.extra).not.toContain("hunter2");
    expect(note).toMatchObject({ event: "set_dag_run_note", run_id: "audited" });
    expect(JSON.parse(note.extra)).toEqual({ note: "(300 characters)" });
    expect(tiNote).toMatchObject({ event: "set_task_instance_note", task_id: "load" });
    expect(pool).toMatchObject({
      owner: "op",
      dag_id: null,
      event: expect.stringMatching(/pool/i),
    });

    const count = async (query: string) =>
      (await viewer("GET", `/eventLogs?${query}`)).body.total_entries;
    expect(await count("owner=op")).toBe(1);
    expect(await count("dag_id=pipeline")).toBe(3);
    expect(await count("run_id=audited&task_id=load")).toBe(1);
    expect(await count("event=set_dag_run_note")).toBe(1);
    expect(await count("included_events=post_dag_run,set_dag_run_note")).toBe(2);
    expect(await count("excluded_events=post_dag_run")).toBe(3);
    expect(await count("before=2000-01-01T00:00:00Z")).toBe(0);
    expect(await count(`after=${encodeURIComponent(trigger.when)}`)).toBeLessThanOrEqual(3);
    const newest = await viewer("GET", "/eventLogs?limit=1&order_by=-event_log_id");
    expect(newest.body.event_logs[0].event_log_id).toBe(pool.event_log_id);

    expect((await viewer("GET", `/eventLogs/${trigger.event_log_id}`)).body).toEqual(trigger);
    expect((await viewer("GET", "/eventLogs/999999")).status).toBe(404);
    expect((await viewer("GET", "/eventLogs?order_by=color")).status).toBe(400);
    expect((await as(cp, null)("GET", "/eventLogs")).status).toBe(401);
  });
});
