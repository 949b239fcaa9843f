import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import type { DagRun } from "../../api/types.js";
import { formatDuration, formatInstant } from "../../format.js";
import { formatAssetExpression } from "../assets/assetExpression.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { RelativeTime } from "../RelativeTime.js";
import { StateBadge } from "../StateBadge.js";
import { describeSchedule } from "./describeSchedule.js";
import { paramFields } from "./paramFields.js";
import { useDagDetails } from "./useDagDetails.js";

/** What the DAG's definition says (schedule, limits, file, params) and how its latest runs went. */
export function DagDetails({ dagId, runs }: { dagId: string; runs: readonly DagRun[] }) {
  const details = useDagDetails(dagId);
  if (!details.data) {
    return details.error ? (
      <ErrorMessage error={details.error} />
    ) : (
      <p className="muted">Loading…</p>
    );
  }
  const dag = details.data;
  const schedule = dag.schedule_interval?.value ?? null;
  const params = paramFields(dag.params);

  const facts: [string, ReactNode][] = [
    ["Description", dag.description ?? "—"],
    ["Owners", dag.owners.length > 0 ? dag.owners.join(", ") : "—"],
    ["Tags", dag.tags.length > 0 ? dag.tags.map((tag) => tag.name).join(", ") : "—"],
    [
      "Schedule",
      dag.dataset_expression ? (
        <>
          <code>{formatAssetExpression(dag.dataset_expression)}</code>{" "}
          <span className="muted">
            (when these <Link to="/assets">assets</Link> are updated)
          </span>
        </>
      ) : schedule ? (
        <>
          <code>{schedule}</code> <span className="muted">({describeSchedule(schedule)})</span>
        </>
      ) : (
        describeSchedule(schedule)
      ),
    ],
    ["Time zone", dag.timezone ?? "—"],
    ["Start date", formatInstant(dag.start_date)],
    ["End date", formatInstant(dag.end_date)],
    ["Catchup", dag.catchup === null ? "—" : dag.catchup ? "Yes" : "No"],
    ["Max active runs", dag.max_active_runs ?? "—"],
    ["Max active tasks", dag.max_active_tasks ?? "—"],
    ["Next run", <RelativeTime key="next" at={dag.next_dagrun_create_after} />],
    ["File", <code key="file">{dag.fileloc}</code>],
    ["Last parsed", <RelativeTime key="parsed" at={dag.last_parsed_time} />],
  ];

  return (
    <div className="dag-details">
      {details.error ? <ErrorMessage error={details.error} /> : null}
      <section className="panel" aria-labelledby="dag-facts">
        <h2 id="dag-facts">Definition</h2>
        <dl className="dag-facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="dag-params">
        <h2 id="dag-params">Params</h2>
        {params.length === 0 ? (
          <p className="muted">This DAG declares no params.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Default</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {params.map((param) => (
                <tr key={param.name}>
                  <td className="mono">{param.name}</td>
                  <td>{param.type}</td>
                  <td className="mono">
                    {param.required ? (
                      <span className="muted">required</span>
                    ) : (
                      JSON.stringify(param.param.value)
                    )}
                  </td>
                  <td>{param.description ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="dag-recent-runs">
        <h2 id="dag-recent-runs">Recent runs</h2>
        {runs.length === 0 ? (
          <p className="muted">No runs yet.</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Run id</th>
                <th scope="col">State</th>
                <th scope="col">Type</th>
                <th scope="col">Logical date</th>
                <th scope="col">Started</th>
                <th scope="col" className="numeric">
                  Duration
                </th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.dag_run_id}>
                  <td>
                    <Link
                      to="/dags/$dagId/runs/$runId"
                      params={{ dagId, runId: run.dag_run_id }}
                      className="mono"
                    >
                      {run.dag_run_id}
                    </Link>
                  </td>
                  <td>
                    <StateBadge state={run.state} />
                  </td>
                  <td>{run.run_type}</td>
                  <td>{formatInstant(run.logical_date)}</td>
                  <td>
                    <RelativeTime at={run.start_date} />
                  </td>
                  <td className="numeric">{formatDuration(runSeconds(run))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}

/** How long the run took, or has taken so far while it runs; null before it starts. */
function runSeconds(run: DagRun): number | null {
  if (!run.start_date) return null;
  const end = run.end_date ? new Date(run.end_date).getTime() : Date.now();
  return (end - new Date(run.start_date).getTime()) / 1000;
}
