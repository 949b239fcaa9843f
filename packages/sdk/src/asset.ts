/**
 * Data-aware scheduling: assets (Airflow 2's datasets) that tasks update and DAGs are
 * scheduled on. `asset("s3://bucket/orders")` names one; `.and()` / `.or()` (or `allOf()`
 * / `anyOf()`) combine them into the condition a DAG's `schedule` waits for. See
 * docs/scheduling.md, "Data-aware scheduling".
 */

/** The condition's JSON, as protocol's `AssetCondition` reads it. */
type ConditionJson = { asset: string } | { all: ConditionJson[] } | { any: ConditionJson[] };

const conditionKey = Symbol.for("borda.assetCondition");

/** When an asset-scheduled DAG runs: built from assets with `.and()`, `.or()`, `allOf()`, `anyOf()`. */
export interface AssetCondition {
  readonly [conditionKey]: ConditionJson;
  /** Runs once this and every one of `others` have been updated (Airflow's `&`). */
  and(...others: AssetCondition[]): AssetCondition;
  /** Runs once this or any one of `others` has been updated (Airflow's `|`). */
  or(...others: AssetCondition[]): AssetCondition;
}

export interface AssetOptions {
  /** A name to show; default the URI. */
  name?: string;
  /** Free JSON the asset carries (Airflow's `extra`). */
  extra?: Record<string, unknown>;
}

/** An asset: put it in a task's `outlets`, or in a DAG's `schedule`. */
export interface Asset extends AssetCondition {
  readonly uri: string;
  readonly name?: string;
  readonly extra?: Record<string, unknown>;
}

function condition(json: ConditionJson): AssetCondition {
  return {
    [conditionKey]: json,
    and: (...others) => allOf(condition(json), ...others),
    or: (...others) => anyOf(condition(json), ...others),
  };
}

/** The asset with this URI (`s3://bucket/key`, `file:///data/x.csv`, ...). */
export function asset(uri: string, options: AssetOptions = {}): Asset {
  if (typeof uri !== "string" || uri.trim() === "") {
    throw new Error('asset() needs a URI, as in asset("s3://bucket/orders").');
  }
  return Object.freeze({
    ...condition({ asset: uri }),
    uri,
    ...(options.name !== undefined && { name: options.name }),
    ...(options.extra !== undefined && { extra: options.extra }),
  });
}

/** Runs once every one of `conditions` is satisfied (a list of assets in Airflow's `schedule`). */
export function allOf(...conditions: AssetCondition[]): AssetCondition {
  return condition({ all: conditions.map((c) => conditionJson(c, "allOf()")) });
}

/** Runs once any one of `conditions` is satisfied. */
export function anyOf(...conditions: AssetCondition[]): AssetCondition {
  return condition({ any: conditions.map((c) => conditionJson(c, "anyOf()")) });
}

/** Whether a DAG's `schedule` is an asset condition (or a list of assets) rather than a timetable. */
export function isAssetSchedule(value: unknown): value is AssetCondition | AssetCondition[] {
  return (
    Array.isArray(value) || (typeof value === "object" && value !== null && conditionKey in value)
  );
}

/** The JSON of a condition; a list of assets means all of them, as in Airflow. */
export function conditionJson(
  value: AssetCondition | AssetCondition[],
  what: string,
): ConditionJson {
  if (Array.isArray(value)) return { all: value.map((c) => conditionJson(c, what)) };
  const json = (value as Partial<AssetCondition> | null)?.[conditionKey];
  if (!json) throw new Error(`${what} takes assets made by asset("...") or conditions of them.`);
  return json;
}

/** An outlet as the spec records it: `{ uri, name?, extra? }`. */
export function outletJson(value: Asset | string): {
  uri: string;
  name?: string;
  extra?: Record<string, unknown>;
} {
  if (typeof value === "string") return { uri: value };
  if (typeof value?.uri !== "string") {
    throw new Error('outlets take assets made by asset("...") or URI strings.');
  }
  return {
    uri: value.uri,
    ...(value.name !== undefined && { name: value.name }),
    ...(value.extra !== undefined && { extra: value.extra }),
  };
}
