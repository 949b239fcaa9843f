import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api, ok } from "../api/client.js";
import { useCan } from "../api/session.js";
import type { Read } from "../api/types.js";
import { ActionButton, field } from "../components/ActionButton.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { RelativeTime } from "../components/RelativeTime.js";
import { StateBadge } from "../components/StateBadge.js";

type Asset = Read<"/api/v1/datasets">["datasets"][number];
type AssetEvent = Read<"/api/v1/datasets/events">["dataset_events"][number];

/** How many of the newest events the page lists. */
const recentEvents = 50;

/**
 * Assets (Airflow's datasets): which tasks update each and which DAGs run when it is
 * updated, and the newest events with the runs they triggered. An Op may raise an event
 * by hand, as an external system does with POST /api/v1/datasets/events.
 */
export function AssetsView() {
  const assets = useQuery({
    queryKey: ["datasets"],
    queryFn: () =>
      ok(api.GET("/api/v1/datasets", { params: { query: { limit: 10_000, order_by: "uri" } } })),
  });
  const events = useQuery({
    queryKey: ["datasets", "events"],
    queryFn: () =>
      ok(
        api.GET("/api/v1/datasets/events", {
          params: { query: { limit: recentEvents, order_by: "-timestamp" } },
        }),
      ),
    refetchInterval: 5_000,
  });

  return (
    <>
      <div className="page-header">
        <h1>Assets</h1>
      </div>
      {assets.isPending ? (
        <p className="page-status">Loading…</p>
      ) : assets.error ? (
        <ErrorMessage error={assets.error} />
      ) : assets.data.datasets.length === 0 ? (
        <p className="muted">
          No assets yet: an asset appears once a DAG names it, as a task's outlet or in its
          schedule.
        </p>
      ) : (
        <AssetTable assets={assets.data.datasets} events={events.data?.dataset_events ?? []} />
      )}
      <section aria-labelledby="asset-events">
        <h2 id="asset-events">Recent events</h2>
        {events.error ? <ErrorMessage error={events.error} /> : null}
        {events.data ? <EventTable events={events.data.dataset_events} /> : null}
      </section>
    </>
  );
}

function AssetTable({ assets, events }: { assets: Asset[]; events: AssetEvent[] }) {
  const canRaise = useCan("Op");
  const lastEvent = new Map<string, string>();
  for (const event of events) {
    if (!lastEvent.has(event.dataset_uri)) lastEvent.set(event.dataset_uri, event.timestamp);
  }
  return (
    <table className="table named-rows">
      <thead>
        <tr>
          <th scope="col">URI</th>
          <th scope="col">Updated by</th>
          <th scope="col">Triggers</th>
          <th scope="col">Last event</th>
          {canRaise ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {assets.map((asset) => (
          <tr key={asset.id}>
            <th scope="row" className="mono">
              {asset.uri}
            </th>
            <td>
              <ReferenceList
                items={asset.producing_tasks.map((p) => ({
                  dagId: p.dag_id,
                  text: `${p.dag_id}.${p.task_id}`,
                }))}
              />
            </td>
            <td>
              <ReferenceList
                items={asset.consuming_dags.map((c) => ({ dagId: c.dag_id, text: c.dag_id }))}
              />
            </td>
            <td>
              <RelativeTime at={lastEvent.get(asset.uri)} />
            </td>
            {canRaise ? (
              <td>
                <RaiseEventButton uri={asset.uri} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReferenceList({ items }: { items: { dagId: string; text: string }[] }) {
  if (items.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="plain-list">
      {items.map((item) => (
        <li key={item.text}>
          <Link to="/dags/$dagId" params={{ dagId: item.dagId }} className="mono">
            {item.text}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** An event raised by hand: the DAGs it completes the condition of run at once. */
function RaiseEventButton({ uri }: { uri: string }) {
  return (
    <ActionButton
      text="Raise event"
      label={`Raise an event of ${uri}`}
      title={`Raise an event of ${uri}`}
      submitLabel="Raise"
      run={(form) => {
        const text = field(form, "extra").trim();
        let extra: Record<string, unknown> = {};
        if (text) {
          try {
            extra = JSON.parse(text) as Record<string, unknown>;
          } catch {
            return Promise.reject(new Error('Extra must be a JSON object, such as {"rows": 42}.'));
          }
        }
        return ok(api.POST("/api/v1/datasets/events", { body: { dataset_uri: uri, extra } }));
      }}
    >
      <p>
        The DAGs scheduled on <strong className="mono">{uri}</strong> run once their assets have all
        had the events they wait for.
      </p>
      <label>
        Extra (JSON, optional)
        <textarea name="extra" rows={3} placeholder='{"rows": 42}' />
      </label>
    </ActionButton>
  );
}

function EventTable({ events }: { events: AssetEvent[] }) {
  if (events.length === 0) return <p className="muted">No events yet.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Asset</th>
          <th scope="col">Source</th>
          <th scope="col">Extra</th>
          <th scope="col">Runs triggered</th>
        </tr>
      </thead>
      <tbody>
        {events.map((event) => (
          <tr key={`${event.dataset_id}-${event.timestamp}-${event.source_run_id}`}>
            <td>
              <RelativeTime at={event.timestamp} />
            </td>
            <td className="mono">{event.dataset_uri}</td>
            <td>
              {event.source_dag_id && event.source_run_id ? (
                <Link
                  to="/dags/$dagId/runs/$runId"
                  params={{ dagId: event.source_dag_id, runId: event.source_run_id }}
                  className="mono"
                >
                  {event.source_dag_id}.{event.source_task_id}
                </Link>
              ) : (
                <span className="muted">external</span>
              )}
            </td>
            <td className="mono">
              {event.extra && Object.keys(event.extra).length > 0
                ? JSON.stringify(event.extra)
                : "—"}
            </td>
            <td>
              {event.created_dagruns.length === 0 ? (
                <span className="muted">—</span>
              ) : (
                <ul className="plain-list">
                  {event.created_dagruns.map((run) => (
                    <li key={`${run.dag_id}/${run.run_id}`}>
                      <Link
                        to="/dags/$dagId/runs/$runId"
                        params={{ dagId: run.dag_id, runId: run.run_id }}
                        className="mono"
                      >
                        {run.dag_id}
                      </Link>{" "}
                      <StateBadge state={run.state} />
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
