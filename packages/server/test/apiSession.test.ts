import { expect, it } from "vitest";
import { hashPassword } from "../src/auth/passwords.js";
import { Role } from "../src/auth/roles.js";
import { describeEachBackend } from "./support/backends.js";
import { startTestControlPlane } from "./support/controlPlane.js";

describeEachBackend("browser sessions", (backend) => {
  it("sign in sets an HttpOnly cookie that authenticates reads, and changes only with the CSRF token", async () => {
    const cp = await startTestControlPlane(backend, {
      config: { adminUser: "admin", adminPassword: "admin-password" },
    });
    const call = (
      method: string,
      route: string,
      headers: Record<string, string> = {},
      body?: unknown,
    ) =>
      fetch(`${cp.url}/api/v1${route}`, {
        method,
        headers: {
          ...headers,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    expect(
      (await call("POST", "/auth/session", {}, { username: "admin", password: "wrong" })).status,
    ).toBe(401);
    const signIn = await call(
      "POST",
      "/auth/session",
      {},
      { username: "admin", password: "admin-password" },
    );
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(
      /^borda_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/,
    );
    const { csrf_token: csrf, role } = (await signIn.json()) as {
      csrf_token: string;
      role: string;
    };
    expect(role).toBe("Admin");
    const cookie = setCookie.split(";")[0] ?? "";

    expect((await call("GET", "/pools", { cookie })).status).toBe(200);
    const again = (await (await call("GET", "/auth/session", { cookie })).json()) as {
      csrf_token: string;
    };
    expect(again.csrf_token).toBe(csrf);
    const pool = { name: "p", slots: 1 };
    const withoutToken = await call("POST", "/pools", { cookie }, pool);
    expect(withoutToken.status).toBe(403);
    expect(((await withoutToken.json()) as { detail: string }).detail).toMatch(/X-CSRF-Token/);
    expect((await call("POST", "/pools", { cookie, "x-csrf-token": "forged" }, pool)).status).toBe(
      403,
    );
    expect((await call("POST", "/pools", { cookie, "x-csrf-token": csrf }, pool)).status).toBe(200);

    // A tampered cookie, or one whose user changed password, no longer signs anyone in.
    expect((await call("GET", "/pools", { cookie: `${cookie}x` })).status).toBe(401);
    await cp.store.setUserPassword("admin", await hashPassword("new-password"));
    expect((await call("GET", "/pools", { cookie })).status).toBe(401);

    const signOut = await call("DELETE", "/auth/session", { cookie });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get("set-cookie")).toMatch(/^borda_session=; .*Max-Age=0/);
  });

  it("names the user's teams and role in each; an Admin's are every team, with no one role", async () => {
    const cp = await startTestControlPlane(backend, {
      config: { adminUser: "admin", adminPassword: "admin-password" },
    });
    await cp.store.createTeam(
      { name: "sales", description: null, queues: ["sales_*"] },
      new Date(),
    );
    await cp.store.createUser(
      { username: "ana", role: Role.viewer, passwordHash: await hashPassword("ana-password") },
      new Date(),
    );
    await cp.store.setTeamRole({ team: "sales", username: "ana", role: Role.op });
    const signIn = (username: string) =>
      fetch(`${cp.url}/api/v1/auth/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username, password: `${username}-password` }),
      });

    const ana = await signIn("ana");
    expect(await ana.json()).toMatchObject({
      role: "Op",
      teams: [
        { name: "default", role: "Viewer" },
        { name: "sales", role: "Op" },
      ],
    });
    const cookie = (ana.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const read = await fetch(`${cp.url}/api/v1/auth/session`, { headers: { cookie } });
    expect(((await read.json()) as { teams: unknown }).teams).toEqual([
      { name: "default", role: "Viewer" },
      { name: "sales", role: "Op" },
    ]);

    expect(((await (await signIn("admin")).json()) as { teams: unknown }).teams).toEqual([
      { name: "default", role: null },
      { name: "sales", role: null },
    ]);
  });
});
