import type { paths } from "./schema.js";

type JsonOf<Answer> = Answer extends { content: { "application/json": infer Body } } ? Body : never;

/** The JSON body `GET path` answers with 200. */
export type Read<Path extends keyof paths> = paths[Path] extends {
  get: { responses: { 200: infer Answer } };
}
  ? JsonOf<Answer>
  : never;

export type Dag = Read<"/api/v1/dags/{dag_id}">;
export type DagDetail = Read<"/api/v1/dags/{dag_id}/details">;
export type DagRun = Read<"/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}">;
export type TaskInstance =
  Read<"/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}">;
export type Pool = Read<"/api/v1/pools/{pool_name}">;
export type Notification =
  Read<"/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/notifications">["notifications"][number];
export type ImportError = Read<"/api/v1/importErrors">["import_errors"][number];
export type EdgeWorker = Read<"/api/v1/edge/workers/{worker_name}">;
export type EdgeJob = Read<"/api/v1/edge/jobs">["jobs"][number];
export type EdgeQueue = Read<"/api/v1/edge/queues">["queues"][number];
export type WorkerToken = Read<"/api/v1/edge/tokens">["tokens"][number];
export type User = Read<"/api/v1/users/{username}">;
export type Session = Read<"/api/v1/auth/session">;
export type Status = Read<"/api/v1/status">;
export type WorkerState = EdgeWorker["state"];
export type EdgeJobState = EdgeJob["state"];
export type ApiToken = Read<"/api/v1/auth/tokens">["tokens"][number];
export type Connection = Read<"/api/v1/connections/{connection_id}">;
export type ListedConnection = Read<"/api/v1/connections">["connections"][number];
export type Variable = Read<"/api/v1/variables/{variable_key}">;
export type ListedVariable = Read<"/api/v1/variables">["variables"][number];
export type ConnectionPatch = NonNullable<
  paths["/api/v1/connections/{connection_id}"]["patch"]["requestBody"]
>["content"]["application/json"];
export type VariablePatch = NonNullable<
  paths["/api/v1/variables/{variable_key}"]["patch"]["requestBody"]
>["content"]["application/json"];
export type Backfill = Read<"/api/v1/backfills/{backfill_id}">;
export type BackfillPostBody = NonNullable<
  paths["/api/v1/backfills"]["post"]["requestBody"]
>["content"]["application/json"];
export type Team = Read<"/api/v1/teams/{team_name}">;
export type TeamMember = Read<"/api/v1/teams/{team_name}/members">["members"][number];
export type TeamRole = TeamMember["role"];

/**
 * The team that owns an object the API answered with, where the answer names one (Borda's
 * `team` field on pools, connections, variables and workers; docs/teams.md); null if not.
 */
export function teamOf(object: object): string | null {
  return "team" in object && typeof object.team === "string" ? object.team : null;
}
