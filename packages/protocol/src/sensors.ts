import { z } from "zod";

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

export const sensorSchema = z.object({
  mode: z.enum([SensorMode.poke, SensorMode.reschedule]),
  /** Between a poke that finds the condition false and the next one. */
  pokeIntervalMs: z.number().int().nonnegative(),
  /** From the try's first poke; a sensor still waiting then fails (or skips, `softFail`), without retries. */
  timeoutMs: z.number().int().positive(),
  /** A timeout skips the task instead of failing it. */
  softFail: z.boolean(),
  /** Each interval doubles the one before, up to the time left before the timeout. */
  exponentialBackoff: z.boolean(),
});
export type Sensor = z.infer<typeof sensorSchema>;

/** What one poke returned, as every runner reports it for a sensor task. */
export const pokeResultSchema = z.object({ done: z.boolean(), value: z.unknown().optional() });
export type PokeResult = z.infer<typeof pokeResultSchema>;

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

/**
 * What a sensor reading another DAG's state may ask (Airflow's `ExternalTaskSensor`):
 * the state of one task instance, or of the run when `taskId` is null, of `dagId`'s run
 * at `logicalDate`. The answer is a state string only, or null when there is no such run
 * or task instance.
 */
export const externalStateRequestSchema = z.object({
  dagId: z.string().min(1).max(250),
  taskId: z.string().min(1).max(250).nullable(),
  logicalDate: z.iso.datetime(),
  /** Also answer whether the DAG (and its task `taskId`) exists (`check_existence`). */
  checkExistence: z.boolean().optional(),
});
export type ExternalStateRequest = z.infer<typeof externalStateRequestSchema>;

export const externalStateResponseSchema = z.object({
  state: z.string().nullable(),
  /**
   * With `checkExistence`: whether the DAG is known and active, and has task `taskId` in
   * its current version — what a run of it would have. Absent otherwise.
   */
  exists: z.boolean().optional(),
});
export type ExternalStateResponse = z.infer<typeof externalStateResponseSchema>;
