import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { api, ok } from "../api/client.js";
import { useCan } from "../api/session.js";
import type { EdgeWorker } from "../api/types.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { BulkWorkerActions } from "../components/edge/BulkWorkerActions.js";
import { StateFilter, TextFilter } from "../components/edge/FilterField.js";
import { MaintenanceNote } from "../components/edge/MaintenanceNote.js";
import { QueueChips } from "../components/edge/QueueChips.js";
import { SystemInfo } from "../components/edge/SystemInfo.js";
import { stateNamed, workerStates } from "../components/edge/states.js";
import { UnservedQueues } from "../components/edge/UnservedQueues.js";
import { WorkerActions } from "../components/edge/WorkerActions.js";
import { RelativeTime } from "../components/RelativeTime.js";
import { StateBadge } from "../components/StateBadge.js";

/**
 * The edge workers, as Airflow edge3's "Edge Worker Hosts" page shows them, plus what that
 * page leaves out: queued work nobody serves, stale heartbeats, and actions on many workers.
 */
export function WorkersView() {
  const search = useSearch({ from: "/workers" });
  const navigate = useNavigate({ from: "/workers" });
  const canOperate = useCan("Op");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const state = stateNamed(workerStates, search.state);
  const workers = useQuery({
    queryKey: ["edge", "workers", search],
    queryFn: () =>
      ok(
        api.GET("/api/v1/edge/workers", {
          params: {
            query: {
              worker_name_pattern: search.name,
              queue: search.queue,
              state,
              limit: 10_000,
            },
          },
        }),
      ),
    // While a filter is typed, the last answer stays on screen instead of "Loading…".
    placeholderData: keepPreviousData,
  });

  const setFilter = (key: "name" | "queue" | "state", value: string | undefined) =>
    void navigate({ search: (previous) => ({ ...previous, [key]: value }), replace: true });

  const shown = workers.data?.workers ?? [];
  // Selection survives refreshes, but only workers still listed count.
  const chosen = shown.map((w) => w.worker_name).filter((name) => selected.has(name));
  const toggle = (names: readonly string[], on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      for (const name of names) {
        if (on) next.add(name);
        else next.delete(name);
      }
      return next;
    });

  return (
    <>
      <div className="page-header">
        <h1>Edge workers</h1>
        {workers.data ? <span className="muted">{workers.data.total_entries} shown</span> : null}
      </div>
      <UnservedQueues />
      <search className="toolbar" aria-label="Filter workers">
        <TextFilter label="Name" value={search.name} onChange={(v) => setFilter("name", v)} />
        <TextFilter label="Queue" value={search.queue} onChange={(v) => setFilter("queue", v)} />
        <StateFilter
          value={search.state}
          states={workerStates}
          onChange={(v) => setFilter("state", v)}
        />
      </search>
      {canOperate ? (
        <BulkWorkerActions selected={chosen} onDeselect={(names) => toggle(names, false)} />
      ) : null}
      {workers.isPending ? (
        <p className="page-status">Loading…</p>
      ) : workers.error ? (
        <ErrorMessage error={workers.error} />
      ) : shown.length === 0 ? (
        <p className="page-status">
          {search.name || search.queue || search.state
            ? "No edge workers match these filters."
            : "No edge workers have registered yet. Start one with borda worker."}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table named-rows">
            <thead>
              <tr>
                {canOperate ? (
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="Select all workers"
                      checked={chosen.length === shown.length}
                      onChange={(event) =>
                        toggle(
                          shown.map((w) => w.worker_name),
                          event.target.checked,
                        )
                      }
                    />
                  </th>
                ) : null}
                <th scope="col">Worker</th>
                <th scope="col">State</th>
                <th scope="col">Queues</th>
                <th scope="col">First online</th>
                <th scope="col">Last heartbeat</th>
                <th scope="col" className="numeric">
                  Active / total slots
                </th>
                <th scope="col">System</th>
                <th scope="col">Maintenance</th>
                {canOperate ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {shown.map((worker) => (
                <WorkerRow
                  key={worker.worker_name}
                  worker={worker}
                  canOperate={canOperate}
                  selected={selected.has(worker.worker_name)}
                  onSelect={(on) => toggle([worker.worker_name], on)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function WorkerRow({
  worker,
  canOperate,
  selected,
  onSelect,
}: {
  worker: EdgeWorker;
  canOperate: boolean;
  selected: boolean;
  onSelect: (on: boolean) => void;
}) {
  const name = worker.worker_name;
  return (
    <tr>
      {canOperate ? (
        <td>
          <input
            type="checkbox"
            aria-label={`Select ${name}`}
            checked={selected}
            onChange={(event) => onSelect(event.target.checked)}
          />
        </td>
      ) : null}
      <th scope="row">
        <span className="mono">{name}</span>
        {worker.team ? <div className="muted">team {worker.team}</div> : null}
        <div>
          <Link to="/jobs" search={{ worker: name }} aria-label={`Jobs of ${name}`}>
            Jobs
          </Link>
        </div>
      </th>
      <td>
        <StateBadge state={worker.state} />
      </td>
      <td>
        <QueueChips workerName={name} queues={worker.queues} removable={canOperate} />
      </td>
      <td>
        <RelativeTime at={worker.first_online} />
      </td>
      <td className={worker.heartbeat_stale ? "stale" : undefined}>
        <RelativeTime at={worker.last_heartbeat} />
        {worker.heartbeat_stale ? (
          <span className="badge stale-badge" title="No heartbeat for two intervals">
            stale
          </span>
        ) : null}
      </td>
      <td className="numeric">
        {worker.running_attempts} / {worker.concurrency}
      </td>
      <td>
        <SystemInfo worker={worker} />
      </td>
      <td>
        <MaintenanceNote worker={worker} />
      </td>
      {canOperate ? (
        <td>
          <WorkerActions worker={worker} />
        </td>
      ) : null}
    </tr>
  );
}
