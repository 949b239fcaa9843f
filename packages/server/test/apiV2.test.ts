import { expect, it } from "vitest";
import type { ControlPlane } from "../src/controlPlane.js";
import { describeWithAirflowV2Spec } from "./support/airflowConformance.js";
import { asV2, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

const dags = {
  "etl.ts": `
import { dag } from "borda";
export default dag({ id: "etl", tags: ["nightly"] }, ({ task }) => {
  const extract = task({ id: "extract" }, () => 42);
  task({ id: "load" }, () => 1).after(extract);
});`,
  "other.ts": `
import { dag } from "borda";
// Scheduled, but not before 2099: no run appears on its own.
export default dag({ id: "other", schedule: "0 3 * * *", startDate: "2099-01-01" }, ({ task }) => {
  task({ id: "only" }, () => 1);
});`,
};

/** Runs the worker's jobs of a run to success; the first task writes a log line. */
async function runToSuccess(cp: ControlPlane): Promise<void> {
  const worker = edgeClient(cp, (await newWorkerToken(cp, ["*"])).token);
  await worker.register(["default"]);
  for (let round = 0; round < 2; round += 1) {
    for (const job of (await worker.fetchJobs(0)).body.jobs) {
      expect((await worker.report(job.attemptId, "start")).status).toBe(200);
      await worker.log(job.attemptId, 0, `running ${job.taskId}\nsecond line\n`);
      const done = await worker.report(job.attemptId, "success", { returnValue: 42 });
      expect(done.status).toBe(200);
    }
  }
}

describeWithAirflowV2Spec("/api/v2: Airflow 3's REST API", () => {
  describeEachBackend("in Airflow 3's shapes", (backend) => {
    it("lists, reads, pauses and unpauses DAGs", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const user = asV2(cp, { user: "user" });
      const list = await user("GET", "/dags?limit=1&order_by=-dag_id");
      expect(list.status).toBe(200);
      expect(list.body.total_entries).toBe(2);
      expect(list.body.dags.map((d: { dag_id: string }) => d.dag_id)).toEqual(["other"]);
      const etl = await user("GET", "/dags/etl");
      expect(etl.body).toMatchObject({
        dag_id: "etl",
        is_stale: false,
        timetable_summary: null,
        tags: [{ name: "nightly", dag_id: "etl", dag_display_name: "etl" }],
      });
      expect((await user("GET", "/dags/other")).body).toMatchObject({
        timetable_summary: "0 3 * * *",
        timetable_periodic: true,
        next_dagrun_logical_date: "2099-01-01T03:00:00.000Z",
      });
      expect((await user("GET", "/dags?tags=nightly")).body.total_entries).toBe(1);
      const details = await user("GET", "/dags/other/details");
      expect(details.body).toMatchObject({ catchup: expect.any(Boolean), active_runs_count: 0 });
      const tasks = await user("GET", "/dags/etl/tasks");
      expect(tasks.body.tasks.map((t: { task_id: string }) => t.task_id)).toEqual([
        "extract",
        "load",
      ]);
      expect((await user("GET", "/dags/etl/tasks/extract")).body.downstream_task_ids).toEqual([
        "load",
      ]);
      expect((await user("GET", "/dags/etl/tasks/nope")).status).toBe(404);
      const paused = await user("PATCH", "/dags/etl", { is_paused: true });
      expect(paused.body.is_paused).toBe(true);
      const all = await user("PATCH", "/dags?dag_id_pattern=e", { is_paused: false });
      expect(all.status).toBe(200);
      expect(all.body.dags.every((d: { is_paused: boolean }) => !d.is_paused)).toBe(true);
      const missing = await user("GET", "/dags/nope");
      expect(missing.status).toBe(404);
      expect(missing.body.detail).toMatch(/nope/);
    });

    it("deletes a DAG with its runs, as v1 does, and answers 404 for one it does not have", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const viewer = asV2(cp, { user: "viewer" });
      const user = asV2(cp, { user: "user" });
      expect((await user("POST", "/dags/other/dagRuns", { logical_date: null })).status).toBe(200);
      expect((await viewer("DELETE", "/dags/other")).status).toBe(403);
      const deleted = await user("DELETE", "/dags/other");
      expect(deleted.status).toBe(200);
      expect((await user("GET", "/dags/other/dagRuns")).status).toBe(404);
      expect(
        (await user("GET", "/dags")).body.dags.map((d: { dag_id: string }) => d.dag_id),
      ).toEqual(["etl"]);
      expect((await user("DELETE", "/dags/other")).status).toBe(404);
    });

    it("triggers a run, lists its task instances, and reads their logs and XCom", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const user = asV2(cp, { user: "user" });
      const triggered = await user("POST", "/dags/etl/dagRuns", {
        dag_run_id: "by_v2",
        logical_date: null,
        conf: { day: 1 },
        note: "from v2",
      });
      expect(triggered.status).toBe(200);
      expect(triggered.body).toMatchObject({
        dag_run_id: "by_v2",
        run_type: "manual",
        conf: { day: 1 },
        note: "from v2",
      });
      expect(["queued", "running"]).toContain(triggered.body.state);
      await runToSuccess(cp);
      const run = await user("GET", "/dags/etl/dagRuns/by_v2");
      expect(run.body.state).toBe("success");
      const stats = await user("GET", "/dagStats?dag_ids=etl&dag_ids=nope");
      expect(stats.body.dags).toEqual([
        {
          dag_id: "etl",
          dag_display_name: "etl",
          stats: [
            { state: "queued", count: 0 },
            { state: "running", count: 0 },
            { state: "success", count: 1 },
            { state: "failed", count: 0 },
          ],
        },
      ]);
      expect(run.body.duration).toBeGreaterThanOrEqual(0);
      expect((await user("GET", "/dags/etl/dagRuns?state=success")).body.total_entries).toBe(1);
      expect((await user("GET", "/dags/~/dagRuns")).body.total_entries).toBe(1);
      const batch = await user("POST", "/dags/~/dagRuns/list", {
        dag_ids: ["etl"],
        states: ["success"],
      });
      expect(batch.body.dag_runs.map((r: { dag_run_id: string }) => r.dag_run_id)).toEqual([
        "by_v2",
      ]);

      const tis = await user("GET", "/dags/etl/dagRuns/by_v2/taskInstances?order_by=-task_id");
      expect(tis.body.task_instances.map((t: { task_id: string }) => t.task_id)).toEqual([
        "load",
        "extract",
      ]);
      const extract = await user("GET", "/dags/etl/dagRuns/by_v2/taskInstances/extract");
      expect(extract.body).toMatchObject({ state: "success", try_number: 1, map_index: -1 });
      expect(extract.body.id).toBe(tis.body.task_instances[1].id);
      const log = await user("GET", "/dags/etl/dagRuns/by_v2/taskInstances/extract/logs/1");
      expect(log.body.content).toEqual(["running extract", "second line"]);
      const rest = await user(
        "GET",
        `/dags/etl/dagRuns/by_v2/taskInstances/extract/logs/1?token=${log.body.continuation_token}`,
      );
      expect(rest.body.content).toEqual([]);
      expect(
        (await user("GET", "/dags/etl/dagRuns/by_v2/taskInstances/extract/logs/2")).status,
      ).toBe(404);

      const xcoms = await user("GET", "/dags/etl/dagRuns/by_v2/taskInstances/~/xcomEntries");
      expect(xcoms.body.total_entries).toBe(2);
      const value = await user(
        "GET",
        "/dags/etl/dagRuns/by_v2/taskInstances/extract/xcomEntries/return_value",
      );
      expect(value.body.value).toBe(42);
    });

    it("changes runs: note and state, clear (dry run first), delete", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const user = asV2(cp, { user: "user" });
      expect(
        (await user("POST", "/dags/etl/dagRuns", { dag_run_id: "r", logical_date: null })).status,
      ).toBe(200);
      await runToSuccess(cp);
      const noted = await user("PATCH", "/dags/etl/dagRuns/r?update_mask=note", { note: "looked" });
      expect(noted.body.note).toBe("looked");
      const failed = await user("PATCH", "/dags/etl/dagRuns/r", { state: "failed" });
      expect(failed.body.state).toBe("failed");
      const dry = await user("POST", "/dags/etl/dagRuns/r/clear", { dry_run: true });
      expect(dry.body.total_entries).toBe(2);
      const cleared = await user("POST", "/dags/etl/dagRuns/r/clear", { dry_run: false });
      expect(["queued", "running"]).toContain(cleared.body.state);
      expect((await user("DELETE", "/dags/etl/dagRuns/r")).status).toBe(204);
      expect((await user("GET", "/dags/etl/dagRuns/r")).status).toBe(404);
    });

    it("marks, notes and clears task instances, and lists their tries", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const user = asV2(cp, { user: "user" });
      expect(
        (await user("POST", "/dags/etl/dagRuns", { dag_run_id: "r", logical_date: null })).status,
      ).toBe(200);
      await runToSuccess(cp);
      const ti = "/dags/etl/dagRuns/r/taskInstances/extract";
      const tries = await user("GET", `${ti}/tries`);
      expect(tries.body.task_instances.map((t: { try_number: number }) => t.try_number)).toEqual([
        1,
      ]);
      expect((await user("GET", `${ti}/tries/1`)).body.state).toBe("success");
      expect((await user("GET", `${ti}/tries/2`)).status).toBe(404);
      expect((await user("GET", `${ti}/listMapped`)).body.total_entries).toBe(1);
      expect((await user("GET", `${ti}/0`)).status).toBe(404);

      const marked = await user("PATCH", ti, { new_state: "failed", include_downstream: true });
      expect(marked.status).toBe(200);
      expect(
        marked.body.task_instances.map((t: { task_id: string; state: string }) => [
          t.task_id,
          t.state,
        ]),
      ).toEqual([
        ["extract", "failed"],
        ["load", "failed"],
      ]);
      const noted = await user("PATCH", `${ti}?update_mask=note`, { note: "bad input" });
      expect(noted.body.task_instances[0].note).toBe("bad input");

      const dry = await user("POST", "/dags/etl/clearTaskInstances", { dag_run_id: "r" });
      expect(dry.body.task_instances.map((t: { task_id: string }) => t.task_id).sort()).toEqual([
        "extract",
        "load",
      ]);
      expect((await user("GET", ti)).body.state).toBe("failed");
      const cleared = await user("POST", "/dags/etl/clearTaskInstances", {
        dag_run_id: "r",
        task_ids: ["load"],
        dry_run: false,
      });
      expect(cleared.body.task_instances.map((t: { task_id: string }) => t.task_id)).toEqual([
        "load",
      ]);
      // Cleared, then at once upstream_failed: its upstream, extract, is still failed.
      const load = await user("GET", "/dags/etl/dagRuns/r/taskInstances/load");
      expect(load.body.state).toBe("upstream_failed");
      const missing = await user("POST", "/dags/etl/clearTaskInstances", { task_ids: ["nope"] });
      expect(missing.status).toBe(404);
    });

    it("answers a malformed request with FastAPI's 422 and a list of what is wrong", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const user = asV2(cp, { user: "user" });
      const badLimit = await user("GET", "/dags?limit=-1");
      expect(badLimit.status).toBe(422);
      expect(badLimit.body.detail[0]).toMatchObject({ loc: ["query", "limit"] });
      const badBody = await user("PATCH", "/dags/etl", { is_paused: "yes" });
      expect(badBody.status).toBe(422);
      expect(badBody.body.detail[0].loc).toEqual(["body", "is_paused"]);
      const badOrder = await user("GET", "/dags?order_by=owner_fish");
      expect(badOrder.status).toBe(422);
      expect(badOrder.body.detail[0].loc).toEqual(["query", "order_by"]);
      expect(badOrder.body.detail[0].msg).toMatch(/dag_id/);
    });

    it("creates (201), reads, changes and deletes pools and variables", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const op = asV2(cp, { user: "op" });
      const created = await op("POST", "/pools", { name: "gpu", slots: 2 });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ name: "gpu", slots: 2, open_slots: 2, team_name: null });
      expect((await op("POST", "/pools", { name: "gpu", slots: 2 })).status).toBe(409);
      const patched = await op("PATCH", "/pools/gpu?update_mask=slots", {
        slots: 5,
        description: "x",
      });
      expect(patched.body).toMatchObject({ slots: 5, description: null });
      expect((await op("GET", "/pools?order_by=slots&limit=1")).body.pools[0].name).toBe("gpu");
      expect((await op("DELETE", "/pools/gpu")).status).toBe(204);
      expect((await op("GET", "/pools/gpu")).status).toBe(404);

      const variable = await op("POST", "/variables", { key: "limits", value: { max: 3 } });
      expect(variable.status).toBe(201);
      expect(variable.body).toMatchObject({
        key: "limits",
        value: '{"max":3}',
        is_encrypted: true,
      });
      const text = await op("PATCH", "/variables/limits", { value: "plain" });
      expect(text.body.value).toBe("plain");
      const list = await op("GET", "/variables");
      expect(list.body.variables).toEqual([
        { key: "limits", description: null, is_encrypted: true, team_name: null },
      ]);
      expect((await asV2(cp, { user: "viewer" })("GET", "/variables")).status).toBe(403);
      expect((await op("DELETE", "/variables/limits")).status).toBe(204);
      expect((await op("GET", "/variables/limits")).status).toBe(404);
    });

    it("keeps connections, never answering a password", async () => {
      const cp = await startApiWithUsers(backend, { dags, config: { testConnection: true } });
      const op = asV2(cp, { user: "op" });
      const created = await op("POST", "/connections", {
        connection_id: "warehouse",
        conn_type: "postgres",
        host: "db.internal",
        password: "s3cret",
        extra: '{"token": "abc", "region": "eu"}',
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        connection_id: "warehouse",
        password: "***",
        team_name: null,
      });
      expect(JSON.stringify(created.body)).not.toContain("s3cret");
      expect(JSON.parse(created.body.extra)).toEqual({ token: "***", region: "eu" });
      const patched = await op("PATCH", "/connections/warehouse?update_mask=host", {
        host: "db2",
        login: "x",
      });
      expect(patched.body).toMatchObject({ host: "db2", login: null });
      expect((await op("GET", "/connections?connection_id_pattern=ware")).body.total_entries).toBe(
        1,
      );
      const port = Number(new URL(cp.url).port);
      const tested = await op("POST", "/connections/test", {
        connection_id: "probe",
        conn_type: "http",
        host: "127.0.0.1",
        port,
      });
      expect(tested.body.status).toBe(true);
      expect((await op("DELETE", "/connections/warehouse")).status).toBe(204);
      expect((await op("GET", "/connections/warehouse")).status).toBe(404);
    });

    it("lists import errors, and the event log records changes made through v2", async () => {
      const cp = await startApiWithUsers(backend, {
        dags: { ...dags, "broken.ts": `throw new Error("broken on purpose");` },
      });
      const user = asV2(cp, { user: "user" });
      const errors = await user("GET", "/importErrors");
      expect(errors.body.total_entries).toBe(1);
      const [error] = errors.body.import_errors;
      expect(error.stack_trace).toMatch(/broken on purpose/);
      expect((await user("GET", `/importErrors/${error.import_error_id}`)).body.filename).toBe(
        error.filename,
      );
      expect((await user("GET", "/importErrors/999999")).status).toBe(404);

      expect((await user("PATCH", "/dags/etl", { is_paused: true })).status).toBe(200);
      const events = await user("GET", "/eventLogs?dag_id=etl&order_by=-event_log_id");
      expect(events.body.event_logs[0]).toMatchObject({
        event: "patch_dag",
        dag_id: "etl",
        owner: "user",
      });
      const one = await user("GET", `/eventLogs/${events.body.event_logs[0].event_log_id}`);
      expect(one.body.dag_display_name).toBe("etl");
    });

    it("says its version and health", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      expect((await asV2(cp, { user: "viewer" })("GET", "/version")).body.version).toBe(
        cp.edge.options.serverVersion,
      );
      const health = await asV2(cp, null)("GET", "/monitor/health");
      expect(health.body.metadatabase.status).toBe("healthy");
    });
  });
});
