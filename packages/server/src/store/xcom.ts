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
  return (await query.execute()).map((r) => ({
    dagRunId: Number(r.dag_run_id),
    taskId: r.task_id,
    mapIndex: r.map_index,
    key: r.key,
    value: JSON.parse(r.value) as unknown,
    createdAt: new Date(r.created_at),
  }));
}
