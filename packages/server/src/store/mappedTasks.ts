import { TaskInstanceState as TIState } from "@borda/protocol";
import { insertChunks } from "./insertChunks.js";
import { notYetRun } from "./insertDagRun.js";
import type { StoreContext } from "./storeContext.js";

/**
 * Dynamic task mapping's one write: a mapped task of a run becomes `count` task
 * instances, map_index 0..count-1, all scheduled. A run starts with one instance per
 * task (map_index -1); the expansion turns that one into map index 0 and adds the rest.
 * After a clear of the whole task, it expands again from what its sources hold now:
 * existing map indexes are reused, and those past the new count are `removed` (their
 * stale XCom deleted), as Airflow does.
 *
 * Compare-and-set: it writes nothing, and answers false, unless every instance of the
 * task is still in `none` (another replica may have expanded it first).
 */
export async function expandMappedTask(
  ctx: StoreContext,
  dagRunId: number,
  taskId: string,
  count: number,
  at: Date,
): Promise<boolean> {
  const now = at.getTime();
  return ctx.write(async (trx) => {
    const rows = await trx
      .selectFrom("task_instances")
      .selectAll()
      .where("dag_run_id", "=", dagRunId)
      .where("task_id", "=", taskId)
      .orderBy("map_index")
      .$if(ctx.dialect === "postgres", (qb) => qb.forUpdate())
      .execute();
    const template = rows[0];
    if (!template || rows.some((row) => row.state !== TIState.none)) return false;
    const ofTask = trx
      .updateTable("task_instances")
      .where("dag_run_id", "=", dagRunId)
      .where("task_id", "=", taskId);
    if (template.map_index === -1) {
      await ofTask.set({ map_index: 0 }).where("id", "=", template.id).execute();
    }
    await ofTask
      .set({ state: TIState.scheduled, updated_at: now })
      .where("map_index", "<", count)
      .execute();
    await ofTask
      .set({ state: TIState.removed, end_date: now, updated_at: now })
      .where("map_index", ">=", count)
      .execute();
    await trx
      .deleteFrom("xcom")
      .where("dag_run_id", "=", dagRunId)
      .where("task_id", "=", taskId)
      .where("map_index", ">=", count)
      .execute();
    const existing = new Set(rows.map((row) => Math.max(0, row.map_index)));
    const { id: _id, ...fields } = template;
    const added = [];
    for (let mapIndex = 0; mapIndex < count; mapIndex++) {
      if (existing.has(mapIndex)) continue;
      added.push({
        ...fields,
        map_index: mapIndex,
        state: TIState.scheduled,
        try_number: 0,
        max_tries: template.max_tries - template.try_number,
        ...notYetRun,
        updated_at: now,
      });
    }
    for (const chunk of insertChunks(added)) {
      await trx.insertInto("task_instances").values(chunk).execute();
    }
    return true;
  });
}
