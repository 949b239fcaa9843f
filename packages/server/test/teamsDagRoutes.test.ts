import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { hashPassword } from "../src/auth/passwords.js";
import { Role } from "../src/auth/roles.js";
import type { ControlPlane } from "../src/controlPlane.js";
import type { Store } from "../src/store/index.js";
import { type Answer, as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { edgeClient, newWorkerToken } from "./support/controlPlane.js";
import { dagSpec, taskSpec } from "./support/dags.js";

/** Records a daily DAG as parsed from `fileloc`, in the team its first folder names. */
async function recordDag(store: Store, fileloc: string, dagId: string) {
  const dags = [dagSpec(dagId, [taskSpec("t")], { schedule: "@daily" })];
  const content = new TextEncoder().encode(JSON.stringify(dags));
  const hash = createHash("sha256").update(content).digest("hex");
  await store.recordParsedFile(
    { fileloc, origin: "folder", source: `// ${dagId}`, bundle: { hash, content }, dags },
    new Date(),
  );
}

async function addUser(store: Store, username: string, role: Role, team: string) {
  await store.createUser(
    { username, role, team, passwordHash: await hashPassword(`${username}-password`) },
    new Date(),
  );
}

/**
 * Teams `a` and `b`, each with a DAG (`a_etl`, `b_etl`) that ran once (run `r1`, its task
 * `t` returning an XCom), a backfill and an import error; `alice` is a User of team a,
 * `vera` a Viewer of team a.
 */
async function twoTeams(backend: Parameters<typeof startApiWithUsers>[0]) {
  const cp = await startApiWithUsers(backend);
  const admin = as(cp, "admin");
  await admin("POST", "/teams", { name: "a", queues: ["a_*"] });
  await admin("POST", "/teams", { name: "b", queues: ["b_*"] });
  await addUser(cp.store, "alice", Role.user, "a");
  await addUser(cp.store, "vera", Role.viewer, "a");
  for (const team of ["a", "b"]) {
    const dagId = `${team}_etl`;
    await recordDag(cp.store, `${team}/etl.ts`, dagId);
    await cp.store.recordImportError(
      { fileloc: `${team}/broken.ts`, origin: "folder", message: `${team} broke`, line: null },
      new Date(),
    );
    await admin("PATCH", `/dags/${dagId}`, { is_paused: false });
    expect((await admin("POST", `/dags/${dagId}/dagRuns`, { dag_run_id: "r1" })).status).toBe(200);
  }
  await runEveryJob(cp);
  for (const team of ["a", "b"]) {
    const backfill = { dag_id: `${team}_etl`, from_date: "2024-01-01", to_date: "2024-01-02" };
    expect((await admin("POST", "/backfills", backfill)).status).toBe(200);
  }
  return cp;
}

/** A worker that runs every job ready now, each returning an XCom. */
async function runEveryJob(cp: ControlPlane) {
  const { token } = await newWorkerToken(cp, ["*"]);
  const worker = edgeClient(cp, token);
  await worker.register(["default"]);
  const jobs: { attemptId: string }[] = (await worker.fetchJobs(0)).body.jobs;
  for (const job of jobs) {
    expect((await worker.report(job.attemptId, "start")).status).toBe(200);
    await worker.report(job.attemptId, "success", { returnValue: { done: true } });
  }
}

/**
 * Calls /api/v2 as `who`. Unlike `asV2`, it needs no copy of Airflow 3's spec to check
 * answers against (the v2 suites check shapes): this suite is about who sees what.
 */
function asV2(cp: ControlPlane, who: { user: string }) {
  return async (method: string, route: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${cp.url}/api/v2${route}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${who.user}:${who.user}-password`).toString("base64")}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

const dagIdsOf = (list: { dag_id: string }[]) => [...new Set(list.map((x) => x.dag_id))].sort();

describeEachBackend("teams: DAG, run and task instance routes", (backend) => {
  it("lists only the caller's teams' DAGs, runs, task instances, XComs, import errors, backfills and events, `~` included", async () => {
    const cp = await twoTeams(backend);
    const alice = as(cp, "alice");
    const v1 = async (path: string, key: string) => (await alice("GET", path)).body[key];

    expect(dagIdsOf(await v1("/dags", "dags"))).toEqual(["a_etl"]);
    expect(dagIdsOf(await v1("/dags/~/dagRuns", "dag_runs"))).toEqual(["a_etl"]);
    const batch = await alice("POST", "/dags/~/dagRuns/list", { dag_ids: ["a_etl", "b_etl"] });
    expect(dagIdsOf(batch.body.dag_runs)).toEqual(["a_etl"]);
    expect(dagIdsOf(await v1("/dags/~/dagRuns/~/taskInstances", "task_instances"))).toEqual([
      "a_etl",
    ]);
    expect((await alice("GET", "/dags/b_etl/dagRuns/~/taskInstances")).body.total_entries).toBe(0);
    const tiBatch = await alice("POST", "/dags/~/dagRuns/~/taskInstances/list", {
      dag_ids: ["a_etl", "b_etl"],
    });
    expect(dagIdsOf(tiBatch.body.task_instances)).toEqual(["a_etl"]);
    const xcoms = await v1("/dags/~/dagRuns/~/taskInstances/~/xcomEntries", "xcom_entries");
    expect(dagIdsOf(xcoms)).toEqual(["a_etl"]);
    const errors = await v1("/importErrors", "import_errors");
    expect(errors.map((e: { filename: string }) => e.filename)).toEqual(["a/broken.ts"]);
    expect(dagIdsOf(await v1("/backfills", "backfills"))).toEqual(["a_etl"]);
    expect(dagIdsOf(await v1("/dagStats?dag_ids=a_etl,b_etl", "dags"))).toEqual(["a_etl"]);

    const v2 = asV2(cp, { user: "alice" });
    expect(dagIdsOf((await v2("GET", "/dags")).body.dags)).toEqual(["a_etl"]);
    expect(dagIdsOf((await v2("GET", "/dags/~/dagRuns")).body.dag_runs)).toEqual(["a_etl"]);
    const v2Runs = await v2("POST", "/dags/~/dagRuns/list", { dag_ids: ["a_etl", "b_etl"] });
    expect(dagIdsOf(v2Runs.body.dag_runs)).toEqual(["a_etl"]);
    const v2Tis = await v2("GET", "/dags/~/dagRuns/~/taskInstances");
    expect(dagIdsOf(v2Tis.body.task_instances)).toEqual(["a_etl"]);
    const v2Xcoms = await v2("GET", "/dags/~/dagRuns/~/taskInstances/~/xcomEntries");
    expect(dagIdsOf(v2Xcoms.body.xcom_entries)).toEqual(["a_etl"]);
    expect(dagIdsOf((await v2("GET", "/dags/~/dagVersions")).body.dag_versions)).toEqual(["a_etl"]);
    const v2Errors = (await v2("GET", "/importErrors")).body.import_errors;
    expect(v2Errors.map((e: { filename: string }) => e.filename)).toEqual(["a/broken.ts"]);
    expect((await v2("GET", "/backfills?dag_id=b_etl")).body.total_entries).toBe(0);

    // The admin sees both teams' runs, as before teams.
    expect(dagIdsOf((await as(cp, "admin")("GET", "/dags/~/dagRuns")).body.dag_runs)).toEqual([
      "a_etl",
      "b_etl",
    ]);
  });

  it("answers reads of another team's objects exactly as misses, and refuses its changes", async () => {
    const cp = await twoTeams(backend);
    const alice = as(cp, "alice");
    /** The 404 for team b's object and for one that does not exist, with the same detail. */
    const sameMiss = async (
      method: string,
      path: string,
      missingPath: string,
      body?: unknown,
      replace: [string, string] = ["b_etl", "nope"],
    ) => {
      const hidden = await alice(method, path, body);
      const missing = await alice(method, missingPath, body);
      expect([hidden.status, missing.status]).toEqual([404, 404]);
      expect(hidden.body.detail.replaceAll(...replace)).toBe(missing.body.detail);
    };

    const admin = as(cp, "admin");
    const backfills = (await admin("GET", "/backfills")).body.backfills;
    const bBackfill = backfills.find((b: { dag_id: string }) => b.dag_id === "b_etl").id;
    const bError = (await admin("GET", "/importErrors")).body.import_errors.find(
      (e: { filename: string }) => e.filename === "b/broken.ts",
    ).import_error_id;
    await sameMiss("GET", `/backfills/${bBackfill}`, "/backfills/999999", undefined, [
      String(bBackfill),
      "999999",
    ]);
    await sameMiss("PUT", `/backfills/${bBackfill}/pause`, "/backfills/999999/pause", undefined, [
      String(bBackfill),
      "999999",
    ]);
    await sameMiss("GET", `/importErrors/${bError}`, "/importErrors/999999", undefined, [
      String(bError),
      "999999",
    ]);
    const bEvent = (await admin("GET", "/eventLogs?dag_id=b_etl&limit=1")).body.event_logs[0]
      .event_log_id;
    await sameMiss("GET", `/eventLogs/${bEvent}`, "/eventLogs/999999", undefined, [
      String(bEvent),
      "999999",
    ]);

    const run = "/dags/b_etl/dagRuns/r1";
    const noRun = "/dags/nope/dagRuns/r1";
    await sameMiss("GET", run, noRun);
    await sameMiss("GET", `${run}/taskInstances/t`, `${noRun}/taskInstances/t`);
    await sameMiss(
      "GET",
      `${run}/taskInstances/t/xcomEntries/return_value`,
      `${noRun}/taskInstances/t/xcomEntries/return_value`,
    );
    await sameMiss("POST", "/dags/b_etl/dagRuns", "/dags/nope/dagRuns", { dag_run_id: "x" });
    await sameMiss("PATCH", run, noRun, { state: "failed" });
    await sameMiss("DELETE", run, noRun);
    await sameMiss("POST", `${run}/clear`, `${noRun}/clear`, { dry_run: false });
    await sameMiss("DELETE", "/dags/b_etl", "/dags/nope");
    const bBackfillBody = { dag_id: "b_etl", from_date: "2024-02-01", to_date: "2024-02-02" };
    const noBackfillBody = { ...bBackfillBody, dag_id: "nope" };
    const started = await alice("POST", "/backfills", bBackfillBody);
    const nothing = await alice("POST", "/backfills", noBackfillBody);
    expect(started.status).toBe(404);
    expect(started.body.detail.replaceAll("b_etl", "nope")).toBe(nothing.body.detail);

    const v2 = asV2(cp, { user: "alice" });
    const v2Hidden = await v2("GET", "/dags/b_etl/dagRuns/r1");
    const v2Missing = await v2("GET", "/dags/nope/dagRuns/r1");
    expect(v2Hidden.status).toBe(404);
    expect(v2Hidden.body.detail.replaceAll("b_etl", "nope")).toBe(v2Missing.body.detail);
    expect((await v2("DELETE", "/dags/b_etl/dagRuns/r1")).status).toBe(404);
    expect((await v2("GET", `/backfills/${bBackfill}`)).status).toBe(404);

    // Bulk changes touch only the DAGs the caller may change.
    const paused = await alice("PATCH", "/dags?dag_id_pattern=~", { is_paused: true });
    expect(dagIdsOf(paused.body.dags)).toEqual(["a_etl"]);
    expect((await admin("GET", "/dags/b_etl")).body.is_paused).toBe(false);
    const v2Paused = await v2("PATCH", "/dags", { is_paused: false });
    expect(dagIdsOf(v2Paused.body.dags)).toEqual(["a_etl"]);
    // A Viewer of team a changes nothing, in bulk or not.
    const vera = as(cp, "vera");
    expect((await vera("PATCH", "/dags?dag_id_pattern=~", { is_paused: true })).status).toBe(403);
    expect((await vera("POST", "/dags/a_etl/dagRuns", { dag_run_id: "x" })).status).toBe(403);

    // Alice's own run still exists and is hers to change.
    expect((await alice("GET", "/dags/a_etl/dagRuns/r1")).status).toBe(200);
    const cleared = await alice("POST", "/dags/a_etl/dagRuns/r1/clear", { dry_run: true });
    expect(cleared.status).toBe(200);
    // Nothing of team b changed.
    expect((await admin("GET", "/dags/b_etl/dagRuns/r1")).status).toBe(200);
    expect((await admin("GET", `/backfills/${bBackfill}`)).body.is_paused).toBe(false);
  });

  it("shows a team's members that team's events, refusals of its objects included, and nothing of other teams", async () => {
    const cp = await twoTeams(backend);
    await addUser(cp.store, "bea", Role.viewer, "b");
    const alice = as(cp, "alice");
    await alice("PATCH", "/dags/a_etl/dagRuns/r1/setNote", { note: "mine" });
    await alice("GET", "/dags/b_etl");

    const events = async (who: string) =>
      (
        (await as(cp, who)("GET", "/eventLogs?limit=100")).body.event_logs as {
          event: string;
          owner: string;
          dag_id: string | null;
        }[]
      ).map((e) => `${e.event} ${e.owner} ${e.dag_id}`);
    const seenByVera = await events("vera");
    expect(seenByVera).toContain("set_dag_run_note alice a_etl");
    expect(seenByVera).toContain("post_dag_run admin a_etl");
    // Alice's refusal is team b's: it would tell team a that b_etl exists.
    expect(seenByVera.filter((e) => e.includes("b_etl"))).toEqual([]);
    expect(await events("alice")).not.toContain("refused:get_dag alice b_etl");
    // Team b sees who tried to reach its DAG.
    const seenByBea = await events("bea");
    expect(seenByBea).toContain("refused:get_dag alice b_etl");
    expect(seenByBea.filter((e) => e.includes("a_etl"))).toEqual([]);
    const refusal = (await as(cp, "admin")("GET", "/eventLogs?event=refused:get_dag")).body
      .event_logs[0];
    expect((await as(cp, "bea")("GET", `/eventLogs/${refusal.event_log_id}`)).status).toBe(200);
    expect((await alice("GET", `/eventLogs/${refusal.event_log_id}`)).status).toBe(404);
    const v2Events = (await asV2(cp, { user: "vera" })("GET", "/eventLogs?limit=100")).body;
    expect(
      v2Events.event_logs.filter((e: { dag_id: string | null }) => e.dag_id === "b_etl"),
    ).toEqual([]);
  });
});
