const unitMs = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** A length of time: a number of seconds (as Airflow's timedeltas read), or "500ms", "30s", "5m", "2h", "1d". */
export type Duration = number | `${number}${keyof typeof unitMs}`;

/** Converts a duration to integer milliseconds; `what` names the option in the error message. */
export function durationToMs(value: Duration, what: string): number {
  if (typeof value === "number") {
    if (Number.isFinite(value) && value >= 0) return Math.round(value * 1000);
  } else if (typeof value === "string") {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value.trim());
    if (match) return Math.round(Number(match[1]) * unitMs[match[2] as keyof typeof unitMs]);
  }
  throw new Error(
    `${what} ${JSON.stringify(value)} is not a duration: use a number of seconds (30) or a string like "500ms", "30s", "5m", "2h" or "1d".`,
  );
}
