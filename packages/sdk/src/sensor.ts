import { type Duration, durationToMs } from "./duration.js";

/**
 * Sensors: tasks that poke a condition until it holds (Airflow's `BaseSensorOperator`).
 * See docs/scheduling.md, "Sensors".
 */

/** `poke`: the attempt keeps its slot and pokes again; `reschedule`: it frees the slot between pokes. */
export type SensorMode = "poke" | "reschedule";

export interface SensorPolicy {
  /** Default "poke". */
  mode?: SensorMode;
  /** Between a false poke and the next. Default 60 s (Airflow's). */
  pokeInterval?: Duration;
  /** From the try's first poke; still false then, the task fails without retries. Default 7 days (Airflow's). */
  timeout?: Duration;
  /** A timeout skips the task instead of failing it (Airflow's `soft_fail`). Default false. */
  softFail?: boolean;
  /** Each interval doubles the one before, up to the timeout. Default false. */
  exponentialBackoff?: boolean;
}

/**
 * What a poke returns: true when the condition holds, or `{ done, value }` (Airflow's
 * `PokeReturnValue`) to pass `value` on as the sensor's result (its XCom).
 */
export type PokeResult<Value = unknown> = boolean | { done: boolean; value?: Value };

/** The spec's `sensor` (protocol's `Sensor`), every field set. */
export interface SensorSpec {
  mode: SensorMode;
  pokeIntervalMs: number;
  timeoutMs: number;
  softFail: boolean;
  exponentialBackoff: boolean;
}

const defaultPokeIntervalMs = 60_000;
const defaultTimeoutMs = 7 * 24 * 60 * 60 * 1000;

export function sensorSpec(taskId: string, policy: SensorPolicy): SensorSpec {
  const mode = policy.mode ?? "poke";
  if (mode !== "poke" && mode !== "reschedule") {
    throw new Error(
      `sensor '${taskId}': mode must be "poke" or "reschedule", not '${String(mode)}'.`,
    );
  }
  const timeoutMs =
    policy.timeout === undefined ? defaultTimeoutMs : durationToMs(policy.timeout, "timeout");
  if (timeoutMs <= 0) throw new Error(`sensor '${taskId}': timeout must be positive.`);
  return {
    mode,
    pokeIntervalMs:
      policy.pokeInterval === undefined
        ? defaultPokeIntervalMs
        : durationToMs(policy.pokeInterval, "pokeInterval"),
    timeoutMs,
    softFail: policy.softFail ?? false,
    exponentialBackoff: policy.exponentialBackoff ?? false,
  };
}

/** A poke's result as every runner reports it: `{ done, value? }`. */
export function pokeOutcome(taskId: string, result: unknown): { done: boolean; value?: unknown } {
  if (typeof result === "boolean") return { done: result };
  if (
    result !== null &&
    typeof result === "object" &&
    typeof (result as { done?: unknown }).done === "boolean"
  ) {
    const { done, value } = result as { done: boolean; value?: unknown };
    return value === undefined ? { done } : { done, value };
  }
  throw new Error(
    `sensor '${taskId}': a poke returns true, false or { done, value }, not ${JSON.stringify(result) ?? String(result)}.`,
  );
}
