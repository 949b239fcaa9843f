import type { EdgeJobState, WorkerState } from "../../api/types.js";

/*
 * The states the API answers, for the "State" filters. Written as records so that a state
 * the API adds fails the type check here until the filter offers it too.
 */
const workerStateSet = {
  starting: true,
  running: true,
  idle: true,
  maintenance_request: true,
  maintenance_pending: true,
  maintenance_mode: true,
  maintenance_exit: true,
  shutdown_request: true,
  terminating: true,
  offline: true,
  unknown: true,
  offline_maintenance: true,
} satisfies Record<WorkerState, true>;

const jobStateSet = {
  queued: true,
  claimed: true,
  running: true,
  success: true,
  failed: true,
  superseded: true,
  up_for_reschedule: true,
} satisfies Record<EdgeJobState, true>;

export const workerStates = Object.keys(workerStateSet) as WorkerState[];
export const jobStates = Object.keys(jobStateSet) as EdgeJobState[];

/** Worker states in which maintenance is on or asked for: "Maintenance off" is the way out. */
export const maintenanceStates: readonly WorkerState[] = [
  "maintenance_request",
  "maintenance_pending",
  "maintenance_mode",
  "offline_maintenance",
];

/** The one of `states` a URL's search value names, or undefined (an unknown value filters nothing). */
export function stateNamed<State extends string>(
  states: readonly State[],
  value: string | undefined,
): State | undefined {
  return states.find((state) => state === value);
}
