import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { api, ok } from "../api/client.js";
import type { EdgeJob } from "../api/types.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { StateFilter, TextFilter } from "../components/edge/FilterField.js";
import { Pager } from "../components/edge/Pager.js";
import { jobStates, stateNamed } from "../components/edge/states.js";
import { RelativeTime } from "../components/RelativeTime.js";
import { StateBadge } from "../components/StateBadge.js";

/** Jobs pile up with every run: the API pages them, newest queued first. */
const pageSize = 100;

type JobFilter = "dag_id" | "run_id" | "task_id" | "queue" | "worker" | "state";

/**
 * Every attempt handed to, or waiting for, an edge worker, as Airflow edge3's "Edge Worker
 * Jobs" page lists them; each links to its DAG, run, task log and worker.
 */
export function JobsView() {
  const search = useSearch({ from: "/jobs" });
  const navigate = useNavigate({ from: "/jobs" });
  // The page is local: a changed filter starts again at the first page.
  const filterKey = JSON.stringify(search);
  const [page, setPage] = useState({ filterKey, offset: 0 });
  const offset = page.filterKey === filterKey ? page.offset : 0;
  const jobs = useQuery({
    queryKey: ["edge", "jobs", search, offset],
    queryFn: () =>
      ok(
        api.GET("/api/v1/edge/jobs", {
          params: {
            query: {
              dag_id: search.dag_id,
              run_id: search.run_id,
              task_id: search.task_id,
              queue: search.queue,
              worker_name: search.worker,
              state: stateNamed(jobStates, search.state),
              order_by: "-queued_at",
              limit: pageSize,
              offset,
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });

  const setFilter = (key: JobFilter, value: string | undefined) =>
    void navigate({ search: (previous) => ({ ...previous, [key]: value }), replace: true });

  return (
    <>
      <h1>Edge jobs</h1>
      <search className="toolbar" aria-label="Filter jobs">
        <TextFilter label="DAG" value={search.dag_id} onChange={(v) => setFilter("dag_id", v)} />
        <TextFilter label="Run" value={search.run_id} onChange={(v) => setFilter("run_id", v)} />
        <TextFilter label="Task" value={search.task_id} onChange={(v) => setFilter("task_id", v)} />
        <TextFilter label="Queue" value={search.queue} onChange={(v) => setFilter("queue", v)} />
        <TextFilter label="Worker" value={search.worker} onChange={(v) => setFilter("worker", v)} />
        <StateFilter
          value={search.state}
          states={jobStates}
          onChange={(v) => setFilter("state", v)}
        />
      </search>
      {jobs.isPending ? (
        <p className="page-status">Loading…</p>
      ) : jobs.error ? (
        <ErrorMessage error={jobs.error} />
      ) : (
        <>
          {jobs.data.jobs.length === 0 ? (
            <p className="page-status">
              {Object.keys(search).length > 0
                ? "No jobs match these filters (names match exactly)."
                : "No jobs yet: they appear when a run queues its tasks."}
            </p>
          ) : (
            <div className="table-scroll">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">DAG</th>
                    <th scope="col">Run</th>
                    <th scope="col">Task</th>
                    <th scope="col" className="numeric">
                      Map index
                    </th>
                    <th scope="col" className="numeric">
                      Try
                    </th>
                    <th scope="col">State</th>
                    <th scope="col">Queue</th>
                    <th scope="col">Queued at</th>
                    <th scope="col">Worker</th>
                    <th scope="col">Last update</th>
                  </tr>
                </thead>
                <tbody>
                  {jobs.data.jobs.map((job) => (
                    <JobRow key={job.attempt_id} job={job} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {jobs.data.total_entries > 0 ? (
            <Pager
              offset={offset}
              limit={pageSize}
              shown={jobs.data.jobs.length}
              total={jobs.data.total_entries}
              onOffset={(next) => setPage({ filterKey, offset: next })}
            />
          ) : null}
        </>
      )}
    </>
  );
}

function JobRow({ job }: { job: EdgeJob }) {
  const run = { dagId: job.dag_id, runId: job.run_id };
  return (
    <tr>
      <td>
        <Link to="/dags/$dagId" params={{ dagId: job.dag_id }}>
          {job.dag_id}
        </Link>
      </td>
      <td>
        <Link to="/dags/$dagId/runs/$runId" params={run} className="mono">
          {job.run_id}
        </Link>
      </td>
      <td>
        <Link
          to="/dags/$dagId/runs/$runId/tasks/$taskId"
          params={{ ...run, taskId: job.task_id }}
          search={{ try: String(job.try_number) }}
        >
          {job.task_id}
        </Link>
      </td>
      <td className="numeric">{job.map_index < 0 ? "—" : job.map_index}</td>
      <td className="numeric">{job.try_number}</td>
      <td>
        <StateBadge state={job.state} />
        {job.error ? <div className="job-error">{job.error}</div> : null}
      </td>
      <td className="mono">{job.queue}</td>
      <td>
        <RelativeTime at={job.queued_at} />
      </td>
      <td>
        {job.worker_name ? (
          <Link to="/workers" search={{ name: job.worker_name }} className="mono">
            {job.worker_name}
          </Link>
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <RelativeTime at={job.last_update} />
      </td>
    </tr>
  );
}
