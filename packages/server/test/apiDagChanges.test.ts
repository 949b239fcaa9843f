import { writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

const dagFile = (id: string, tasks: string[]) => `
import { dag } from "borda";
export default dag({ id: "${id}" }, ({ task }) => {
  ${tasks.map((t) => `task({ id: "${t}" }, () => 1);`).join("\n  ")}
});`;

const dags = { "alpha.ts": dagFile("alpha", ["only"]), "beta.ts": dagFile("beta", ["only"]) };

const dagIds = (body: { dags: { dag_id: string }[] }) => body.dags.map((d) => d.dag_id);

describeEachBackend("REST API: changes to DAGs as a whole", (backend) => {
  it("pauses and unpauses the DAGs a pattern matches, the page asked for", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    const user = as(cp, "user");

    const pausedAll = await user("PATCH", "/dags?dag_id_pattern=~", { is_paused: true });
    expect(pausedAll.status).toBe(200);
    expect(dagIds(pausedAll.body)).toEqual(["alpha", "beta"]);
    expect(pausedAll.body.dags.every((d: { is_paused: boolean }) => d.is_paused)).toBe(true);

    // Only the page is changed; total_entries counts every match, as in Airflow.
    const first = await user("PATCH", "/dags?dag_id_pattern=~&limit=1&update_mask=is_paused", {
      is_paused: false,
    });
    expect(first.body).toMatchObject({ total_entries: 2, dags: [{ dag_id: "alpha" }] });
    const list = await user("GET", "/dags?order_by=dag_id");
    expect(list.body.dags.map((d: { is_paused: boolean }) => d.is_paused)).toEqual([false, true]);

    // The pattern is a case-insensitive part of the id.
    const beta = await user("PATCH", "/dags?dag_id_pattern=BET", { is_paused: false });
    expect(beta.body).toMatchObject({ total_entries: 1, dags: [{ is_paused: false }] });

    const none = await user("PATCH", "/dags?dag_id_pattern=nothing", { is_paused: true });
    expect(none.body).toEqual({ dags: [], total_entries: 0 });

    const mask = await user("PATCH", "/dags?dag_id_pattern=~&update_mask=description", {
      is_paused: true,
    });
    expect(mask.status).toBe(400);
    expect(mask.body.detail).toContain("update_mask");
    expect((await user("PATCH", "/dags", { is_paused: true })).status).toBe(400);
    expect((await user("PATCH", "/dags?dag_id_pattern=~", { paused: true })).status).toBe(400);
    expect(
      (await as(cp, "viewer")("PATCH", "/dags?dag_id_pattern=~", { is_paused: true })).status,
    ).toBe(403);
    expect(
      (await as(cp, null)("PATCH", "/dags?dag_id_pattern=~", { is_paused: true })).status,
    ).toBe(401);
  });

  it("lists the runs of every DAG at /dags/~/dagRuns", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    const user = as(cp, "user");
    for (const dagId of ["alpha", "beta"]) {
      expect((await user("POST", `/dags/${dagId}/dagRuns`, { dag_run_id: "r1" })).status).toBe(200);
    }
    const all = await as(cp, "viewer")("GET", "/dags/~/dagRuns?order_by=dag_id");
    expect(all.status).toBe(200);
    expect(all.body.total_entries).toBe(2);
    expect(all.body.dag_runs.map((r: { dag_id: string }) => r.dag_id)).toEqual(["alpha", "beta"]);
    expect((await user("GET", "/dags/nope/dagRuns")).status).toBe(404);
  });

  it("deletes a DAG's metadata; a file still in the folder brings it back on the next scan", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    const user = as(cp, "user");
    expect((await user("POST", "/dags/alpha/dagRuns", { dag_run_id: "r1" })).status).toBe(200);
    expect((await user("POST", "/dags/beta/dagRuns", { dag_run_id: "r1" })).status).toBe(200);
    expect((await as(cp, "viewer")("DELETE", "/dags/alpha")).status).toBe(403);

    const deleted = await user("DELETE", "/dags/alpha");
    expect(deleted.status).toBe(204);
    expect((await user("GET", "/dags/alpha")).status).toBe(404);
    const runs = await user("GET", "/dags/~/dagRuns");
    expect(runs.body.dag_runs.map((r: { dag_id: string }) => r.dag_id)).toEqual(["beta"]);
    // The event log keeps what happened to it, as Airflow's keeps its Log.
    expect(
      (await as(cp, "admin")("GET", "/eventLogs?dag_id=alpha")).body.total_entries,
    ).toBeGreaterThan(0);
    expect((await user("DELETE", "/dags/alpha")).status).toBe(404);

    await cp.processor.scanFolder();
    const back = await user("GET", "/dags/alpha");
    expect(back.status).toBe(200);
    expect((await user("GET", "/dags/alpha/dagRuns")).body.total_entries).toBe(0);
    // The new DAG can run again under the same run id.
    expect((await user("POST", "/dags/alpha/dagRuns", { dag_run_id: "r1" })).status).toBe(200);
  });

  it("refuses to delete a DAG while one of its task instances runs", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    const user = as(cp, "user");
    expect((await user("POST", "/dags/alpha/dagRuns", { dag_run_id: "r1" })).status).toBe(200);
    const worker = edgeClient(cp, (await newWorkerToken(cp, ["*"])).token);
    await worker.register(["default"]);
    const [job] = (await worker.fetchJobs(0)).body.jobs;
    expect((await worker.report(job.attemptId, "start")).status).toBe(200);

    const refused = await user("DELETE", "/dags/alpha");
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain("still running");
    expect((await worker.report(job.attemptId, "success", { returnValue: 1 })).status).toBe(200);
    expect((await user("DELETE", "/dags/alpha")).status).toBe(204);
  });

  it("re-parses a DAG file now at PUT /parseDagFile/{file_token}", async () => {
    const cp = await startApiWithUsers(backend, { dags });
    const user = as(cp, "user");
    const token = (await user("GET", "/dags/beta")).body.file_token;
    writeFileSync(path.join(cp.config.dagsFolder, "beta.ts"), dagFile("beta", ["only", "added"]));

    const parsed = await user("PUT", `/parseDagFile/${token}`);
    expect(parsed.status).toBe(201);
    expect(parsed.body).toBeNull();
    const tasks = await user("GET", "/dags/beta/tasks");
    expect(tasks.body.tasks.map((t: { task_id: string }) => t.task_id)).toEqual(["added", "only"]);

    expect((await user("PUT", "/parseDagFile/bm90LWEtdG9rZW4")).status).toBe(404);
    expect((await as(cp, "viewer")("PUT", `/parseDagFile/${token}`)).status).toBe(403);
  });
});
