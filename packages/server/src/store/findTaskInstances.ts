import type { TaskInstanceState } from "@borda/protocol";
import { type Expression, type ExpressionBuilder, type SqlBool, sql } from "kysely";
import { dagOfTeams } from "./dagsOfTeams.js";
import type { Database } from "./database.js";
import type { TaskInstanceRecord } from "./records.js";
import type { StoreContext } from "./storeContext.js";
import { toTaskInstanceRecord } from "./taskInstances.js";

/**
 * Task instances as the REST API lists them: across DAGs and runs, filtered and paged in
 * SQL. A DAG with a long history holds runs × tasks rows, far too many to page in memory.
 */

/** A task instance with what the API shows beside it: its run's logical date, its note. */
export interface TaskInstanceView extends TaskInstanceRecord {
  logicalDate: Date;
  note: string | null;
}

/** Inclusive bounds; either may be absent. */
export interface Range<T> {
  gte?: T | undefined;
  lte?: T | undefined;
}

/** Which task instances to find: every field given must match (arrays: any of their values). */
export interface TaskInstanceFilter {
  dagIds?: readonly string[] | undefined;
  runIds?: readonly string[] | undefined;
  taskIds?: readonly string[] | undefined;
  mapIndexes?: readonly number[] | undefined;
  states?: readonly TaskInstanceState[] | undefined;
  pools?: readonly string[] | undefined;
  queues?: readonly string[] | undefined;
  logicalDate?: Range<Date> | undefined;
  startDate?: Range<Date> | undefined;
  endDate?: Range<Date> | undefined;
  /** Seconds from start to end; an instance without both never matches a bound. */
  durationSeconds?: Range<number> | undefined;
  /** Only task instances of DAGs of these teams (a caller's); an empty list matches nothing. */
  teams?: readonly string[] | undefined;
}

/** The fields a page can be ordered by, named as the REST API names them. */
export const taskInstanceOrderFields = [
  "dag_id",
  "dag_run_id",
  "task_id",
  "map_index",
  "execution_date",
  "state",
  "start_date",
  "end_date",
  "duration",
  "try_number",
  "priority_weight",
  "pool",
  "queue",
] as const;
export type TaskInstanceOrderField = (typeof taskInstanceOrderFields)[number];

export interface TaskInstancePage {
  orderBy: TaskInstanceOrderField;
  descending: boolean;
  limit: number;
  offset: number;
}

type From = ExpressionBuilder<Database, "task_instances" | "dag_runs">;

/** One page of the matching task instances, and how many match in all. */
export async function findTaskInstances(
  ctx: StoreContext,
  filter: TaskInstanceFilter,
  page: TaskInstancePage,
): Promise<{ items: TaskInstanceView[]; total: number }> {
  // `in ()` is not SQL: an empty list matches nothing.
  const lists = [filter.dagIds, filter.runIds, filter.taskIds, filter.mapIndexes, filter.states];
  if (filter.pools?.length === 0) return { items: [], total: 0 };
  if ([...lists, filter.queues].some((list) => list?.length === 0)) return { items: [], total: 0 };
  const base = ctx.db
    .selectFrom("task_instances")
    .innerJoin("dag_runs", "dag_runs.id", "task_instances.dag_run_id")
    .where((eb) => matches(eb, filter));
  const key = orderKey(page.orderBy);
  const direction = page.descending ? "desc" : "asc";
  const [rows, count] = await Promise.all([
    base
      .selectAll("task_instances")
      .select("dag_runs.logical_date as run_logical_date")
      // Nulls sort first ascending on both backends (SQLite's default, not PostgreSQL's);
      // the id last makes ties fall the same way on every request, so pages never overlap.
      .orderBy((eb) => sql`${key(eb)} is null`, page.descending ? "asc" : "desc")
      .orderBy((eb) => key(eb), direction)
      .orderBy("task_instances.map_index", direction)
      .orderBy("task_instances.id", direction)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      ...toTaskInstanceRecord(row),
      logicalDate: new Date(row.run_logical_date),
      note: row.note,
    })),
    total: Number(count.n),
  };
}

function matches(eb: From, f: TaskInstanceFilter): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (f.dagIds) conditions.push(eb("task_instances.dag_id", "in", f.dagIds));
  if (f.runIds) conditions.push(eb("task_instances.run_id", "in", f.runIds));
  if (f.taskIds) conditions.push(eb("task_instances.task_id", "in", f.taskIds));
  if (f.mapIndexes) conditions.push(eb("task_instances.map_index", "in", f.mapIndexes));
  if (f.states) conditions.push(eb("task_instances.state", "in", f.states));
  if (f.pools) conditions.push(eb("task_instances.pool", "in", f.pools));
  if (f.queues) conditions.push(eb("task_instances.queue", "in", f.queues));
  const within = (column: Expression<number | null>, range: Range<number> | undefined) => {
    if (range?.gte !== undefined) conditions.push(eb(column, ">=", range.gte));
    if (range?.lte !== undefined) conditions.push(eb(column, "<=", range.lte));
  };
  const millis = (range: Range<Date> | undefined) => ({
    gte: range?.gte?.getTime(),
    lte: range?.lte?.getTime(),
  });
  within(eb.ref("dag_runs.logical_date"), millis(f.logicalDate));
  within(eb.ref("task_instances.start_date"), millis(f.startDate));
  within(eb.ref("task_instances.end_date"), millis(f.endDate));
  within(durationSeconds(eb), f.durationSeconds);
  if (f.teams) conditions.push(dagOfTeams("task_instances.dag_id", f.teams));
  return eb.and(conditions);
}

/** Seconds between start and end, null unless both are set; the same arithmetic on both backends. */
const durationSeconds = (eb: From) =>
  sql<
    number | null
  >`(${eb.ref("task_instances.end_date")} - ${eb.ref("task_instances.start_date")}) / 1000.0`;

function orderKey(field: TaskInstanceOrderField): (eb: From) => Expression<unknown> {
  switch (field) {
    case "dag_run_id":
      return (eb) => eb.ref("task_instances.run_id");
    case "execution_date":
      return (eb) => eb.ref("dag_runs.logical_date");
    case "duration":
      return durationSeconds;
    default:
      return (eb) => eb.ref(`task_instances.${field}`);
  }
}
