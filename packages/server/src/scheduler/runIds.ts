/** Airflow renders instants in run ids as `2025-07-01T14:56:26+00:00`. */
export const runIdInstant = (date: Date) => date.toISOString().replace(/\.\d{3}Z$|Z$/, "+00:00");
