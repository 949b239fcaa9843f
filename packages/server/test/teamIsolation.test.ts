import { expect, it } from "vitest";
import type { ControlPlane } from "../src/controlPlane.js";
import { startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { expectDocumented, type OpenApiDocument } from "./support/openApiConformance.js";
import {
  makeTeam,
  missingObjects,
  type RawAnswer,
  sendAs,
  type TeamObjects,
} from "./support/teamFixture.js";

/**
 * Team isolation, the acceptance matrix of issue 17 (docs/teams.md, "Who sees what"):
 * two teams, `apple` and `zebra`, each with a DAG, a finished run, a pool, a connection,
 * a variable, a worker, ... whose names all hold the team's name. Every operation of
 * Borda's OpenAPI document (/api/v1, /api/v2, Borda's own routes) is sent by each of
 * apple's Viewer, User and Op:
 *
 * - a list (a request naming no object) answers 2xx or 403, and never shows "zebra";
 * - a request naming a zebra object answers 404 (a read) or 403/404 (a change), exactly
 *   as the same request naming an object that does not exist is answered (where that is
 *   a 2xx, an empty list of a missing run's XComs, the very same 2xx);
 * - a filter naming zebra objects (`?dag_id=zebra_etl`) answers as one naming nothing;
 * - and, as a positive control, apple's Op naming apple's objects is not answered 404.
 *
 * Afterwards zebra's objects are as they were, and each refused operation left a
 * `refused:<operation>` event under team zebra. The operations come from the served
 * OpenAPI document, so a new route fails this test until `probes` or `notTeamScoped`
 * names it. Every finding is collected and shown as one list.
 */

// biome-ignore lint/suspicious/noExplicitAny: the answers' JSON, read field by field.
type Json = any;

const marker = "zebra";
const missing = "nosuch";

/** What a probe of one operation sends, given the objects it names and the caller's own. */
interface Probe {
  /** Path parameters that differ from `paramValue`'s. */
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /**
   * `names`: names objects (in its path, or a team in its body); `filter`: a list filtered
   * by objects' names; `list`: names nothing of a team; `shared`: names only objects all
   * teams share (assets). Default: from the path's parameters.
   */
  kind?: Kind;
  /** False: do not send it about missing objects too (it would make them). */
  miss?: boolean;
}
type Kind = "names" | "filter" | "list" | "shared";
type ProbeOf = (n: TeamObjects, own: TeamObjects) => Probe;

const deployed = (n: TeamObjects, version: string) => ({
  file_name: `${n.team}/${n.team}_deployed_${version}.ts`,
  source: `import { dag } from "borda";
export default dag({ id: "${n.team}_deployed_${version}" }, ({ task }) => {
  task({ id: "t", queue: "${n.team}_q" }, () => 1);
});`,
});
const backfillV1 = (n: TeamObjects): Probe => ({
  body: { dag_id: n.daily, from_date: "2024-02-01", to_date: "2024-02-02" },
  kind: "names",
});
const backfillV2 = (n: TeamObjects): Probe => ({
  body: {
    dag_id: n.daily,
    from_date: "2024-02-01T00:00:00Z",
    to_date: "2024-02-02T00:00:00Z",
    dag_run_conf: null,
    max_active_runs: 1,
    run_on_latest_version: true,
  },
  kind: "names",
});

/**
 * What each operation that needs more than its path sends: bodies, queries, and which
 * object it names. Bodies are those of airflowCoverage.test.ts's representative requests,
 * named for the team; new objects are created in the team named (`team`; v2: Airflow 3's
 * `team_name`).
 */
const probes: Record<string, ProbeOf> = {
  "POST /api/v1/pools": (n) => ({
    body: { name: `made_${n.team}_pool_v1`, slots: 2, team: n.team },
    kind: "names",
  }),
  "PATCH /api/v1/pools/{pool_name}": () => ({ body: { slots: 5 } }),
  "POST /api/v1/connections": (n) => ({
    body: {
      connection_id: `made_${n.team}_conn_v1`,
      conn_type: "http",
      host: "h.example.com",
      team: n.team,
    },
    kind: "names",
  }),
  "PATCH /api/v1/connections/{connection_id}": (n) => ({
    query: "update_mask=port",
    body: { connection_id: n.connection, conn_type: "http", port: 5433 },
  }),
  "POST /api/v1/connections/test": () => ({
    body: { connection_id: "made_conn_test", conn_type: "http", host: "127.0.0.1", port: 9 },
  }),
  "POST /api/v1/variables": (n) => ({
    body: { key: `made_${n.team}_var_v1`, value: "x", team: n.team },
    kind: "names",
  }),
  "PATCH /api/v1/variables/{variable_key}": (n) => ({
    body: { key: n.variable, value: "changed" },
  }),
  "PATCH /api/v1/dags": (n) => ({
    query: `dag_id_pattern=${n.team}&update_mask=is_paused`,
    body: { is_paused: true },
    kind: "filter",
  }),
  "PATCH /api/v1/dags/{dag_id}": () => ({ body: { is_paused: true } }),
  "GET /api/v1/dagStats": (n) => ({ query: `dag_ids=${n.dag}`, kind: "filter" }),
  "POST /api/v1/dags/{dag_id}/dagRuns": () => ({ body: { dag_run_id: "made_run_v1" } }),
  "POST /api/v1/dags/~/dagRuns/list": (n) => ({ body: { dag_ids: [n.dag] }, kind: "filter" }),
  "PATCH /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}": () => ({ body: { state: "failed" } }),
  "PATCH /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/setNote": () => ({ body: { note: "seen" } }),
  "POST /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/clear": () => ({ body: { dry_run: true } }),
  "GET /api/v1/backfills": (n) => ({ query: `dag_id=${n.daily}`, kind: "filter" }),
  "POST /api/v1/backfills": backfillV1,
  "POST /api/v1/backfills/dry_run": backfillV1,
  // A deploy into a folder no team has only makes a DAG of team default: nothing to compare.
  "POST /api/v1/dags/deploy": (n) => ({ body: deployed(n, "v1"), kind: "names", miss: false }),
  "POST /api/v1/dags/~/dagRuns/~/taskInstances/list": (n) => ({
    body: { dag_ids: [n.dag] },
    kind: "filter",
  }),
  "PATCH /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}": () => ({
    body: { dry_run: true, new_state: "failed" },
  }),
  "PATCH /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}": () => ({
    body: { dry_run: true, new_state: "failed" },
  }),
  "PATCH /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/setNote": () => ({
    body: { note: "seen" },
  }),
  "PATCH /api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/setNote":
    () => ({ body: { note: "seen" } }),
  "POST /api/v1/dags/{dag_id}/updateTaskInstancesState": (n) => ({
    body: { dry_run: true, task_id: n.task, dag_run_id: n.run, new_state: "failed" },
  }),
  "POST /api/v1/dags/{dag_id}/clearTaskInstances": (n) => ({
    body: { dry_run: true, dag_run_id: n.run, only_failed: false },
  }),
  // Assets are shared: raising an event on one is a list-like change, made on the caller's.
  "POST /api/v1/datasets/events": (_n, own) => ({ body: { dataset_uri: own.assetUri } }),
  "POST /api/v1/edge/workers/{worker_name}/maintenance": () => ({
    body: { on: true, comment: "checking" },
  }),
  "POST /api/v1/edge/workers/{worker_name}/queues": (n) => ({ body: { queue: `${n.team}_extra` } }),
  "PATCH /api/v1/edge/workers/{worker_name}/concurrency": () => ({ body: { concurrency: 2 } }),
  "POST /api/v1/edge/tokens": (n) => ({
    body: { name: `made_${n.team}_token`, queues: [`${n.team}_made`], team: n.team },
    kind: "names",
  }),
  "GET /api/v1/edge/jobs": (n) => ({ query: `dag_id=${n.daily}`, kind: "filter" }),
  "POST /api/v1/teams": () => ({ body: { name: "made_team", queues: ["made_*"] } }),
  "PATCH /api/v1/teams/{team_name}": () => ({ body: { description: "changed" } }),
  // Adding oneself to another team.
  "PUT /api/v1/teams/{team_name}/members/{username}": (_n, own) => ({
    params: { username: own.users.viewer },
    body: { role: "Op" },
  }),

  "PATCH /api/v2/dags": (n) => ({
    query: `dag_id_pattern=${n.team}`,
    body: { is_paused: true },
    kind: "filter",
  }),
  "PATCH /api/v2/dags/{dag_id}": () => ({ body: { is_paused: true } }),
  "GET /api/v2/dagStats": (n) => ({ query: `dag_ids=${n.dag}`, kind: "filter" }),
  "POST /api/v2/dags/{dag_id}/dagRuns": () => ({
    body: { dag_run_id: "made_run_v2", logical_date: null },
  }),
  "POST /api/v2/dags/{dag_id}/dagRuns/list": () => ({ body: {} }),
  "PATCH /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}": () => ({ body: { state: "failed" } }),
  "POST /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/clear": () => ({ body: { dry_run: true } }),
  "PATCH /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}": () => ({
    query: "update_mask=note",
    body: { note: "seen" },
  }),
  "PATCH /api/v2/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}": () => ({
    query: "update_mask=note",
    body: { note: "seen" },
  }),
  "POST /api/v2/dags/{dag_id}/clearTaskInstances": (n) => ({
    body: { dry_run: true, dag_run_id: n.run },
  }),
  "POST /api/v2/pools": (n) => ({
    body: { name: `made_${n.team}_pool_v2`, slots: 2, team_name: n.team },
    kind: "names",
  }),
  "PATCH /api/v2/pools/{pool_name}": (n) => ({ body: { name: n.pool, slots: 5 } }),
  "POST /api/v2/variables": (n) => ({
    body: { key: `made_${n.team}_var_v2`, value: "x", team_name: n.team },
    kind: "names",
  }),
  "PATCH /api/v2/variables/{variable_key}": (n) => ({
    body: { key: n.variable, value: "changed" },
  }),
  "POST /api/v2/connections": (n) => ({
    body: { connection_id: `made_${n.team}_conn_v2`, conn_type: "http", team_name: n.team },
    kind: "names",
  }),
  "PATCH /api/v2/connections/{connection_id}": (n) => ({
    query: "update_mask=host",
    body: { connection_id: n.connection, conn_type: "http", host: "changed.example.com" },
  }),
  "POST /api/v2/connections/test": () => ({
    body: { connection_id: "made_conn_test", conn_type: "http", host: "127.0.0.1", port: 9 },
  }),
  "POST /api/v2/assets/events": (_n, own) => ({ body: { asset_id: own.assetId } }),
  "GET /api/v2/backfills": (n) => ({ query: `dag_id=${n.daily}`, kind: "filter" }),
  "POST /api/v2/backfills": backfillV2,
  "POST /api/v2/backfills/dry_run": backfillV2,
};

/**
 * Requests beyond one per operation: `~` wildcards, which must list only visible teams'
 * objects, and filters naming a team's objects, which must answer as for names of none.
 */
const variants: {
  key: string;
  method: string;
  path: (n: TeamObjects) => string;
  body?: unknown;
  kind: Kind;
}[] = [
  ...[
    "/api/v1/dags/~/dagRuns",
    "/api/v1/dags/~/dagRuns/~/taskInstances",
    "/api/v1/dags/~/dagRuns/~/taskInstances/~/xcomEntries",
    "/api/v2/dags/~/dagRuns",
    "/api/v2/dags/~/dagRuns/~/taskInstances",
    "/api/v2/dags/~/dagRuns/~/taskInstances/~/xcomEntries",
    "/api/v2/dags/~/dagVersions",
  ].map((path) => ({ key: `GET ${path}`, method: "GET", path: () => path, kind: "list" as const })),
  {
    key: "POST /api/v2/dags/~/dagRuns/list",
    method: "POST",
    path: () => "/api/v2/dags/~/dagRuns/list",
    body: {},
    kind: "list",
  },
  ...[
    (n: TeamObjects) => `/api/v1/dags?dag_id_pattern=${n.team}`,
    (n: TeamObjects) => `/api/v2/dags?dag_id_pattern=${n.team}`,
    (n: TeamObjects) => `/api/v1/eventLogs?dag_id=${n.dag}`,
    (n: TeamObjects) => `/api/v2/eventLogs?dag_id=${n.dag}`,
    (n: TeamObjects) => `/api/v1/dagWarnings?dag_id=${n.dag}`,
    (n: TeamObjects) => `/api/v2/dagWarnings?dag_id=${n.dag}`,
    (n: TeamObjects) => `/api/v1/edge/workers?queue=${n.queue}`,
    (n: TeamObjects) => `/api/v1/edge/jobs?queue=${n.team}_daily_q`,
    (n: TeamObjects) => `/api/v1/dags/${n.dag}/dagRuns/~/taskInstances`,
    (n: TeamObjects) => `/api/v2/dags/${n.dag}/dagRuns/~/taskInstances`,
  ].map((path) => ({
    key: `GET ${path({ team: "{team}", dag: "{dag}", queue: "{queue}" } as TeamObjects)}`,
    method: "GET",
    path,
    kind: "filter" as const,
  })),
];

/**
 * Operations no team owns, so not in the matrix, each with why. Anything else the
 * document serves is probed.
 */
const notTeamScoped: [RegExp, string][] = [
  [/^\w+ \/edge\/v1\//, "the worker protocol: signed in by worker tokens, not users"],
  [/^POST \/auth\/token/, "signs a user in (Airflow 3's token endpoints)"],
  [
    /^GET \/api\/v[12]\/(health|version|monitor\/health)$/,
    "says the server is up, and its version",
  ],
  [/^GET \/api\/v[12]\/config/, "the server's configuration, the same for every team"],
  [/^GET \/api\/v[12]\/(plugins|providers)$/, "what the installation has installed"],
  [/^GET \/api\/v1\/(roles|permissions)/, "the four fixed roles and their permissions"],
  [/^\w+ \/api\/v1\/users/, "users are global, and Admin's alone to manage"],
  [/^\w+ \/api\/v1\/auth\/session$/, "the caller's own browser session"],
  [/^\w+ \/api\/v1\/auth\/tokens/, "the caller's own API tokens"],
];

/**
 * Operations apple's Op may be refused on apple's own objects, and why: the matrix
 * asks only that a refusal there is not a 404.
 */
const ownRefusals: Record<string, string> = {
  "POST /api/v1/edge/tokens": "worker tokens are Admin's to make",
  "DELETE /api/v1/edge/tokens/{id_or_name}": "worker tokens are Admin's to revoke",
  "POST /api/v1/teams": "teams are Admin's to make",
  "PATCH /api/v1/teams/{team_name}": "teams are Admin's to change",
  "DELETE /api/v1/teams/{team_name}": "teams are Admin's to delete",
  "PUT /api/v1/teams/{team_name}/members/{username}": "memberships are Admin's to give",
  "DELETE /api/v1/teams/{team_name}/members/{username}": "memberships are Admin's to take",
  "POST /api/v1/backfills": "the DAG has a backfill going on already (the fixture's): 409",
  "POST /api/v2/backfills": "the DAG has a backfill going on already (the fixture's): 409",
  "PUT /api/v2/backfills/{backfill_id}/cancel": "v1's cancel ended the backfill first: 409",
  "DELETE /api/v1/edge/workers/{worker_name}":
    "the control asked the worker to shut down first, and such a worker is not deleted: 409",
};

/** Path parameters naming objects a team owns (the others pick within one, or are shared). */
const objectParams = new Set([
  "dag_id",
  "dag_run_id",
  "task_id",
  "pool_name",
  "connection_id",
  "variable_key",
  "file_token",
  "backfill_id",
  "event_log_id",
  "import_error_id",
  "worker_name",
  "queue",
  "id_or_name",
  "team_name",
  "username",
]);

/** The value a path parameter gets for `n`'s objects. */
function paramValue(param: string, template: string, n: TeamObjects): string | undefined {
  const mapped = template.includes("{map_index}") || template.endsWith("/listMapped");
  const values: Record<string, string> = {
    dag_id: /queuedEvent|assets/.test(template) ? n.consumer : n.dag,
    dag_run_id: n.run,
    task_id: mapped ? n.mapped : n.task,
    map_index: "1",
    task_try_number: "1",
    try_number: "1",
    pool_name: n.pool,
    connection_id: n.connection,
    variable_key: n.variable,
    file_token: n.fileToken,
    backfill_id: String(n.backfillId),
    event_log_id: String(n.eventLogId),
    import_error_id: String(n.importErrorId),
    uri: encodeURIComponent(n.assetUri),
    asset_id: String(n.assetId),
    xcom_key: "return_value",
    worker_name: n.worker,
    queue: n.queue,
    id_or_name: n.workerToken,
    team_name: n.team,
    username: n.users.viewer,
    version_number: "1",
  };
  return values[param];
}

interface Operation {
  key: string;
  method: string;
  template: string;
  /** The event a refusal is recorded as, `refused:` aside (recordEvents.ts). */
  event: string;
}

/** Every operation of the served OpenAPI document. */
function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => ["get", "put", "post", "patch", "delete"].includes(method))
      .map(([method, operation]) => {
        const verb = method.toUpperCase();
        const operationId = (operation as { operationId?: string }).operationId;
        return {
          key: `${verb} ${template}`,
          method: verb,
          template,
          event: operationId ?? `${verb} ${template.replace(/\{(\w+)\}/g, ":$1")}`,
        };
      }),
  );
}

interface Request {
  key: string;
  method: string;
  path: string;
  body?: unknown;
  kind: Kind;
  miss: boolean;
  /** The object it would change or delete, when it changed one. */
  target: string | undefined;
}

/** The request of `op` about `n`'s objects, sent by a member of `own`'s team. */
function requestOf(op: Operation, n: TeamObjects, own: TeamObjects): Request | string {
  const probe = probes[op.key]?.(n, own) ?? {};
  const params = [...op.template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "");
  const values: Record<string, string> = {};
  for (const param of params) {
    const value = probe.params?.[param] ?? paramValue(param, op.template, n);
    if (value === undefined) return `the matrix has no value for the path parameter {${param}}`;
    values[param] = value;
  }
  const path = op.template.replace(/\{(\w+)\}/g, (_, param: string) =>
    param in values ? (values[param] ?? "") : "",
  );
  const kind =
    probe.kind ??
    (params.some((p) => objectParams.has(p)) ? "names" : params.length > 0 ? "shared" : "list");
  const named = params.filter((p) => objectParams.has(p));
  return {
    key: op.key,
    method: op.method,
    path: probe.query ? `${path}?${probe.query}` : path,
    ...(probe.body === undefined ? {} : { body: probe.body }),
    kind,
    miss: probe.miss ?? true,
    // What a delete removes: queued asset events are one thing, however they are named.
    target: /queuedEvent/.test(op.template)
      ? "queuedEvent"
      : named.length > 0
        ? values[named[named.length - 1] ?? ""]
        : undefined,
  };
}

/** The pairs (value about `n`, value about missing objects) an answer is compared after. */
function pairsOf(n: TeamObjects, gone: TeamObjects): [string, string][] {
  const pairs: [string, string][] = [
    [n.fileToken, gone.fileToken],
    [String(n.backfillId), String(gone.backfillId)],
    [String(n.eventLogId), String(gone.eventLogId)],
    [String(n.importErrorId), String(gone.importErrorId)],
  ];
  return pairs;
}

/** The answer about `n`'s objects as it reads about missing ones (`pairs`, then the marker). */
function asIfMissing(text: string, request: Request, pairs: [string, string][]): string {
  let out = text;
  for (const [from, to] of pairs) {
    if (!request.path.includes(from)) continue;
    out = /^\d+$/.test(from)
      ? out.replace(new RegExp(`\\b${from}\\b`, "g"), to)
      : out.replaceAll(from, to);
  }
  return out.replaceAll(marker, missing);
}

interface Finding {
  method: string;
  path: string;
  user: string;
  status: number | string;
  why: string;
}

/** Where the marker shows in `text`, with some context. */
function markerIn(text: string): string | undefined {
  const at = text.toLowerCase().indexOf(marker);
  if (at < 0) return undefined;
  return text.slice(Math.max(0, at - 60), at + 60).replace(/\s+/g, " ");
}

const is2xx = (status: number) => status >= 200 && status < 300;
const phaseOf = (r: { method: string; key: string }) =>
  r.method === "GET" ? 0 : r.method === "DELETE" || r.key.endsWith("/cancel") ? 2 : 1;
/** Deletes of deeper objects first, so a DAG is deleted after its runs. */
const depthOf = (key: string) => key.split("/").length;

/** What zebra's objects are like, as an Admin reads them: compared before and after. */
async function stateOf(cp: ControlPlane, n: TeamObjects): Promise<Record<string, unknown>> {
  const read = async (path: string, pick: (json: Json) => unknown) => {
    const answer = await sendAs(cp, "admin", "GET", path);
    if (!is2xx(answer.status)) return `answered ${answer.status}`;
    try {
      return pick(answer.json);
    } catch {
      return `unreadable: ${answer.text.slice(0, 200)}`;
    }
  };
  const run = `/api/v1/dags/${n.dag}/dagRuns/${n.run}`;
  return {
    dag: await read(`/api/v1/dags/${n.dag}`, (d) => d.is_paused),
    daily: await read(`/api/v1/dags/${n.daily}`, (d) => d.is_paused),
    dags: await read(`/api/v1/dags?dag_id_pattern=${n.team}&limit=100`, (d) =>
      d.dags.map((x: Json) => x.dag_id).sort(),
    ),
    runs: await read(`/api/v1/dags/${n.dag}/dagRuns?limit=100`, (d) =>
      d.dag_runs.map((r: Json) => `${r.dag_run_id} ${r.state} ${r.note}`).sort(),
    ),
    taskInstances: await read(`${run}/taskInstances?limit=100`, (d) =>
      d.task_instances.map((t: Json) => `${t.task_id}[${t.map_index}] ${t.state} ${t.note}`).sort(),
    ),
    pool: await read(`/api/v1/pools/${n.pool}`, (p) => [p.slots, p.description]),
    connection: await read(`/api/v1/connections/${n.connection}`, (c) => [c.host, c.port]),
    variable: await read(`/api/v1/variables/${n.variable}`, (v) => v.value),
    worker: await read(`/api/v1/edge/workers/${n.worker}`, (w) => [
      w.queues,
      w.concurrency,
      w.maintenance_comment,
    ]),
    workerToken: await read("/api/v1/edge/tokens?limit=100", (d) =>
      d.tokens.filter((t: Json) => t.name === n.workerToken).map((t: Json) => t.revoked_at),
    ),
    backfill: await read(`/api/v1/backfills/${n.backfillId}`, (b) => [b.is_paused, b.completed_at]),
    queuedEvents: await read(`/api/v1/dags/${n.consumer}/datasets/queuedEvent`, (q) =>
      q.datasets.map((e: Json) => e.uri),
    ),
    importError: await read(`/api/v1/importErrors/${n.importErrorId}`, () => "present"),
    team: await read(`/api/v1/teams/${n.team}`, (t) => [t.queues, t.description]),
    members: await read(`/api/v1/teams/${n.team}/members`, (m) => m.members),
  };
}

/**
 * One line per request, status and kind of finding, naming every user it was seen as:
 * `method path | users | status | why`.
 */
function summarize(findings: Finding[]): string[] {
  const lines = new Map<string, { users: string[]; finding: Finding }>();
  for (const finding of findings) {
    const key = `${finding.method} ${finding.path} ${finding.status} ${finding.why.split(":")[0]}`;
    const line = lines.get(key);
    if (line) line.users.push(finding.user);
    else lines.set(key, { users: [finding.user], finding });
  }
  return [...lines.values()].map(({ users, finding: f }) =>
    `${f.method} ${f.path} | ${users.filter(Boolean).join(", ")} | ${f.status} | ${f.why}`.trim(),
  );
}

describeEachBackend("team isolation", (backend) => {
  it("shows apple's members nothing of zebra, on every operation, and lets them use apple's", async () => {
    const cp = await startApiWithUsers(backend, { config: { testConnection: true } });
    const zebra = await makeTeam(cp, marker, ["s3://lake/zz_a", "s3://lake/zz_b"]);
    const apple = await makeTeam(cp, "apple", ["s3://lake/aa_a", "s3://lake/aa_b"]);
    const nosuch = missingObjects(zebra, missing);
    const pairs = pairsOf(zebra, nosuch);
    const before = await stateOf(cp, zebra);

    const document = (await (
      await fetch(`${cp.url}/api/v1/openapi.json`)
    ).json()) as OpenApiDocument;
    const findings: Finding[] = [];
    const operations = operationsOf(document);
    const probed = operations.filter(
      (op) => !notTeamScoped.some(([pattern]) => pattern.test(op.key)),
    );
    const served = new Set(operations.map((op) => op.key));
    for (const [pattern] of notTeamScoped.filter(
      ([p]) => !operations.some((op) => p.test(op.key)),
    )) {
      findings.push({
        method: "",
        path: String(pattern),
        user: "",
        status: "",
        why: "notTeamScoped names no served operation",
      });
    }
    for (const key of Object.keys(probes).filter((k) => !served.has(k))) {
      findings.push({
        method: "",
        path: key,
        user: "",
        status: "",
        why: "probes names an operation the document does not serve",
      });
    }

    /** The requests of one caller, about `n`'s objects, in phase order: reads, changes, deletes. */
    const requestsAbout = (n: TeamObjects, own: TeamObjects) => {
      const requests: Request[] = [];
      for (const op of probed) {
        const request = requestOf(op, n, own);
        if (typeof request === "string") {
          findings.push({
            method: op.method,
            path: op.template,
            user: "",
            status: "",
            why: request,
          });
        } else requests.push(request);
      }
      for (const variant of variants) {
        requests.push({
          key: variant.key,
          method: variant.method,
          path: variant.path(n),
          ...(variant.body === undefined ? {} : { body: variant.body }),
          kind: variant.kind,
          miss: true,
          target: undefined,
        });
      }
      return requests.sort(
        (a, b) =>
          phaseOf(a) - phaseOf(b) || (phaseOf(a) === 2 ? depthOf(b.key) - depthOf(a.key) : 0),
      );
    };
    const zebraRequests = requestsAbout(zebra, apple);
    const missingRequests = new Map(
      requestsAbout(nosuch, apple).map((r) => [`${r.key} ${r.kind}`, r]),
    );
    const appleRequests = requestsAbout(apple, apple);

    /** Sends, and notes an answer the OpenAPI document does not declare. */
    const send = async (user: string, request: Request): Promise<RawAnswer> => {
      const answer = await sendAs(cp, user, request.method, request.path, request.body);
      try {
        expectDocumented(document, {
          method: request.method,
          pathname: new URL(request.path, cp.url).pathname,
          status: answer.status,
          contentType: answer.contentType,
          body: answer.status === 204 || answer.contentType.includes("json") ? answer.text : "",
        });
      } catch (error) {
        const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
        findings.push({
          method: request.method,
          path: request.path,
          user,
          status: answer.status,
          why: `not as documented: ${why}`,
        });
      }
      return answer;
    };

    const refused = new Map<string, Operation>();
    const appleUsers = [apple.users.viewer, apple.users.user, apple.users.op];
    const gone = new Set<string>();
    const zebraGone = new Set<string>();
    for (const phase of [0, 1, 2]) {
      for (const user of appleUsers) {
        for (const request of zebraRequests.filter((r) => phaseOf(r) === phase)) {
          // The same request about objects that do not exist, first: it may make them.
          const miss = request.miss
            ? missingRequests.get(`${request.key} ${request.kind}`)
            : undefined;
          const missAnswer =
            miss && request.kind !== "list" && request.kind !== "shared"
              ? await send(user, miss)
              : undefined;
          // What zebra's objects are like before a change of something shared.
          const prior =
            (request.kind === "list" || request.kind === "shared") && request.method !== "GET"
              ? await stateOf(cp, zebra)
              : undefined;
          const answer = await send(user, request);
          const found = (why: string) =>
            findings.push({
              method: request.method,
              path: request.path,
              user,
              status: answer.status,
              why,
            });
          const shown = markerIn(answer.text);
          if (answer.status >= 500) {
            found(`server error: ${answer.text.slice(0, 200)}`);
            continue;
          }
          if (request.kind === "list" || request.kind === "shared") {
            const allowed = request.kind === "list" ? [403] : [403, 404];
            if (!is2xx(answer.status) && !allowed.includes(answer.status)) {
              found(
                `a ${request.kind === "list" ? "list" : "read of a shared object"} answered neither 2xx nor ${allowed.join("/")}: ${answer.text.slice(0, 160)}`,
              );
            }
            if (shown) found(`shows zebra: …${shown}…`);
            // A change of something shared (an asset's queued events) leaves zebra's alone.
            if (prior && is2xx(answer.status)) {
              const now = await stateOf(cp, zebra);
              for (const [what, was] of Object.entries(prior)) {
                if (JSON.stringify(now[what]) !== JSON.stringify(was)) {
                  found(
                    `changed zebra's ${what}: ${JSON.stringify(was)} → ${JSON.stringify(now[what])}`,
                  );
                }
              }
            }
            continue;
          }
          const asMissing = asIfMissing(answer.text, request, pairs);
          const likeMissing =
            missAnswer !== undefined &&
            answer.status === missAnswer.status &&
            asMissing === missAnswer.text;
          if (request.kind === "names") {
            // A role the caller lacks everywhere is refused before any object is looked up.
            const wanted = request.method === "GET" ? [404] : [403, 404];
            // Without a request about missing objects to compare with, a 403 is taken as one.
            const roleRefusal = answer.status === 403 && (missAnswer === undefined || likeMissing);
            // A read answered exactly as one about missing objects: nothing shows (an empty
            // list where a missing run's XComs are an empty list too). Not a change: one
            // made in another team than the one named is no answer to it.
            const op = operations.find((o) => o.key === request.key);
            const reads = request.method === "GET" || /^(v2_)?get_/.test(op?.event ?? "");
            const asForMissing = reads && likeMissing && is2xx(answer.status);
            if (!wanted.includes(answer.status) && !roleRefusal && !asForMissing) {
              // Deleted for good: later requests about it get real misses, not refusals.
              if (is2xx(answer.status) && request.method === "DELETE" && request.target) {
                zebraGone.add(request.target);
              }
              found(
                is2xx(answer.status)
                  ? `names a zebra object, yet answered ${answer.status}: ${shown ? `…${shown}…` : answer.text.slice(0, 160)}`
                  : `names a zebra object: wanted ${wanted.join("/")}, got: ${answer.text.slice(0, 160)}`,
              );
              continue;
            }
            const segments = request.path.split("?")[0]?.split("/") ?? [];
            const reallyGone = [...zebraGone].some((target) => segments.includes(target));
            if (op && !roleRefusal && !reallyGone && !asForMissing) refused.set(op.key, op);
          }
          if (missAnswer && !likeMissing) {
            found(
              `answers otherwise than for objects that do not exist: ${answer.status} ${answer.text.slice(0, 160)} | for missing ones: ${missAnswer.status} ${missAnswer.text.slice(0, 160)}`,
            );
          } else if (!missAnswer && shown && request.kind === "filter") {
            found(`shows zebra: …${shown}…`);
          }
        }
      }

      // The positive control: apple's Op on apple's objects is not told they are missing.
      const op = apple.users.op;
      for (const request of appleRequests.filter((r) => phaseOf(r) === phase)) {
        if (request.kind === "list") continue;
        const answer = await send(op, request);
        if (is2xx(answer.status)) {
          if (request.method === "DELETE" && request.target) gone.add(request.target);
          continue;
        }
        const template = request.key.slice(request.key.indexOf(" ") + 1);
        const reason = ownRefusals[request.key];
        const segments = request.path.split("?")[0]?.split("/") ?? [];
        const deletedBefore =
          answer.status === 404 &&
          [...gone].some((target) => segments.includes(target) || request.key.includes(target));
        if (reason && answer.status !== 404) continue;
        if (deletedBefore) continue;
        findings.push({
          method: request.method,
          path: request.path,
          user: `${op} (own team)`,
          status: answer.status,
          why: `apple's Op on apple's object (${template}): ${answer.text.slice(0, 160)}`,
        });
      }
    }

    // Zebra's objects are as they were.
    const after = await stateOf(cp, zebra);
    for (const [what, was] of Object.entries(before)) {
      if (JSON.stringify(after[what]) !== JSON.stringify(was)) {
        findings.push({
          method: "",
          path: `zebra's ${what}`,
          user: "",
          status: "",
          why: `changed: ${JSON.stringify(was)} → ${JSON.stringify(after[what])}`,
        });
      }
    }

    // Each operation refused on a zebra object left a refusal in zebra's event log.
    const events = await cp.store.findEvents(
      {},
      { orderBy: "event_log_id", descending: false, limit: 100_000, offset: 0 },
    );
    const recorded = new Set(
      events.items
        .filter((e) => e.team === marker && e.event.startsWith("refused:"))
        .map((e) => e.event.slice("refused:".length)),
    );
    for (const op of refused.values()) {
      const fastifyPath = `${op.method} ${op.template.replace(/\{(\w+)\}/g, ":$1")}`;
      // v2's operation ids are prefixed in the document only (httpServer.ts): events say `get_dag`.
      const names = [op.event, op.event.replace(/^v2_/, ""), fastifyPath];
      if (!names.some((name) => recorded.has(name))) {
        findings.push({
          method: op.method,
          path: op.template,
          user: "",
          status: "",
          why: `refused, but no refused:${op.event} event under team zebra`,
        });
      }
    }

    const lines = summarize(findings);
    console.info(
      `Team isolation [${backend.name}]: ${probed.length} operations and ${variants.length} variants probed as ${appleUsers.join(", ")}; ${operations.length - probed.length} not team-scoped; ${refused.size} operations refused on zebra's objects; ${lines.length} findings.\n${lines.join("\n")}`,
    );
    expect(lines, "team isolation findings: method path | user | status | why").toEqual([]);
  });
});
