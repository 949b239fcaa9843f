import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { type Backend, describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

const dags = {
  "etl.ts": `
import { dag } from "borda";
export default dag({ id: "etl", schedule: "@daily", startDate: "2026-01-01", tags: ["team_a", "nightly"],
  params: { rows: { type: "integer", default: 10, minimum: 1 } } }, ({ task }) => {
  task({ id: "extract" }, () => 1);
});`,
  "broken.ts": `import { dag } from "borda";\nexport default dag({ id: "broken" }, () => { throw new Error("no such table"); });`,
  "report.ts": `
import { dag } from "borda";
export default dag({ id: "report", tags: ["team_b"] }, ({ task }) => { task({ id: "send" }, () => 1); });`,
};

/** A control plane holding this file's DAGs, with a user of each role. */
const startApi = (backend: Backend) => startApiWithUsers(backend, { dags });

describeEachBackend("REST API", (backend) => {
  it("answers health without credentials, and 401 everywhere else without them", async () => {
    const cp = await startApi(backend);
    const anonymous = as(cp, null);
    expect((await anonymous("GET", "/health")).body).toMatchObject({
      metadatabase: { status: "healthy" },
    });
    for (const route of ["/version", "/pools", "/dags", "/dags/etl", "/dags/etl/dagRuns"]) {
      const answer = await anonymous("GET", route);
      expect(answer.status, route).toBe(401);
      expect(answer.body).toMatchObject({
        status: 401,
        title: "Unauthorized",
        type: expect.any(String),
      });
    }
    const wrong = await fetch(`${cp.url}/api/v1/pools`, {
      headers: { authorization: `Basic ${Buffer.from("admin:nope").toString("base64")}` },
    });
    expect(wrong.status).toBe(401);
    expect((await as(cp, "viewer")("GET", "/version")).body).toEqual({
      version: expect.any(String),
      git_version: null,
    });
  });

  it("creates, reads, patches and deletes pools, with Airflow's rules", async () => {
    const cp = await startApi(backend);
    const op = as(cp, "op");
    const created = await op("POST", "/pools", {
      name: "worker-1",
      slots: 10,
      description: "Edge Pool",
      include_deferred: false,
    });
    expect(created).toMatchObject({
      status: 200,
      body: {
        name: "worker-1",
        slots: 10,
        open_slots: 10,
        occupied_slots: 0,
        description: "Edge Pool",
      },
    });
    expect((await op("POST", "/pools", { name: "worker-1", slots: 1 })).status).toBe(409);
    expect((await op("GET", "/pools/worker-1")).body.slots).toBe(10);
    expect((await op("GET", "/pools/nope")).status).toBe(404);
    const patched = await op("PATCH", "/pools/worker-1?update_mask=slots", {
      slots: 3,
      description: "ignored",
    });
    expect(patched.body).toMatchObject({ slots: 3, description: "Edge Pool" });
    expect((await op("PATCH", "/pools/worker-1?update_mask=color", { slots: 3 })).status).toBe(400);
    const list = await op("GET", "/pools?limit=1&order_by=-name");
    expect(list.body).toMatchObject({ total_entries: 2, pools: [{ name: "worker-1" }] });
    expect((await op("GET", "/pools?order_by=color")).status).toBe(400);
    expect((await op("DELETE", "/pools/default_pool")).status).toBe(400);
    expect((await op("DELETE", "/pools/worker-1")).status).toBe(204);
    expect((await op("GET", "/pools/worker-1")).status).toBe(404);
  });

  it("lets each role do what Airflow's role may, and answers 403 beyond it", async () => {
    const cp = await startApi(backend);
    const pool = { name: "p", slots: 1 };
    expect((await as(cp, "viewer")("GET", "/pools")).status).toBe(200);
    expect((await as(cp, "viewer")("POST", "/pools", pool)).status).toBe(403);
    expect((await as(cp, "viewer")("PATCH", "/dags/etl", { is_paused: false })).status).toBe(403);
    expect((await as(cp, "user")("POST", "/pools", pool)).status).toBe(403);
    expect((await as(cp, "user")("PATCH", "/dags/etl", { is_paused: false })).status).toBe(200);
    const denied = await as(cp, "viewer")("POST", "/dags/report/dagRuns", {});
    expect(denied).toMatchObject({
      status: 403,
      body: { code: "forbidden", detail: expect.stringMatching(/User role/) },
    });
    expect((await as(cp, "op")("POST", "/pools", pool)).status).toBe(200);
    expect((await as(cp, "admin")("DELETE", "/pools/p")).status).toBe(204);
  });

  it("lists DAGs with Airflow's filters and pagination, and pauses and unpauses them", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    const all = await user("GET", "/dags");
    expect(all.body.total_entries).toBe(2);
    expect(all.body.dags.map((d: { dag_id: string }) => d.dag_id)).toEqual(["etl", "report"]);
    expect(
      (await user("GET", "/dags?tags=team_b")).body.dags.map((d: { dag_id: string }) => d.dag_id),
    ).toEqual(["report"]);
    expect((await user("GET", "/dags?dag_id_pattern=ET")).body.total_entries).toBe(1);
    expect((await user("GET", "/dags?limit=1&offset=1")).body).toMatchObject({
      total_entries: 2,
      dags: [{ dag_id: "report" }],
    });
    const etl = (await user("GET", "/dags/etl")).body;
    expect(etl).toMatchObject({
      is_paused: false,
      schedule_interval: { __type: "CronExpression", value: "@daily" },
      tags: [{ name: "team_a" }, { name: "nightly" }].sort((a, b) => a.name.localeCompare(b.name)),
      fileloc: "etl.ts",
    });
    expect((await user("PATCH", "/dags/etl", { is_paused: true })).body.is_paused).toBe(true);
    const paused = await user("GET", "/dags?paused=true");
    expect(paused.body.dags.map((d: { dag_id: string }) => d.dag_id)).toEqual(["etl"]);
    // As Python clients write a bool.
    expect((await user("GET", "/dags?paused=True")).body).toEqual(paused.body);
    expect((await user("PATCH", "/dags/etl", { is_paused: false })).body.is_paused).toBe(false);
    expect((await user("GET", "/dags?paused=true")).body.total_entries).toBe(0);
    expect((await user("GET", "/dags/nope")).status).toBe(404);
    expect((await user("GET", "/dags?paused=maybe")).status).toBe(400);
  });

  it("triggers DAG runs as Airflow's POST dagRuns does, and lists and reads them", async () => {
    const cp = await startApi(backend);
    const user = as(cp, "user");
    const logical = "2025-07-01T14:56:26Z";
    const created = await user("POST", "/dags/report/dagRuns", {
      conf: {},
      dag_run_id: `manual__${logical}`,
      data_interval_start: logical,
      data_interval_end: logical,
      logical_date: logical,
      note: "Execução manual dinâmica",
    });
    expect(created).toMatchObject({
      status: 200,
      body: {
        dag_run_id: `manual__${logical}`,
        logical_date: "2025-07-01T14:56:26.000Z",
        run_type: "manual",
        external_trigger: true,
        note: "Execução manual dinâmica",
      },
    });
    expect(
      (await user("POST", "/dags/report/dagRuns", { dag_run_id: `manual__${logical}` })).status,
    ).toBe(409);
    const generated = await user("POST", "/dags/etl/dagRuns", { conf: { rows: 5 } });
    expect(generated.body.dag_run_id).toMatch(/^manual__/);
    const badConf = await user("POST", "/dags/etl/dagRuns", { conf: { rows: 0 } });
    expect(badConf).toMatchObject({
      status: 400,
      body: { detail: expect.stringMatching(/conf\.rows must be at least 1/) },
    });
    const badDate = await user("POST", "/dags/etl/dagRuns", { logical_date: "yesterday" });
    expect(badDate).toMatchObject({
      status: 400,
      body: { detail: expect.stringMatching(/body\.logical_date/) },
    });
    expect((await user("POST", "/dags/etl/dagRuns", { data_interval_start: logical })).status).toBe(
      400,
    );
    expect((await user("POST", "/dags/nope/dagRuns", {})).status).toBe(404);
    const runs = await user("GET", "/dags/report/dagRuns");
    expect(runs.body).toMatchObject({
      total_entries: 1,
      dag_runs: [{ dag_run_id: `manual__${logical}` }],
    });
    const one = await user(
      "GET",
      `/dags/report/dagRuns/${encodeURIComponent(`manual__${logical}`)}`,
    );
    expect(one.body.state).toMatch(/queued|running/);
    expect((await user("GET", "/dags/report/dagRuns/nope")).status).toBe(404);
    expect((await user("GET", "/dags/report/dagRuns?state=bogus")).status).toBe(400);
  });

  it("serves its OpenAPI document, describing /api/v1 and /edge/v1", async () => {
    const cp = await startApi(backend);
    const response = await fetch(`${cp.url}/api/v1/openapi.json`);
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    for (const route of [
      "/api/v1/pools",
      "/api/v1/dags/{dag_id}",
      "/api/v1/dags/{dag_id}/dagRuns",
      "/edge/v1/workers/{name}/fetch",
    ]) {
      expect(Object.keys(doc.paths), route).toContain(route);
    }
  });

  it("lists task instances of a run and serves each try's log: whole, continued, as text, and live", async () => {
    const cp = await startApi(backend);
    const viewer = as(cp, "viewer");
    const run = await cp.scheduler.triggerRun("report", { runId: "logs" });
    const { token } = await newWorkerToken(cp, ["*"]);
    const worker = edgeClient(cp, token);
    await worker.register(["default"]);
    const job = (await worker.fetchJobs(0)).body.jobs.find(
      (j: { dagId: string }) => j.dagId === "report",
    );
    expect((await worker.report(job.attemptId, "start")).status).toBe(200);
    await worker.log(job.attemptId, 0, "first line\n");

    const instances = await viewer("GET", `/dags/report/dagRuns/${run.runId}/taskInstances`);
    expect(instances.body).toMatchObject({
      total_entries: 1,
      task_instances: [
        { task_id: "send", state: "running", try_number: 1, hostname: "w1", queue: "default" },
      ],
    });
    expect(
      (await viewer("GET", `/dags/report/dagRuns/${run.runId}/taskInstances/send`)).body.state,
    ).toBe("running");
    expect(
      (await viewer("GET", `/dags/report/dagRuns/${run.runId}/taskInstances/nope`)).status,
    ).toBe(404);

    const logUrl = `/dags/report/dagRuns/${run.runId}/taskInstances/send/logs/1`;
    const first = await viewer("GET", logUrl);
    expect(first.body.content).toBe("first line\n");
    // Following live: the stream starts where the token says and ends with the try.
    const stream = await fetch(`${cp.url}/api/v1${logUrl}?token=${first.body.continuation_token}`, {
      headers: {
        accept: "text/event-stream",
        authorization: `Basic ${Buffer.from("viewer:viewer-password").toString("base64")}`,
      },
    });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    await worker.log(job.attemptId, 11, "second line\n");
    await worker.report(job.attemptId, "success", { returnValue: 1 });
    const events = await stream.text();
    expect(events).toContain(`data: ${JSON.stringify({ content: "second line\n" })}`);
    expect(events).not.toContain("first line");
    expect(events.trimEnd().endsWith("event: end\ndata: {}")).toBe(true);

    const next = await viewer("GET", `${logUrl}?token=${first.body.continuation_token}`);
    expect(next.body.content).toBe("second line\n");
    expect((await viewer("GET", `${logUrl}?full_content=true`)).body.content).toBe(
      "first line\nsecond line\n",
    );
    const text = await fetch(`${cp.url}/api/v1${logUrl}`, {
      headers: {
        accept: "text/plain",
        authorization: `Basic ${Buffer.from("viewer:viewer-password").toString("base64")}`,
      },
    });
    expect(await text.text()).toBe("first line\nsecond line\n");
    expect((await viewer("GET", `${logUrl}?token=forged`)).status).toBe(400);
    expect(
      (await viewer("GET", `/dags/report/dagRuns/${run.runId}/taskInstances/send/logs/2`)).status,
    ).toBe(404);
  });

  it("lists the import errors of broken DAG files", async () => {
    const cp = await startApi(backend);
    const viewer = as(cp, "viewer");
    const errors = await viewer("GET", "/importErrors");
    expect(errors.body).toMatchObject({
      total_entries: 1,
      import_errors: [
        { filename: "broken.ts", stack_trace: expect.stringContaining("no such table") },
      ],
    });
    const id = errors.body.import_errors[0].import_error_id;
    expect((await viewer("GET", `/importErrors/${id}`)).body.filename).toBe("broken.ts");
    expect((await viewer("GET", "/importErrors/999999")).status).toBe(404);
    expect((await viewer("GET", "/dags/report")).body.has_import_errors).toBe(false);
  });
});
