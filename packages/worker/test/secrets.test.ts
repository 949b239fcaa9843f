import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TaskConnection } from "@borda/protocol";
import { describe, expect, it } from "vitest";
import { EdgeClient } from "../src/client/edgeClient.js";
import { LocalSecrets } from "../src/secrets/localSecrets.js";
import { controlPlaneSecrets, SecretsResolver } from "../src/secrets/secretsResolver.js";
import { FakeControlPlane, testToken } from "./support/fakeControlPlane.js";
import { useResources } from "./support/resources.js";

const plantDb: TaskConnection = {
  connId: "plant_db",
  connType: "postgres",
  description: null,
  host: "historian.plant-7.internal",
  port: 5432,
  login: "etl_reader",
  password: "s3cret pw",
  schema: "telemetry",
  extra: JSON.stringify({ sslmode: "require" }),
};

const plantDbUri =
  "postgres://etl_reader:s3cret%20pw@historian.plant-7.internal:5432/telemetry?sslmode=require";

describe("worker-local secrets", () => {
  const resources = useResources();

  it("reads a connection from the worker's environment, as a URI or as JSON, and a variable", async () => {
    const local = new LocalSecrets({
      env: {
        AIRFLOW_CONN_PLANT_DB: plantDbUri,
        AIRFLOW_CONN_API: JSON.stringify({
          conn_type: "http",
          host: "api.internal",
          password: "t0ken-value",
          extra: { timeout: 10 },
        }),
        AIRFLOW_VAR_REGION: "eu-west",
      },
      secretsDir: null,
    });
    expect(await local.connection("plant_db")).toEqual(plantDb);
    expect(await local.connection("api")).toMatchObject({
      connId: "api",
      connType: "http",
      host: "api.internal",
      password: "t0ken-value",
      extra: '{"timeout":10}',
    });
    expect(await local.variable("region")).toBe("eu-west");
    expect(await local.connection("other")).toBeNull();
    expect(await local.variable("other")).toBeNull();
  });

  it("reads files of the same names in the secrets directory, and one level down, without their trailing newline", async () => {
    const dir = resources.dir();
    writeFileSync(path.join(dir, "AIRFLOW_VAR_REGION"), "eu-west\n");
    mkdirSync(path.join(dir, "plant-db"));
    writeFileSync(path.join(dir, "plant-db", "AIRFLOW_CONN_PLANT_DB"), `${plantDbUri}\n`);
    mkdirSync(path.join(dir, "AIRFLOW_VAR_SETTINGS"));
    writeFileSync(path.join(dir, "AIRFLOW_VAR_SETTINGS", "AIRFLOW_VAR_SETTINGS"), '{"a": 1}');
    const local = new LocalSecrets({ env: {}, secretsDir: dir });
    expect(await local.connection("plant_db")).toEqual(plantDb);
    expect(await local.variable("region")).toBe("eu-west");
    expect(await local.variable("settings")).toBe('{"a": 1}');
  });

  it("reads a mounted Kubernetes Secret through its links, not its hidden ..data copies", async () => {
    const dir = resources.dir();
    const data = path.join(dir, "..2026_01_01_00_00_00.000000001");
    mkdirSync(data);
    writeFileSync(path.join(data, "AIRFLOW_VAR_REGION"), "eu-west");
    writeFileSync(path.join(data, "AIRFLOW_VAR_HIDDEN"), "only in ..data");
    symlinkSync(path.basename(data), path.join(dir, "..data"));
    symlinkSync(path.join("..data", "AIRFLOW_VAR_REGION"), path.join(dir, "AIRFLOW_VAR_REGION"));
    const local = new LocalSecrets({ env: {}, secretsDir: dir });
    expect(await local.variable("region")).toBe("eu-west");
    expect(await local.variable("hidden")).toBeNull();
  });

  it("reads a file again at each request, so a rotated secret takes effect at once", async () => {
    const dir = resources.dir();
    const file = path.join(dir, "AIRFLOW_VAR_API_TOKEN");
    const local = new LocalSecrets({ env: {}, secretsDir: dir });
    writeFileSync(file, "first-token");
    expect(await local.variable("api_token")).toBe("first-token");
    writeFileSync(file, "rotated-token");
    expect(await local.variable("api_token")).toBe("rotated-token");
  });

  it("prefers the environment to the secrets directory", async () => {
    const dir = resources.dir();
    writeFileSync(path.join(dir, "AIRFLOW_VAR_REGION"), "from-file");
    const local = new LocalSecrets({ env: { AIRFLOW_VAR_REGION: "from-env" }, secretsDir: dir });
    expect(await local.variable("region")).toBe("from-env");
  });

  it("names the variable or file whose connection is malformed, without quoting it", async () => {
    const dir = resources.dir();
    mkdirSync(path.join(dir, "api"));
    const file = path.join(dir, "api", "AIRFLOW_CONN_API");
    writeFileSync(file, '{"conn_type": "http", "password": s3cret-unquoted}');
    const local = new LocalSecrets({
      env: { AIRFLOW_CONN_PLANT_DB: "not a connection" },
      secretsDir: dir,
    });
    await expect(local.connection("plant_db")).rejects.toThrow(
      "AIRFLOW_CONN_PLANT_DB in this worker's environment: Connection 'plant_db' is neither a URI",
    );
    const error = await local.connection("api").catch((caught: Error) => caught);
    expect(error).toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining(
        `${file} (--secrets-dir): Connection 'api' is not valid JSON`,
      ),
    });
    expect((error as Error).message).not.toContain("s3cret");
  });
});

describe("secrets resolution", () => {
  const resources = useResources();

  /** A resolver over a fake control plane, through the worker's real client. */
  async function setup(env: NodeJS.ProcessEnv = {}, secretsDir: string | null = null) {
    const server = await new FakeControlPlane().start();
    resources.defer(() => server.stop());
    const client = new EdgeClient({ apiUrl: server.url, token: testToken, workerName: "edge" });
    resources.defer(() => client.close());
    const resolver = new SecretsResolver({
      local: new LocalSecrets({ env, secretsDir }),
      controlPlane: controlPlaneSecrets(client),
    });
    return { server, resolver };
  }

  it("answers from the worker first, and never asks the control plane for what the worker holds", async () => {
    const { server, resolver } = await setup({
      AIRFLOW_CONN_PLANT_DB: plantDbUri,
      AIRFLOW_VAR_REGION: "local-region",
    });
    server.connections.set("plant_db", { ...plantDb, host: "central.example" });
    server.variables.set("region", "central-region");
    server.variables.set("settings", '{"mode": "fast"}');
    expect((await resolver.connection("attempt-1", "plant_db")).host).toBe(
      "historian.plant-7.internal",
    );
    expect(await resolver.variable("attempt-1", "region")).toBe("local-region");
    expect(await resolver.variable("attempt-1", "settings")).toBe('{"mode": "fast"}');
    expect(server.secretReads).toEqual([
      { attemptId: "attempt-1", kind: "variable", id: "settings" },
    ]);
  });

  it("reads the control plane's connection for the attempt", async () => {
    const { server, resolver } = await setup();
    server.connections.set("plant_db", plantDb);
    expect(await resolver.connection("attempt-2", "plant_db")).toEqual(plantDb);
    expect(server.secretReads).toEqual([
      { attemptId: "attempt-2", kind: "connection", id: "plant_db" },
    ]);
  });

  it("names the three places looked at when a value is defined nowhere", async () => {
    const { resolver } = await setup({}, resources.dir());
    await expect(resolver.connection("attempt-3", "plant_db")).rejects.toMatchObject({
      code: "not_found",
      message:
        "Connection 'plant_db' is not defined: not in this worker's environment (AIRFLOW_CONN_PLANT_DB), its --secrets-dir, nor the control plane.",
    });
    await expect(resolver.variable("attempt-3", "region")).rejects.toMatchObject({
      code: "not_found",
      message:
        "Variable 'region' is not defined: not in this worker's environment (AIRFLOW_VAR_REGION), its --secrets-dir, nor the control plane.",
    });
  });

  it("passes the control plane's refusal on as it was written", async () => {
    const { server, resolver } = await setup();
    const reason =
      "Connection 'plant_db' may be read only by tasks on queues matching team_a_*; task 'load' of DAG 'etl' runs on queue 'team_b'.";
    server.refusals.set("plant_db", reason);
    await expect(resolver.connection("attempt-4", "plant_db")).rejects.toMatchObject({
      code: "forbidden",
      message: reason,
    });
  });

  it("refuses an id that is not one before looking anywhere, so no id reaches a path", async () => {
    const { server, resolver } = await setup({}, resources.dir());
    await expect(resolver.connection("attempt-5", "x/../../y")).rejects.toMatchObject({
      code: "invalid_input",
      message: expect.stringContaining("'x/../../y' is not a valid connection id"),
    });
    expect(server.secretReads).toEqual([]);
  });

  it("only looks locally when there is no control plane to ask", async () => {
    const resolver = new SecretsResolver({
      local: new LocalSecrets({ env: { AIRFLOW_VAR_REGION: "eu-west" }, secretsDir: null }),
    });
    expect(await resolver.variable("attempt-6", "region")).toBe("eu-west");
    await expect(resolver.variable("attempt-6", "other")).rejects.toThrow(
      "Variable 'other' is not defined: not in this worker's environment (AIRFLOW_VAR_OTHER).",
    );
  });
});
