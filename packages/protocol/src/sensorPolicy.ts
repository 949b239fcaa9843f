import type { Sensor } from "./sensors.js";
import { boolean, type Check, fieldsOf, jsonValue } from "./valueChecks.js";

/**
 * Sensors (Airflow's `BaseSensorOperator`): a task that pokes a condition every interval
 * until it holds or a timeout passes. In `poke` mode the attempt keeps its worker slot
 * and the worker pokes again after each interval; in `reschedule` mode each poke that
 * finds the condition false ends the attempt as `up_for_reschedule`, freeing the worker
 * and pool slot until the control plane queues the next poke, on the same try.
 *
 * A poke returns `{ done, value? }` through the runner (each SDK turns `true`/`false`
 * and Airflow's `PokeReturnValue` into that): `value` becomes the task's return value.
 */
export const SensorMode = { poke: "poke", reschedule: "reschedule" } as const;
export type SensorMode = (typeof SensorMode)[keyof typeof SensorMode];

/** What one poke returned, as every runner reports it for a sensor task. */
export interface PokeResult {
  done: boolean;
  value?: unknown;
}

/** A poke's result, checked (a runner's answer is a user's function's return value). */
export const checkPokeResult: Check<PokeResult> = (value, at) => {
  const field = fieldsOf(value, at);
  return { done: field("done", boolean), ...field.optional("value", jsonValue) };
};

/**
 * The wait after the `pokes`-th poke (1-based) that found the condition false:
 * `pokeInterval`, or with exponential backoff `pokeInterval × 2^(pokes-1)`, never past
 * the timeout (`elapsedMs` is the time since the try's first poke). Deterministic, like
 * retry delays: the next poke time a user reads is the one that happens. Airflow adds a
 * hash-based jitter to the backoff; Borda's pokes are already spread by when each
 * sensor started.
 */
export function nextPokeDelayMs(sensor: Sensor, pokes: number, elapsedMs: number): number {
  const factor = sensor.exponentialBackoff ? 2 ** Math.min(Math.max(pokes - 1, 0), 52) : 1;
  const left = Math.max(sensor.timeoutMs - elapsedMs, 0);
  return Math.min(sensor.pokeIntervalMs * factor, left);
}

/** Whether a sensor whose try began `elapsedMs` ago has run out of time. */
export function sensorTimedOut(sensor: Sensor, elapsedMs: number): boolean {
  return elapsedMs >= sensor.timeoutMs;
}

/** The message of a sensor's timeout, the same from every runner and the control plane. */
export function sensorTimeoutMessage(sensor: Sensor): string {
  return `Sensor timed out: its condition did not hold within ${Math.round(sensor.timeoutMs / 1000)} s (timeout)${sensor.softFail ? "; soft_fail skips the task" : ""}.`;
}
