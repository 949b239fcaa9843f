import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api, ok } from "../../api/client.js";
import { ErrorMessage } from "../ErrorMessage.js";

/**
 * Work that waits for nobody: queues with queued jobs that no live worker serves (none
 * runs, or those that do are in maintenance or shutting down). The jobs would wait
 * silently until someone starts a worker, so the page says so first.
 */
export function UnservedQueues() {
  const queues = useQuery({
    queryKey: ["edge", "queues"],
    queryFn: () => ok(api.GET("/api/v1/edge/queues", { params: { query: { limit: 10_000 } } })),
  });
  if (queues.error) return <ErrorMessage error={queues.error} title="Queues" />;
  const unserved = (queues.data?.queues ?? []).filter(
    (entry) => entry.queued_jobs > 0 && entry.live_workers === 0,
  );
  if (unserved.length === 0) return null;
  return (
    <div className="warning" role="status">
      <ul className="plain-list">
        {unserved.map((entry) => (
          <li key={entry.queue}>
            Queue <strong className="mono">{entry.queue}</strong> has {entry.queued_jobs} queued{" "}
            {entry.queued_jobs === 1 ? "job" : "jobs"} and no live worker serves it.{" "}
            <Link to="/jobs" search={{ queue: entry.queue, state: "queued" }}>
              See the jobs
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
