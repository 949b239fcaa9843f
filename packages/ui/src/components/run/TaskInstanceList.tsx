import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { memo, useCallback, useDeferredValue, useId, useMemo, useState } from "react";
import { api, ok } from "../../api/client.js";
import { useCan } from "../../api/session.js";
import type { TaskInstance } from "../../api/types.js";
import { formatDuration, formatInstant } from "../../format.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { StateBadge } from "../StateBadge.js";
import { StateSummary } from "./StateSummary.js";
import { TaskInstanceActions } from "./TaskInstanceActions.js";

/** The API's largest page: one request brings a whole run of up to this many tasks. */
const pageLimit = 10_000;

const stateChoices = [
  "none",
  "scheduled",
  "queued",
  "running",
  "success",
  "failed",
  "up_for_retry",
  "up_for_reschedule",
  "upstream_failed",
  "skipped",
  "removed",
];

/**
 * A run's task instances, read in one request, with a state count, filters, and (for users
 * who may change them) selection and bulk actions. A run of 1,000 tasks renders at once:
 * rows are memoized and cheap (static times, no queries or timers of their own), and the
 * query keeps unchanged rows' objects between refreshes, so a refresh re-renders only the
 * rows that changed.
 */
export function TaskInstanceList({ dagId, runId }: { dagId: string; runId: string }) {
  const canChange = useCan("User");
  const path = { dag_id: dagId, dag_run_id: runId };
  const query = { limit: pageLimit };
  const taskInstances = useQuery({
    queryKey: ["/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances", path, query],
    queryFn: () =>
      ok(
        api.GET("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances", {
          params: { path, query },
        }),
      ),
  });
  const [text, setText] = useState("");
  const [state, setState] = useState("");
  // The select's name is its label's word alone, not the word and the chosen option.
  const stateLabel = useId();
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const needle = useDeferredValue(text.trim().toLowerCase());

  const all = taskInstances.data?.task_instances;
  const shown = useMemo(
    () =>
      (all ?? []).filter(
        (ti) =>
          (needle === "" || ti.task_id.toLowerCase().includes(needle)) &&
          (state === "" || (ti.state ?? "none") === state),
      ),
    [all, needle, state],
  );

  const toggle = useCallback((taskId: string) => {
    setSelected((before) => {
      const after = new Set(before);
      if (!after.delete(taskId)) after.add(taskId);
      return after;
    });
  }, []);
  const allShownSelected = shown.length > 0 && shown.every((ti) => selected.has(ti.task_id));
  const toggleShown = () => {
    setSelected((before) => {
      const after = new Set(before);
      for (const ti of shown) {
        if (allShownSelected) after.delete(ti.task_id);
        else after.add(ti.task_id);
      }
      return after;
    });
  };
  const selectedIds = useMemo(() => [...selected].sort(), [selected]);

  // A failed refresh says so above the rows read before, which stay (and so does the selection).
  const error = taskInstances.error ? <ErrorMessage error={taskInstances.error} /> : null;
  if (taskInstances.data === undefined) return error ?? <p className="page-status">Loading…</p>;
  const { task_instances: rows, total_entries: total } = taskInstances.data;
  return (
    <>
      {error}
      {total > rows.length ? (
        <p className="warning">
          This run has {total.toLocaleString()} task instances; the first{" "}
          {rows.length.toLocaleString()} are shown.
        </p>
      ) : null}
      <StateSummary taskInstances={rows} />
      <div className="toolbar">
        <label>
          Filter tasks
          <input type="search" value={text} onChange={(event) => setText(event.target.value)} />
        </label>
        <label>
          <span id={stateLabel}>State</span>
          <select
            aria-labelledby={stateLabel}
            value={state}
            onChange={(event) => setState(event.target.value)}
          >
            <option value="">All states</option>
            {stateChoices.map((choice) => (
              <option key={choice} value={choice}>
                {choice.replaceAll("_", " ")}
              </option>
            ))}
          </select>
        </label>
        <span className="muted">
          {shown.length === rows.length
            ? `${rows.length} task instances`
            : `${shown.length} of ${rows.length} task instances`}
        </span>
      </div>
      {canChange ? (
        <TaskInstanceActions
          dagId={dagId}
          runId={runId}
          taskIds={selectedIds}
          onDone={() => setSelected(new Set())}
        />
      ) : null}
      <table className="table">
        <thead>
          <tr>
            {canChange ? (
              <th>
                <input
                  type="checkbox"
                  aria-label="Select all shown tasks"
                  checked={allShownSelected}
                  disabled={shown.length === 0}
                  onChange={toggleShown}
                />
              </th>
            ) : null}
            <th>Task</th>
            <th>Operator</th>
            <th>State</th>
            <th className="numeric">Try</th>
            <th>Queue</th>
            <th>Pool</th>
            <th>Worker</th>
            <th>Started</th>
            <th className="numeric">Duration</th>
            <th>Log</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((ti) => (
            <TaskInstanceRow
              key={ti.task_id}
              ti={ti}
              selected={canChange ? selected.has(ti.task_id) : null}
              onToggle={toggle}
            />
          ))}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="muted">No task instance matches the filters.</p> : null}
    </>
  );
}

/** What a row shows of a task instance. */
type RowFields = Pick<
  TaskInstance,
  | "task_id"
  | "operator"
  | "dag_id"
  | "dag_run_id"
  | "state"
  | "try_number"
  | "queue"
  | "pool"
  | "hostname"
  | "start_date"
  | "duration"
>;

/** One task instance; `selected` null: the user may not select (change) task instances. */
const TaskInstanceRow = memo(function TaskInstanceRow({
  ti,
  selected,
  onToggle,
}: {
  ti: RowFields;
  selected: boolean | null;
  onToggle: (taskId: string) => void;
}) {
  return (
    <tr>
      {selected === null ? null : (
        <td>
          <input
            type="checkbox"
            aria-label={`Select ${ti.task_id}`}
            checked={selected}
            onChange={() => onToggle(ti.task_id)}
          />
        </td>
      )}
      <td className="mono">{ti.task_id}</td>
      <td className="mono">{ti.operator ?? "—"}</td>
      <td>
        <StateBadge state={ti.state} />
      </td>
      <td className="numeric">{ti.try_number}</td>
      <td>{ti.queue ?? "—"}</td>
      <td>{ti.pool}</td>
      <td>
        {ti.hostname ? (
          <Link to="/workers" search={{ name: ti.hostname }}>
            {ti.hostname}
          </Link>
        ) : (
          "—"
        )}
      </td>
      <td>{formatInstant(ti.start_date)}</td>
      <td className="numeric">{formatDuration(ti.duration)}</td>
      <td>
        <Link
          to="/dags/$dagId/runs/$runId/tasks/$taskId"
          params={{ dagId: ti.dag_id, runId: ti.dag_run_id, taskId: ti.task_id }}
          aria-label={`Log of ${ti.task_id}`}
        >
          Log
        </Link>
      </td>
    </tr>
  );
});
