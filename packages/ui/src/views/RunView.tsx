import { useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { api, ok } from "../api/client.js";
import type { DagRun } from "../api/types.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { NotificationList } from "../components/run/NotificationList.js";
import { RunActions } from "../components/run/RunActions.js";
import { RunBreadcrumbs } from "../components/run/RunBreadcrumbs.js";
import { TaskInstanceList } from "../components/run/TaskInstanceList.js";
import { StateBadge } from "../components/StateBadge.js";
import { formatDuration, formatInstant } from "../format.js";

/**
 * One DAG run: its state, dates, conf and note, what may be done to it, its task instances,
 * and the callbacks and notifications its events fired.
 */
export function RunView() {
  const { dagId, runId } = useParams({ from: "/dags/$dagId/runs/$runId" });
  const path = { dag_id: dagId, dag_run_id: runId };
  const run = useQuery({
    queryKey: ["/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}", path],
    queryFn: () => ok(api.GET("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}", { params: { path } })),
  });
  return (
    <>
      <RunBreadcrumbs dagId={dagId} runId={runId} />
      <div className="page-header">
        <h1>{runId}</h1>
        {run.data ? <StateBadge state={run.data.state} /> : null}
      </div>
      {/* A failed refresh says so above what was read before, which stays. */}
      {run.error ? <ErrorMessage error={run.error} /> : null}
      {run.data === undefined ? (
        run.error ? null : (
          <p className="page-status">Loading…</p>
        )
      ) : (
        <>
          <RunActions run={run.data} />
          <RunDetails run={run.data} />
          <h2>Task instances</h2>
          <TaskInstanceList dagId={dagId} runId={runId} />
          <h2>Callbacks and notifications</h2>
          <NotificationList dagId={dagId} runId={runId} />
        </>
      )}
    </>
  );
}

function RunDetails({ run }: { run: DagRun }) {
  const { start_date: start, end_date: end } = run;
  return (
    <dl className="run-details">
      <dt>Logical date</dt>
      <dd>{formatInstant(run.logical_date)}</dd>
      <dt>Run type</dt>
      <dd>{run.run_type}</dd>
      <dt>Started</dt>
      <dd>{formatInstant(start)}</dd>
      <dt>Ended</dt>
      <dd>{formatInstant(end)}</dd>
      <dt>Duration</dt>
      <dd>
        {start && end
          ? formatDuration((Date.parse(end) - Date.parse(start)) / 1000)
          : start
            ? "still running"
            : "—"}
      </dd>
      <dt>Conf</dt>
      <dd>
        <pre className="run-conf">{JSON.stringify(run.conf, null, 2)}</pre>
      </dd>
      <dt>Note</dt>
      <dd>{run.note ?? <span className="muted">—</span>}</dd>
    </dl>
  );
}
