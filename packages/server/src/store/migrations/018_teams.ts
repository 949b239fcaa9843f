import { type Kysely, sql } from "kysely";

/**
 * Teams (docs/teams.md): `teams` names each team and the queue patterns it owns;
 * `team_members` gives a user a role (Viewer, User or Op) in a team. DAGs, import
 * errors, pools, connections, variables and the event log get a `team` column.
 *
 * Everything that exists belongs to `default`, and every user who is not an Admin is
 * made a member of `default` with the role they had, so an install that never creates
 * a team behaves exactly as before.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs against the schema it creates, not today's.
export async function teamsSchema(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("teams")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("description", "text")
    .addColumn("queues", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("team_members")
    .addColumn("team", "text", (c) => c.notNull().references("teams.name"))
    .addColumn("username", "text", (c) =>
      c.notNull().references("users.username").onDelete("cascade"),
    )
    .addColumn("role", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("team_members_pk", ["team", "username"])
    .execute();
  await db.schema
    .createIndex("team_members_by_user")
    .on("team_members")
    .columns(["username", "team"])
    .execute();
  await db
    .insertInto("teams")
    .values({
      name: "default",
      description: "Everything no other team owns.",
      queues: JSON.stringify(["*"]),
      created_at: Date.now(),
    })
    .execute();
  await sql`INSERT INTO team_members (team, username, role)
    SELECT 'default', username, role FROM users WHERE role <> 'Admin'`.execute(db);
  for (const table of ["dags", "import_errors", "pools", "connections", "variables", "event_log"]) {
    await db.schema
      .alterTable(table)
      .addColumn("team", "text", (c) => c.notNull().defaultTo("default"))
      .execute();
  }
  // Lists of DAGs and of events are filtered by team on every read.
  await db.schema.createIndex("dags_by_team").on("dags").columns(["team", "dag_id"]).execute();
  await db.schema
    .createIndex("event_log_by_team")
    .on("event_log")
    .columns(["team", "dttm"])
    .execute();
}
