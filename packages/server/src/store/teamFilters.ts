import type { ExpressionBuilder } from "kysely";
import type { Database } from "./database.js";

/**
 * Conditions that keep a query to some teams' rows (docs/teams.md), for tables that hold
 * no team of their own but a DAG id: their rows are their DAG's team's.
 */

/** Whether an attempt's DAG is one of `teams`' (no teams: none is). */
export function ofTeamsDags(
  eb: ExpressionBuilder<Database, "task_attempts">,
  teams: readonly string[],
) {
  return teams.length === 0
    ? eb.or([])
    : eb("dag_id", "in", eb.selectFrom("dags").select("dag_id").where("team", "in", teams));
}
