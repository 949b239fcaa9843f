import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../../api/client.js";
import type { Notification } from "../../api/types.js";
import { formatInstant } from "../../format.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { StateBadge } from "../StateBadge.js";

/** What a delivery went to, in words: a code callback on a worker, or a notifier's connection. */
function targetOf(notification: Notification): string {
  const where = notification.scope === "dag" ? "DAG" : "task";
  return notification.target === "code"
    ? `${where} callback${notification.worker ? ` on ${notification.worker}` : ""}`
    : `${notification.target} via ${notification.conn_id}`;
}

/**
 * A run's callbacks and notifications (docs/notifications.md): what each task or run event
 * fired, where it went, and how its delivery went; a failed one says why. Nothing here
 * changes the run: a failed notification never fails it.
 */
export function NotificationList({ dagId, runId }: { dagId: string; runId: string }) {
  const path = { dag_id: dagId, dag_run_id: runId };
  const notifications = useQuery({
    queryKey: ["/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/notifications", path],
    queryFn: () =>
      ok(
        api.GET("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/notifications", {
          params: { path },
        }),
      ),
  });
  if (notifications.error) return <ErrorMessage error={notifications.error} />;
  const list = notifications.data?.notifications;
  if (list === undefined) return <p className="page-status">Loading…</p>;
  if (list.length === 0) {
    return <p className="muted">No callbacks or notifications have fired in this run.</p>;
  }
  return (
    <div className="table-scroll">
      <table className="table" aria-label="Callbacks and notifications">
        <thead>
          <tr>
            <th scope="col">Event</th>
            <th scope="col">Task</th>
            <th scope="col">Target</th>
            <th scope="col">State</th>
            <th scope="col" className="numeric">
              Tries
            </th>
            <th scope="col">Finished</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {list.map((n) => (
            <tr key={n.id}>
              <td>
                {n.scope === "dag" ? "run " : ""}
                {n.event}
              </td>
              <td>
                {n.task_id ?? "—"}
                {n.try_number ? ` (try ${n.try_number})` : ""}
              </td>
              <td>{targetOf(n)}</td>
              <td>
                <StateBadge state={n.state} />
              </td>
              <td className="numeric">{n.tries}</td>
              <td>{formatInstant(n.finished_at)}</td>
              <td>
                {n.last_error || n.output ? (
                  <pre className="notification-detail">
                    {[n.last_error, n.output].filter(Boolean).join("\n")}
                  </pre>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
