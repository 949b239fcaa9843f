/** "12 s ago", "5 min ago", "in 2 h": coarse, for scanning lists. */
export function formatRelative(at: number, now: number): string {
  const seconds = Math.round((at - now) / 1000);
  const size = Math.abs(seconds);
  const amount =
    size < 60
      ? `${size} s`
      : size < 3600
        ? `${Math.round(size / 60)} min`
        : size < 86_400
          ? `${Math.round(size / 3600)} h`
          : `${Math.round(size / 86_400)} d`;
  return seconds <= 0 ? `${amount} ago` : `in ${amount}`;
}

/** A duration in seconds as "850 ms", "12.3 s", "4 min 5 s", "2 h 3 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

/** An ISO instant as local date and time, or "—". */
export function formatInstant(at: string | null | undefined): string {
  return at ? new Date(at).toLocaleString() : "—";
}
