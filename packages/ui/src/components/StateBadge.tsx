/**
 * A task instance's, run's or worker's state, coloured as Airflow colours it so people
 * coming from Airflow read it at a glance; the word is always there too, for colour-blind
 * readers and screen readers.
 */
export function StateBadge({ state }: { state: string | null | undefined }) {
  const name = state ?? "none";
  return <span className={`badge state-${name}`}>{name.replaceAll("_", " ")}</span>;
}

/** A small coloured dot for a state, with the state (and more) as its accessible name. */
export function StateDot({ state, label }: { state: string | null | undefined; label: string }) {
  const name = state ?? "none";
  return <span className={`dot state-${name}`} role="img" aria-label={label} title={label} />;
}
