import { useEffect, useState } from "react";
import { formatRelative } from "../format.js";

/** "12 s ago" / "in 3 min", ticking, with the exact instant on hover; `empty` when there is none. */
export function RelativeTime({
  at,
  empty = "—",
}: {
  at: string | null | undefined;
  empty?: string;
}) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  if (!at) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={at} title={new Date(at).toLocaleString()}>
      {formatRelative(new Date(at).getTime(), now)}
    </time>
  );
}
