import { type MapSource, mapSourceTasks, type TaskMapping, type TaskSpec } from "@borda/protocol";

/**
 * Dynamic task mapping (the spec's `mapped`, protocol's dagSpec.ts): how many task
 * instances a mapped task becomes, and what each one receives. Decided from stored facts
 * only (the spec's literal lists and the stored results of upstream tasks), so every
 * replica, and every evaluation after a restart, maps the same way.
 */

/**
 * The most task instances one mapping may create. Airflow's default is 1,024
 * (`max_map_length`); Borda's runs hold 10,000s of task instances, so the bound only
 * stops a runaway source (a result of millions of items) from stalling the database.
 */
export const maxMapLength = 100_000;

/**
 * The items a source maps over: a list as it is, an object's entries as [key, value]
 * pairs (as Airflow maps a dict), nothing for an upstream task that stored no result
 * (one marked success by hand). Null when the value cannot be mapped over.
 */
export function mapItems(value: unknown): readonly unknown[] | null {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === "object") return Object.entries(value);
  return null;
}

/**
 * How many task instances `mapping` makes from `results` (upstream task id → its stored
 * result); undefined while a source's result is not among them. It may exceed
 * `maxMapLength` (a cross product of long lists): the caller refuses that.
 */
export function mapLength(
  mapping: TaskMapping,
  results: ReadonlyMap<string, unknown>,
): number | undefined {
  const lists = sourceLists(mapping, results);
  return lists?.reduce((count, list) => count * list.length, 1);
}

/**
 * What the task instance at `mapIndex` receives as inputs: each expanded argument's item
 * (the cross product's, the last argument varying fastest), or the keys of its argument
 * object (`expandKwargs`).
 */
export function mappedInputs(
  mapping: TaskMapping,
  results: ReadonlyMap<string, unknown>,
  mapIndex: number,
): Record<string, unknown> {
  const lists = sourceLists(mapping, results) ?? [];
  if (!mapping.expand) {
    const kwargs = lists[0]?.[mapIndex];
    return typeof kwargs === "object" && kwargs !== null && !Array.isArray(kwargs)
      ? { ...kwargs }
      : {};
  }
  const names = Object.keys(mapping.expand);
  const inputs: Record<string, unknown> = {};
  let rest = mapIndex;
  for (let i = names.length - 1; i >= 0; i--) {
    const list = lists[i] ?? [];
    inputs[names[i] as string] = list[rest % list.length];
    rest = Math.floor(rest / list.length);
  }
  return inputs;
}

/**
 * Why `result`, the return value of `source`, cannot feed the mappings of the tasks
 * after it, or null when it can: they map over a list or an object's entries, and
 * `expandKwargs` over a list of objects. Checked when the result is reported, so the
 * task that returned it fails with this message (as Airflow fails it at push time).
 */
export function invalidMapSourceResult(
  source: TaskSpec,
  consumers: readonly TaskSpec[],
  result: unknown,
): string | null {
  for (const consumer of consumers) {
    const mapping = consumer.mapped;
    if (!mapping || !mapSourceTasks(mapping).includes(source.taskId)) continue;
    const items = result === null || result === undefined ? null : mapItems(result);
    const feeds = `it feeds the mapping of task '${consumer.taskId}'`;
    if (items === null) {
      return `Task '${source.taskId}' returned ${describe(result)}; ${feeds}, which needs a list (or an object, mapped as [key, value] pairs).`;
    }
    if (items.length > maxMapLength) {
      return `Task '${source.taskId}' returned ${items.length} items; ${feeds}, which may create at most ${maxMapLength} task instances.`;
    }
    const kwargsFrom = isFrom(mapping.expandKwargs, source.taskId);
    const loose = kwargsFrom ? items.findIndex((item) => !isPlainObject(item)) : -1;
    if (loose >= 0) {
      return `Task '${source.taskId}' returned a list whose item ${loose} is ${describe(items[loose])}; ${feeds} with expandKwargs, which needs a list of objects (argument name → value).`;
    }
  }
  return null;
}

function sourceLists(
  mapping: TaskMapping,
  results: ReadonlyMap<string, unknown>,
): (readonly unknown[])[] | undefined {
  const sources: MapSource[] = mapping.expand
    ? Object.values(mapping.expand)
    : mapping.expandKwargs
      ? [mapping.expandKwargs]
      : [];
  const lists: (readonly unknown[])[] = [];
  for (const source of sources) {
    if ("values" in source) {
      lists.push(source.values);
      continue;
    }
    if (!results.has(source.from)) return undefined;
    lists.push(mapItems(results.get(source.from)) ?? []);
  }
  return lists;
}

const isFrom = (source: MapSource | undefined, taskId: string) =>
  source !== undefined && "from" in source && source.from === taskId;

const isPlainObject = (value: unknown) =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function describe(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
