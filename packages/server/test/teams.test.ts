import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { hashPassword } from "../src/auth/passwords.js";
import { Role } from "../src/auth/roles.js";
import type { Store } from "../src/store/index.js";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { dagSpec, taskSpec } from "./support/dags.js";

/** Records one DAG as parsed from `fileloc` (a team's folder when its first part names one). */
async function recordDag(store: Store, fileloc: string, dagId: string) {
  const dags = [dagSpec(dagId, [taskSpec("t")])];
  const content = new TextEncoder().encode(JSON.stringify(dags));
  const hash = createHash("sha256").update(content).digest("hex");
  await store.recordParsedFile(
    { fileloc, origin: "folder", source: "// test", bundle: { hash, content }, dags },
    new Date(),
  );
}

async function addUser(store: Store, username: string, role: Role, team: string) {
  await store.createUser(
    { username, role, team, passwordHash: await hashPassword(`${username}-password`) },
    new Date(),
  );
}

describeEachBackend("teams", (backend) => {
  it("lets an Admin create teams and give users a role in each; members read only their own teams", async () => {
    const cp = await startApiWithUsers(backend);
    const admin = as(cp, "admin");
    const created = await admin("POST", "/teams", {
      name: "sales",
      description: "Sales analytics",
      queues: ["sales_*"],
    });
    expect(created).toMatchObject({
      status: 200,
      body: { name: "sales", queues: ["sales_*"], description: "Sales analytics", role: null },
    });
    expect((await admin("POST", "/teams", { name: "sales", queues: ["x"] })).status).toBe(409);
    expect((await admin("POST", "/teams", { name: "a/b", queues: ["x"] })).status).toBe(400);
    const overlapping = await admin("POST", "/teams", { name: "ops", queues: ["sales_eu"] });
    expect(overlapping).toMatchObject({
      status: 409,
      body: { detail: expect.stringMatching(/'sales_eu' overlaps 'sales_\*'.*team 'sales'/) },
    });
    expect((await admin("POST", "/teams", { name: "all", queues: ["*"] })).status).toBe(400);
    expect((await admin("POST", "/teams", { name: "ops", queues: ["ops"] })).status).toBe(200);

    expect((await admin("PUT", "/teams/sales/members/user", { role: "Op" })).status).toBe(200);
    expect((await admin("PUT", "/teams/sales/members/nobody", { role: "Op" })).status).toBe(404);
    expect((await admin("PUT", "/teams/sales/members/user", { role: "Admin" })).status).toBe(400);
    // `user` is User in default and Op in sales: its one role, as /users shows it, is Op.
    expect((await admin("GET", "/users/user")).body.roles).toEqual([{ name: "Op" }]);

    const seen = await as(cp, "user")("GET", "/teams");
    expect(seen.body.teams.map((t: { name: string; role: string }) => [t.name, t.role])).toEqual([
      ["default", "User"],
      ["sales", "Op"],
    ]);
    expect((await as(cp, "user")("GET", "/teams/ops")).status).toBe(404);
    expect((await as(cp, "user")("GET", "/teams/sales/members")).body.members).toEqual([
      { username: "user", role: "Op" },
    ]);
    expect((await as(cp, "user")("POST", "/teams", { name: "x", queues: ["x"] })).status).toBe(403);

    expect((await admin("PATCH", "/teams/default", { queues: ["q"] })).status).toBe(400);
    expect((await admin("PATCH", "/teams/ops", { queues: ["ops", "ops_*"] })).body.queues).toEqual([
      "ops",
      "ops_*",
    ]);
    expect((await admin("DELETE", "/teams/default")).status).toBe(409);
    expect((await admin("DELETE", "/teams/sales/members/user")).status).toBe(204);
    expect((await admin("GET", "/users/user")).body.roles).toEqual([{ name: "User" }]);
    // A user keeps at least one team.
    expect((await admin("DELETE", "/teams/default/members/user")).status).toBe(409);
    expect((await admin("DELETE", "/teams/ops")).status).toBe(204);
    expect((await admin("GET", "/teams/ops")).status).toBe(404);
  });

  it("answers another team's DAG as missing, a too-low role in the DAG's own team as 403, and records both refusals", async () => {
    const cp = await startApiWithUsers(backend);
    const admin = as(cp, "admin");
    await admin("POST", "/teams", { name: "a", queues: ["a_*"] });
    await admin("POST", "/teams", { name: "b", queues: ["b_*"] });
    await addUser(cp.store, "alice", Role.user, "a");
    // Anna may change team b's DAGs, and only read team a's.
    await addUser(cp.store, "anna", Role.viewer, "a");
    await cp.store.setTeamRole({ team: "b", username: "anna", role: Role.user });
    await recordDag(cp.store, "a/etl.ts", "a_etl");
    await recordDag(cp.store, "b/etl.ts", "b_etl");
    // A folder named as a team only once the team exists: its DAG is default's until then.
    await recordDag(cp.store, "c/etl.ts", "c_etl");
    expect((await cp.store.getDag("a_etl"))?.team).toBe("a");
    expect((await cp.store.getDag("c_etl"))?.team).toBe("default");
    await admin("POST", "/teams", { name: "c", queues: ["c_*"] });
    expect((await cp.store.getDag("c_etl"))?.team).toBe("c");

    const alice = as(cp, "alice");
    expect((await alice("GET", "/dags/a_etl")).status).toBe(200);
    const hidden = await alice("GET", "/dags/b_etl");
    const missing = await alice("GET", "/dags/no_such_dag");
    expect(hidden.status).toBe(404);
    expect(hidden.body.detail).toBe(missing.body.detail.replace("no_such_dag", "b_etl"));
    expect((await alice("PATCH", "/dags/b_etl", { is_paused: true })).status).toBe(404);
    expect((await alice("PATCH", "/dags/a_etl", { is_paused: true })).status).toBe(200);
    const viewerChange = await as(cp, "anna")("PATCH", "/dags/a_etl", { is_paused: false });
    expect(viewerChange).toMatchObject({
      status: 403,
      body: { detail: expect.stringMatching(/User role or higher in team 'a'.*'anna' is Viewer/) },
    });

    const events = (await admin("GET", "/eventLogs?order_by=event_log_id&limit=100")).body
      .event_logs as { event: string; owner: string; dag_id: string }[];
    const refusals = events.filter((e) => e.event.startsWith("refused:"));
    expect(refusals.map((e) => [e.event, e.owner, e.dag_id])).toEqual([
      ["refused:get_dag", "alice", "b_etl"],
      ["refused:patch_dag", "alice", "b_etl"],
      ["refused:patch_dag", "anna", "a_etl"],
    ]);
  });

  it("gives users created or changed through /users their role in the team named, and API tokens act with their owner's current team roles", async () => {
    const cp = await startApiWithUsers(backend);
    const admin = as(cp, "admin");
    await admin("POST", "/teams", { name: "a", queues: ["a_*"] });
    await admin("POST", "/teams", { name: "b", queues: ["b_*"] });
    await recordDag(cp.store, "a/etl.ts", "a_etl");
    const created = await admin("POST", "/users", {
      username: "alice",
      password: "alice-password",
      roles: [{ name: "User" }],
      team: "a",
    });
    expect(created.status).toBe(200);
    expect(await cp.store.teamRolesOf("alice")).toEqual([
      { team: "a", username: "alice", role: "User" },
    ]);
    const unknownTeam = await admin("POST", "/users", {
      username: "ghost",
      password: "ghost-password",
      roles: [{ name: "User" }],
      team: "nope",
    });
    expect(unknownTeam.status).toBe(404);
    expect((await admin("GET", "/users/ghost")).status).toBe(404);

    const token = (await as(cp, "alice")("POST", "/auth/tokens", { name: "script" })).body.token;
    const withToken = () =>
      fetch(`${cp.url}/api/v1/dags/a_etl`, { headers: { authorization: `Bearer ${token}` } });
    expect((await withToken()).status).toBe(200);
    const moved = await admin("PATCH", "/users/alice?update_mask=roles", {
      roles: [{ name: "Viewer" }],
      team: "b",
    });
    expect(moved.status).toBe(200);
    expect((await admin("DELETE", "/teams/a/members/alice")).status).toBe(204);
    // The token's owner left team a: the token no longer sees its DAG.
    expect((await withToken()).status).toBe(404);
  });
});
