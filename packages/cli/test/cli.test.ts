import { mkdtempSync, rmSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBorda, startServer, TestResources } from "./support.js";

/** The built `borda` command with only PATH and `env` in its environment. */
const bordaCommand = (args: string[], env: Record<string, string | undefined> = {}) =>
  runBorda(args, { PATH: process.env.PATH, ...env });

describe("borda command", () => {
  const homes: string[] = [];
  afterEach(() => {
    for (const home of homes.splice(0)) rmSync(home, { recursive: true, force: true });
  });

  it("migrates the embedded database and says where it is", async () => {
    const home = mkdtempSync(path.join(tmpdir(), "borda-cli-"));
    homes.push(home);
    const result = await bordaCommand(["db", "migrate"], { BORDA_HOME: home });
    expect(result).toMatchObject({
      code: 0,
      stdout: `Database at ${home}/borda.db is up to date.\n`,
    });
    // Running it again is a no-op.
    expect((await bordaCommand(["db", "migrate", "--home", home])).code).toBe(0);
  });

  it("re-encrypts connections and variables with a new key, after which the old key can go", async () => {
    const home = mkdtempSync(path.join(tmpdir(), "borda-cli-"));
    homes.push(home);
    const oldKey = "old-key-0123456789abcdef0123456789abcdef";
    const newKey = "new-key-fedcba9876543210fedcba9876543210";
    const { openStore, Credentials, loadEncryptionKeys, systemClock } = await import(
      "@borda/server"
    );
    const credentialsWith = async (keys: string) => {
      const store = await openStore({ home });
      const credentials = new Credentials({
        store,
        keys: loadEncryptionKeys(home, keys),
        clock: systemClock,
      });
      return { store, credentials };
    };
    const before = await credentialsWith(oldKey);
    await before.credentials.createVariable({
      key: "vendor_token",
      value: "tok-rotate-me-42",
      description: null,
      queues: null,
    });
    await before.store.close();

    const rotated = await bordaCommand(["db", "rotate-encryption-key", "--home", home], {
      BORDA_ENCRYPTION_KEYS: `${newKey},${oldKey}`,
    });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stdout).toMatch(
      /^Re-encrypting the connections and variables in .* with key [0-9a-f]{12}\.\.\.\n/,
    );
    expect(rotated.stdout).toContain("Re-encrypted 1 of 1 values;");

    const after = await credentialsWith(newKey);
    expect((await after.credentials.getVariable("vendor_token"))?.value).toBe("tok-rotate-me-42");
    await after.store.close();
  });

  it("explains a bad setting in one line and exits non-zero", async () => {
    const result = await bordaCommand(["db", "migrate", "--database-url", "mysql://x"]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^borda: BORDA_DATABASE_URL must start with postgres:\/\/ .*\n$/);
    const timeout = await bordaCommand(["server", "--dag-parse-timeout", "soon"]);
    expect(timeout.stderr).toBe(
      "borda: BORDA_DAG_PARSE_TIMEOUT (--dag-parse-timeout) must be a positive number of seconds; got 'soon'.\n",
    );
  });

  it("says so in one line and exits when its port is taken, instead of hanging half-started", async () => {
    const home = mkdtempSync(path.join(tmpdir(), "borda-cli-"));
    homes.push(home);
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const { port } = taken.address() as AddressInfo;
    try {
      const result = await bordaCommand(["server", "--host", "127.0.0.1", "--port", String(port)], {
        BORDA_HOME: home,
        BORDA_DAGS_FOLDER: path.join(home, "dags"),
        BORDA_LOG_LEVEL: "silent",
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toBe(
        `borda: Port ${port} on 127.0.0.1 is already in use; stop what uses it or choose another with --port (BORDA_PORT).\n`,
      );
    } finally {
      taken.close();
    }
  });

  it("documents every setting's environment variable in --help", async () => {
    const { stdout } = await bordaCommand(["server", "--help"]);
    for (const variable of [
      "BORDA_HOME",
      "BORDA_DATABASE_URL",
      "BORDA_DAGS_FOLDER",
      "BORDA_WORKER_TIMEOUT",
    ]) {
      expect(stdout.replace(/\s+/g, " ")).toContain(`env ${variable}`);
    }
  });

  it("creates a scoped worker token once, lists it without its secret, and revokes it, through the API", async () => {
    const resources = new TestResources();
    try {
      const cp = await startServer(
        resources,
        resources.dir("borda-cli-"),
        {},
        {
          adminUser: "admin",
          adminPassword: "pw",
        },
      );
      const env = {
        BORDA_API_URL: cp.url,
        BORDA_API_USER: "admin",
        BORDA_API_PASSWORD: "pw",
      };
      const created = await bordaCommand(
        ["tokens", "create", "--name", "team-a", "--queues", "team_a_*"],
        env,
      );
      expect(created).toMatchObject({ code: 0, stderr: "" });
      const token = created.stdout.match(/^(bwt_[a-f0-9]{16}_\S{43})$/m)?.[1];
      expect(token).toBeDefined();
      expect(created.stdout).toMatch(/not shown again/);
      // The token works: the server knows it.
      expect(await cp.store.listWorkerTokens()).toEqual([
        expect.objectContaining({ name: "team-a", queues: ["team_a_*"] }),
      ]);
      const listed = await bordaCommand(["tokens", "list"], env);
      expect(listed.stdout).toMatch(/^ID\s+NAME\s+TEAM\s+QUEUES/);
      expect(listed.stdout).toContain("team_a_*");
      expect(listed.stdout).not.toContain(token?.slice(-43));
      const json = JSON.parse((await bordaCommand(["tokens", "list", "-o", "json"], env)).stdout);
      expect(json).toEqual([
        expect.objectContaining({ name: "team-a", queues: ["team_a_*"], revoked_at: null }),
      ]);
      const createdJson = JSON.parse(
        (
          await bordaCommand(
            ["tokens", "create", "--name", "team-b", "--queues", "b", "--team", "b", "-o", "json"],
            env,
          )
        ).stdout,
      );
      expect(createdJson).toMatchObject({
        name: "team-b",
        team: "b",
        queues: ["b"],
        worker_timeout: null,
      });
      expect(createdJson.token).toMatch(/^bwt_/);
      // A far site's workers may be silent longer than the server's default.
      const far = await bordaCommand(
        ["tokens", "create", "--name", "far", "--queues", "far", "--worker-timeout", "10m"],
        env,
      );
      expect(far.stdout).toMatch(/its workers may be silent for 600 s/);
      expect((await bordaCommand(["tokens", "list"], env)).stdout).toMatch(/far.*600s/);
      expect(
        await bordaCommand(
          ["tokens", "create", "--name", "x", "--queues", "x", "--worker-timeout", "soon"],
          env,
        ),
      ).toMatchObject({
        code: 1,
        stderr: expect.stringMatching(/give a duration such as 90s, 10m or 2h/),
      });
      expect(await bordaCommand(["tokens", "revoke", "team-a"], env)).toMatchObject({
        code: 0,
        stdout: "Revoked worker token 'team-a'.\n",
      });
      const again = await bordaCommand(["tokens", "revoke", "team-a"], env);
      expect(again).toMatchObject({
        code: 1,
        stderr:
          "borda: No active worker token with id or name 'team-a'; `borda tokens list` lists them.\n",
      });
    } finally {
      await resources.cleanup();
    }
  });
});
