import {
  type Expression,
  type ExpressionBuilder,
  type Selectable,
  type SqlBool,
  sql,
} from "kysely";
import type { Database, EventLogTable } from "./database.js";
import { toDate } from "./records.js";
import type { StoreContext } from "./storeContext.js";
import { defaultTeam } from "./teams.js";

/** The audit trail: who changed what through the REST API, and when. Rows are never changed. */

export interface EventRecord {
  id: number;
  when: Date;
  event: string;
  owner: string | null;
  dagId: string | null;
  runId: string | null;
  taskId: string | null;
  mapIndex: number | null;
  tryNumber: number | null;
  executionDate: Date | null;
  extra: string | null;
  /** The team of what it concerned (docs/teams.md); `default` when it concerned no team's object. */
  team: string;
}

/** An event to record; without a team it is its DAG's team's, or `default`'s. */
export type NewEvent = Omit<EventRecord, "id" | "team"> & { team?: string | undefined };

export async function recordEvent(ctx: StoreContext, event: NewEvent): Promise<void> {
  await ctx.db
    .insertInto("event_log")
    .values({
      dttm: event.when.getTime(),
      event: event.event,
      owner: event.owner,
      dag_id: event.dagId,
      run_id: event.runId,
      task_id: event.taskId,
      map_index: event.mapIndex,
      try_number: event.tryNumber,
      execution_date: event.executionDate?.getTime() ?? null,
      extra: event.extra,
      team:
        event.team ??
        (event.dagId === null
          ? defaultTeam
          : sql<string>`coalesce((select team from dags where dag_id = ${event.dagId}), ${defaultTeam})`),
    })
    .execute();
}

/** Which events to find: every field given must match. */
export interface EventFilter {
  dagId?: string | undefined;
  runId?: string | undefined;
  taskId?: string | undefined;
  mapIndex?: number | undefined;
  tryNumber?: number | undefined;
  owner?: string | undefined;
  /** Any of these events (Airflow's `event` and `included_events`). */
  events?: readonly string[] | undefined;
  excludedEvents?: readonly string[] | undefined;
  /** Strictly before / after, as Airflow's `before` and `after`. */
  before?: Date | undefined;
  after?: Date | undefined;
  /** Only events of these teams (a caller's teams); every team's when undefined. */
  teams?: readonly string[] | undefined;
}

/** The fields a page can be ordered by, named as the REST API names them. */
export const eventOrderFields = [
  "event_log_id",
  "when",
  "event",
  "owner",
  "dag_id",
  "run_id",
  "task_id",
] as const;
export type EventOrderField = (typeof eventOrderFields)[number];

const columnOf = {
  event_log_id: "id",
  when: "dttm",
  event: "event",
  owner: "owner",
  dag_id: "dag_id",
  run_id: "run_id",
  task_id: "task_id",
} as const satisfies Record<EventOrderField, keyof EventLogTable>;

/** One page of the matching events, and how many match in all. */
export async function findEvents(
  ctx: StoreContext,
  filter: EventFilter,
  page: { orderBy: EventOrderField; descending: boolean; limit: number; offset: number },
): Promise<{ items: EventRecord[]; total: number }> {
  if (filter.events?.length === 0 || filter.teams?.length === 0) return { items: [], total: 0 };
  const base = ctx.db.selectFrom("event_log").where((eb) => matches(eb, filter));
  const column = columnOf[page.orderBy];
  const direction = page.descending ? "desc" : "asc";
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      // Nulls first ascending on both backends; the id last keeps pages from overlapping.
      .orderBy(sql`${sql.ref(column)} is null`, page.descending ? "asc" : "desc")
      .orderBy(column, direction)
      .orderBy("id", direction)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toEventRecord), total: Number(count.n) };
}

export async function getEvent(ctx: StoreContext, id: number): Promise<EventRecord | null> {
  const row = await ctx.db
    .selectFrom("event_log")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row ? toEventRecord(row) : null;
}

function matches(eb: ExpressionBuilder<Database, "event_log">, f: EventFilter) {
  const conditions: Expression<SqlBool>[] = [];
  if (f.dagId !== undefined) conditions.push(eb("dag_id", "=", f.dagId));
  if (f.runId !== undefined) conditions.push(eb("run_id", "=", f.runId));
  if (f.taskId !== undefined) conditions.push(eb("task_id", "=", f.taskId));
  if (f.mapIndex !== undefined) conditions.push(eb("map_index", "=", f.mapIndex));
  if (f.tryNumber !== undefined) conditions.push(eb("try_number", "=", f.tryNumber));
  if (f.owner !== undefined) conditions.push(eb("owner", "=", f.owner));
  if (f.events) conditions.push(eb("event", "in", f.events));
  if (f.excludedEvents?.length) conditions.push(eb("event", "not in", f.excludedEvents));
  if (f.before) conditions.push(eb("dttm", "<", f.before.getTime()));
  if (f.after) conditions.push(eb("dttm", ">", f.after.getTime()));
  if (f.teams) conditions.push(eb("team", "in", f.teams));
  return eb.and(conditions);
}

function toEventRecord(r: Selectable<EventLogTable>): EventRecord {
  return {
    id: Number(r.id),
    when: new Date(r.dttm),
    event: r.event,
    owner: r.owner,
    dagId: r.dag_id,
    runId: r.run_id,
    taskId: r.task_id,
    mapIndex: r.map_index,
    tryNumber: r.try_number,
    executionDate: toDate(r.execution_date),
    extra: r.extra,
    team: r.team,
  };
}
