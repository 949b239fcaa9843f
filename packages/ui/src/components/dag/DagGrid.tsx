import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useMemo } from "react";
import { api, ok } from "../../api/client.js";
import type { DagRun, TaskInstance } from "../../api/types.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { StateDot } from "../StateBadge.js";
import { layoutTasks, type TaskLinks } from "./layoutTasks.js";

type GridCell = Pick<TaskInstance, "task_id" | "dag_run_id" | "state">;

/** The most task instances the API returns in one answer. */
const pageLimit = 10_000;

/**
 * Runs as columns (oldest left, newest right) and tasks as rows, in the graph's
 * left-to-right order, each cell the task's state in that run and a link to its log.
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
  const byCell = useMemo(
    () => new Map((instances.data ?? []).map((ti) => [`${ti.dag_run_id}\n${ti.task_id}`, ti])),
    [instances.data],
  );

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
            {rows.map((taskId) => (
              <tr key={taskId}>
                <th scope="row" className="mono">
                  {taskId}
                </th>
                {columns.map((run) => {
                  const ti = byCell.get(`${run.dag_run_id}\n${taskId}`);
                  return (
                    <td key={run.dag_run_id} className="grid-cell">
                      {ti ? (
                        <Link
                          to="/dags/$dagId/runs/$runId/tasks/$taskId"
                          params={{ dagId, runId: run.dag_run_id, taskId }}
                          className="dot-link"
                        >
                          <StateDot
                            state={ti.state}
                            label={`${taskId} in ${run.dag_run_id}: ${ti.state ?? "no status"}`}
                          />
                        </Link>
                      ) : null}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
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
