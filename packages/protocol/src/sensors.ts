import { z } from "zod";
import { SensorMode } from "./sensorPolicy.js";

/** A sensor's policy, as a task's spec and its jobs carry it (sensorPolicy.ts: how sensors poke). */
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
