import { expect, it } from "vitest";
import { hashPassword } from "../src/auth/passwords.js";
import { describeWithAirflowV2Spec } from "./support/airflowConformance.js";
import { as, asV2, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { ManualClock } from "./support/harness.js";

const dags = {
  "hello.ts": `
import { dag } from "borda";
export default dag({ id: "hello" }, ({ task }) => { task({ id: "say" }, () => "hi"); });`,
};

/** An access token for `who` (password `<who>-password`) from POST /auth/token. */
async function tokenOf(cp: Awaited<ReturnType<typeof startApiWithUsers>>, who: string) {
  const answer = await asV2(cp, null)("POST", "/auth/token", {
    username: who,
    password: `${who}-password`,
  });
  expect(answer.status).toBe(201);
  return answer.body.access_token as string;
}

describeWithAirflowV2Spec("POST /auth/token and the access tokens it gives", () => {
  describeEachBackend("Airflow 3's sign-in", (backend) => {
    it("gives a user's access token, which signs in on /api/v2 and /api/v1 with the user's role", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const viewer = asV2(cp, { bearer: await tokenOf(cp, "viewer") });
      expect((await viewer("GET", "/dags/hello")).status).toBe(200);
      const refused = await viewer("POST", "/dags/hello/dagRuns", { logical_date: null });
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toMatch(/User role/);
      const user = await tokenOf(cp, "user");
      expect(
        (await asV2(cp, { bearer: user })("POST", "/dags/hello/dagRuns", { logical_date: null }))
          .status,
      ).toBe(200);
      const v1 = await fetch(`${cp.url}/api/v1/dags/hello`, {
        headers: { authorization: `Bearer ${user}` },
      });
      expect(v1.status).toBe(200);
    });

    it("answers airflowctl's /auth/token/cli and a form-encoded login like the simple auth manager", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const cli = await asV2(cp, null)("POST", "/auth/token/cli", {
        username: "op",
        password: "op-password",
      });
      expect(cli.status).toBe(201);
      const form = await fetch(`${cp.url}/auth/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "username=admin&password=admin-password",
      });
      expect(form.status).toBe(201);
      const { access_token: token } = (await form.json()) as { access_token: string };
      expect((await asV2(cp, { bearer: token })("GET", "/version")).status).toBe(200);
    });

    it("refuses wrong credentials with 401 and a malformed login with FastAPI's 422", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const anonymous = asV2(cp, null);
      const wrong = await anonymous("POST", "/auth/token", { username: "op", password: "nope" });
      expect(wrong.status).toBe(401);
      expect(typeof wrong.body.detail).toBe("string");
      const missing = await anonymous("POST", "/auth/token", { username: "op" });
      expect(missing.status).toBe(422);
      expect(missing.body.detail[0].loc).toEqual(["body", "password"]);
    });

    it("stops accepting a token once it expires, is altered, or its user's password changes or the user goes", async () => {
      const clock = new ManualClock();
      const cp = await startApiWithUsers(backend, {
        dags,
        clock,
        config: { jwtExpirationMs: 60_000 },
      });
      const expiring = await tokenOf(cp, "viewer");
      clock.advance(61_000);
      const expired = await asV2(cp, { bearer: expiring })("GET", "/dags");
      expect(expired.status).toBe(401);
      expect(expired.body.detail).toMatch(/POST \/auth\/token/);

      const token = await tokenOf(cp, "viewer");
      const [head, body, signature] = token.split(".");
      const claims = JSON.parse(Buffer.from(body ?? "", "base64url").toString("utf8"));
      const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: "admin" })).toString("base64url")}.${signature}`;
      expect((await asV2(cp, { bearer: forged })("GET", "/dags")).status).toBe(401);
      const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${body}.x`;
      expect((await asV2(cp, { bearer: unsigned })("GET", "/dags")).status).toBe(401);

      const op = await tokenOf(cp, "op");
      await cp.store.setUserPassword("op", await hashPassword("changed-password"));
      expect((await asV2(cp, { bearer: op })("GET", "/dags")).status).toBe(401);
      expect((await asV2(cp, { bearer: token })("GET", "/dags")).status).toBe(200);
      await cp.store.deleteUser("viewer");
      expect((await asV2(cp, { bearer: token })("GET", "/dags")).status).toBe(401);
    });

    it("signs in API tokens, HTTP Basic and nobody else on /api/v2", async () => {
      const cp = await startApiWithUsers(backend, { dags });
      const created = await as(cp, "op")("POST", "/auth/tokens", { name: "script" });
      expect(created.status).toBe(200);
      expect((await asV2(cp, { bearer: created.body.token })("GET", "/dags")).status).toBe(200);
      expect((await asV2(cp, { user: "viewer" })("GET", "/dags")).status).toBe(200);
      const anonymous = await asV2(cp, null)("GET", "/dags");
      expect(anonymous.status).toBe(401);
      expect(typeof anonymous.body.detail).toBe("string");
      // Public, like Airflow's.
      expect((await asV2(cp, null)("GET", "/monitor/health")).status).toBe(200);
    });
  });
});
