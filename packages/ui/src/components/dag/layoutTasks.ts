/** What the layout needs of a task. */
export interface TaskLinks {
  task_id: string;
  downstream_task_ids: string[];
}

export interface TaskLayout {
  /** Each task's top-left corner in graph coordinates. */
  positions: Map<string, { x: number; y: number }>;
  /** Task ids column by column, top to bottom: a topological order that reads like the graph. */
  order: string[];
}

export const nodeWidth = 200;
export const nodeHeight = 44;
const columnGap = 80;
const rowGap = 20;

/**
 * Left-to-right layering by longest path: a task's column is one more than its furthest
 * upstream's, so every edge points right. Within a column tasks sit near the mean row of
 * their upstreams (one barycentre pass), which removes most crossings of fan-out/fan-in
 * DAGs at O(V log V + E): 1,000 tasks lay out in a few milliseconds, so no layout library.
 */
export function layoutTasks(tasks: readonly TaskLinks[]): TaskLayout {
  const upstreams = new Map<string, string[]>(tasks.map((task) => [task.task_id, []]));
  for (const task of tasks) {
    for (const downstream of task.downstream_task_ids)
      upstreams.get(downstream)?.push(task.task_id);
  }

  // Kahn's order: a task is placed once all its upstreams are. The loop also visits the
  // tasks pushed while it runs (an array iterator reads the length at every step).
  const column = new Map<string, number>();
  const waiting = new Map(
    tasks.map((task) => [task.task_id, upstreams.get(task.task_id)?.length ?? 0]),
  );
  const ready = tasks.filter((task) => waiting.get(task.task_id) === 0).map((task) => task.task_id);
  const byId = new Map(tasks.map((task) => [task.task_id, task]));
  for (const next of ready) {
    const ups = upstreams.get(next) ?? [];
    column.set(next, ups.length === 0 ? 0 : Math.max(...ups.map((up) => column.get(up) ?? 0)) + 1);
    for (const downstream of byId.get(next)?.downstream_task_ids ?? []) {
      const left = (waiting.get(downstream) ?? 0) - 1;
      waiting.set(downstream, left);
      if (left === 0) ready.push(downstream);
    }
  }

  const columns: string[][] = [];
  for (const task of tasks) {
    const index = column.get(task.task_id) ?? 0;
    columns[index] ??= [];
    columns[index].push(task.task_id);
  }

  const row = new Map<string, number>();
  const positions = new Map<string, { x: number; y: number }>();
  const order: string[] = [];
  columns.forEach((ids, index) => {
    const barycentre = (id: string) => {
      const ups = upstreams.get(id) ?? [];
      return ups.length === 0
        ? 0
        : ups.reduce((sum, up) => sum + (row.get(up) ?? 0), 0) / ups.length;
    };
    const sorted = ids
      .map((id) => ({ id, at: barycentre(id) }))
      .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
    sorted.forEach(({ id }, position) => {
      // Rows are centred on zero so a short column sits beside the middle of a long one.
      const centred = position - (sorted.length - 1) / 2;
      row.set(id, centred);
      positions.set(id, { x: index * (nodeWidth + columnGap), y: centred * (nodeHeight + rowGap) });
      order.push(id);
    });
  });
  return { positions, order };
}
