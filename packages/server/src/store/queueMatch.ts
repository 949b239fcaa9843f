import { type ExpressionBuilder, type SqlBool, sql } from "kysely";
import type { Database } from "./database.js";
import type { Dialect } from "./storeContext.js";

/** The tables whose rows wait for a worker of their `queue`. */
type QueuedTable = "task_attempts" | "callback_deliveries";

/**
 * The row's `queue` matches one of the worker's queue names or `*` patterns. SQLite's GLOB
 * and PostgreSQL's LIKE are both case-sensitive, as queue names are.
 */
export function matchesQueues<Table extends QueuedTable>(
  eb: ExpressionBuilder<Database, Table>,
  dialect: Dialect,
  queues: readonly string[],
) {
  const queue = sql.ref("queue");
  const exact = queues.filter((q) => !q.includes("*"));
  const patterns = queues.filter((q) => q.includes("*"));
  const conditions = [];
  if (exact.length > 0) conditions.push(sql<SqlBool>`${queue} in (${sql.join(exact)})`);
  for (const pattern of patterns) {
    conditions.push(
      dialect === "sqlite"
        ? sql<SqlBool>`${queue} glob ${pattern.replace(/[[?]/g, "[$&]")}`
        : sql<SqlBool>`${queue} like ${pattern.replace(/[\\%_]/g, "\\$&").replaceAll("*", "%")}`,
    );
  }
  return eb.or(conditions);
}
