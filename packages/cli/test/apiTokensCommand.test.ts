import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBorda, startServer, TestResources } from "./support.js";

describe("borda api-tokens against a real server", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  /** The environment of a script: the server's URL, and whatever credentials it is given. */
  const env = (credentials: Record<string, string>) => ({
    PATH: process.env.PATH,
    BORDA_API_URL: cp.url,
    ...credentials,
  });
  const asAdmin = () => env({ BORDA_API_USER: "admin", BORDA_API_PASSWORD: "pw" });
  const created =
    /^Created API token '([^']+)' \(id ([a-f0-9]{16})\) for user '([^']+)'; it (.*)\.\nStore it now .*; it is not shown again:\n\n(bat_\S+)\n$/;

  beforeAll(async () => {
    cp = await startServer(
      resources,
      resources.dir("borda-api-tokens-"),
      {},
      {
        adminUser: "admin",
        adminPassword: "pw",
      },
    );
    const viewer = await runBorda(
      ["users", "create", "vic", "--role", "Viewer", "--password", "v-pw"],
      asAdmin(),
    );
    expect(viewer.code).toBe(0);
  });
  afterAll(() => resources.cleanup());

  it("creates a token printed once, which other commands then use from BORDA_API_TOKEN or --token", async () => {
    const made = await runBorda(["api-tokens", "create", "nightly-report"], asAdmin());
    expect(made.stderr).toBe("");
    const [, name, id, user, expiry, token = ""] = made.stdout.match(created) ?? [];
    expect([name, user, expiry]).toEqual([
      "nightly-report",
      "admin",
      "does not expire; revoke it when no longer needed",
    ]);

    const asScript = env({ BORDA_API_TOKEN: token });
    const pools = await runBorda(["pools", "list"], asScript);
    expect(pools).toMatchObject({ code: 0, stderr: "" });
    expect(pools.stdout).toMatch(/^default_pool\s+128\s/m);
    const byFlag = await runBorda(["users", "list", "--token", token], env({}));
    expect(byFlag.stdout).toMatch(/^vic\s+Viewer\s/m);

    const table = await runBorda(["api-tokens", "list"], asScript);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^ID\s+NAME\s+USER\s+CREATED\s+EXPIRES\s+LAST USED\s+REVOKED$/m);
    expect(table.stdout).toMatch(
      new RegExp(
        `^${id}\\s+nightly-report\\s+admin\\s+\\d{4}-\\S+Z\\s+-\\s+\\d{4}-\\S+Z\\s+-$`,
        "m",
      ),
    );
    const listed = await runBorda(["api-tokens", "list", "--output", "json"], asScript);
    expect(JSON.parse(listed.stdout)).toMatchObject([
      { id, name: "nightly-report", username: "admin", revoked_at: null },
    ]);
    expect(listed.stdout).not.toContain(token.slice(`bat_${id}_`.length));

    // A token cannot make its own successor: that takes the password.
    const successor = await runBorda(["api-tokens", "create", "successor"], asScript);
    expect(successor.code).toBe(1);
    expect(successor.stderr).toMatch(
      /^borda: An API token cannot do this: sign in with your password/,
    );

    expect(await runBorda(["api-tokens", "revoke", id ?? ""], asScript)).toEqual({
      code: 0,
      stdout: `Revoked API token '${id}'.\n`,
      stderr: "",
    });
    const refused = await runBorda(["pools", "list"], asScript);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `^borda: API token 'nightly-report' \\(id ${id}\\) was revoked; create a new one\\.`,
      ),
    );
    expect(await runBorda(["api-tokens", "revoke", id ?? ""], asAdmin())).toEqual({
      code: 1,
      stdout: "",
      stderr: `borda: No active API token with id '${id}'; \`borda api-tokens list\` lists them.\n`,
    });
  });

  it("gives a token its owner's role and no more, and an expiry when asked", async () => {
    const made = await runBorda(
      ["api-tokens", "create", "dashboard", "--expires-in-days", "30", "--user", "vic:v-pw"],
      env({}),
    );
    const [, , id, user, expiry, token = ""] = made.stdout.match(created) ?? [];
    expect(user).toBe("vic");
    expect(expiry).toMatch(/^expires \d{4}-\d\d-\d\dT/);
    const json = await runBorda(
      ["api-tokens", "list", "-o", "json"],
      env({ BORDA_API_TOKEN: token }),
    );
    const [listed] = JSON.parse(json.stdout) as { created_at: string; expires_at: string }[];
    expect(Date.parse(listed?.expires_at ?? "") - Date.parse(listed?.created_at ?? "")).toBe(
      30 * 24 * 60 * 60 * 1000,
    );

    const write = await runBorda(["pools", "set", "reports", "2"], env({ BORDA_API_TOKEN: token }));
    expect(write.code).toBe(1);
    expect(write.stderr).toMatch(/^borda: This needs the Op role or higher; user 'vic' has Viewer/);
    const others = await runBorda(
      ["api-tokens", "list", "--owner", "admin"],
      env({ BORDA_API_TOKEN: token }),
    );
    expect(others.stderr).toMatch(/^borda: Only an Admin may list another user's API tokens/);
    const byAdmin = await runBorda(
      ["api-tokens", "list", "--owner", "vic", "-o", "json"],
      asAdmin(),
    );
    expect(JSON.parse(byAdmin.stdout)).toMatchObject([{ id, username: "vic" }]);
  });

  it("refuses unclear input before calling the server, and explains itself in --help", async () => {
    const both = await runBorda(
      ["pools", "list", "--token", "bat_x", "--user", "admin:pw"],
      env({}),
    );
    expect(both).toEqual({
      code: 1,
      stdout: "",
      stderr: "borda: give --token or --user, not both.\n",
    });
    const days = await runBorda(["api-tokens", "create", "x", "--expires-in-days", "0"], asAdmin());
    expect(days.stderr).toBe(
      "borda: --expires-in-days must be a whole number from 1 to 3650, not '0'.\n",
    );
    const garbage = await runBorda(["pools", "list"], env({ BORDA_API_TOKEN: "bat_nonsense" }));
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toMatch(/^borda: This is not a valid API token: .*BORDA_API_TOKEN/);

    const help = (await runBorda(["api-tokens", "--help"], env({}))).stdout;
    expect(help).toMatch(/create \[options\] <name>/);
    expect(help).toMatch(/list \[options\]/);
    expect(help).toMatch(/revoke \[options\] <id>/);
    const listHelp = (await runBorda(["pools", "list", "--help"], env({}))).stdout;
    expect(listHelp.replace(/\s+/g, " ")).toContain("--token <token>");
    expect(listHelp.replace(/\s+/g, " ")).toContain("[env BORDA_API_TOKEN]");
  });
});
