import { type RawBuilder, type SqlBool, sql } from "kysely";

/**
 * The team filter of every list of a DAG's objects (runs, task instances, XComs,
 * backfills, versions): `column`, a DAG id, names a DAG of one of `teams`. Those objects
 * belong to their DAG's team (docs/teams.md), so they carry no team column of their own.
 * An empty list matches nothing (`in ()` is not SQL).
 */
export function dagOfTeams(column: string, teams: readonly string[]): RawBuilder<SqlBool> {
  if (teams.length === 0) return sql<SqlBool>`1 = 0`;
  return sql<SqlBool>`${sql.ref(column)} in (select dags.dag_id from dags where dags.team in (${sql.join(teams)}))`;
}
