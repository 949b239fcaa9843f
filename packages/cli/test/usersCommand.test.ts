import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBorda, startServer, TestResources } from "./support.js";

describe("borda users against a real server", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  const env = (extra: Record<string, string> = {}) => ({
    PATH: process.env.PATH,
    BORDA_API_URL: cp.url,
    BORDA_API_USER: "admin",
    BORDA_API_PASSWORD: "pw",
    ...extra,
  });
  const borda = (args: string[], environment: Record<string, string | undefined> = env()) =>
    runBorda(args, environment);
  const signIn = (username: string, password: string) =>
    fetch(`${cp.url}/api/v1/pools`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`,
      },
    });

  beforeAll(async () => {
    cp = await startServer(
      resources,
      resources.dir("borda-users-"),
      {},
      {
        adminUser: "admin",
        adminPassword: "pw",
      },
    );
  });
  afterAll(() => resources.cleanup());

  it("creates users from --password or BORDA_NEW_USER_PASSWORD, lists and deletes them", async () => {
    expect(await borda(["users", "create", "carol", "--role", "op", "--password", "c-pw"])).toEqual(
      {
        code: 0,
        stdout: "Created user 'carol' with the Op role.\n",
        stderr: "",
      },
    );
    expect((await signIn("carol", "c-pw")).status).toBe(200);

    const fromEnv = await borda(
      ["users", "create", "dave", "--role", "Viewer"],
      env({ BORDA_NEW_USER_PASSWORD: "d-pw" }),
    );
    expect(fromEnv.stdout).toBe("Created user 'dave' with the Viewer role.\n");
    expect((await signIn("dave", "d-pw")).status).toBe(200);

    const table = await borda(["users", "list"]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^USERNAME\s+ROLE\s+CREATED\s+LAST LOGIN$/m);
    expect(table.stdout).toMatch(/^admin\s+Admin\s+\d{4}-/m);
    expect(table.stdout).toMatch(/^carol\s+Op\s+/m);
    expect(table.stdout).toMatch(/^dave\s+Viewer\s+/m);
    const listed = JSON.parse((await borda(["users", "list", "--output", "json"])).stdout);
    expect(listed.map((u: { username: string }) => u.username)).toEqual(["admin", "carol", "dave"]);
    expect(JSON.stringify(listed)).not.toMatch(/pw/);

    expect(await borda(["users", "create", "carol", "--role", "Op", "--password", "x"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "borda: User 'carol' already exists; PATCH /users/carol changes it.\n",
    });

    expect((await borda(["users", "delete", "carol"])).stdout).toBe("Deleted user 'carol'.\n");
    expect((await signIn("carol", "c-pw")).status).toBe(401);
    expect(await borda(["users", "delete", "carol"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "borda: User 'carol' not found.\n",
    });
  });

  it("refuses a missing password, an unknown role, a non-Admin and the last Admin", async () => {
    const noPassword = await borda(["users", "create", "erin", "--role", "Op"]);
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toMatch(
      /^borda: give the password: --password, or BORDA_NEW_USER_PASSWORD\.\n$/,
    );

    const badRole = await borda(["users", "create", "erin", "--role", "Boss", "--password", "p"]);
    expect(badRole.code).toBe(1);
    expect(badRole.stderr).toBe(
      "borda: the role must be one of Admin, Op, User, Viewer, not 'Boss'.\n",
    );

    await borda(["users", "create", "vic", "--role", "Viewer", "--password", "v-pw"]);
    const asViewer = await borda(["users", "list", "--user", "vic:v-pw"]);
    expect(asViewer.code).toBe(1);
    expect(asViewer.stderr).toMatch(/^borda: This needs the Admin role/);

    const last = await borda(["users", "delete", "admin"]);
    expect(last.code).toBe(1);
    expect(last.stderr).toMatch(/^borda: Cannot delete 'admin': it is the last Admin/);
    const demoted = await borda(["users", "set-role", "admin", "op"]);
    expect(demoted.code).toBe(1);
    expect(demoted.stderr).toMatch(/^borda: Cannot take the Admin role from 'admin'/);
  });

  it("changes a user's role and password", async () => {
    await borda(["users", "create", "frank", "--role", "Viewer", "--password", "f-pw"]);
    expect(await borda(["users", "set-role", "frank", "op"])).toEqual({
      code: 0,
      stdout: "'frank' now has the Op role.\n",
      stderr: "",
    });
    const listed = JSON.parse((await borda(["users", "list", "--output", "json"])).stdout);
    expect(listed.find((u: { username: string }) => u.username === "frank").roles).toEqual([
      { name: "Op" },
    ]);

    const changed = await borda(
      ["users", "set-password", "frank"],
      env({ BORDA_NEW_USER_PASSWORD: "f-new" }),
    );
    expect(changed.stdout).toBe("Set the password of 'frank'.\n");
    expect((await signIn("frank", "f-pw")).status).toBe(401);
    expect((await signIn("frank", "f-new")).status).toBe(200);
    expect((await borda(["users", "set-password", "nobody", "--password", "x"])).stderr).toBe(
      "borda: User 'nobody' not found.\n",
    );
  });
});
