import { Fragment, useMemo } from "react";
import type { TaskInstance } from "../../api/types.js";

/** Airflow's task states in the order people look for them: what moves first, then how it ended. */
const stateOrder = [
  "running",
  "queued",
  "scheduled",
  "up_for_retry",
  "up_for_reschedule",
  "success",
  "failed",
  "upstream_failed",
  "skipped",
  "removed",
  "none",
];

/** "running 1 · queued 7 · success 12": how many of a run's task instances are in each state. */
export function StateSummary({
  taskInstances,
}: {
  taskInstances: readonly Pick<TaskInstance, "state">[];
}) {
  const counts = useMemo(() => {
    const byState = new Map<string, number>();
    for (const ti of taskInstances) {
      const state = ti.state ?? "none";
      byState.set(state, (byState.get(state) ?? 0) + 1);
    }
    return [...byState].sort(([a], [b]) => stateOrder.indexOf(a) - stateOrder.indexOf(b));
  }, [taskInstances]);
  return (
    <p className="state-summary">
      {counts.map(([state, count], index) => (
        <Fragment key={state}>
          {index > 0 ? " · " : null}
          <span className={`badge state-${state}`}>
            {state.replaceAll("_", " ")} {count}
          </span>
        </Fragment>
      ))}
    </p>
  );
}
