import { expect, it } from "vitest";
import type { ControlPlane } from "../src/controlPlane.js";
import {
  describeWithAirflowSpec,
  expectAirflowConformant,
  listAirflowOperations,
} from "./support/airflowConformance.js";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";

/**
 * Every Airflow operation Borda serves answers a representative request in the shape
 * Airflow's spec declares. The operations come from Borda's own OpenAPI document, so a
 * new route with Airflow's method and path fails this file until the table below sends
 * it a request: no Airflow endpoint ships without a conformance check.
 */

const dags = {
  "coverage.ts": `
import { dag } from "borda";
export default dag({ id: "coverage", params: { rows: { type: "integer", default: 10 } } },
  ({ task, mappedTask }) => {
    const extract = task({ id: "extract", retries: 1 }, () => 42);
    mappedTask({ id: "fan", expand: { n: [1, 2] } }, (ctx) => ctx.inputs.n).after(extract);
  });`,
  "broken.ts": `import { dag } from "borda";\nthrow new Error("broken on purpose");`,
  // Three DAGs waiting on two assets, so one event leaves three queued events to delete.
  "coverage_assets.ts": `
import { asset, dag } from "borda";
const schedule = asset("s3://coverage/a").and(asset("s3://coverage/b"));
export const [first, second, third] = ["first", "second", "third"].map((id) =>
  dag({ id: \`coverage_\${id}\`, schedule }, ({ task }) => { task({ id: "use" }, () => 1); }));`,
};

/** What requests name that only the server knows, read once the fixture is made. */
interface Fixture {
  fileToken: string;
  eventLogId: number;
  importErrorId: number;
  /** The control plane's own port: a connection test reaches it. */
  port: number;
}

interface Request {
  path: string;
  body?: unknown;
}

const run = "/dags/coverage/dagRuns/finished";
/** A dataset URI as a path segment: URL-encoded, as Airflow's clients send it. */
const datasetA = encodeURIComponent("s3://coverage/a");
const instance = `${run}/taskInstances/extract`;
const mapped = `${run}/taskInstances/fan`;

/**
 * One successful request per Airflow operation Borda serves, keyed by Airflow's method and
 * path template, sent in this order: what a request changes or deletes, it made before
 * (the pool, the user, the run `to_delete`), and changes to the finished run are dry runs.
 */
function representativeRequests(fixture: Fixture): Record<string, Request> {
  return {
    "GET /health": { path: "/health" },
    "GET /version": { path: "/version" },

    "GET /pools": { path: "/pools" },
    "POST /pools": { path: "/pools", body: { name: "coverage_pool", slots: 2 } },
    "GET /pools/{pool_name}": { path: "/pools/coverage_pool" },
    "PATCH /pools/{pool_name}": { path: "/pools/coverage_pool", body: { slots: 3 } },
    "DELETE /pools/{pool_name}": { path: "/pools/coverage_pool" },

    "GET /connections": { path: "/connections" },
    "POST /connections": {
      path: "/connections",
      body: {
        connection_id: "coverage_db",
        conn_type: "postgres",
        host: "db.example.com",
        port: 5432,
        login: "etl",
        password: "coverage-password",
        extra: '{"sslmode": "require"}',
      },
    },
    "GET /connections/{connection_id}": { path: "/connections/coverage_db" },
    "PATCH /connections/{connection_id}": {
      path: "/connections/coverage_db?update_mask=port",
      body: { connection_id: "coverage_db", conn_type: "postgres", port: 5433 },
    },
    "POST /connections/test": {
      path: "/connections/test",
      body: {
        connection_id: "coverage_db",
        conn_type: "http",
        host: "127.0.0.1",
        port: fixture.port,
      },
    },
    "DELETE /connections/{connection_id}": { path: "/connections/coverage_db" },

    "GET /variables": { path: "/variables" },
    "POST /variables": { path: "/variables", body: { key: "coverage_region", value: "eu" } },
    "GET /variables/{variable_key}": { path: "/variables/coverage_region" },
    "PATCH /variables/{variable_key}": {
      path: "/variables/coverage_region",
      body: { key: "coverage_region", value: "us" },
    },
    "DELETE /variables/{variable_key}": { path: "/variables/coverage_region" },

    "GET /dags": { path: "/dags" },
    "GET /dags/{dag_id}": { path: "/dags/coverage" },
    "PATCH /dags/{dag_id}": { path: "/dags/coverage", body: { is_paused: false } },
    "GET /dags/{dag_id}/details": { path: "/dags/coverage/details" },
    "GET /dags/{dag_id}/tasks": { path: "/dags/coverage/tasks" },
    "GET /dags/{dag_id}/tasks/{task_id}": { path: "/dags/coverage/tasks/extract" },
    "GET /dagSources/{file_token}": { path: `/dagSources/${fixture.fileToken}` },
    "GET /dagStats": { path: "/dagStats?dag_ids=coverage" },

    "PATCH /dags": {
      path: "/dags?dag_id_pattern=coverage_&update_mask=is_paused",
      body: { is_paused: false },
    },
    "PUT /parseDagFile/{file_token}": { path: `/parseDagFile/${fixture.fileToken}` },
    "GET /dagWarnings": { path: "/dagWarnings" },

    "GET /dags/{dag_id}/dagRuns": { path: "/dags/coverage/dagRuns" },
    "POST /dags/{dag_id}/dagRuns": {
      path: "/dags/coverage/dagRuns",
      body: { dag_run_id: "to_delete" },
    },
    "POST /dags/~/dagRuns/list": { path: "/dags/~/dagRuns/list", body: { dag_ids: ["coverage"] } },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}": { path: run },
    "PATCH /dags/{dag_id}/dagRuns/{dag_run_id}": {
      path: "/dags/coverage/dagRuns/to_delete",
      body: { state: "failed" },
    },
    "PATCH /dags/{dag_id}/dagRuns/{dag_run_id}/setNote": {
      path: `${run}/setNote`,
      body: { note: "checked" },
    },
    "POST /dags/{dag_id}/dagRuns/{dag_run_id}/clear": {
      path: `${run}/clear`,
      body: { dry_run: true },
    },

    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances": { path: `${run}/taskInstances` },
    "POST /dags/~/dagRuns/~/taskInstances/list": {
      path: "/dags/~/dagRuns/~/taskInstances/list",
      body: { dag_ids: ["coverage"] },
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}": { path: instance },
    "PATCH /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}": {
      path: instance,
      body: { dry_run: true, new_state: "failed" },
    },
    "PATCH /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/setNote": {
      path: `${instance}/setNote`,
      body: { note: "checked" },
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries": {
      path: `${instance}/tries`,
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries/{task_try_number}": {
      path: `${instance}/tries/1`,
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/logs/{task_try_number}": {
      path: `${instance}/logs/1`,
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/listMapped": {
      path: `${mapped}/listMapped`,
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}": {
      path: `${mapped}/1`,
    },
    "PATCH /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}": {
      path: `${mapped}/1`,
      body: { dry_run: true, new_state: "failed" },
    },
    "PATCH /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/setNote": {
      path: `${mapped}/1/setNote`,
      body: { note: "checked" },
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/tries": {
      path: `${mapped}/1/tries`,
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/tries/{task_try_number}":
      { path: `${mapped}/1/tries/1` },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/dependencies": {
      path: `${instance}/dependencies`,
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/dependencies": {
      path: `${mapped}/1/dependencies`,
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/links": {
      path: `${instance}/links`,
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries": {
      path: `${instance}/xcomEntries`,
    },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/xcomEntries/{xcom_key}": {
      path: `${instance}/xcomEntries/return_value`,
    },
    "POST /dags/{dag_id}/updateTaskInstancesState": {
      path: "/dags/coverage/updateTaskInstancesState",
      body: { dry_run: true, task_id: "extract", dag_run_id: "finished", new_state: "failed" },
    },
    "POST /dags/{dag_id}/clearTaskInstances": {
      path: "/dags/coverage/clearTaskInstances",
      body: { dry_run: true, dag_run_id: "finished", only_failed: false },
    },

    "GET /eventLogs": { path: "/eventLogs" },
    "GET /eventLogs/{event_log_id}": { path: `/eventLogs/${fixture.eventLogId}` },
    "GET /importErrors": { path: "/importErrors" },
    "GET /importErrors/{import_error_id}": { path: `/importErrors/${fixture.importErrorId}` },

    "GET /config": { path: "/config" },
    "GET /config/section/{section}/option/{option}": {
      path: "/config/section/borda/option/dags_folder",
    },
    "GET /plugins": { path: "/plugins" },
    "GET /providers": { path: "/providers" },
    "GET /roles": { path: "/roles" },
    "GET /roles/{role_name}": { path: "/roles/Viewer" },
    "GET /permissions": { path: "/permissions" },

    "GET /users": { path: "/users" },
    "POST /users": {
      path: "/users",
      body: { username: "coverage_user", password: "secret", roles: [{ name: "Viewer" }] },
    },
    "GET /users/{username}": { path: "/users/coverage_user" },
    "PATCH /users/{username}": { path: "/users/coverage_user", body: { roles: [{ name: "Op" }] } },
    "DELETE /users/{username}": { path: "/users/coverage_user" },

    "POST /datasets/events": {
      path: "/datasets/events",
      body: { dataset_uri: "s3://coverage/a", extra: { rows: 1 } },
    },
    "GET /datasets": { path: "/datasets" },
    "GET /datasets/{uri}": { path: `/datasets/${datasetA}` },
    "GET /datasets/events": { path: "/datasets/events" },
    "GET /dags/{dag_id}/dagRuns/{dag_run_id}/upstreamDatasetEvents": {
      path: `${run}/upstreamDatasetEvents`,
    },
    "GET /dags/{dag_id}/datasets/queuedEvent/{uri}": {
      path: `/dags/coverage_first/datasets/queuedEvent/${datasetA}`,
    },
    "GET /dags/{dag_id}/datasets/queuedEvent": {
      path: "/dags/coverage_first/datasets/queuedEvent",
    },
    "GET /datasets/queuedEvent/{uri}": { path: `/datasets/queuedEvent/${datasetA}` },
    "DELETE /dags/{dag_id}/datasets/queuedEvent/{uri}": {
      path: `/dags/coverage_first/datasets/queuedEvent/${datasetA}`,
    },
    "DELETE /dags/{dag_id}/datasets/queuedEvent": {
      path: "/dags/coverage_second/datasets/queuedEvent",
    },
    "DELETE /datasets/queuedEvent/{uri}": { path: `/datasets/queuedEvent/${datasetA}` },

    "DELETE /dags/{dag_id}/dagRuns/{dag_run_id}": { path: "/dags/coverage/dagRuns/to_delete" },
    "DELETE /dags/{dag_id}": { path: "/dags/coverage_third" },
  };
}

/**
 * The Airflow operations Borda deliberately does not serve, and why. An operation of the
 * spec neither served nor named here fails the test, and so does one named here but served.
 */
const leftOut: Record<string, string> = {
  "POST /roles":
    "Borda's four roles are fixed (Airflow's built-in Admin, Op, User, Viewer): it answers 403 saying so",
  "PATCH /roles/{role_name}": "roles are fixed: it answers 403 saying so",
  "DELETE /roles/{role_name}": "roles are fixed: it answers 403 saying so",
};

/** A path template with its parameters unnamed: Borda and Airflow may name them differently. */
const shapeOf = (method: string, template: string) =>
  `${method.toUpperCase()} ${template.replace(/\{[^}]+\}/g, "{}")}`;

/** The operations Borda's OpenAPI document describes under /api/v1, by shape. */
async function servedShapes(cp: ControlPlane): Promise<Set<string>> {
  const document = (await (await fetch(`${cp.url}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  return new Set(
    Object.entries(document.paths)
      .filter(([path]) => path.startsWith("/api/v1/"))
      .flatMap(([path, item]) =>
        Object.keys(item)
          .filter((method) => ["get", "put", "post", "patch", "delete"].includes(method))
          .map((method) => shapeOf(method, path.slice("/api/v1".length))),
      ),
  );
}

/**
 * A run that finished: its task ran on a worker, wrote a log line and returned a value,
 * and the task mapped after it ran its two map indexes.
 */
async function finishRun(cp: ControlPlane): Promise<void> {
  const triggered = await as(cp, "admin")("POST", "/dags/coverage/dagRuns", {
    dag_run_id: "finished",
  });
  expect(triggered.status).toBe(200);
  const worker = edgeClient(cp, (await newWorkerToken(cp, ["*"])).token);
  await worker.register(["default"]);
  const [job] = (await worker.fetchJobs(0)).body.jobs;
  expect((await worker.report(job.attemptId, "start")).status).toBe(200);
  await worker.log(job.attemptId, 0, "extracting\n");
  expect((await worker.report(job.attemptId, "success", { returnValue: 42 })).status).toBe(200);
  const fanned = (await worker.fetchJobs(0)).body.jobs;
  expect(fanned).toHaveLength(2);
  for (const each of fanned) {
    expect((await worker.report(each.attemptId, "start")).status).toBe(200);
    expect((await worker.report(each.attemptId, "success", { returnValue: 1 })).status).toBe(200);
  }
  const finished = await as(cp, "admin")("GET", run);
  expect(finished.body.state).toBe("success");
}

describeWithAirflowSpec("Airflow's operations that Borda serves", () => {
  describeEachBackend("conformance with Airflow's spec", (backend) => {
    it("answers a representative request for each, 2xx and in Airflow's shape", async () => {
      const cp = await startApiWithUsers(backend, {
        dags,
        config: { testConnection: true, exposeConfig: true },
      });
      await finishRun(cp);
      const admin = as(cp, "admin");
      const requests = representativeRequests({
        fileToken: (await admin("GET", "/dags/coverage")).body.file_token,
        eventLogId: (await admin("GET", "/eventLogs?limit=1")).body.event_logs[0].event_log_id,
        importErrorId: (await admin("GET", "/importErrors")).body.import_errors[0].import_error_id,
        port: Number(new URL(cp.url).port),
      });

      const served = await servedShapes(cp);
      const all = listAirflowOperations().map((op) => ({
        ...op,
        key: `${op.method.toUpperCase()} ${op.path}`,
      }));
      const operations = all.filter((op) => served.has(shapeOf(op.method, op.path)));
      const notServed = all.filter((op) => !served.has(shapeOf(op.method, op.path)));
      console.info(
        [
          `Borda serves ${operations.length} of ${all.length} Airflow v1 operations.`,
          ...notServed.map(
            (op) => `  left out: ${op.key} (${op.operationId}): ${leftOut[op.key] ?? "NO REASON"}`,
          ),
        ].join("\n"),
      );
      expect(
        notServed.filter((op) => !Object.hasOwn(leftOut, op.key)).map((op) => op.key),
        "Airflow operations Borda neither serves nor names in leftOut with a reason",
      ).toEqual([]);
      expect(
        Object.keys(leftOut).filter((key) => !notServed.some((op) => op.key === key)),
        "leftOut names operations that Borda serves, or that are not Airflow's",
      ).toEqual([]);
      const uncovered = operations
        .filter((op) => !Object.hasOwn(requests, op.key))
        .map((op) => `${op.key} (${op.operationId})`);
      expect(
        uncovered,
        "Borda serves these Airflow operations, but representativeRequests sends them nothing",
      ).toEqual([]);
      const keys = new Set(operations.map((op) => op.key));
      expect(
        Object.keys(requests).filter((key) => !keys.has(key)),
        "representativeRequests names operations that are not Airflow's, or that Borda does not serve",
      ).toEqual([]);

      for (const [key, request] of Object.entries(requests)) {
        const [method = "", template = ""] = key.split(" ");
        const answer = await admin(method, request.path, request.body);
        expect(answer.status, `${key}: ${JSON.stringify(answer.body)}`).toBeGreaterThanOrEqual(200);
        expect(answer.status, `${key}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
        // `as` checked the answer against the first template its path matches; a path can
        // match two (`.../{task_id}/tries` and `.../{task_id}/{map_index}`): check the one meant.
        expectAirflowConformant(method, template, answer.status, answer.body ?? undefined);
      }
    });
  });
});
