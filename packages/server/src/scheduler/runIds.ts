/**
 * Airflow renders instants in scheduled and backfill run ids as `2025-07-01T14:56:26+00:00`:
 * their logical dates fall on the timetable's whole seconds.
 */
export const runIdInstant = (date: Date) => date.toISOString().replace(/\.\d{3}Z$|Z$/, "+00:00");

/**
 * Airflow renders the trigger instant of manual and asset-triggered run ids with
 * microseconds, `2025-07-01T14:56:26.123000+00:00`: such runs come in quick succession
 * (ten triggers in a loop), so the fraction keeps their ids apart. A Date holds
 * milliseconds, so the last three digits are zeros.
 */
export const runIdInstantWithFraction = (date: Date) =>
  date.toISOString().replace(/Z$/, "000+00:00");
