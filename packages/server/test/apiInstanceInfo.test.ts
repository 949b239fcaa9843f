import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

const dags = {
  "deps.ts": `
import { dag } from "borda";
export default dag({ id: "deps" }, ({ task }) => {
  const extract = task({ id: "extract" }, () => 1);
  task({ id: "load", pool: "tiny" }, () => 2).after(extract);
});`,
  "fan.ts": `
import { dag } from "borda";
export default dag({ id: "fan" }, ({ mappedTask }) => {
  mappedTask({ id: "each", expand: { n: [1, 2] }, maxActiveTisPerDagrun: 1 }, (ctx) => ctx.inputs.n);
});`,
};

const names = (body: { dependencies: { name: string }[] }) => body.dependencies.map((d) => d.name);

describeEachBackend(
  "REST API: what keeps a task instance waiting, and the installation",
  (backend) => {
    it("says why a task instance is not running, from the scheduler's own checks", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const viewer = as(cp, "viewer");
      // A DAG naming a pool that does not exist is Airflow's "non-existent pool" warning.
      const warned = await viewer("GET", "/dagWarnings");
      expect(warned.status).toBe(200);
      expect(warned.body).toMatchObject({
        total_entries: 1,
        import_errors: [{ dag_id: "deps", warning_type: "non-existent pool" }],
      });
      expect(warned.body.import_errors[0].message).toContain("tiny");
      expect((await viewer("GET", "/dagWarnings?dag_id=other")).body.total_entries).toBe(0);
      expect((await viewer("GET", "/dagWarnings?warning_type=other")).body.total_entries).toBe(0);
      expect((await viewer("GET", "/dagWarnings?order_by=nope")).status).toBe(400);

      expect((await as(cp, "op")("POST", "/pools", { name: "tiny", slots: 0 })).status).toBe(200);
      expect((await viewer("GET", "/dagWarnings")).body).toEqual({
        import_errors: [],
        total_entries: 0,
      });

      expect(
        (await as(cp, "user")("POST", "/dags/deps/dagRuns", { dag_run_id: "r1" })).status,
      ).toBe(200);
      const load = "/dags/deps/dagRuns/r1/taskInstances/load";
      const waiting = await viewer("GET", `${load}/dependencies`);
      expect(waiting.status).toBe(200);
      expect(names(waiting.body)).toEqual(
        expect.arrayContaining(["Pool Slots Available", "Trigger Rule"]),
      );
      const trigger = waiting.body.dependencies.find(
        (d: { name: string }) => d.name === "Trigger Rule",
      );
      expect(trigger.reason).toContain("'all_success'");
      expect(trigger.reason).toContain("upstream_task_ids=extract");

      // Once extract succeeds, load is scheduled and waits only for its pool.
      const worker = edgeClient(cp, (await newWorkerToken(cp, ["*"])).token);
      await worker.register(["default"]);
      const [job] = (await worker.fetchJobs(0)).body.jobs;
      expect((await worker.report(job.attemptId, "start")).status).toBe(200);
      expect((await worker.report(job.attemptId, "success", { returnValue: 1 })).status).toBe(200);
      expect((await viewer("GET", load)).body.state).toBe("scheduled");
      expect((await viewer("GET", `${load}/dependencies`)).body).toEqual({
        dependencies: [
          {
            name: "Pool Slots Available",
            reason:
              "Not scheduling since there are 0 open slots in pool tiny and require 1 pool slots.",
          },
        ],
      });

      expect((await as(cp, "user")("PATCH", "/dags/deps", { is_paused: true })).status).toBe(200);
      expect((await viewer("GET", `${load}/dependencies`)).body.dependencies).toEqual([
        { name: "Dag Not Paused", reason: "Task's DAG 'deps' is paused." },
        expect.objectContaining({ name: "Pool Slots Available" }),
      ]);

      // A task instance past these checks waits for nothing.
      const extract = "/dags/deps/dagRuns/r1/taskInstances/extract";
      expect((await viewer("GET", `${extract}/dependencies`)).body).toEqual({ dependencies: [] });
      expect((await viewer("GET", `${extract}/0/dependencies`)).status).toBe(404);
      expect(
        (await viewer("GET", "/dags/deps/dagRuns/r1/taskInstances/nope/dependencies")).status,
      ).toBe(404);
      expect((await as(cp, null)("GET", `${load}/dependencies`)).status).toBe(401);

      // Borda's operators declare no extra links.
      expect((await viewer("GET", `${extract}/links`)).body).toEqual({ extra_links: [] });
      expect(
        (await viewer("GET", "/dags/deps/dagRuns/r9/taskInstances/extract/links")).status,
      ).toBe(404);
    });

    it("says when a map index waits for its mapped task's maxActive", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      expect((await as(cp, "user")("POST", "/dags/fan/dagRuns", { dag_run_id: "r1" })).status).toBe(
        200,
      );
      const worker = edgeClient(cp, (await newWorkerToken(cp, ["*"])).token);
      await worker.register(["default"]);
      const jobs = (await worker.fetchJobs(0)).body.jobs;
      expect(jobs).toHaveLength(1);
      const each = "/dags/fan/dagRuns/r1/taskInstances/each";
      const viewer = as(cp, "viewer");
      const other = `${each}/${1 - jobs[0].mapIndex}`;
      expect((await viewer("GET", `${other}/dependencies`)).body).toEqual({
        dependencies: [
          {
            name: "Task Concurrency",
            reason:
              "The task's maxActiveTisPerDagrun (1) map indexes are queued or running in this run.",
          },
        ],
      });
      expect((await viewer("GET", `${each}/${jobs[0].mapIndex}/dependencies`)).body).toEqual({
        dependencies: [],
      });
      // The task as a whole has map indexes: the path must name one.
      expect((await viewer("GET", `${each}/dependencies`)).status).toBe(404);
    });

    it("answers the configuration only when exposed, to Op and Admin, secrets hidden", async () => {
      const closed = await startApiWithUsers(backend, { dags });
      const refused = await as(closed, "admin")("GET", "/config");
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toContain("BORDA_EXPOSE_CONFIG");
      expect((await as(closed, "admin")("GET", "/config/section/borda/option/port")).status).toBe(
        403,
      );

      const secretKey = "a-secret-key-of-at-least-thirty-two-characters";
      const cp = await startApiWithUsers(backend, {
        dags,
        config: { exposeConfig: true, secretKey },
      });
      const op = as(cp, "op");
      expect((await as(cp, "viewer")("GET", "/config")).status).toBe(403);
      const config = await op("GET", "/config");
      expect(config.status).toBe(200);
      const [section] = config.body.sections;
      expect(section.name).toBe("borda");
      const value = (key: string) =>
        section.options.find((o: { key: string }) => o.key === key)?.value;
      expect(value("dags_folder")).toBe(cp.config.dagsFolder);
      expect(value("expose_config")).toBe("true");
      expect(value("dag_parse_timeout")).toBe("30");
      for (const key of ["secret_key", "database_url", "encryption_keys", "admin_password"]) {
        expect(value(key)).toBe("< hidden >");
      }
      const text = JSON.stringify(config.body);
      expect(text).not.toContain(secretKey);
      expect(text).not.toContain("admin-password");

      expect((await op("GET", "/config?section=borda")).body).toEqual(config.body);
      expect((await op("GET", "/config?section=core")).status).toBe(404);
      expect((await op("GET", "/config/section/borda/option/expose_config")).body).toEqual({
        sections: [{ name: "borda", options: [{ key: "expose_config", value: "true" }] }],
      });
      expect((await op("GET", "/config/section/borda/option/nope")).status).toBe(404);
      expect((await op("GET", "/config/section/core/option/dags_folder")).status).toBe(404);

      const ini = await fetch(`${cp.url}/api/v1/config/section/borda/option/expose_config`, {
        headers: {
          accept: "text/plain",
          authorization: `Basic ${Buffer.from("op:op-password").toString("base64")}`,
        },
      });
      expect(await ini.text()).toBe("[borda]\nexpose_config = true\n");
    });

    it("answers Borda's plugins (none), providers, and fixed roles", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const viewer = as(cp, "viewer");
      expect((await viewer("GET", "/plugins")).body).toEqual({ plugins: [], total_entries: 0 });
      const providers = await viewer("GET", "/providers");
      expect(
        providers.body.providers.map((p: { package_name: string }) => p.package_name),
      ).toContain("apache-airflow-providers-standard");
      expect(providers.body.providers[0].description).toContain("Borda's own implementation");

      const admin = as(cp, "admin");
      const roles = await admin("GET", "/roles");
      expect(roles.body.total_entries).toBe(4);
      expect(roles.body.roles.map((r: { name: string }) => r.name)).toEqual([
        "Admin",
        "Op",
        "User",
        "Viewer",
      ]);
      expect((await admin("GET", "/roles?order_by=-name&limit=1")).body.roles[0].name).toBe(
        "Viewer",
      );
      const can = (role: { actions: { action: { name: string }; resource: { name: string } }[] }) =>
        role.actions.map((a) => `${a.action.name} ${a.resource.name}`);
      const viewerRole = (await admin("GET", "/roles/Viewer")).body;
      expect(can(viewerRole)).toContain("can_read DAGs");
      expect(can(viewerRole)).not.toContain("can_edit DAGs");
      const userRole = (await admin("GET", "/roles/User")).body;
      expect(can(userRole)).toEqual(expect.arrayContaining(["can_read DAGs", "can_edit DAGs"]));
      expect(can(userRole)).not.toContain("can_create Pools");
      expect(can((await admin("GET", "/roles/Admin")).body)).toContain("can_create Users");
      expect((await admin("GET", "/roles/Nope")).status).toBe(404);

      for (const [method, path] of [
        ["POST", "/roles"],
        ["PATCH", "/roles/Viewer"],
        ["DELETE", "/roles/Viewer"],
      ] as const) {
        const refused = await admin(method, path, method === "DELETE" ? undefined : { name: "X" });
        expect(refused.status).toBe(403);
        expect(refused.body.detail).toContain("fixed");
      }

      expect((await admin("GET", "/permissions")).body).toEqual({
        actions: [
          { name: "can_read" },
          { name: "can_create" },
          { name: "can_edit" },
          { name: "can_delete" },
        ],
        total_entries: 4,
      });
      expect((await as(cp, "op")("GET", "/roles")).status).toBe(403);
      expect((await as(cp, "op")("GET", "/permissions")).status).toBe(403);
    });
  },
);
