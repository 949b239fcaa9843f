import { expect, it } from "vitest";
import { hashPassword } from "../src/auth/passwords.js";
import { Role } from "../src/auth/roles.js";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";

const basic = (username: string, password: string) =>
  `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

describeEachBackend("REST API users", (backend) => {
  it("lists, reads, creates, patches and deletes users, Admin only", async () => {
    const cp = await startApiWithUsers(backend);
    const admin = as(cp, "admin");

    const list = await admin("GET", "/users?order_by=-username&limit=2");
    expect(list.status).toBe(200);
    expect(list.body.total_entries).toBe(4);
    expect(list.body.users.map((u: { username: string }) => u.username)).toEqual([
      "viewer",
      "user",
    ]);
    expect((await admin("GET", "/users?offset=3")).body.users).toMatchObject([
      { username: "viewer", roles: [{ name: "Viewer" }] },
    ]);
    expect((await admin("GET", "/users?order_by=password")).status).toBe(400);

    const one = await admin("GET", "/users/op");
    expect(one).toMatchObject({
      status: 200,
      body: {
        username: "op",
        roles: [{ name: "Op" }],
        active: true,
        created_on: expect.any(String),
      },
    });
    expect(JSON.stringify(one.body)).not.toMatch(/password/);
    expect((await admin("GET", "/users/nobody")).status).toBe(404);

    const created = await admin("POST", "/users", {
      username: "carol",
      password: "carol-password",
      roles: [{ name: "Op" }],
      first_name: "Carol",
      last_name: "C",
      email: "carol@example.com",
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ username: "carol", roles: [{ name: "Op" }] });
    expect(JSON.stringify(created.body)).not.toMatch(/password/);
    // Carol can sign in at once, with Op's rights and no more.
    expect((await as(cp, "carol")("GET", "/pools")).status).toBe(200);
    expect((await as(cp, "carol")("GET", "/users")).status).toBe(403);

    const again = await admin("POST", "/users", {
      username: "carol",
      password: "x",
      roles: [{ name: "Viewer" }],
    });
    expect(again.status).toBe(409);
    expect(
      (await admin("POST", "/users", { username: "dan", password: "p", roles: [{ name: "Boss" }] }))
        .status,
    ).toBe(400);
    expect(
      (
        await admin("POST", "/users", {
          username: "dan",
          password: "p",
          roles: [{ name: "Op" }, { name: "Admin" }],
        })
      ).status,
    ).toBe(400);
    expect(
      (await admin("POST", "/users", { username: "a:b", password: "p", roles: [{ name: "Op" }] }))
        .status,
    ).toBe(400);

    const patched = await admin("PATCH", "/users/carol?update_mask=roles", {
      roles: [{ name: "Viewer" }],
      password: "ignored-by-the-mask",
    });
    expect(patched).toMatchObject({ status: 200, body: { roles: [{ name: "Viewer" }] } });
    expect((await as(cp, "carol")("POST", "/pools", { name: "p", slots: 1 })).status).toBe(403);
    expect((await admin("PATCH", "/users/nobody", { roles: [{ name: "Op" }] })).status).toBe(404);
    expect((await admin("PATCH", "/users/carol", { username: "caroline" })).status).toBe(400);
    expect((await admin("PATCH", "/users/carol?update_mask=colour", {})).status).toBe(400);

    expect((await admin("DELETE", "/users/carol")).status).toBe(204);
    expect((await admin("GET", "/users/carol")).status).toBe(404);
    expect((await admin("DELETE", "/users/carol")).status).toBe(404);
    expect((await as(cp, "carol")("GET", "/pools")).status).toBe(401);
  });

  it("refuses anonymous callers (401) and every role below Admin (403)", async () => {
    const cp = await startApiWithUsers(backend);
    const calls: [string, string, unknown?][] = [
      ["GET", "/users"],
      ["GET", "/users/viewer"],
      ["POST", "/users", { username: "eve", password: "p", roles: [{ name: "Admin" }] }],
      ["PATCH", "/users/op", { roles: [{ name: "Admin" }] }],
      ["DELETE", "/users/viewer"],
    ];
    for (const [method, route, body] of calls) {
      expect((await as(cp, null)(method, route, body)).status, `${method} ${route}`).toBe(401);
      for (const who of ["viewer", "user", "op"]) {
        const answer = await as(cp, who)(method, route, body);
        expect(answer.status, `${who} ${method} ${route}`).toBe(403);
      }
    }
    expect((await as(cp, "admin")("GET", "/users/op")).body.roles).toEqual([{ name: "Op" }]);
    expect((await as(cp, "admin")("GET", "/users/eve")).status).toBe(404);
  });

  it("never deletes or demotes the last Admin", async () => {
    const cp = await startApiWithUsers(backend);
    const admin = as(cp, "admin");
    const deleted = await admin("DELETE", "/users/admin");
    expect(deleted.status).toBe(409);
    expect(deleted.body.detail).toMatch(/last Admin/);
    const demoted = await admin("PATCH", "/users/admin", { roles: [{ name: "Op" }] });
    expect(demoted.status).toBe(409);
    expect((await admin("GET", "/users/admin")).body.roles).toEqual([{ name: "Admin" }]);

    // With a second Admin, the first may go.
    expect((await admin("PATCH", "/users/op", { roles: [{ name: "Admin" }] })).status).toBe(200);
    expect((await admin("DELETE", "/users/admin")).status).toBe(204);
    expect((await as(cp, "op")("DELETE", "/users/op")).status).toBe(409);
  });

  it("keeps one Admin when the last two delete each other at the same time", async () => {
    const cp = await startApiWithUsers(backend);
    expect(
      (await as(cp, "admin")("PATCH", "/users/op", { roles: [{ name: "Admin" }] })).status,
    ).toBe(200);
    for (let round = 0; round < 5; round++) {
      const answers = await Promise.all([
        as(cp, "admin")("DELETE", "/users/op"),
        as(cp, "op")("DELETE", "/users/admin"),
      ]);
      const statuses = answers.map((answer) => answer.status).sort();
      // One deletion wins; the other finds its target the last Admin (409) or its own
      // account already gone (401). Never both gone.
      expect(statuses[0]).toBe(204);
      expect([401, 409]).toContain(statuses[1]);
      const admins = (await cp.store.listUsers()).filter((user) => user.role === "Admin");
      expect(admins).toHaveLength(1);
      // Restore the pair for the next round.
      const survivor = admins[0]?.username === "admin" ? "admin" : "op";
      const gone = survivor === "admin" ? "op" : "admin";
      await cp.store.createUser(
        { username: gone, role: Role.admin, passwordHash: await hashPassword(`${gone}-password`) },
        new Date(),
      );
    }
  });

  it("changes a password with effect at once, the old one refused", async () => {
    const cp = await startApiWithUsers(backend);
    const get = (password: string) =>
      fetch(`${cp.url}/api/v1/pools`, { headers: { authorization: basic("op", password) } });
    expect((await get("op-password")).status).toBe(200); // now remembered as verified
    const changed = await as(cp, "admin")("PATCH", "/users/op?update_mask=password", {
      password: "new secret",
    });
    expect(changed.status).toBe(200);
    expect(JSON.stringify(changed.body)).not.toMatch(/secret|password/);
    expect((await get("op-password")).status).toBe(401);
    expect((await get("new secret")).status).toBe(200);
    expect((await as(cp, "admin")("PATCH", "/users/op?update_mask=password", {})).status).toBe(400);
  });
});
