import { Writable } from "node:stream";
import pino from "pino";
import { expect, it } from "vitest";
import { Role } from "../src/auth/roles.js";
import type { ControlPlane } from "../src/controlPlane.js";
import { type Answer, as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";
import { ManualClock } from "./support/harness.js";

const dayMs = 24 * 60 * 60 * 1000;

/** Calls /api/v1 with `Authorization: Bearer <token>`, as a script would. */
function bearer(cp: ControlPlane, token: string) {
  return async (method: string, route: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${cp.url}/api/v1${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

/** Makes an API token for `who` (signed in with its password); the created answer. */
async function createToken(cp: ControlPlane, who: string, body: Record<string, unknown> = {}) {
  const created = await as(cp, who)("POST", "/auth/tokens", { name: `${who}-script`, ...body });
  expect(created.status).toBe(200);
  return created.body as { id: string; token: string; [field: string]: unknown };
}

describeEachBackend("REST API tokens", (backend) => {
  it("signs a script in as the token's owner, with the owner's current role", async () => {
    const cp = await startApiWithUsers(backend);
    const created = await createToken(cp, "viewer");
    expect(created).toMatchObject({
      name: "viewer-script",
      username: "viewer",
      created_at: expect.any(String),
      expires_at: null,
      last_used_at: null,
      revoked_at: null,
    });
    expect(created.token).toMatch(new RegExp(`^bat_${created.id}_[A-Za-z0-9_-]{43}$`));

    const script = bearer(cp, created.token);
    expect((await script("GET", "/pools")).status).toBe(200);
    const write = await script("POST", "/pools", { name: "p", slots: 1 });
    expect(write.status).toBe(403);
    expect(write.body.detail).toMatch(/needs the Op role.*'viewer' has Viewer/);

    // The token has no role of its own: it follows the owner's.
    await cp.store.setUserRole("viewer", Role.op);
    expect((await script("POST", "/pools", { name: "p", slots: 1 })).status).toBe(200);
    await cp.store.setUserRole("viewer", Role.viewer);
    expect((await script("POST", "/pools", { name: "q", slots: 1 })).status).toBe(403);

    const listed = await script("GET", "/auth/tokens");
    expect(listed.status).toBe(200);
    expect(listed.body.total_entries).toBe(1);
    expect(listed.body.tokens[0]).toMatchObject({ id: created.id, username: "viewer" });
    expect(listed.body.tokens[0].last_used_at).toEqual(expect.any(String));
    expect(listed.body.tokens[0]).not.toHaveProperty("token");
    expect(JSON.stringify(listed.body)).not.toContain(created.token.split("_").pop());
  });

  it("lists your own tokens; an Admin may list anyone's, others may not", async () => {
    const cp = await startApiWithUsers(backend);
    const viewerToken = await createToken(cp, "viewer");
    await createToken(cp, "user");
    await createToken(cp, "admin", { name: "deploys" });

    const mine = await as(cp, "viewer")("GET", "/auth/tokens");
    expect(mine.body.tokens.map((t: { id: string }) => t.id)).toEqual([viewerToken.id]);
    const others = await as(cp, "viewer")("GET", "/auth/tokens?username=admin");
    expect(others.status).toBe(403);
    expect(others.body.detail).toMatch(/Only an Admin/);

    const admin = as(cp, "admin");
    expect((await admin("GET", "/auth/tokens")).body.tokens).toMatchObject([{ name: "deploys" }]);
    expect((await admin("GET", "/auth/tokens?username=viewer")).body.tokens).toMatchObject([
      { id: viewerToken.id, username: "viewer" },
    ]);
    expect((await admin("GET", "/auth/tokens?username=nobody")).status).toBe(404);
    expect((await admin("GET", "/auth/tokens?order_by=secret_hash")).status).toBe(400);
  });

  it("revokes your own token, or as Admin anyone's; a revoked token is refused at once", async () => {
    const cp = await startApiWithUsers(backend);
    const created = await createToken(cp, "viewer");
    const script = bearer(cp, created.token);

    // Another user cannot even tell that the token exists.
    expect((await as(cp, "user")("DELETE", `/auth/tokens/${created.id}`)).status).toBe(404);
    expect((await script("GET", "/pools")).status).toBe(200);

    expect((await as(cp, "viewer")("DELETE", `/auth/tokens/${created.id}`)).status).toBe(204);
    const refused = await script("GET", "/pools");
    expect(refused.status).toBe(401);
    expect(refused.body.detail).toBe(
      `API token 'viewer-script' (id ${created.id}) was revoked; create a new one.`,
    );
    expect((await as(cp, "viewer")("DELETE", `/auth/tokens/${created.id}`)).status).toBe(404);
    const [listed] = (await as(cp, "viewer")("GET", "/auth/tokens")).body.tokens;
    expect(listed.revoked_at).toEqual(expect.any(String));

    const another = await createToken(cp, "op");
    expect((await as(cp, "admin")("DELETE", `/auth/tokens/${another.id}`)).status).toBe(204);
    expect((await bearer(cp, another.token)("GET", "/pools")).status).toBe(401);

    // A token may revoke itself.
    const selfRevoking = await createToken(cp, "user");
    const self = bearer(cp, selfRevoking.token);
    expect((await self("DELETE", `/auth/tokens/${selfRevoking.id}`)).status).toBe(204);
    expect((await self("GET", "/pools")).status).toBe(401);
  });

  it("refuses garbage, forged and worker tokens, and the tokens of a deleted user (401)", async () => {
    const cp = await startApiWithUsers(backend);
    const created = await createToken(cp, "op");

    const garbage = await bearer(cp, "not-a-token")("GET", "/pools");
    expect(garbage.status).toBe(401);
    expect(garbage.body).toMatchObject({ code: "unauthenticated", status: 401 });
    expect(garbage.body.detail).toMatch(/not a valid API token.*borda api-tokens create/);

    const secret = created.token.slice(`bat_${created.id}_`.length);
    const forgedSecret = `${secret[0] === "A" ? "B" : "A"}${secret.slice(1)}`;
    const forged = await bearer(cp, `bat_${created.id}_${forgedSecret}`)("GET", "/pools");
    expect(forged.status).toBe(401);
    expect(forged.body.detail).toBe(garbage.body.detail);
    const unknownId = await bearer(cp, `bat_0123456789abcdef_${secret}`)("GET", "/pools");
    expect(unknownId.body.detail).toBe(garbage.body.detail);

    // Worker tokens are for workers only, and API tokens for /api/v1 only.
    const worker = await newWorkerToken(cp, ["*"]);
    const asWorker = await bearer(cp, worker.token)("GET", "/pools");
    expect(asWorker.status).toBe(401);
    expect(asWorker.body.detail).toMatch(/worker token .*only for workers on \/edge\/v1/);
    expect((await edgeClient(cp, created.token).register(["q"])).status).toBe(401);

    expect((await as(cp, "admin")("DELETE", "/users/op")).status).toBe(204);
    expect((await bearer(cp, created.token)("GET", "/pools")).status).toBe(401);
    expect(await cp.store.findApiToken(created.id)).toBeNull();
  });

  it("stops a token working once it expires", async () => {
    const clock = new ManualClock(new Date());
    const cp = await startApiWithUsers(backend, { clock });
    const created = await createToken(cp, "user", { expires_in_days: 1 });
    expect(Date.parse(String(created.expires_at)) - Date.parse(String(created.created_at))).toBe(
      dayMs,
    );
    const script = bearer(cp, created.token);

    clock.advance(dayMs - 1);
    expect((await script("GET", "/pools")).status).toBe(200);
    clock.advance(1);
    const expired = await script("GET", "/pools");
    expect(expired.status).toBe(401);
    expect(expired.body.detail).toBe(
      `API token 'user-script' (id ${created.id}) expired at ${created.expires_at}; create a new one.`,
    );

    for (const days of [0, 1.5, 3651]) {
      const refused = await as(cp, "user")("POST", "/auth/tokens", {
        name: "x",
        expires_in_days: days,
      });
      expect(refused.status).toBe(400);
    }
  });

  it("makes a token only for a password or session, never for another token", async () => {
    const cp = await startApiWithUsers(backend);
    const created = await createToken(cp, "admin");
    const minted = await bearer(cp, created.token)("POST", "/auth/tokens", { name: "successor" });
    expect(minted.status).toBe(403);
    expect(minted.body.detail).toMatch(/An API token cannot do this/);
    expect((await as(cp, "admin")("GET", "/auth/tokens")).body.total_entries).toBe(1);
    expect((await as(cp, null)("POST", "/auth/tokens", { name: "anonymous" })).status).toBe(401);
    expect((await as(cp, "viewer")("POST", "/auth/tokens", { name: "" })).status).toBe(400);
  });

  it("records making and revoking tokens in the event log, and never a secret there or in the server's log", async () => {
    let serverLog = "";
    const logger = pino(
      { level: "trace" },
      new Writable({
        write(chunk, _encoding, done) {
          serverLog += String(chunk);
          done();
        },
      }),
    );
    const cp = await startApiWithUsers(backend, { logger });
    const created = await createToken(cp, "user", { expires_in_days: 7 });
    const secret = created.token.slice(`bat_${created.id}_`.length);
    const script = bearer(cp, created.token);
    expect((await script("GET", "/pools")).status).toBe(200);
    expect((await script("POST", "/pools", { name: "p", slots: 1 })).status).toBe(403);
    expect((await script("POST", "/auth/tokens", { name: "successor" })).status).toBe(403);
    expect((await script("DELETE", `/auth/tokens/${created.id}`)).status).toBe(204);
    expect((await script("GET", "/pools")).status).toBe(401);

    const log = await as(cp, "admin")("GET", "/eventLogs");
    const events = log.body.event_logs as { event: string; owner: string; extra: string }[];
    expect(events.map((e) => [e.event, e.owner])).toEqual([
      ["POST /api/v1/auth/tokens", "user"],
      ["DELETE /api/v1/auth/tokens/:id", "user"],
    ]);
    expect(JSON.parse(events[0]?.extra ?? "")).toEqual({ name: "user-script", expires_in_days: 7 });
    expect(JSON.stringify(log.body)).not.toContain(secret);
    expect(serverLog).toContain("control plane started");
    expect(serverLog).not.toContain(secret);
  });
});
