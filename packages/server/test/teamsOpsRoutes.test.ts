import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { hashPassword } from "../src/auth/passwords.js";
import { Role } from "../src/auth/roles.js";
import { createWorkerToken } from "../src/auth/workerTokens.js";
import type { Store } from "../src/store/index.js";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient } from "./support/controlPlane.js";
import { dagSpec, taskSpec } from "./support/dags.js";

type ControlPlane = Awaited<ReturnType<typeof startApiWithUsers>>;

/** Teams `a` and `b`, and `alice`, Op in team a only. */
async function twoTeams(
  backend: Parameters<typeof startApiWithUsers>[0],
  dags: Record<string, string> = {},
) {
  const cp = await startApiWithUsers(backend, { dags });
  const admin = as(cp, "admin");
  expect((await admin("POST", "/teams", { name: "a", queues: ["a_*"] })).status).toBe(200);
  expect((await admin("POST", "/teams", { name: "b", queues: ["b_*"] })).status).toBe(200);
  await cp.store.createUser(
    {
      username: "alice",
      role: Role.op,
      team: "a",
      passwordHash: await hashPassword("alice-password"),
    },
    new Date(),
  );
  return { cp, admin, alice: as(cp, "alice") };
}

/** A worker whose token carries the team label `team`. */
async function workerOf(cp: ControlPlane, name: string, team: string | null, queues: string[]) {
  const { token } = await createWorkerToken(
    cp.store,
    cp.secretKey,
    { name: `token-${name}`, team, queues: ["*"] },
    new Date(),
  );
  const worker = edgeClient(cp, token, name);
  expect((await worker.register(queues)).status).toBe(200);
  return worker;
}

/** Records one DAG as parsed from `fileloc`, its one task on `queue`. */
async function recordDag(store: Store, fileloc: string, dagId: string, queue: string) {
  const dags = [dagSpec(dagId, [taskSpec("t", { queue })])];
  const content = new TextEncoder().encode(JSON.stringify(dags));
  const hash = createHash("sha256").update(content).digest("hex");
  await store.recordParsedFile(
    { fileloc, origin: "folder", source: "// test", bundle: { hash, content }, dags },
    new Date(),
  );
}

/** Default's DAGs: one produces `orders`, one waits for both assets. */
const assetDags = `
import { asset, dag } from "borda";
const orders = asset("s3://warehouse/orders");
const customers = asset("s3://warehouse/customers");
export const produceOrders = dag({ id: "produce_orders" }, ({ task }) => {
  task({ id: "write_orders", outlets: [orders] }, () => "written");
});
export const consumeBoth = dag({ id: "consume_both", schedule: orders.and(customers) }, ({ task }) => {
  task({ id: "report" }, () => 1);
});
`;

const names = (items: Record<string, unknown>[], field: string) => items.map((i) => i[field]);

describeEachBackend("teams: pools, connections, variables, workers and status", (backend) => {
  it("shows a team's Op only their team's pools, connections and variables, and lets them change only those", async () => {
    const { admin, alice } = await twoTeams(backend);
    expect((await admin("POST", "/pools", { name: "b_pool", slots: 2, team: "b" })).status).toBe(
      200,
    );
    await admin("POST", "/connections", { connection_id: "b_db", conn_type: "pg", team: "b" });
    await admin("POST", "/variables", { key: "b_key", value: "b-secret", team: "b" });

    // Alice is Op in team a only: what she creates is team a's.
    const pool = await alice("POST", "/pools", { name: "a_pool", slots: 1 });
    expect(pool).toMatchObject({ status: 200, body: { name: "a_pool", team: "a" } });
    await alice("POST", "/connections", { connection_id: "a_db", conn_type: "pg" });
    await alice("POST", "/variables", { key: "a_key", value: "a-value" });
    expect(names((await alice("GET", "/pools")).body.pools, "name")).toEqual(["a_pool"]);
    expect(names((await alice("GET", "/connections")).body.connections, "team")).toEqual(["a"]);
    expect((await alice("GET", "/variables")).body.variables).toEqual([
      { key: "a_key", description: null, queues: null, team: "a" },
    ]);
    // An Admin sees every team's; `default`'s answer no team, as a single-team install's.
    const all = (await admin("GET", "/pools")).body.pools;
    expect(all.map((p: { name: string; team?: string }) => [p.name, p.team])).toEqual([
      ["a_pool", "a"],
      ["b_pool", "b"],
      ["default_pool", undefined],
    ]);

    // Team b's objects are as missing to her as ones that never existed.
    for (const [path, body] of [
      ["/pools/b_pool", { slots: 5 }],
      ["/connections/b_db", { host: "x" }],
      ["/variables/b_key", { value: "stolen" }],
    ] as const) {
      expect((await alice("GET", path)).status, path).toBe(404);
      expect((await alice("PATCH", path, body)).status, path).toBe(404);
      expect((await alice("DELETE", path)).status, path).toBe(404);
    }
    expect((await alice("GET", "/pools/default_pool")).status).toBe(404);
    // Nor can she create in team b, or move her own objects there.
    expect((await alice("POST", "/pools", { name: "x", slots: 1, team: "b" })).status).toBe(404);
    expect((await alice("POST", "/variables", { key: "x", value: "1", team: "b" })).status).toBe(
      404,
    );
    expect((await alice("PATCH", "/pools/a_pool", { team: "b" })).status).toBe(404);
    expect((await alice("PATCH", "/connections/a_db", { team: "b" })).status).toBe(404);
    expect((await admin("GET", "/variables/b_key")).body.value).toBe("b-secret");

    expect((await alice("PATCH", "/pools/a_pool", { slots: 3 })).body.slots).toBe(3);
    expect((await alice("DELETE", "/variables/a_key")).status).toBe(204);
    // An Admin moves an object between teams; default_pool stays default's.
    expect((await admin("PATCH", "/connections/a_db", { team: "b" })).body.team).toBe("b");
    expect((await alice("GET", "/connections/a_db")).status).toBe(404);
    expect((await admin("PATCH", "/pools/default_pool", { team: "a" })).status).toBe(400);

    const refused = (await admin("GET", "/eventLogs?order_by=event_log_id&limit=100")).body
      .event_logs as { event: string; owner: string }[];
    // Both refused reads of a connection: b_db, and a_db once it moved to team b.
    expect(refused.filter((e) => e.event === "refused:get_connection")).toHaveLength(2);
  });

  it("shows a team's members only their team's workers, queues and jobs, and their status", async () => {
    const { cp, admin, alice } = await twoTeams(backend);
    await workerOf(cp, "edge-a", "a", ["a_etl"]);
    await workerOf(cp, "edge-b", "b", ["b_etl"]);
    // A label that names no team puts the worker in default.
    await workerOf(cp, "edge-x", "plant-7", ["default"]);

    expect(names((await admin("GET", "/edge/workers")).body.workers, "worker_name")).toEqual([
      "edge-a",
      "edge-b",
      "edge-x",
    ]);
    expect(names((await alice("GET", "/edge/workers")).body.workers, "worker_name")).toEqual([
      "edge-a",
    ]);
    expect(names((await alice("GET", "/edge/queues")).body.queues, "queue")).toEqual(["a_etl"]);
    expect((await alice("GET", "/edge/workers/edge-b")).status).toBe(404);
    const maintenance = { on: true, comment: "disk" };
    expect((await alice("POST", "/edge/workers/edge-b/maintenance", maintenance)).status).toBe(404);
    expect((await alice("POST", "/edge/workers/edge-b/queues", { queue: "a_x" })).status).toBe(404);
    expect((await alice("DELETE", "/edge/workers/edge-x")).status).toBe(404);
    expect((await alice("POST", "/edge/workers/edge-a/maintenance", maintenance)).status).toBe(200);

    await cp.store.recordImportError(
      { fileloc: "a/broken.ts", origin: "folder", message: "SyntaxError", line: 1 },
      new Date(),
    );
    await cp.store.recordImportError(
      { fileloc: "b/broken.ts", origin: "folder", message: "SyntaxError", line: 1 },
      new Date(),
    );
    const status = (await alice("GET", "/status")).body;
    expect(status.import_errors.files.map((f: { filename: string }) => f.filename)).toEqual([
      "a/broken.ts",
    ]);
    expect((await admin("GET", "/status")).body.import_errors.count).toBe(2);

    await recordDag(cp.store, "b/etl.ts", "b_etl", "b_etl");
    await admin("POST", "/dags/b_etl/dagRuns", { dag_run_id: "r1" });
    await expect.poll(async () => (await admin("GET", "/edge/jobs")).body.total_entries).toBe(1);
    expect((await alice("GET", "/edge/jobs")).body.total_entries).toBe(0);
  });

  it("hands a task only its own team's connections and variables", async () => {
    const { cp, admin, alice } = await twoTeams(backend);
    await admin("POST", "/connections", { connection_id: "b_db", conn_type: "pg", team: "b" });
    await alice("POST", "/connections", { connection_id: "a_db", conn_type: "pg" });
    await admin("POST", "/variables", { key: "shared", value: "default's" });
    await recordDag(cp.store, "a/etl.ts", "a_etl", "a_etl");
    const worker = await workerOf(cp, "edge-a", "a", ["a_etl"]);
    expect((await alice("POST", "/dags/a_etl/dagRuns", { dag_run_id: "r1" })).status).toBe(200);
    const [job] = (await worker.fetchJobs(5000)).body.jobs;
    await worker.report(job.attemptId, "start");
    const ask = (what: string, body: unknown) =>
      worker.call("POST", `/workers/edge-a/attempts/${job.attemptId}/${what}`, body);

    expect(await ask("connection", { connId: "a_db" })).toMatchObject({ status: 200 });
    const refused = await ask("connection", { connId: "b_db" });
    const missing = await ask("connection", { connId: "no_db" });
    expect(refused.status).toBe(404);
    expect(refused.body.detail).toBe(missing.body.detail.replace("no_db", "b_db"));
    // `default`'s values serve `default`'s DAGs only.
    expect((await ask("variable", { key: "shared" })).status).toBe(404);

    const events = (await alice("GET", "/eventLogs?dag_id=a_etl&order_by=event_log_id")).body
      .event_logs as { event: string }[];
    expect(events.map((e) => e.event).filter((e) => e.startsWith("task."))).toEqual([
      "task.connection_read",
      "task.connection_refused",
      "task.variable_refused",
    ]);
  });

  it("shares assets, but shows a team only the producing and consuming DAGs and queued events it may see", async () => {
    const { admin, alice } = await twoTeams(backend, { "assets.ts": assetDags });
    const customers = encodeURIComponent("s3://warehouse/customers");
    const raised = await admin("POST", "/datasets/events", {
      dataset_uri: "s3://warehouse/customers",
    });
    expect(raised.status).toBe(200);

    const orders = encodeURIComponent("s3://warehouse/orders");
    const full = (await admin("GET", `/datasets/${orders}`)).body;
    expect(names(full.consuming_dags, "dag_id")).toEqual(["consume_both"]);
    expect(names(full.producing_tasks, "dag_id")).toEqual(["produce_orders"]);
    const seen = await alice("GET", `/datasets/${orders}`);
    expect(seen.body).toMatchObject({ consuming_dags: [], producing_tasks: [] });
    const listed = (await alice("GET", "/datasets")).body.datasets;
    expect(listed.flatMap((d: { consuming_dags: unknown[] }) => d.consuming_dags)).toEqual([]);
    // An event raised from outside has no source DAG: every team sees it.
    expect((await alice("GET", "/datasets/events")).body.total_entries).toBe(1);

    const queued = `/datasets/queuedEvent/${customers}`;
    expect((await admin("GET", queued)).body.total_entries).toBe(1);
    const hidden = await alice("GET", queued);
    expect(hidden.status === 404 || hidden.body.total_entries === 0).toBe(true);
    expect((await alice("DELETE", queued)).status).toBe(404);
    expect((await admin("GET", queued)).body.total_entries).toBe(1);
  });
});
