import { type Kysely, sql } from "kysely";
import type { Dialect } from "../storeContext.js";

/**
 * Backfills (Airflow 3's `backfill` and `backfill_dag_run`). A backfill's logical dates are
 * computed once, when it is created, and kept in `backfill_dates` in order (`sort_ordinal`
 * from 1), so a schedule changed later does not move them. A date is pending while it has
 * neither a run nor a reason it got none; the backfill driver gives dates their runs, at
 * most `max_active_runs` unfinished at a time (docs/internals.md, "Backfills").
 *
 * - One unfinished backfill per DAG, as in Airflow: a partial unique index, so two
 *   replicas creating one at once cannot both succeed.
 * - `dag_runs.backfill_id` names the backfill a run belongs to: the runs it created and
 *   the existing ones it re-ran. Its limit counts those, by the index on (backfill_id, state).
 */
export function backfillsSchema(dialect: Dialect) {
  const idColumn = dialect === "sqlite" ? "integer" : "bigint";
  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
  return async function up(db: Kysely<any>): Promise<void> {
    const table = db.schema.createTable("backfills");
    await (dialect === "sqlite"
      ? table.addColumn("id", "integer", (c) => c.primaryKey().autoIncrement())
      : table.addColumn("id", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    )
      .addColumn("dag_id", "text", (c) => c.notNull())
      .addColumn("from_date", "bigint", (c) => c.notNull())
      .addColumn("to_date", "bigint", (c) => c.notNull())
      .addColumn("dag_run_conf", "text", (c) => c.notNull())
      .addColumn("is_paused", "integer", (c) => c.notNull())
      .addColumn("reprocess_behavior", "text", (c) => c.notNull())
      .addColumn("max_active_runs", "integer", (c) => c.notNull())
      .addColumn("triggering_user_name", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("completed_at", "bigint")
      .addColumn("updated_at", "bigint", (c) => c.notNull())
      .execute();
    await sql`create unique index backfills_one_active_per_dag
      on backfills (dag_id) where completed_at is null`.execute(db);

    await db.schema
      .createTable("backfill_dates")
      .addColumn("backfill_id", idColumn, (c) =>
        c.notNull().references("backfills.id").onDelete("cascade"),
      )
      .addColumn("sort_ordinal", "integer", (c) => c.notNull())
      .addColumn("logical_date", "bigint", (c) => c.notNull())
      .addColumn("data_interval_start", "bigint", (c) => c.notNull())
      .addColumn("data_interval_end", "bigint", (c) => c.notNull())
      // No foreign key: a deleted run leaves its date as done, as Airflow's `set null` does.
      .addColumn("dag_run_id", idColumn)
      .addColumn("exception_reason", "text")
      .addPrimaryKeyConstraint("backfill_dates_pk", ["backfill_id", "sort_ordinal"])
      .execute();

    // The driver reads a backfill's next pending dates, skipping those already handled.
    await sql`create index backfill_dates_pending on backfill_dates (backfill_id, sort_ordinal)
      where dag_run_id is null and exception_reason is null`.execute(db);

    await db.schema.alterTable("dag_runs").addColumn("backfill_id", idColumn).execute();
    await db.schema
      .createIndex("dag_runs_backfill_state")
      .on("dag_runs")
      .columns(["backfill_id", "state"])
      .execute();
    // Whether a date already has a run, asked once per backfilled date.
    await db.schema
      .createIndex("dag_runs_dag_logical_date")
      .on("dag_runs")
      .columns(["dag_id", "logical_date"])
      .execute();
  };
}
