import { utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { describeWithAirflowV2Spec } from "./support/airflowConformance.js";
import { asV2, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

const dags = {
  "daily.ts": `import { dag } from "borda";
export default dag({ id: "daily", schedule: "@daily", startDate: "2024-01-01", tags: ["nightly", "etl"] }, ({ task }) => {
  task({ id: "work" }, () => "done");
});`,
  "broken.ts": `import { dag } from "borda";\nthrow new Error("broken on purpose");`,
};

// biome-ignore lint/suspicious/noExplicitAny: the answers' JSON, checked against Airflow 3's spec.
type Json = any;

describeWithAirflowV2Spec("/api/v2 backfills, import errors, the event log and DAG extras", () => {
  describeEachBackend("in Airflow 3's shapes", (backend) => {
    it("starts, lists, pauses, unpauses and cancels a backfill, for a User", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const viewer = asV2(cp, { user: "viewer" });
      const user = asV2(cp, { user: "user" });
      const body = {
        dag_id: "daily",
        from_date: "2024-01-01T00:00:00Z",
        to_date: "2024-01-03T00:00:00Z",
        dag_run_conf: null,
        max_active_runs: 1,
        run_on_latest_version: true,
      };
      const dry = await user("POST", "/backfills/dry_run", body);
      expect(dry.status).toBe(200);
      expect(dry.body.backfills.map((b: Json) => b.logical_date)).toEqual([
        "2024-01-01T00:00:00.000Z",
        "2024-01-02T00:00:00.000Z",
        "2024-01-03T00:00:00.000Z",
      ]);
      expect((await viewer("POST", "/backfills", body)).status).toBe(403);
      const created = await user("POST", "/backfills", body);
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({
        dag_id: "daily",
        dag_run_conf: {},
        is_paused: false,
        max_active_runs: 1,
        completed_at: null,
      });
      const id = created.body.id;
      expect((await user("POST", "/backfills", body)).status).toBe(409);
      const list = await viewer("GET", "/backfills?dag_id=daily");
      expect(list.body.backfills.map((b: Json) => b.id)).toEqual([id]);
      expect((await viewer("GET", `/backfills/${id}`)).body.id).toBe(id);
      expect((await viewer("PUT", `/backfills/${id}/pause`)).status).toBe(403);
      expect((await user("PUT", `/backfills/${id}/pause`)).body.is_paused).toBe(true);
      expect((await user("PUT", `/backfills/${id}/unpause`)).body.is_paused).toBe(false);
      const cancelled = await user("PUT", `/backfills/${id}/cancel`);
      expect(cancelled.body.completed_at).not.toBeNull();
      expect((await viewer("GET", "/backfills/999")).status).toBe(404);

      const noDag = await viewer("GET", "/backfills");
      expect(noDag.status).toBe(422);
      expect(noDag.body.detail[0].loc).toEqual(["query", "dag_id"]);
      const badDate = await user("POST", "/backfills", { ...body, from_date: 5 });
      expect(badDate.status).toBe(422);
      expect(badDate.body.detail[0].loc).toEqual(["body", "from_date"]);
      expect((await user("POST", "/backfills", { ...body, dag_id: "nope" })).status).toBe(404);
    });

    it("lists and reads import errors", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const viewer = asV2(cp, { user: "viewer" });
      const list = await viewer("GET", "/importErrors?order_by=-id");
      expect(list.status).toBe(200);
      expect(list.body.total_entries).toBe(1);
      const [error] = list.body.import_errors;
      expect(error).toMatchObject({ bundle_name: null });
      expect(error.filename).toMatch(/broken\.ts$/);
      expect(error.stack_trace).toMatch(/broken on purpose/);
      const one = await viewer("GET", `/importErrors/${error.import_error_id}`);
      expect(one.body).toEqual(error);
      expect(
        (await viewer("GET", "/importErrors?filename_pattern=BROKEN")).body.total_entries,
      ).toBe(1);
      expect((await viewer("GET", "/importErrors?filename=other.ts")).body.total_entries).toBe(0);
      expect((await viewer("GET", "/importErrors/999")).status).toBe(404);
      expect((await viewer("GET", "/importErrors?bundle_name=dags")).status).toBe(422);
    });

    it("lists and reads the event log of changes made through v2", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const user = asV2(cp, { user: "user" });
      const viewer = asV2(cp, { user: "viewer" });
      expect((await user("PATCH", "/dags/daily", { is_paused: true })).status).toBe(200);
      expect((await user("PATCH", "/dags/daily", { is_paused: false })).status).toBe(200);
      const list = await viewer("GET", "/eventLogs?dag_id=daily&order_by=-id");
      expect(list.status).toBe(200);
      expect(list.body.total_entries).toBe(2);
      const [latest] = list.body.event_logs;
      expect(latest).toMatchObject({
        dag_id: "daily",
        owner: "user",
        dag_display_name: "daily",
        logical_date: null,
      });
      const one = await viewer("GET", `/eventLogs/${latest.event_log_id}`);
      expect(one.body).toEqual(latest);
      const included = await viewer(
        "GET",
        `/eventLogs?included_events=${latest.event}&included_events=other&order_by=dttm`,
      );
      expect(included.body.total_entries).toBe(2);
      const excluded = await viewer("GET", `/eventLogs?excluded_events=${latest.event}`);
      expect(excluded.body.event_logs.every((e: Json) => e.event !== latest.event)).toBe(true);
      expect((await viewer("GET", "/eventLogs/99999")).status).toBe(404);
      const pattern = await viewer("GET", "/eventLogs?dag_id_pattern=dai");
      expect(pattern.status).toBe(422);
      expect(pattern.body.detail[0].msg).toMatch(/dag_id_pattern/);
      expect((await viewer("GET", "/eventLogs?before=yesterday")).status).toBe(422);
    });

    it("lists and reads DAG versions, with stable UUIDs, and names the latest in details", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const viewer = asV2(cp, { user: "viewer" });
      const user = asV2(cp, { user: "user" });
      const trigger = (day: string) =>
        user("POST", "/dags/daily/dagRuns", { logical_date: `2024-01-0${day}T00:00:00Z` });
      const before = await trigger("1");
      expect(before.status).toBe(200);
      // A changed task body is a new bundle and spec, so the DAG processor records version 2.
      const edited = path.join(cp.config.dagsFolder, "daily.ts");
      writeFileSync(edited, dags["daily.ts"].replace('"done"', '"done again"'));
      const later = new Date(Date.now() + 60_000);
      utimesSync(edited, later, later);
      await cp.processor.scanFolder();

      const list = await viewer("GET", "/dags/daily/dagVersions");
      expect(list.status).toBe(200);
      expect(list.body.total_entries).toBe(2);
      const [first, second] = list.body.dag_versions;
      expect(first).toMatchObject({
        version_number: 1,
        dag_id: "daily",
        dag_display_name: "daily",
        bundle_name: null,
        bundle_version: null,
        bundle_url: null,
      });
      expect(second.version_number).toBe(2);
      expect(first.id).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
      expect(second.id).not.toBe(first.id);

      const after = await trigger("2");
      expect(before.body.dag_versions).toEqual([first]);
      expect(after.body.dag_versions).toEqual([second]);
      // The scheduler may add runs of its own; the two triggered here are known by id.
      const runs = await viewer("GET", "/dags/daily/dagRuns?limit=100");
      const versionsOf = new Map(
        runs.body.dag_runs.map((run: Json) => [run.dag_run_id, run.dag_versions]),
      );
      expect(versionsOf.get(before.body.dag_run_id)).toEqual([first]);
      expect(versionsOf.get(after.body.dag_run_id)).toEqual([second]);
      const run = await viewer("GET", `/dags/daily/dagRuns/${before.body.dag_run_id}`);
      expect(run.body.dag_versions).toEqual([first]);

      const one = await viewer("GET", "/dags/daily/dagVersions/2");
      expect(one.body).toEqual(second);
      expect((await viewer("GET", "/dags/daily/details")).body.latest_dag_version).toEqual(second);
      const newest = await viewer(
        "GET",
        "/dags/daily/dagVersions?order_by=-version_number&limit=1",
      );
      expect(newest.body).toEqual({ dag_versions: [second], total_entries: 2 });
      const numbered = await viewer("GET", "/dags/~/dagVersions?version_number=1");
      expect(numbered.body).toEqual({ dag_versions: [first], total_entries: 1 });
      expect((await viewer("GET", "/dags/~/dagVersions?offset=1")).body.dag_versions).toEqual([
        second,
      ]);

      expect((await viewer("GET", "/dags/daily/dagVersions/3")).status).toBe(404);
      expect((await viewer("GET", "/dags/nope/dagVersions/1")).status).toBe(404);
      expect((await viewer("GET", "/dags/nope/dagVersions")).status).toBe(404);
      expect((await viewer("GET", "/dags/daily/dagVersions/first")).status).toBe(422);
      const bundle = await viewer("GET", "/dags/daily/dagVersions?bundle_name=dags-folder");
      expect(bundle.status).toBe(422);
      expect(bundle.body.detail[0].msg).toMatch(/no DAG bundles/);
      expect((await viewer("GET", "/dags/daily/dagVersions?order_by=bundle_name")).status).toBe(
        422,
      );
      expect((await asV2(cp, null)("GET", "/dags/daily/dagVersions")).status).toBe(401);
    });

    it("serves a DAG's source, its run counts by state, and every DAG tag", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const viewer = asV2(cp, { user: "viewer" });
      const source = await viewer("GET", "/dagSources/daily");
      expect(source.status).toBe(200);
      expect(source.body).toMatchObject({ dag_id: "daily", version_number: 1 });
      expect(source.body.content).toContain('id: "daily"');
      expect((await viewer("GET", "/dagSources/daily?version_number=1")).body).toEqual(source.body);
      const text = await fetch(`${cp.url}/api/v2/dagSources/daily`, {
        headers: {
          accept: "text/plain",
          authorization: `Basic ${Buffer.from("viewer:viewer-password").toString("base64")}`,
        },
      });
      expect(await text.text()).toBe(source.body.content);
      expect((await viewer("GET", "/dagSources/daily?version_number=7")).status).toBe(404);
      expect((await viewer("GET", "/dagSources/nope")).status).toBe(404);

      expect(
        (await asV2(cp, { user: "user" })("POST", "/dags/daily/dagRuns", { logical_date: null }))
          .status,
      ).toBe(200);
      const stats = await viewer("GET", "/dagStats?dag_ids=daily&dag_ids=nope");
      expect(stats.body.total_entries).toBe(1);
      expect(stats.body.dags[0]).toMatchObject({ dag_id: "daily", dag_display_name: "daily" });
      const active = stats.body.dags[0].stats
        .filter((s: Json) => s.count > 0)
        .map((s: Json) => s.state);
      expect(active.length).toBe(1);
      expect(["queued", "running"]).toContain(active[0]);

      const tags = await viewer("GET", "/dagTags?order_by=-name");
      expect(tags.body).toEqual({ tags: ["nightly", "etl"], total_entries: 2 });
      expect((await viewer("GET", "/dagTags?tag_name_pattern=NIGHT")).body.tags).toEqual([
        "nightly",
      ]);
      expect((await viewer("GET", "/dagTags?tag_name_prefix_pattern=n")).status).toBe(422);
    });

    it("answers the configuration to an Op when exposed, secrets hidden, as Airflow 3's Config", async () => {
      const hiddenCp = await startApiWithUsers(backend, { dags });
      expect((await asV2(hiddenCp, { user: "op" })("GET", "/config")).status).toBe(403);
      const cp = await startApiWithUsers(backend, { dags, config: { exposeConfig: true } });
      const op = asV2(cp, { user: "op" });
      expect((await asV2(cp, { user: "user" })("GET", "/config")).status).toBe(403);
      const config = await op("GET", "/config");
      expect(config.status).toBe(200);
      expect(config.body.sections.map((s: Json) => s.name)).toEqual(["borda"]);
      const options = new Map(config.body.sections[0].options.map((o: Json) => [o.key, o.value]));
      expect(options.get("admin_password")).toBe("< hidden >");
      expect(options.get("expose_config")).toBe("true");
      expect((await op("GET", "/config?section=borda")).body).toEqual(config.body);
      expect((await op("GET", "/config?section=core")).status).toBe(404);
      const value = await op("GET", "/config/section/borda/option/expose_config");
      expect(value.body).toEqual({
        sections: [{ name: "borda", options: [{ key: "expose_config", value: "true" }] }],
      });
      const text = await fetch(`${cp.url}/api/v2/config/section/borda/option/expose_config`, {
        headers: {
          accept: "text/plain",
          authorization: `Basic ${Buffer.from("op:op-password").toString("base64")}`,
        },
      });
      expect(await text.text()).toBe("[borda]\nexpose_config = true\n");
      expect((await op("GET", "/config/section/borda/option/nope")).status).toBe(404);
      expect((await asV2(cp, null)("GET", "/config")).status).toBe(401);
    });

    it("lists no plugins, the providers Borda implements part of, and the DAG warnings", async () => {
      const cp = await startApiWithUsers(backend, {
        dags: {
          ...dags,
          "pooled.ts": `import { dag } from "borda";
export default dag({ id: "pooled", schedule: null, startDate: "2024-01-01" }, ({ task }) => {
  task({ id: "load", pool: "tiny" }, () => 2);
});`,
        },
      });
      const viewer = asV2(cp, { user: "viewer" });
      expect((await viewer("GET", "/plugins")).body).toEqual({ plugins: [], total_entries: 0 });
      const providers = await viewer("GET", "/providers");
      expect(providers.body.providers[0]).toMatchObject({
        package_name: "apache-airflow-providers-standard",
        documentation_url: null,
      });
      const total = providers.body.total_entries;
      const second = await viewer("GET", "/providers?offset=1&limit=1");
      expect(second.body.providers).toEqual([providers.body.providers[1]]);
      expect(second.body.total_entries).toBe(total);
      expect((await viewer("GET", "/providers?limit=-1")).status).toBe(422);

      const warnings = await viewer("GET", "/dagWarnings");
      expect(warnings.body.total_entries).toBe(1);
      expect(warnings.body.dag_warnings[0]).toMatchObject({
        dag_id: "pooled",
        dag_display_name: "pooled",
        warning_type: "non-existent pool",
      });
      expect(warnings.body.dag_warnings[0].message).toContain("tiny");
      expect((await viewer("GET", "/dagWarnings?dag_id=daily")).body.total_entries).toBe(0);
      const byType = await viewer("GET", "/dagWarnings?warning_type=asset%20conflict");
      expect(byType.body.total_entries).toBe(0);
      expect((await viewer("GET", "/dagWarnings?warning_type=odd")).status).toBe(422);
      expect((await asV2(cp, null)("GET", "/dagWarnings")).status).toBe(401);
    });

    it("says what keeps a task instance waiting, by map index too, and lists no extra links", async () => {
      const cp = await startApiWithUsers(backend, {
        dags: {
          "fan.ts": `import { dag } from "borda";
export default dag({ id: "fan" }, ({ task, mappedTask }) => {
  const first = task({ id: "first" }, () => 1);
  mappedTask({ id: "each", expand: { n: [1, 2] }, maxActiveTisPerDagrun: 1 }, (ctx) => ctx.inputs.n).after(first);
});`,
        },
      });
      const viewer = asV2(cp, { user: "viewer" });
      const run = await asV2(cp, { user: "user" })("POST", "/dags/fan/dagRuns", {
        logical_date: null,
      });
      const tis = `/dags/fan/dagRuns/${encodeURIComponent(run.body.dag_run_id)}/taskInstances`;
      const worker = edgeClient(cp, (await newWorkerToken(cp, ["*"])).token);
      await worker.register(["default"]);
      const [first] = (await worker.fetchJobs(0)).body.jobs;
      expect((await viewer("GET", `${tis}/first/dependencies`)).body).toEqual({ dependencies: [] });
      expect((await viewer("GET", `${tis}/first/dependencies?map_index=0`)).status).toBe(404);
      expect((await worker.report(first.attemptId, "start")).status).toBe(200);
      expect((await worker.report(first.attemptId, "success", { returnValue: 1 })).status).toBe(
        200,
      );

      const jobs = (await worker.fetchJobs(0)).body.jobs;
      expect(jobs).toHaveLength(1);
      const other = 1 - jobs[0].mapIndex;
      const waiting = await viewer("GET", `${tis}/each/${other}/dependencies`);
      expect(waiting.status).toBe(200);
      expect(waiting.body.dependencies.map((d: Json) => d.name)).toEqual(["Task Concurrency"]);
      expect((await viewer("GET", `${tis}/each/dependencies?map_index=${other}`)).body).toEqual(
        waiting.body,
      );
      expect((await viewer("GET", `${tis}/each/${jobs[0].mapIndex}/dependencies`)).body).toEqual({
        dependencies: [],
      });
      expect((await viewer("GET", `${tis}/each/dependencies`)).status).toBe(404);
      expect((await viewer("GET", `${tis}/each/x/dependencies`)).status).toBe(422);

      expect((await viewer("GET", `${tis}/first/links`)).body).toEqual({
        extra_links: {},
        total_entries: 0,
      });
      expect((await viewer("GET", `${tis}/each/links?map_index=0`)).status).toBe(200);
      expect((await viewer("GET", `${tis}/nope/links`)).status).toBe(404);
      expect((await asV2(cp, null)("GET", `${tis}/first/links`)).status).toBe(401);
    });

    it("re-parses a DAG file now, for a User", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const user = asV2(cp, { user: "user" });
      const token = (await user("GET", "/dags/daily")).body.file_token;
      writeFileSync(
        path.join(cp.config.dagsFolder, "daily.ts"),
        dags["daily.ts"].replace(
          'task({ id: "work" }',
          'task({ id: "added" }, () => 1);\n  task({ id: "work" }',
        ),
      );
      const parsed = await user("PUT", `/parseDagFile/${token}`);
      expect(parsed.status).toBe(201);
      const tasks = await user("GET", "/dags/daily/tasks");
      expect(tasks.body.tasks.map((t: Json) => t.task_id)).toEqual(["added", "work"]);
      expect((await user("PUT", "/parseDagFile/bm90LWEtdG9rZW4")).status).toBe(404);
      expect((await asV2(cp, { user: "viewer" })("PUT", `/parseDagFile/${token}`)).status).toBe(
        403,
      );
      expect((await asV2(cp, null)("PUT", `/parseDagFile/${token}`)).status).toBe(401);
    });
  });
});
