import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Fragment, useMemo, useState } from "react";
import { api, ok } from "../../api/client.js";
import type { DagRun, TaskInstance } from "../../api/types.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { instanceName, isMapped, logSearch, summarizeMapped } from "../run/mappedTasks.js";
import { StateDot } from "../StateBadge.js";
import { layoutTasks, type TaskLinks } from "./layoutTasks.js";

type GridCell = Pick<TaskInstance, "task_id" | "dag_run_id" | "state" | "map_index">;

/** The most task instances the API returns in one answer. */
const pageLimit = 10_000;

/**
 * The most map indexes an expanded task shows as rows; the run page lists them all. A grid
 * row per map index is fine for a few dozen, and a wall of dots nobody reads for thousands.
 */
const mapIndexRows = 50;

/**
 * Runs as columns (oldest left, newest right) and tasks as rows, in the graph's
 * left-to-right order, each cell the task's state in that run and a link to its log. A
 * mapped task's cell sums up its map indexes (a state dot and how many there are, counts
 * per state on hover); its row expands into a row per map index.
 */
export function DagGrid({
  dagId,
  tasks,
  runs,
}: {
  dagId: string;
  tasks: readonly TaskLinks[];
  /** Newest first, as the API lists them. */
  runs: readonly DagRun[];
}) {
  const columns = useMemo(() => [...runs].reverse(), [runs]);
  const rows = useMemo(() => layoutTasks(tasks).order, [tasks]);
  const runIds = columns.map((run) => run.dag_run_id);
  const instances = useQuery({
    queryKey: ["dag-grid-task-instances", dagId, runIds],
    queryFn: () => taskInstancesOf(dagId, runIds),
    enabled: runIds.length > 0,
    placeholderData: keepPreviousData,
  });
  const byCell = useMemo(() => cellsOf(instances.data ?? []), [instances.data]);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggle = (taskId: string) =>
    setExpanded((before) => {
      const after = new Set(before);
      if (!after.delete(taskId)) after.add(taskId);
      return after;
    });

  if (runs.length === 0)
    return <p className="muted">No runs yet. Trigger the DAG to see its tasks run here.</p>;
  return (
    <>
      {instances.error ? <ErrorMessage error={instances.error} /> : null}
      <div className="dag-grid">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Task</th>
              {columns.map((run) => (
                <th scope="col" key={run.dag_run_id} className="grid-run">
                  <Link
                    to="/dags/$dagId/runs/$runId"
                    params={{ dagId, runId: run.dag_run_id }}
                    className="dot-link"
                  >
                    <StateDot state={run.state} label={`${run.dag_run_id}: ${run.state}`} />
                  </Link>
                  <time
                    dateTime={run.logical_date}
                    title={new Date(run.logical_date).toLocaleString()}
                  >
                    {shortDate(run.logical_date)}
                  </time>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((taskId) => {
              const cells = columns.map((run) => byCell.get(`${run.dag_run_id}\n${taskId}`) ?? []);
              const mapped = cells.some(isMapped);
              const open = mapped && expanded.has(taskId);
              return (
                <Fragment key={taskId}>
                  <tr>
                    <th scope="row" className="mono">
                      {mapped ? (
                        <button
                          type="button"
                          className="expander"
                          aria-expanded={open}
                          aria-label={`Map indexes of ${taskId}`}
                          onClick={() => toggle(taskId)}
                        />
                      ) : null}
                      {taskId}
                    </th>
                    {columns.map((run, column) => (
                      <td key={run.dag_run_id} className="grid-cell">
                        <TaskCell dagId={dagId} runId={run.dag_run_id} cell={cells[column] ?? []} />
                      </td>
                    ))}
                  </tr>
                  {open ? (
                    <MapIndexRows dagId={dagId} taskId={taskId} runs={columns} cells={cells} />
                  ) : null}
                </Fragment>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** One task in one run: its state dot, or for a mapped task the summary of its map indexes. */
function TaskCell({
  dagId,
  runId,
  cell,
}: {
  dagId: string;
  runId: string;
  cell: readonly GridCell[];
}) {
  const [first] = cell;
  if (first === undefined) return null;
  if (isMapped(cell)) {
    const summary = summarizeMapped(cell);
    return (
      // The run page lists the map indexes, each with its log.
      <Link
        to="/dags/$dagId/runs/$runId"
        params={{ dagId, runId }}
        className="dot-link grid-mapped"
      >
        <StateDot
          state={summary.state}
          label={`${first.task_id} in ${runId}: ${summary.count} mapped, ${summary.counts}`}
        />
        <span aria-hidden="true">{summary.count}</span>
      </Link>
    );
  }
  return <InstanceDot dagId={dagId} ti={first} />;
}

/** A task instance's state dot, a link to its log. */
function InstanceDot({ dagId, ti }: { dagId: string; ti: GridCell }) {
  return (
    <Link
      to="/dags/$dagId/runs/$runId/tasks/$taskId"
      params={{ dagId, runId: ti.dag_run_id, taskId: ti.task_id }}
      search={logSearch(ti.map_index)}
      className="dot-link"
    >
      <StateDot
        state={ti.state}
        label={`${instanceName(ti)} in ${ti.dag_run_id}: ${ti.state ?? "no status"}`}
      />
    </Link>
  );
}

/**
 * An expanded mapped task: a row per map index (the first `mapIndexRows` of the widest
 * run), and when there are more, where to find them.
 */
function MapIndexRows({
  dagId,
  taskId,
  runs,
  cells,
}: {
  dagId: string;
  taskId: string;
  runs: readonly DagRun[];
  cells: readonly (readonly GridCell[])[];
}) {
  const widths = cells.map((cell) => (isMapped(cell) ? cell.length : 0));
  const widest = Math.max(0, ...widths);
  // The newest run with more map indexes than the rows show is where to read the rest.
  const runWithMore = runs.findLast((_, column) => (widths[column] ?? 0) > mapIndexRows);
  const rows = [];
  for (let mapIndex = 0; mapIndex < Math.min(widest, mapIndexRows); mapIndex++) {
    rows.push(
      <tr key={mapIndex} className="grid-map-index">
        <th scope="row" className="mono">
          {taskId}[{mapIndex}]
        </th>
        {cells.map((cell, column) => {
          const ti = cell.find((candidate) => candidate.map_index === mapIndex);
          return (
            <td key={runs[column]?.dag_run_id} className="grid-cell">
              {ti ? <InstanceDot dagId={dagId} ti={ti} /> : null}
            </td>
          );
        })}
      </tr>,
    );
  }
  return (
    <>
      {rows}
      {runWithMore ? (
        <tr className="grid-map-index">
          <td colSpan={runs.length + 1} className="muted">
            and {(widest - mapIndexRows).toLocaleString()} more —{" "}
            <Link to="/dags/$dagId/runs/$runId" params={{ dagId, runId: runWithMore.dag_run_id }}>
              open the run
            </Link>
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Each run's and task's instances (one, or a mapped task's map indexes in order), by "run\ntask". */
function cellsOf(instances: readonly GridCell[]): Map<string, GridCell[]> {
  const cells = new Map<string, GridCell[]>();
  for (const ti of instances) {
    const key = `${ti.dag_run_id}\n${ti.task_id}`;
    const cell = cells.get(key);
    if (cell) cell.push(ti);
    else cells.set(key, [ti]);
  }
  for (const cell of cells.values()) cell.sort((a, b) => a.map_index - b.map_index);
  return cells;
}

/**
 * The task instances of the given runs in one request, or a few when a big DAG's runs
 * hold more than a page (1,000 tasks × 25 runs); never one request per run.
 */
async function taskInstancesOf(dagId: string, runIds: string[]): Promise<GridCell[]> {
  const found: GridCell[] = [];
  for (let offset = 0; ; offset += pageLimit) {
    const page = await ok(
      api.POST("/api/v1/dags/~/dagRuns/~/taskInstances/list", {
        body: { dag_ids: [dagId], dag_run_ids: runIds, page_limit: pageLimit, page_offset: offset },
      }),
    );
    found.push(...page.task_instances);
    if (offset + pageLimit >= page.total_entries) return found;
  }
}

/** "03-14 06:30": enough to tell runs apart in a narrow column; the full instant is on hover. */
function shortDate(at: string): string {
  const date = new Date(at);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`;
}
