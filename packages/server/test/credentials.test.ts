import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken, startTestControlPlane } from "./support/controlPlane.js";

const plantDb = {
  connection_id: "plant_db",
  conn_type: "postgres",
  description: "The plant's historian",
  host: "historian.plant-7.internal",
  port: 5432,
  login: "etl_reader",
  password: "correct-horse-battery-staple",
  schema: "telemetry",
  extra: JSON.stringify({ sslmode: "require", api_key: "extra-api-key-0451" }),
  queues: ["team_a_*"],
};

const teamDag = `
import { dag } from "borda";
export default dag({ id: "teams", schedule: null }, ({ task }) => {
  task({ id: "team_a_task", queue: "team_a_etl" }, () => 1);
  task({ id: "team_b_task", queue: "team_b_etl" }, () => 2);
});
`;

const oldKey = "0ld-key-0000000000000000000000000000000000";
const newKey = "n3w-key-1111111111111111111111111111111111";

describeEachBackend("connections and variables", (backend) => {
  it("keeps a connection's password write-only: stored, but never answered, listed or logged", async () => {
    const cp = await startApiWithUsers(backend);
    const admin = as(cp, "admin");
    const created = await admin("POST", "/connections", plantDb);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      connection_id: "plant_db",
      host: "historian.plant-7.internal",
      has_password: true,
      queues: ["team_a_*"],
    });
    expect(created.body).not.toHaveProperty("password");
    expect(JSON.parse(created.body.extra)).toEqual({ sslmode: "require", api_key: "***" });

    const listed = await admin("GET", "/connections");
    expect(listed.body.total_entries).toBe(1);
    expect(listed.body.connections[0]).not.toHaveProperty("extra");
    const events = await admin("GET", "/eventLogs?event=post_connection");
    const everything = JSON.stringify([created.body, listed.body, events.body]);
    expect(events.body.total_entries).toBe(1);
    expect(everything).not.toContain(plantDb.password);
    expect(everything).not.toContain("extra-api-key-0451");

    // The value itself is intact, for tasks.
    expect((await cp.credentials.getConnection("plant_db"))?.password).toBe(plantDb.password);
  });

  it("keeps the stored password and the extra's secrets when an edit leaves them as shown", async () => {
    const cp = await startApiWithUsers(backend);
    const admin = as(cp, "admin");
    await admin("POST", "/connections", plantDb);
    const shown = (await admin("GET", "/connections/plant_db")).body;
    const edited = await admin("PATCH", "/connections/plant_db?update_mask=host,extra", {
      ...shown,
      host: "historian-2.plant-7.internal",
      extra: JSON.stringify({ ...JSON.parse(shown.extra), timeout: "10" }),
    });
    expect(edited.status).toBe(200);
    const stored = await cp.credentials.getConnection("plant_db");
    expect(stored).toMatchObject({
      host: "historian-2.plant-7.internal",
      password: plantDb.password,
      port: 5432,
    });
    expect(JSON.parse(stored?.extra ?? "{}")).toEqual({
      sslmode: "require",
      api_key: "extra-api-key-0451",
      timeout: "10",
    });
    const renamed = await admin("PATCH", "/connections/plant_db", { connection_id: "other" });
    expect(renamed).toMatchObject({ status: 400, body: { code: "invalid_input" } });
  });

  it("sets, edits and deletes a variable, and lists variables without their values", async () => {
    const cp = await startApiWithUsers(backend);
    const op = as(cp, "op");
    const created = await op("POST", "/variables", {
      key: "api_token",
      value: "tok-9f8e7d6c5b4a",
      description: "The vendor API's token",
    });
    expect(created).toMatchObject({
      status: 200,
      body: { key: "api_token", value: "tok-9f8e7d6c5b4a", queues: null },
    });
    expect((await op("POST", "/variables", { key: "api_token", value: "x" })).status).toBe(409);
    const patched = await op("PATCH", "/variables/api_token?update_mask=value", {
      key: "api_token",
      value: "tok-new-value-1234",
      description: "ignored: not in the mask",
    });
    expect(patched.body).toMatchObject({
      value: "tok-new-value-1234",
      description: "The vendor API's token",
    });
    const listed = await op("GET", "/variables");
    expect(listed.body.variables).toEqual([
      { key: "api_token", description: "The vendor API's token", queues: null },
    ]);
    const events = await op("GET", "/eventLogs?event=patch_variable");
    expect(JSON.stringify(events.body)).not.toContain("tok-new-value-1234");
    expect((await op("DELETE", "/variables/api_token")).status).toBe(204);
    expect((await op("GET", "/variables/api_token")).status).toBe(404);
  });

  it("lets only Op and Admin read or change them, and answers bad bodies with 400", async () => {
    const cp = await startApiWithUsers(backend);
    for (const who of ["viewer", "user"]) {
      expect((await as(cp, who)("GET", "/connections")).status).toBe(403);
      expect((await as(cp, who)("GET", "/variables")).status).toBe(403);
    }
    expect((await as(cp, null)("GET", "/variables")).status).toBe(401);
    const admin = as(cp, "admin");
    const badExtra = await admin("POST", "/connections", { ...plantDb, extra: "[1, 2]" });
    expect(badExtra.status).toBe(400);
    expect(badExtra.body.detail).toMatch(/extra.*JSON object/);
    const badId = await admin("POST", "/variables", { key: "no spaces", value: "v" });
    expect(badId.status).toBe(400);
    expect(badId.body.detail).toMatch(/key/);
    const untested = await admin("POST", "/connections/test", plantDb);
    expect(untested.status).toBe(403);
    expect(untested.body.detail).toMatch(/BORDA_TEST_CONNECTION/);
  });

  it("hands a running attempt a value in its scope, refuses one outside it, and logs both", async () => {
    const cp = await startApiWithUsers(backend, { dags: { "teams.ts": teamDag } });
    const admin = as(cp, "admin");
    await admin("POST", "/connections", plantDb);
    await admin("POST", "/variables", { key: "region", value: "eu-west", queues: ["team_b_*"] });
    await admin("POST", "/dags/teams/dagRuns", { dag_run_id: "r1" });
    const teamA = edgeClient(cp, (await newWorkerToken(cp, ["team_a_*"], "team-a")).token, "a1");
    const teamB = edgeClient(cp, (await newWorkerToken(cp, ["team_b_*"], "team-b")).token, "b1");
    await teamA.register(["team_a_etl"]);
    await teamB.register(["team_b_etl"]);
    const [jobA] = (await teamA.fetchJobs(5000)).body.jobs;
    const [jobB] = (await teamB.fetchJobs(5000)).body.jobs;
    await teamA.report(jobA.attemptId, "start");
    await teamB.report(jobB.attemptId, "start");
    const ask = (worker: typeof teamA, attemptId: string, what: string, body: unknown) =>
      worker.call(
        "POST",
        `/workers/${worker === teamA ? "a1" : "b1"}/attempts/${attemptId}/${what}`,
        body,
      );

    const read = await ask(teamA, jobA.attemptId, "connection", { connId: "plant_db" });
    expect(read).toMatchObject({
      status: 200,
      body: { connId: "plant_db", password: plantDb.password, login: "etl_reader" },
    });
    const refused = await ask(teamB, jobB.attemptId, "connection", { connId: "plant_db" });
    expect(refused.status).toBe(403);
    expect(refused.body.detail).toBe(
      "Connection 'plant_db' may be read only by tasks on queues matching team_a_*; task 'team_b_task' of DAG 'teams' runs on queue 'team_b_etl'.",
    );
    expect(await ask(teamB, jobB.attemptId, "variable", { key: "region" })).toMatchObject({
      status: 200,
      body: { key: "region", value: "eu-west" },
    });
    expect((await ask(teamA, jobA.attemptId, "variable", { key: "nope" })).status).toBe(404);
    // Another worker's attempt is not this worker's to read for.
    const stolen = await ask(teamB, jobA.attemptId, "connection", { connId: "plant_db" });
    expect(stolen).toMatchObject({ status: 409, body: { code: "stale_attempt" } });

    const events = (await admin("GET", "/eventLogs?dag_id=teams&order_by=event_log_id")).body
      .event_logs;
    const reads = events
      .filter((e: { event: string }) => e.event.startsWith("task."))
      .map((e: { event: string; owner: string; task_id: string; extra: string }) => ({
        event: e.event,
        owner: e.owner,
        task: e.task_id,
        attempt: JSON.parse(e.extra).attempt_id,
      }));
    expect(reads).toEqual([
      {
        event: "task.connection_read",
        owner: "worker:a1",
        task: "team_a_task",
        attempt: jobA.attemptId,
      },
      {
        event: "task.connection_refused",
        owner: "worker:b1",
        task: "team_b_task",
        attempt: jobB.attemptId,
      },
      {
        event: "task.variable_read",
        owner: "worker:b1",
        task: "team_b_task",
        attempt: jobB.attemptId,
      },
    ]);
    expect(JSON.stringify(events)).not.toContain(plantDb.password);
  });

  it("re-encrypts every value under a new key, and each stays readable once the old key is gone", async () => {
    const first = await startTestControlPlane(backend, { config: { encryptionKeys: oldKey } });
    await first.credentials.createConnection({
      connId: "plant_db",
      connType: "postgres",
      description: null,
      host: plantDb.host,
      port: 5432,
      login: "etl",
      password: plantDb.password,
      schema: null,
      extra: null,
      queues: null,
    });
    await first.credentials.createVariable({
      key: "region",
      value: "eu-west",
      description: null,
      queues: ["team_b_*"],
    });
    await first.stop();
    first.stopped = true;

    const rotating = await startTestControlPlane(backend, {
      replicaOf: first,
      config: { encryptionKeys: `${newKey},${oldKey}` },
    });
    expect(await rotating.credentials.rotate()).toEqual({ reencrypted: 2, total: 2 });
    expect(await rotating.credentials.rotate()).toEqual({ reencrypted: 0, total: 2 });
    await rotating.stop();
    rotating.stopped = true;

    const rotated = await startTestControlPlane(backend, {
      replicaOf: first,
      config: { encryptionKeys: newKey },
    });
    expect((await rotated.credentials.getConnection("plant_db"))?.password).toBe(plantDb.password);
    expect((await rotated.credentials.getVariable("region"))?.value).toBe("eu-west");
    await rotated.stop();
    rotated.stopped = true;

    const withOldKeyOnly = await startTestControlPlane(backend, {
      replicaOf: first,
      config: { encryptionKeys: oldKey },
    });
    await expect(withOldKeyOnly.credentials.getVariable("region")).rejects.toThrow(
      /sealed with key [0-9a-f]+, which is not in BORDA_ENCRYPTION_KEYS/,
    );
  });

  it("stores no plain secret in the database: not in its file, its WAL, nor its rows", async () => {
    const cp = await startApiWithUsers(backend);
    const admin = as(cp, "admin");
    await admin("POST", "/connections", plantDb);
    await admin("POST", "/variables", { key: "vendor_secret", value: "vendor-secret-8c1d2e" });
    const secrets = [plantDb.password, plantDb.host, "extra-api-key-0451", "vendor-secret-8c1d2e"];
    const rows = JSON.stringify([
      await cp.store.listCredentials("connection"),
      await cp.store.listCredentials("variable"),
    ]);
    for (const secret of secrets) expect(rows).not.toContain(secret);
    if (backend.name === "sqlite") {
      const files = ["borda.db", "borda.db-wal"]
        .map((name) => path.join(cp.config.home, name))
        .filter((file) => existsSync(file));
      expect(files).toContain(path.join(cp.config.home, "borda.db-wal"));
      const bytes = Buffer.concat(files.map((file) => readFileSync(file)));
      // The search finds what is stored plainly, so not finding the secrets means something.
      expect(bytes.includes(plantDb.description)).toBe(true);
      for (const secret of secrets) expect(bytes.includes(secret), secret).toBe(false);
    }
  });
});
