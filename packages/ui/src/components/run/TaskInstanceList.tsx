import { taskInstanceReason } from "@borda/protocol";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { memo, useCallback, useDeferredValue, useId, useMemo, useState } from "react";
import { api, ok } from "../../api/client.js";
import { useCan } from "../../api/session.js";
import type { TaskInstance } from "../../api/types.js";
import { formatDuration, formatInstant } from "../../format.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { Pager } from "../edge/Pager.js";
import { StateBadge } from "../StateBadge.js";
import { instanceName, isMapped, logSearch, summarizeMapped } from "./mappedTasks.js";
import { StateCounts, StateSummary } from "./StateSummary.js";
import { TaskInstanceActions, type TaskTarget, targetName } from "./TaskInstanceActions.js";

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

/** The table's columns, Task to Log, besides the selection's checkbox. */
const columnCount = 10;
/** The columns a mapped task's counts per state span: State to Duration. */
const summaryColumns = 7;

/** How many map indexes an expanded mapped task lists at a time. */
const mapIndexPage = 100;

/** One task of the run: its instance, or a mapped task's map indexes in order. */
interface TaskGroup {
  taskId: string;
  instances: RowFields[];
}

/**
 * A run's task instances, read in one request, with a state count, filters, and (for users
 * who may change them) selection and bulk actions. A mapped task is one row of counts per
 * state, which expands into its map indexes. A run of 1,000 tasks renders at once: rows
 * are memoized and cheap (static times, no queries or timers of their own), and the query
 * keeps unchanged rows' objects between refreshes, so a refresh re-renders only the rows
 * that changed.
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
  const [selected, setSelected] = useState<ReadonlyMap<string, TaskTarget>>(() => new Map());
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
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
  const groups = useMemo(() => groupByTask(shown), [shown]);

  const toggle = useCallback((target: TaskTarget) => {
    setSelected((before) => {
      const after = new Map(before);
      const key = targetName(target);
      if (!after.delete(key)) after.set(key, target);
      return after;
    });
  }, []);
  const toggleExpanded = useCallback((taskId: string) => {
    setExpanded((before) => {
      const after = new Set(before);
      if (!after.delete(taskId)) after.add(taskId);
      return after;
    });
  }, []);
  // "All shown" means the shown tasks, whole: a mapped task with every map index.
  const allShownSelected = groups.length > 0 && groups.every((g) => selected.has(g.taskId));
  const toggleShown = () => {
    setSelected((before) => {
      const after = new Map(before);
      for (const { taskId } of groups) {
        if (allShownSelected) after.delete(taskId);
        else after.set(taskId, { taskId, mapIndex: null });
      }
      return after;
    });
  };
  const isSelected = (key: string) => (canChange ? selected.has(key) : null);
  const targets = useMemo(
    () => [...selected].sort(([a], [b]) => a.localeCompare(b)).map(([, target]) => target),
    [selected],
  );

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
          targets={targets}
          onDone={() => setSelected(new Map())}
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
                  disabled={groups.length === 0}
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
          {groups.map(({ taskId, instances }) => {
            const [first] = instances;
            if (first === undefined) return null;
            return isMapped(instances) ? (
              <MappedTaskRows
                key={taskId}
                taskId={taskId}
                mapIndexes={instances}
                expanded={expanded.has(taskId)}
                onExpand={toggleExpanded}
                isSelected={isSelected}
                onToggle={toggle}
              />
            ) : (
              <TaskInstanceRow
                key={taskId}
                ti={first}
                selected={isSelected(taskId)}
                onToggle={toggle}
              />
            );
          })}
        </tbody>
      </table>
      {shown.length === 0 ? <p className="muted">No task instance matches the filters.</p> : null}
    </>
  );
}

/** The instances in the order the API listed their tasks, each task's together. */
function groupByTask(instances: readonly RowFields[]): TaskGroup[] {
  const groups = new Map<string, TaskGroup>();
  for (const ti of instances) {
    const group = groups.get(ti.task_id);
    if (group) group.instances.push(ti);
    else groups.set(ti.task_id, { taskId: ti.task_id, instances: [ti] });
  }
  for (const group of groups.values()) {
    if (group.instances.length > 1) group.instances.sort((a, b) => a.map_index - b.map_index);
  }
  return [...groups.values()];
}

/** What a row shows of a task instance. */
type RowFields = Pick<
  TaskInstance,
  | "task_id"
  | "map_index"
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
  | "note"
>;

/**
 * A mapped task: one row with its counts per state, and when expanded its map indexes, a
 * page of them at a time. `isSelected` answers null when the user may not select.
 */
function MappedTaskRows({
  taskId,
  mapIndexes,
  expanded,
  onExpand,
  isSelected,
  onToggle,
}: {
  taskId: string;
  mapIndexes: readonly RowFields[];
  expanded: boolean;
  onExpand: (taskId: string) => void;
  isSelected: (key: string) => boolean | null;
  onToggle: (target: TaskTarget) => void;
}) {
  const [offset, setOffset] = useState(0);
  const selected = isSelected(taskId);
  const first = mapIndexes[0];
  // A filter may shrink the list under the page being read: start over rather than show none.
  const start = offset < mapIndexes.length ? offset : 0;
  const page = mapIndexes.slice(start, start + mapIndexPage);
  const columns = selected === null ? columnCount : columnCount + 1;
  return (
    <>
      <tr className="mapped-task">
        {selected === null ? null : (
          <td>
            <input
              type="checkbox"
              aria-label={`Select ${taskId}`}
              checked={selected}
              onChange={() => onToggle({ taskId, mapIndex: null })}
            />
          </td>
        )}
        <td className="mono">
          <button
            type="button"
            className="expander"
            aria-expanded={expanded}
            aria-label={`Map indexes of ${taskId}`}
            onClick={() => onExpand(taskId)}
          />
          {taskId} <span className="muted">{summarizeMapped(mapIndexes).count} mapped</span>
        </td>
        <td className="mono">{first?.operator ?? "—"}</td>
        <td colSpan={summaryColumns}>
          <StateCounts taskInstances={mapIndexes} />
        </td>
        <td>—</td>
      </tr>
      {expanded
        ? page.map((ti) => (
            <TaskInstanceRow
              key={ti.map_index}
              ti={ti}
              selected={isSelected(instanceName(ti))}
              onToggle={onToggle}
            />
          ))
        : null}
      {expanded && mapIndexes.length > mapIndexPage ? (
        <tr className="map-index">
          <td colSpan={columns}>
            <Pager
              label={`Map indexes of ${taskId}`}
              offset={start}
              limit={mapIndexPage}
              shown={page.length}
              total={mapIndexes.length}
              onOffset={setOffset}
            />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/**
 * One task instance (a task's, or one map index of a mapped task); `selected` null: the
 * user may not select (change) task instances.
 */
const TaskInstanceRow = memo(function TaskInstanceRow({
  ti,
  selected,
  onToggle,
}: {
  ti: RowFields;
  selected: boolean | null;
  onToggle: (target: TaskTarget) => void;
}) {
  const name = instanceName(ti);
  const reason = taskInstanceReason(ti);
  return (
    <>
      <tr className={ti.map_index >= 0 ? "map-index" : undefined}>
        {selected === null ? null : (
          <td>
            <input
              type="checkbox"
              aria-label={`Select ${name}`}
              checked={selected}
              onChange={() =>
                onToggle({ taskId: ti.task_id, mapIndex: ti.map_index >= 0 ? ti.map_index : null })
              }
            />
          </td>
        )}
        <td className="mono task-name">{name}</td>
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
            search={logSearch(ti.map_index)}
            aria-label={`Log of ${name}`}
          >
            Log
          </Link>
        </td>
      </tr>
      {reason === null ? null : (
        // A line of its own under the task's row: a reason is a sentence, too long for a cell.
        <tr className="task-reason">
          {selected === null ? null : <td />}
          <td colSpan={columnCount} aria-label={`Why ${name} is ${ti.state?.replaceAll("_", " ")}`}>
            {reason}
          </td>
        </tr>
      )}
    </>
  );
});
