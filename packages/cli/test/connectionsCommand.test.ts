import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import path from "node:path";
import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePorts, runBorda, startServer, TestResources } from "./support.js";

const password = "s3cret-horse-battery";
const apiKey = "key-5f0c1a2b3c4d";
const plantUri = `postgres://etl_reader:${password}@historian.plant-7.internal:5432/telemetry?sslmode=require`;

describe("borda connections against a real server", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  let work: string;
  const env = () => ({
    PATH: process.env.PATH,
    BORDA_API_URL: cp.url,
    BORDA_API_USER: "admin",
    BORDA_API_PASSWORD: "pw",
  });
  const borda = (args: string[]) => runBorda(args, env(), { cwd: work });
  const stored = async (connId: string) => cp.credentials.getConnection(connId);

  beforeAll(async () => {
    work = resources.dir("borda-connections-work-");
    cp = await startServer(
      resources,
      resources.dir("borda-connections-"),
      {},
      { adminUser: "admin", adminPassword: "pw" },
    );
    const added = await borda(["connections", "add", "plant_db", "--conn-uri", plantUri]);
    expect(added.stderr).toBe("");
    const api = await borda([
      "connections",
      "add",
      "team_api",
      "--conn-type",
      "http",
      "--conn-host",
      "api.example.com",
      "--conn-login",
      "svc",
      "--conn-password",
      password,
      "--conn-port",
      "443",
      "--conn-extra",
      JSON.stringify({ api_key: apiKey, timeout: 10 }),
      "--conn-description",
      "Team A's API",
      "--queues",
      "team_a_*,team_a_etl",
    ]);
    expect(api.stderr).toBe("");
  });
  afterAll(() => resources.cleanup());

  it("adds a connection from a URI and from flags, and says what it stored without the password", async () => {
    expect(
      await borda(["connections", "add", "warehouse", "--conn-uri", plantUri, "--queues", "etl"]),
    ).toEqual({
      code: 0,
      stdout:
        "Added connection 'warehouse': postgres://etl_reader@historian.plant-7.internal:5432/telemetry?sslmode=require (with a password, never shown), readable by queues matching etl.\n",
      stderr: "",
    });
    expect(await stored("warehouse")).toMatchObject({
      connType: "postgres",
      host: "historian.plant-7.internal",
      port: 5432,
      login: "etl_reader",
      password,
      schema: "telemetry",
      extra: '{"sslmode":"require"}',
      queues: ["etl"],
    });
    expect(await stored("team_api")).toMatchObject({
      connType: "http",
      description: "Team A's API",
      host: "api.example.com",
      port: 443,
      login: "svc",
      password,
      extra: JSON.stringify({ api_key: apiKey, timeout: 10 }),
      queues: ["team_a_*", "team_a_etl"],
    });

    const noPassword = await borda([
      "connections",
      "add",
      "open_api",
      "--conn-type",
      "http",
      "--conn-host",
      "example.org",
    ]);
    expect(noPassword.stdout).toBe(
      "Added connection 'open_api': http://example.org, readable by every queue.\n",
    );
  });

  it("lists and shows connections with whether they have a password, never the password", async () => {
    const table = await borda(["connections", "list"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /^ID\s+TYPE\s+HOST\s+PORT\s+LOGIN\s+SCHEMA\s+PASSWORD\s+QUEUES\s+DESCRIPTION$/m,
    );
    expect(table.stdout).toMatch(
      /^plant_db\s+postgres\s+historian\.plant-7\.internal\s+5432\s+etl_reader\s+telemetry\s+set\s+\(all\)\s+-$/m,
    );
    expect(table.stdout).toMatch(
      /^team_api\s+http\s+api\.example\.com\s+443\s+svc\s+-\s+set\s+team_a_\*,team_a_etl\s+Team A's API$/m,
    );

    const listed = JSON.parse((await borda(["connections", "list", "--output", "json"])).stdout);
    expect(listed.find((c: { connection_id: string }) => c.connection_id === "plant_db")).toEqual({
      connection_id: "plant_db",
      conn_type: "postgres",
      description: null,
      host: "historian.plant-7.internal",
      login: "etl_reader",
      schema: "telemetry",
      port: 5432,
      queues: null,
      has_password: true,
    });

    const shown = await borda(["connections", "get", "team_api"]);
    expect(shown).toEqual({
      code: 0,
      stdout: [
        "id:           team_api",
        "type:         http",
        "description:  Team A's API",
        "host:         api.example.com",
        "port:         443",
        "login:        svc",
        "password:     set (write-only, never shown)",
        "schema:       -",
        'extra:        {"api_key":"***","timeout":10}',
        "queues:       team_a_*,team_a_etl",
        "uri:          http://svc@api.example.com:443/?__extra__=%7B%22api_key%22%3A%22***%22%2C%22timeout%22%3A10%7D",
        "",
      ].join("\n"),
      stderr: "",
    });
    const asJson = JSON.parse(
      (await borda(["connections", "get", "plant_db", "-o", "json"])).stdout,
    );
    expect(asJson).toMatchObject({ has_password: true, extra: '{"sslmode":"require"}' });
    expect(asJson).not.toHaveProperty("password");

    const everything = [table.stdout, JSON.stringify(listed), shown.stdout, JSON.stringify(asJson)];
    for (const output of everything) {
      expect(output).not.toContain(password);
      expect(output).not.toContain(apiKey);
    }
  });

  it("refuses a bad URI, clashing flags, a duplicate and a missing connection with clear messages", async () => {
    const badUri = await borda([
      "connections",
      "add",
      "broken",
      "--conn-uri",
      `${password}@nowhere`,
    ]);
    expect(badUri).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "borda: --conn-uri must be a URI such as postgres://login:password@host:5432/schema (percent-encode special characters in the login and password).\n",
    });

    expect(
      (await borda(["connections", "add", "broken", "--conn-uri", plantUri, "--conn-host", "x"]))
        .stderr,
    ).toBe("borda: --conn-uri holds the whole connection: drop --conn-host.\n");
    expect(
      (await borda(["connections", "add", "broken", "--conn-json", '{"host": "db.internal"}']))
        .stderr,
    ).toBe(`borda: Connection 'broken' has no "conn_type".\n`);
    expect(
      (await borda(["connections", "add", "broken", "--conn-host", "db.internal"])).stderr,
    ).toBe("borda: give --conn-type with the other --conn-* flags (or a --conn-uri instead).\n");
    expect(
      (await borda(["connections", "add", "broken", "--conn-type", "http", "--conn-extra", "[1]"]))
        .stderr,
    ).toBe(`borda: --conn-extra must be a JSON object, e.g. '{"sslmode": "require"}'.\n`);
    expect((await borda(["connections", "add", "broken"])).stderr).toBe(
      "borda: describe the connection: --conn-uri, --conn-json or --conn-type.\n",
    );
    const badQueue = await borda([
      "connections",
      "add",
      "broken",
      "--conn-type",
      "http",
      "--queues",
      "team a",
    ]);
    expect(badQueue.code).toBe(1);
    expect(badQueue.stderr).toMatch(/^borda: Invalid request: body\.queues\.0: a queue name/);
    expect(await stored("broken")).toBeNull();

    expect(await borda(["connections", "add", "plant_db", "--conn-uri", plantUri])).toEqual({
      code: 1,
      stdout: "",
      stderr: "borda: A connection 'plant_db' already exists; PATCH it to change it.\n",
    });
    const missing = await borda(["connections", "get", "nope"]);
    expect(missing).toEqual({
      code: 1,
      stdout: "",
      stderr: "borda: Connection 'nope' not found.\n",
    });

    await borda(["connections", "add", "doomed", "--conn-type", "http"]);
    expect(await borda(["connections", "delete", "doomed"])).toEqual({
      code: 0,
      stdout: "Deleted connection 'doomed'.\n",
      stderr: "",
    });
    const again = await borda(["connections", "delete", "doomed"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^borda: Connection 'doomed' not found/);
  });

  it("exports without passwords, naming the connections that have one", async () => {
    const file = path.join(work, "connections.json");
    const outcome = await borda(["connections", "export", file]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/^Exported \d+ connections to .*connections\.json\.\n$/);
    expect(outcome.stderr).toContain(
      "Passwords are write-only, so the file has none. These connections have one: plant_db, team_api, warehouse.",
    );
    expect(outcome.stderr).toContain("Sensitive fields of extra are written as ***, in: team_api.");
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const exported = JSON.parse(readFileSync(file, "utf8"));
    expect(exported.plant_db).toEqual({
      conn_type: "postgres",
      description: null,
      login: "etl_reader",
      host: "historian.plant-7.internal",
      port: 5432,
      schema: "telemetry",
      extra: '{"sslmode":"require"}',
    });
    expect(exported.team_api).toMatchObject({
      conn_type: "http",
      extra: '{"api_key":"***","timeout":10}',
      queues: ["team_a_*", "team_a_etl"],
    });
    expect(readFileSync(file, "utf8")).not.toContain(password);

    const toStdout = await borda(["connections", "export", "-"]);
    expect(JSON.parse(toStdout.stdout)).toEqual(exported);
    expect(toStdout.stderr).toMatch(/^Exported \d+ connections\.\n/);
  });

  it("imports Airflow's export format, skipping existing connections unless --overwrite, which keeps stored passwords", async () => {
    const file = path.join(work, "airflow-connections.json");
    writeFileSync(
      file,
      JSON.stringify({
        plant_db: { conn_type: "postgres", host: "elsewhere" },
        mes_db: {
          conn_type: "mysql",
          description: "MES",
          login: "reader",
          password: "mes-password-1",
          host: "mes.internal",
          port: 3306,
          schema: "mes",
          extra: { charset: "utf8" },
          queues: ["team_b_*"],
        },
        bucket: "aws://AKIA:aws-secret-77@s3.amazonaws.com/?region_name=eu-west-1",
        no_type: { host: "x" },
      }),
    );
    const outcome = await borda(["connections", "import", file]);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toBe(
      `Imported 2 of 4 connections from ${file}: 2 created, 0 updated, 1 skipped, 1 failed.\n`,
    );
    expect(outcome.stderr).toBe(
      [
        "Connection 'plant_db' already exists; skipped (--overwrite replaces it).",
        `Connection 'no_type' not imported: Connection 'no_type' has no "conn_type".`,
        "",
      ].join("\n"),
    );
    expect(await stored("plant_db")).toMatchObject({ host: "historian.plant-7.internal" });
    expect(await stored("mes_db")).toMatchObject({
      connType: "mysql",
      description: "MES",
      login: "reader",
      password: "mes-password-1",
      host: "mes.internal",
      port: 3306,
      schema: "mes",
      extra: '{"charset":"utf8"}',
      queues: ["team_b_*"],
    });
    expect(await stored("bucket")).toMatchObject({
      connType: "aws",
      login: "AKIA",
      password: "aws-secret-77",
      extra: '{"region_name":"eu-west-1"}',
      queues: null,
    });

    // The export, edited and imported back over the same connections.
    const exportFile = path.join(work, "round-trip.json");
    await borda(["connections", "export", exportFile]);
    const exported = JSON.parse(readFileSync(exportFile, "utf8"));
    exported.team_api.host = "api-v2.example.com";
    writeFileSync(exportFile, JSON.stringify({ team_api: exported.team_api }));
    const overwritten = await borda(["connections", "import", exportFile, "--overwrite"]);
    expect(overwritten).toEqual({
      code: 0,
      stdout: `Imported 1 of 1 connections from ${exportFile}: 0 created, 1 updated, 0 failed.\n`,
      stderr: "",
    });
    expect(await stored("team_api")).toMatchObject({
      host: "api-v2.example.com",
      password,
      extra: JSON.stringify({ api_key: apiKey, timeout: 10 }),
      queues: ["team_a_*", "team_a_etl"],
    });
  });

  it("shows the server's refusal when testing connections is disabled", async () => {
    expect(await borda(["connections", "test", "plant_db"])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "borda: Testing connections is disabled: set BORDA_TEST_CONNECTION=true on the control plane to enable it (it lets an Op open TCP connections from the control plane to any host and port).\n",
    });
  });
});

describe("borda connections test, enabled on the server", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  let listener: Server;
  let openPort: number;
  const env = () => ({
    PATH: process.env.PATH,
    BORDA_API_URL: cp.url,
    BORDA_API_USER: "admin",
    BORDA_API_PASSWORD: "pw",
  });
  const borda = (args: string[]) => runBorda(args, env());

  beforeAll(async () => {
    cp = await startServer(
      resources,
      resources.dir("borda-connections-test-"),
      {},
      { adminUser: "admin", adminPassword: "pw", testConnection: true },
    );
    listener = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    openPort = (listener.address() as { port: number }).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => listener.close(resolve));
    await resources.cleanup();
  });

  it("reports success for a stored connection the control plane reaches", async () => {
    await borda([
      "connections",
      "add",
      "local_db",
      "--conn-uri",
      `postgres://u:${password}@127.0.0.1:${openPort}/db`,
    ]);
    expect(await borda(["connections", "test", "local_db"])).toEqual({
      code: 0,
      stdout: `Connection success!\nThe control plane reached 127.0.0.1:${openPort} over TCP.\n`,
      stderr: "",
    });
  });

  it("tests a connection described by flags without storing it, and fails with exit code 1 when nothing answers", async () => {
    const [closedPort] = await freePorts(1);
    const outcome = await borda([
      "connections",
      "test",
      "unsaved",
      "--conn-type",
      "postgres",
      "--conn-host",
      "127.0.0.1",
      "--conn-port",
      String(closedPort),
    ]);
    expect(outcome.code).toBe(1);
    expect(outcome.stdout).toMatch(
      new RegExp(
        `^Connection failed!\\nThe control plane could not reach 127\\.0\\.0\\.1:${closedPort}: `,
      ),
    );
    expect(await cp.credentials.getConnection("unsaved")).toBeNull();
  });
});
