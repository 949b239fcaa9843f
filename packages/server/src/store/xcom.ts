import { type DagSpec, findTask } from "@borda/protocol";
import type { Selectable } from "kysely";
import { dagOfTeams } from "./dagsOfTeams.js";
import type { XcomTable } from "./database.js";
import type { StoreContext } from "./storeContext.js";

/** XCom: task results (key `return_value`) and other values tasks pass downstream. */

export interface XcomRecord {
  dagRunId: number;
  taskId: string;
  mapIndex: number;
  key: string;
  value: unknown;
  createdAt: Date;
}

export async function listXcoms(
  ctx: StoreContext,
  filter: { dagRunId: number; taskIds?: readonly string[]; key?: string },
): Promise<XcomRecord[]> {
  let query = ctx.db
    .selectFrom("xcom")
    .selectAll()
    .where("dag_run_id", "=", filter.dagRunId)
    .orderBy("task_id")
    .orderBy("key");
  if (filter.taskIds) {
    if (filter.taskIds.length === 0) return [];
    query = query.where("task_id", "in", filter.taskIds);
  }
  if (filter.key !== undefined) query = query.where("key", "=", filter.key);
  return (await query.execute()).map(toXcomRecord);
}

/**
 * The values of the run's tasks under `key` (all tasks when `taskIds` is absent), by task
 * id in task id order, as the tasks after them see them: a mapped task's (`spec`) is
 * the list of its map indexes' values in map_index order, those that stored one (an
 * empty list when none did).
 */
export async function readTaskValues(
  ctx: StoreContext,
  spec: DagSpec,
  filter: { dagRunId: number; taskIds?: readonly string[]; key: string },
): Promise<Map<string, unknown>> {
  const values = new Map<string, unknown>();
  if (filter.taskIds?.length === 0) return values;
  const rows = await ctx.db
    .selectFrom("xcom")
    .select(["task_id", "map_index", "value"])
    .where("dag_run_id", "=", filter.dagRunId)
    .where("key", "=", filter.key)
    .$if(filter.taskIds !== undefined, (qb) => qb.where("task_id", "in", filter.taskIds ?? []))
    .orderBy("task_id")
    .orderBy("map_index")
    .execute();
  for (const row of rows) {
    const value: unknown = JSON.parse(row.value);
    if (!findTask(spec, row.task_id)?.mapped) {
      values.set(row.task_id, value);
      continue;
    }
    const list = values.get(row.task_id);
    if (Array.isArray(list)) list.push(value);
    else values.set(row.task_id, [value]);
  }
  // A mapped task whose map indexes stored nothing (or that mapped over nothing) gave none.
  for (const taskId of filter.taskIds ?? []) {
    if (!values.has(taskId) && findTask(spec, taskId)?.mapped) values.set(taskId, []);
  }
  return values;
}

/**
 * An XCom entry as the REST API lists it: where it belongs and its run's logical date,
 * without the value, which may be large (the API reads one entry's value at a time).
 */
export interface XcomEntry extends Omit<XcomRecord, "value"> {
  dagId: string;
  runId: string;
  logicalDate: Date;
}

/**
 * One page of XCom entries, across DAGs, runs and tasks unless narrowed (the REST API's
 * `~`), ordered by run then task then key; and how many match in all.
 */
export async function findXcoms(
  ctx: StoreContext,
  filter: {
    dagId?: string;
    runId?: string;
    taskId?: string;
    key?: string;
    mapIndex?: number;
    /** Only entries of DAGs of these teams (a caller's); an empty list matches nothing. */
    teams?: readonly string[] | undefined;
  },
  page: { limit: number; offset: number },
): Promise<{ items: XcomEntry[]; total: number }> {
  let base = ctx.db.selectFrom("xcom").innerJoin("dag_runs", "dag_runs.id", "xcom.dag_run_id");
  if (filter.dagId !== undefined) base = base.where("xcom.dag_id", "=", filter.dagId);
  if (filter.runId !== undefined) base = base.where("xcom.run_id", "=", filter.runId);
  if (filter.taskId !== undefined) base = base.where("xcom.task_id", "=", filter.taskId);
  if (filter.key !== undefined) base = base.where("xcom.key", "=", filter.key);
  if (filter.mapIndex !== undefined) base = base.where("xcom.map_index", "=", filter.mapIndex);
  if (filter.teams) base = base.where(dagOfTeams("xcom.dag_id", filter.teams));
  const [rows, count] = await Promise.all([
    base
      .select([
        "xcom.dag_run_id",
        "xcom.dag_id",
        "xcom.run_id",
        "xcom.task_id",
        "xcom.map_index",
        "xcom.key",
        "xcom.created_at",
        "dag_runs.logical_date",
      ])
      .orderBy("dag_runs.logical_date")
      .orderBy("xcom.dag_run_id")
      .orderBy("xcom.task_id")
      .orderBy("xcom.map_index")
      .orderBy("xcom.key")
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => ({
      dagRunId: Number(row.dag_run_id),
      dagId: row.dag_id,
      runId: row.run_id,
      taskId: row.task_id,
      mapIndex: row.map_index,
      key: row.key,
      createdAt: new Date(row.created_at),
      logicalDate: new Date(row.logical_date),
    })),
    total: Number(count.n),
  };
}

function toXcomRecord(r: Selectable<XcomTable>): XcomRecord {
  return {
    dagRunId: Number(r.dag_run_id),
    taskId: r.task_id,
    mapIndex: r.map_index,
    key: r.key,
    value: JSON.parse(r.value) as unknown,
    createdAt: new Date(r.created_at),
  };
}
