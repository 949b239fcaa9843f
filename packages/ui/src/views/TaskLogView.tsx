import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useId } from "react";
import { api, ok } from "../api/client.js";
import type { TaskInstance } from "../api/types.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { LogViewer } from "../components/run/LogViewer.js";
import { instanceName } from "../components/run/mappedTasks.js";
import { RunBreadcrumbs } from "../components/run/RunBreadcrumbs.js";
import { StateBadge } from "../components/StateBadge.js";
import { formatDuration, formatInstant } from "../format.js";

const route = "/dags/$dagId/runs/$runId/tasks/$taskId";

/**
 * A task instance's log, one try at a time (the latest unless `try` says otherwise): it
 * follows the try live while it runs. When the task is cleared and runs again, the page
 * without `try` moves on to the new try by itself. A mapped task's instances are its map
 * indexes: `map_index` says which one.
 */
export function TaskLogView() {
  const { dagId, runId, taskId } = useParams({ from: route });
  const search = useSearch({ from: route });
  const navigate = useNavigate({ from: route });
  // The select's name is its label's word alone, not the word and the chosen option.
  const tryLabel = useId();
  const mapIndex = search.map_index === undefined ? -1 : Number(search.map_index);
  const name = instanceName({ task_id: taskId, map_index: mapIndex });
  const path = { dag_id: dagId, dag_run_id: runId, task_id: taskId };
  const mappedPath = { ...path, map_index: mapIndex };
  const taskInstance = useQuery({
    queryKey: ["task-instance", path, mapIndex],
    queryFn: () =>
      mapIndex >= 0
        ? ok(
            api.GET(
              "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}",
              { params: { path: mappedPath } },
            ),
          )
        : ok(
            api.GET("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}", {
              params: { path },
            }),
          ),
  });
  const tries = useQuery({
    queryKey: ["task-instance-tries", path, mapIndex],
    queryFn: () => {
      const query = { order_by: "-try_number", limit: 10_000 };
      return mapIndex >= 0
        ? ok(
            api.GET(
              "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}/tries",
              { params: { path: mappedPath, query } },
            ),
          )
        : ok(
            api.GET("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/tries", {
              params: { path, query },
            }),
          );
    },
  });

  const header = (
    <>
      <RunBreadcrumbs dagId={dagId} runId={runId} taskId={name} />
      <div className="page-header">
        <h1>{name}</h1>
        {taskInstance.data ? <StateBadge state={taskInstance.data.state} /> : null}
      </div>
    </>
  );
  // A failed refresh says so above what was read before, which stays: the log keeps
  // following (its stream reconnects by itself) while the API is briefly unreachable.
  const error = taskInstance.error ?? tries.error;
  const errorMessage = error ? <ErrorMessage error={error} /> : null;
  if (!tries.data) {
    return (
      <>
        {header}
        {errorMessage ?? <p className="page-status">Loading…</p>}
      </>
    );
  }
  const allTries = tries.data.task_instances;
  const chosen = search.try === undefined ? allTries[0]?.try_number : Number(search.try);
  const shown = allTries.find((t) => t.try_number === chosen);
  return (
    <>
      {header}
      {errorMessage}
      <div className="toolbar">
        {allTries.length > 0 ? (
          <label>
            <span id={tryLabel}>Try</span>
            <select
              aria-labelledby={tryLabel}
              value={chosen}
              onChange={(event) =>
                void navigate({ search: (before) => ({ ...before, try: event.target.value }) })
              }
            >
              {allTries.map((t) => (
                <option key={t.try_number} value={t.try_number}>
                  {t.try_number} ({(t.state ?? "none").replaceAll("_", " ")})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Link to="/dags/$dagId/runs/$runId" params={{ dagId, runId }}>
          Back to run
        </Link>
        <Link to="/jobs" search={{ dag_id: dagId, run_id: runId, task_id: taskId }}>
          Edge jobs of this task
        </Link>
      </div>
      {chosen === undefined ? (
        <>
          <p className="muted">This task has not run, so it has no log.</p>
          {/* Why it did not run, when the scheduler said (a missing pool, a failed upstream). */}
          {taskInstance.data?.note ? <p className="warning">{taskInstance.data.note}</p> : null}
        </>
      ) : shown === undefined ? (
        <ErrorMessage error={`Task ${name} has no try ${search.try}.`} />
      ) : (
        <>
          <TryDetails attempt={shown} />
          <LogViewer
            key={shown.try_number}
            dagId={dagId}
            runId={runId}
            taskId={taskId}
            mapIndex={mapIndex}
            tryNumber={shown.try_number}
          />
        </>
      )}
    </>
  );
}

/** Where and when a try ran; a failed try's note says why it failed. */
function TryDetails({
  attempt,
}: {
  attempt: Pick<
    TaskInstance,
    "try_number" | "state" | "hostname" | "start_date" | "end_date" | "duration" | "note"
  >;
}) {
  return (
    <dl className="run-details">
      <dt>Try state</dt>
      <dd>
        <StateBadge state={attempt.state} />
      </dd>
      <dt>Worker</dt>
      <dd>
        {attempt.hostname ? (
          <Link to="/workers" search={{ name: attempt.hostname }}>
            {attempt.hostname}
          </Link>
        ) : (
          "—"
        )}
      </dd>
      <dt>Started</dt>
      <dd>{formatInstant(attempt.start_date)}</dd>
      <dt>Ended</dt>
      <dd>{formatInstant(attempt.end_date)}</dd>
      <dt>Duration</dt>
      <dd>{formatDuration(attempt.duration)}</dd>
      {attempt.note ? (
        <>
          <dt>Note</dt>
          <dd className="mono">{attempt.note}</dd>
        </>
      ) : null}
    </dl>
  );
}
