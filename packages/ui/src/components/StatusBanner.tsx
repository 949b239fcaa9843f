import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { useStatus } from "../api/status.js";
import type { Status } from "../api/types.js";
import { RelativeTime } from "./RelativeTime.js";

/** Where a dismissal is kept: for this browser tab's session only. */
const dismissedKey = "borda.status-banner.dismissed";

/**
 * The problems as one string: a dismissal hides the banner for these problems only, so a
 * new queue, worker or broken file brings it back.
 */
const problemsOf = (status: Status) =>
  JSON.stringify([
    status.unserved_queues.map((q) => q.queue),
    status.unknown_workers.map((w) => w.worker_name),
    status.stuck_tasks.count > 0,
    status.import_errors.files.map((f) => f.filename),
  ]);

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

/**
 * On every page, while something needs attention (`GET /api/v1/status`): queues with work
 * and no live worker, unknown workers, jobs queued too long and DAG files that failed to
 * import, each with a link to where to look. Nothing when all is well, or when the status
 * cannot be read (the page's own error says why).
 */
export function StatusBanner() {
  const status = useStatus();
  const [dismissed, setDismissed] = useState(() => sessionStorage.getItem(dismissedKey));
  const data = status.data;
  if (!data || data.healthy) return null;
  const problems = problemsOf(data);
  if (dismissed === problems) return null;
  const dismiss = () => {
    sessionStorage.setItem(dismissedKey, problems);
    setDismissed(problems);
  };
  const { unserved_queues: queues, unknown_workers: workers } = data;
  const { stuck_tasks: stuck, import_errors: imports } = data;
  const [oldest] = stuck.oldest;
  return (
    <section className="warning status-banner" aria-labelledby="status-banner-title">
      <div className="status-banner-head">
        <h2 id="status-banner-title" className="status-banner-title">
          Needs attention
        </h2>
        <button type="button" className="button subtle" onClick={dismiss}>
          Dismiss
        </button>
      </div>
      <ul className="plain-list">
        {queues.map((q) => (
          <li key={`queue-${q.queue}`}>
            Queue <strong className="mono">{q.queue}</strong> has{" "}
            {plural(q.queued, "queued job", "queued jobs")} (the oldest since{" "}
            <RelativeTime at={q.oldest_queued_at} />) and no live worker.{" "}
            <Link to="/workers">See the workers</Link> ·{" "}
            <Link to="/jobs" search={{ queue: q.queue, state: "queued" }}>
              the jobs
            </Link>
          </li>
        ))}
        {workers.length > 0 ? (
          <li>
            {plural(workers.length, "worker is", "workers are")} unknown (silent past their
            timeout):{" "}
            {workers.map((w, i) => (
              <span key={w.worker_name}>
                {i > 0 ? ", " : ""}
                <strong className="mono">{w.worker_name}</strong> (last heartbeat{" "}
                <RelativeTime at={w.last_heartbeat} />)
              </span>
            ))}
            . <Link to="/workers">See the workers</Link>
          </li>
        ) : null}
        {oldest ? (
          <li>
            {plural(stuck.count, "job has", "jobs have")} waited in a queue longer than{" "}
            {stuck.threshold_seconds} s; the oldest:{" "}
            <Link
              to="/dags/$dagId/runs/$runId"
              params={{ dagId: oldest.dag_id, runId: oldest.run_id }}
            >
              {oldest.dag_id} / {oldest.run_id} / {oldest.task_id}
            </Link>{" "}
            on queue <span className="mono">{oldest.queue}</span>.{" "}
            <Link to="/jobs" search={{ state: "queued" }}>
              See the queued jobs
            </Link>
          </li>
        ) : null}
        {imports.count > 0 ? (
          <li>
            {plural(imports.count, "DAG file", "DAG files")} failed to import:{" "}
            {imports.files.map((f, i) => (
              <span key={f.import_error_id}>
                {i > 0 ? ", " : ""}
                <span className="mono">{f.filename}</span>
              </span>
            ))}
            {imports.count > imports.files.length ? ", …" : ""}.{" "}
            <Link to="/">See the import errors</Link>
          </li>
        ) : null}
      </ul>
    </section>
  );
}
