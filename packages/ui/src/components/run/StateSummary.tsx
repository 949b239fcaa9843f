import { Fragment, useMemo } from "react";
import type { TaskInstance } from "../../api/types.js";
import { countStates } from "./mappedTasks.js";

/** "running 1 · queued 7 · success 12": how many of a run's task instances are in each state. */
export function StateSummary({
  taskInstances,
}: {
  taskInstances: readonly Pick<TaskInstance, "state">[];
}) {
  return (
    <p className="state-summary">
      <StateCounts taskInstances={taskInstances} />
    </p>
  );
}

/** The badges of StateSummary alone, for a line of their own or a table cell. */
export function StateCounts({
  taskInstances,
}: {
  taskInstances: readonly Pick<TaskInstance, "state">[];
}) {
  const counts = useMemo(() => countStates(taskInstances), [taskInstances]);
  return counts.map(([state, count], index) => (
    <Fragment key={state}>
      {index > 0 ? " · " : null}
      <span className={`badge state-${state}`}>
        {state.replaceAll("_", " ")} {count}
      </span>
    </Fragment>
  ));
}
