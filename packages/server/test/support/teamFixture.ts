import { mkdirSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import path from "node:path";
import { hashPassword } from "../../src/auth/passwords.js";
import { Role } from "../../src/auth/roles.js";
import type { ControlPlane } from "../../src/controlPlane.js";
import { edgeClient } from "./controlPlane.js";

/**
 * One team's objects for the team isolation matrix (teamIsolation.test.ts): every name
 * holds the team's marker (its name), so an answer that shows any of them says so.
 */
export interface TeamObjects {
  team: string;
  /** Users holding one role each in the team, and in no other: `<team>_viewer`, ... */
  users: { viewer: string; user: string; op: string };
  dag: string;
  /** Scheduled on the team's two assets; `dag`'s run left it a queued asset event. */
  consumer: string;
  /** Scheduled daily, on a queue no worker serves: its runs' jobs stay queued. */
  daily: string;
  run: string;
  task: string;
  mapped: string;
  pool: string;
  connection: string;
  variable: string;
  worker: string;
  queue: string;
  workerToken: string;
  fileToken: string;
  backfillId: number;
  eventLogId: number;
  importErrorId: number;
  /** The asset `dag` produces. Assets are shared by all teams: its URI holds no marker. */
  assetUri: string;
  assetId: number;
}

export const passwordOf = (username: string) => `${username}-password`;

/** The DAG files of a team's folder, `<team>/...`: a DAG file's folder names its team. */
function dagFiles(team: string, assets: [string, string]): Record<string, string> {
  const [a, b] = assets;
  return {
    [`${team}_etl.ts`]: `
import { asset, dag } from "borda";
export default dag({ id: "${team}_etl", tags: ["${team}_tag"] }, ({ task, mappedTask }) => {
  const extract = task({ id: "${team}_extract", queue: "${team}_q", outlets: [asset("${a}")] }, () => "${team}-result");
  mappedTask({ id: "${team}_fan", queue: "${team}_q", expand: { n: [1, 2] } }, (ctx) => ctx.inputs.n).after(extract);
});`,
    [`${team}_assets.ts`]: `
import { asset, dag } from "borda";
export default dag({ id: "${team}_consumer", schedule: asset("${a}").and(asset("${b}")) }, ({ task }) => {
  task({ id: "${team}_use", queue: "${team}_q" }, () => 1);
});`,
    [`${team}_daily.ts`]: `
import { dag } from "borda";
export default dag({ id: "${team}_daily", schedule: "@daily", startDate: "2024-01-01" }, ({ task }) => {
  task({ id: "${team}_work", queue: "${team}_daily_q" }, () => "done");
});`,
    [`${team}_broken.ts`]: `import { dag } from "borda";\nthrow new Error("${team} broken on purpose");`,
  };
}

/** A raw answer: status, body text and JSON (when it is), not checked against any spec. */
export interface RawAnswer {
  status: number;
  contentType: string;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: the answer's JSON, whatever the route sent.
  json: any;
}

/**
 * Sends a request as `who` (HTTP Basic, `<who>-password`) with node:http, not the global
 * fetch: the matrix collects answers the OpenAPI document does not declare as findings,
 * where the checking fetch of the test setup would throw them.
 */
export function sendAs(
  cp: ControlPlane,
  who: string,
  method: string,
  route: string,
  body?: unknown,
): Promise<RawAnswer> {
  const url = new URL(route, cp.url);
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        headers: {
          authorization: `Basic ${Buffer.from(`${who}:${passwordOf(who)}`).toString("base64")}`,
          accept: "application/json",
          ...(payload === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          const contentType = String(response.headers["content-type"] ?? "");
          let json: unknown = null;
          if (text && contentType.includes("json")) {
            try {
              json = JSON.parse(text);
            } catch {
              json = null;
            }
          }
          resolve({ status: response.statusCode ?? 0, contentType, text, json });
        });
      },
    );
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

/** Sends as `who` and fails unless the answer is 2xx: for building a fixture. */
async function must(cp: ControlPlane, who: string, method: string, route: string, body?: unknown) {
  const answer = await sendAs(cp, who, method, route, body);
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`fixture: ${who} ${method} ${route} → ${answer.status} ${answer.text}`);
  }
  return answer;
}

/** Long-polls the worker API until `count` jobs came (the scheduler queues them soon after). */
async function fetchJobs(
  edge: ReturnType<typeof edgeClient>,
  count: number,
): Promise<{ attemptId: string }[]> {
  const jobs: { attemptId: string }[] = [];
  for (let round = 0; round < 20 && jobs.length < count; round++) {
    const answer = await edge.fetchJobs(1000, count - jobs.length);
    jobs.push(...((answer.body.jobs ?? []) as { attemptId: string }[]));
  }
  return jobs;
}

/**
 * Makes team `team` (queues `<team>_*`) and its objects, as its own Op where the API
 * lets one (so each lands in the team whether or not the route takes a `team` field yet),
 * else as `admin`: users of each role, DAG files in the team's folder (one broken), a
 * pool, a connection, a variable, a worker token labelled with the team and a worker
 * registered with it, a finished run (log, XCom, mapped task, asset event), a backfill
 * and an event log entry.
 */
export async function makeTeam(
  cp: ControlPlane,
  team: string,
  assets: [string, string],
): Promise<TeamObjects> {
  const admin = "admin";
  await must(cp, admin, "POST", "/api/v1/teams", { name: team, queues: [`${team}_*`] });
  const users = { viewer: `${team}_viewer`, user: `${team}_user`, op: `${team}_op` };
  for (const [username, role] of [
    [users.viewer, Role.viewer],
    [users.user, Role.user],
    [users.op, Role.op],
  ] as const) {
    await cp.store.createUser(
      { username, role, team, passwordHash: await hashPassword(passwordOf(username)) },
      new Date(),
    );
  }
  const workerToken = `${team}-token`;
  const token = (
    await must(cp, admin, "POST", "/api/v1/edge/tokens", {
      name: workerToken,
      queues: [`${team}_*`],
      team,
    })
  ).json.token as string;

  const folder = path.join(cp.config.dagsFolder ?? "", team);
  mkdirSync(folder, { recursive: true });
  for (const [file, source] of Object.entries(dagFiles(team, assets))) {
    writeFileSync(path.join(folder, file), source);
  }
  await cp.processor.scanFolder();

  const op = users.op;
  await must(cp, op, "POST", "/api/v1/pools", { name: `${team}_pool`, slots: 3, team });
  await must(cp, op, "POST", "/api/v1/connections", {
    connection_id: `${team}_conn`,
    conn_type: "http",
    host: `${team}.example.com`,
    password: `${team}-secret`,
    team,
  });
  await must(cp, op, "POST", "/api/v1/variables", {
    key: `${team}_var`,
    value: `${team}-value`,
    team,
  });
  await must(cp, op, "PATCH", `/api/v1/dags/${team}_etl`, { is_paused: false });

  // The finished run: its tasks ran on the team's worker, logged, returned values, and
  // the first one's asset event queued an event for the consumer DAG.
  const run = `${team}_run`;
  await must(cp, op, "POST", `/api/v1/dags/${team}_etl/dagRuns`, { dag_run_id: run });
  const worker = `${team}-w1`;
  const edge = edgeClient(cp, token, worker);
  const registered = await edge.register([`${team}_q`]);
  if (registered.status !== 200) throw new Error(`fixture: register ${JSON.stringify(registered)}`);
  const [job] = await fetchJobs(edge, 1);
  if (!job) throw new Error(`fixture: no job for ${team}'s worker`);
  await edge.report(job.attemptId, "start");
  await edge.log(job.attemptId, 0, `${team} log line\n`);
  await edge.report(job.attemptId, "success", { returnValue: `${team}-result` });
  const fanned = await fetchJobs(edge, 2);
  for (const each of fanned) {
    await edge.report(each.attemptId, "start");
    await edge.report(each.attemptId, "success", { returnValue: `${team}-mapped` });
  }
  const finished = await must(cp, admin, "GET", `/api/v1/dags/${team}_etl/dagRuns/${run}`);
  if (finished.json.state !== "success") {
    throw new Error(`fixture: ${team}'s run is ${finished.json.state}, not success`);
  }

  const backfill = await must(cp, op, "POST", "/api/v1/backfills", {
    dag_id: `${team}_daily`,
    from_date: "2024-01-01",
    to_date: "2024-01-03",
    max_active_runs: 1,
  });
  const dag = await must(cp, admin, "GET", `/api/v1/dags/${team}_etl`);
  const importErrors = (await must(cp, admin, "GET", "/api/v1/importErrors?limit=100")).json
    .import_errors as { import_error_id: number; filename: string }[];
  const importError = importErrors.find((e) => e.filename.includes(`${team}_broken`));
  const events = await cp.store.findEvents(
    { dagId: `${team}_etl`, events: ["patch_dag"] },
    { orderBy: "event_log_id", descending: false, limit: 1, offset: 0 },
  );
  const assetList = (await must(cp, admin, "GET", "/api/v2/assets?limit=100")).json.assets as {
    id: number;
    uri: string;
  }[];
  const asset = assetList.find((a) => a.uri === assets[0]);
  if (!importError || !events.items[0] || !asset) {
    throw new Error(`fixture: ${team}'s import error, event or asset is missing`);
  }
  return {
    team,
    users,
    dag: `${team}_etl`,
    consumer: `${team}_consumer`,
    daily: `${team}_daily`,
    run,
    task: `${team}_extract`,
    mapped: `${team}_fan`,
    pool: `${team}_pool`,
    connection: `${team}_conn`,
    variable: `${team}_var`,
    worker,
    queue: `${team}_q`,
    workerToken,
    fileToken: dag.json.file_token,
    backfillId: backfill.json.id,
    eventLogId: events.items[0].id,
    importErrorId: importError.import_error_id,
    assetUri: assets[0],
    assetId: asset.id,
  };
}

/**
 * The names a team's objects would have if the team did not exist: each of `objects`'
 * with its marker replaced by `missing`, ids that no row has, a file token of no file.
 */
export function missingObjects(objects: TeamObjects, missing: string): TeamObjects {
  const rename = (value: string) => value.replaceAll(objects.team, missing);
  const renamed = Object.fromEntries(
    Object.entries(objects).map(([key, value]) => [
      key,
      typeof value === "string" ? rename(value) : value,
    ]),
  ) as unknown as TeamObjects;
  return {
    ...renamed,
    users: {
      viewer: rename(objects.users.viewer),
      user: rename(objects.users.user),
      op: rename(objects.users.op),
    },
    fileToken: Buffer.from(
      rename(Buffer.from(objects.fileToken, "base64url").toString("utf8")),
    ).toString("base64url"),
    backfillId: 999_999,
    eventLogId: 999_999,
    importErrorId: 999_999,
    assetUri: objects.assetUri,
    assetId: objects.assetId,
  };
}
