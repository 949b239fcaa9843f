/**
 * A duration for people reading the worker's log: "0.2 s", "12.5 s"; from a minute on,
 * whole units ("1 min 5 s", "2 h 3 min"), so a long outage reads as one.
 */
export function formatDuration(ms: number): string {
  if (ms < 59_950) {
    return ms % 1000 === 0 ? `${ms / 1000} s` : `${Number((ms / 1000).toFixed(1))} s`;
  }
  const seconds = Math.round(ms / 1000);
  const parts = [
    [Math.floor(seconds / 3600), "h"],
    [Math.floor((seconds % 3600) / 60), "min"],
    [seconds % 60, "s"],
  ] as const;
  return parts
    .filter(([count]) => count > 0)
    .map(([count, unit]) => `${count} ${unit}`)
    .join(" ");
}
