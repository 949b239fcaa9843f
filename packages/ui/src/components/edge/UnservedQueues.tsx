import { Link } from "@tanstack/react-router";
import { useStatus } from "../../api/status.js";
import { ErrorMessage } from "../ErrorMessage.js";

/**
 * Work that waits for nobody: queues with queued jobs that no live worker serves (none
 * runs, or those that do are in maintenance or shutting down). The jobs would wait
 * silently until someone starts a worker, so the page says so first.
 */
export function UnservedQueues() {
  const status = useStatus();
  if (status.error) return <ErrorMessage error={status.error} title="Queues" />;
  const unserved = status.data?.unserved_queues ?? [];
  if (unserved.length === 0) return null;
  return (
    <div className="warning" role="status">
      <ul className="plain-list">
        {unserved.map((entry) => (
          <li key={entry.queue}>
            Queue <strong className="mono">{entry.queue}</strong> has {entry.queued} queued{" "}
            {entry.queued === 1 ? "job" : "jobs"} and no live worker serves it.{" "}
            <Link to="/jobs" search={{ queue: entry.queue, state: "queued" }}>
              See the jobs
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
