import type { DagSpec, TaskSpec } from "@borda/protocol";

/** A DAG's tasks as a graph: dependency order and the downstream index, computed once per spec. */
export interface DagGraph {
  /** Upstream first (the DAG processor guarantees there is no cycle). */
  order: readonly TaskSpec[];
  byId: ReadonlyMap<string, TaskSpec>;
  /** Direct downstream task ids of each task. */
  downstream: ReadonlyMap<string, readonly string[]>;
  /** Tasks nothing depends on: their outcome decides the run's. */
  leaves: readonly TaskSpec[];
}

// Specs come from immutable, cached DAG versions, so a spec object's graph never changes.
const graphs = new WeakMap<DagSpec, DagGraph>();

export function dagGraph(spec: DagSpec): DagGraph {
  const cached = graphs.get(spec);
  if (cached) return cached;
  const byId = new Map(spec.tasks.map((t) => [t.taskId, t]));
  const downstream = new Map<string, string[]>(spec.tasks.map((t) => [t.taskId, []]));
  for (const task of spec.tasks) {
    for (const up of task.upstream) downstream.get(up)?.push(task.taskId);
  }
  const order: TaskSpec[] = [];
  const seen = new Set<string>();
  const visit = (task: TaskSpec) => {
    if (seen.has(task.taskId)) return;
    seen.add(task.taskId);
    for (const up of task.upstream) {
      const upstream = byId.get(up);
      if (upstream) visit(upstream);
    }
    order.push(task);
  };
  for (const task of spec.tasks) visit(task);
  const graph: DagGraph = {
    order,
    byId,
    downstream,
    leaves: spec.tasks.filter((t) => downstream.get(t.taskId)?.length === 0),
  };
  graphs.set(spec, graph);
  return graph;
}

/** `roots` and every task downstream of them, for "clear with downstream". */
export function downstreamOf(spec: DagSpec, roots: readonly string[]): string[] {
  return [...reachableFrom(dagGraph(spec), roots)];
}

/** `roots` and every task downstream of them in `graph`. */
export function reachableFrom(graph: DagGraph, roots: readonly string[]): Set<string> {
  const found = new Set(roots);
  for (const task of graph.order) {
    if (found.has(task.taskId))
      for (const d of graph.downstream.get(task.taskId) ?? []) found.add(d);
  }
  return found;
}

/** `roots` and every task upstream of them, for "include upstream". */
export function upstreamOf(spec: DagSpec, roots: readonly string[]): string[] {
  const { order, byId } = dagGraph(spec);
  const found = new Set(roots);
  for (const task of [...order].reverse()) {
    if (found.has(task.taskId))
      for (const up of byId.get(task.taskId)?.upstream ?? []) found.add(up);
  }
  return [...found];
}
