import type { Kysely } from "kysely";
import type { Dialect } from "../storeContext.js";

/**
 * The callback outbox (docs/internals.md, "Callbacks and notifications"): one row per
 * target an event fires, written in the transaction of the transition that fired it, then
 * claimed and delivered by a replica (notifiers) or a worker (code callbacks).
 */
export function callbackDeliveriesSchema(dialect: Dialect) {
  // biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
  return async function up(db: Kysely<any>): Promise<void> {
    await db.schema
      .createTable("callback_deliveries")
      .addColumn("id", dialect === "sqlite" ? "integer" : "bigint", (c) =>
        dialect === "sqlite"
          ? c.primaryKey().autoIncrement()
          : c.primaryKey().generatedAlwaysAsIdentity(),
      )
      // No foreign key: a delivery outlives nothing it names, and deleting a run deletes
      // its deliveries by hand (as its logs).
      .addColumn("dag_run_id", "bigint", (c) => c.notNull())
      .addColumn("dag_id", "text", (c) => c.notNull())
      .addColumn("run_id", "text", (c) => c.notNull())
      .addColumn("task_id", "text")
      .addColumn("map_index", "integer", (c) => c.notNull())
      .addColumn("try_number", "integer")
      .addColumn("dag_version_id", "bigint", (c) => c.notNull())
      .addColumn("scope", "text", (c) => c.notNull())
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("target", "text", (c) => c.notNull())
      // The notifier spec (JSON); null for a code callback.
      .addColumn("notifier", "text")
      // The queue of a code callback's workers; null for a notifier.
      .addColumn("queue", "text")
      // CallbackInfo (JSON): the event, the states, the exception.
      .addColumn("info", "text", (c) => c.notNull())
      .addColumn("state", "text", (c) => c.notNull())
      .addColumn("tries", "integer", (c) => c.notNull())
      .addColumn("next_try_at", "bigint", (c) => c.notNull())
      .addColumn("claim_id", "text")
      .addColumn("claimed_by", "text")
      .addColumn("lease_expires_at", "bigint")
      .addColumn("last_error", "text")
      .addColumn("output", "text")
      .addColumn("created_at", "bigint", (c) => c.notNull())
      .addColumn("finished_at", "bigint")
      .execute();
    // Claims look for due rows of one kind of claimant; finished rows leave the index.
    await db.schema
      .createIndex("callback_deliveries_due")
      .on("callback_deliveries")
      .columns(["state", "next_try_at"])
      .execute();
    // A running callback reads connections, variables and XComs under its claim id.
    await db.schema
      .createIndex("callback_deliveries_claim")
      .on("callback_deliveries")
      .column("claim_id")
      .execute();
    await db.schema
      .createIndex("callback_deliveries_run")
      .on("callback_deliveries")
      .column("dag_run_id")
      .execute();
  };
}
