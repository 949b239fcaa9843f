import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { type KeyboardEvent, useMemo } from "react";
import { api, ok } from "../api/client.js";
import type { Dag, DagRun } from "../api/types.js";
import { BackfillButton } from "../components/backfill/BackfillButton.js";
import { DagBackfills } from "../components/backfill/DagBackfills.js";
import { DagCode } from "../components/dag/DagCode.js";
import { DagDetails } from "../components/dag/DagDetails.js";
import { DagGraph } from "../components/dag/DagGraph.js";
import { DagGrid } from "../components/dag/DagGrid.js";
import type { TaskLinks } from "../components/dag/layoutTasks.js";
import { PauseToggle } from "../components/dag/PauseToggle.js";
import { ScheduleText } from "../components/dag/ScheduleText.js";
import { TriggerDagButton } from "../components/dag/TriggerDagButton.js";
import { useRecentRuns } from "../components/dag/useRecentRuns.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { RelativeTime } from "../components/RelativeTime.js";
import { StateBadge } from "../components/StateBadge.js";

const tabs = [
  { id: "graph", label: "Graph" },
  { id: "grid", label: "Grid" },
  { id: "code", label: "Code" },
  { id: "details", label: "Details" },
  { id: "backfills", label: "Backfills" },
] as const;
type TabId = (typeof tabs)[number]["id"];

const isTab = (value: string | null | undefined): value is TabId =>
  tabs.some((tab) => tab.id === value);

/** One DAG: its header (switch, "Trigger", schedule) and its graph, grid, code and details. */
export function DagView() {
  const { dagId } = useParams({ from: "/dags/$dagId" });
  const search = useSearch({ from: "/dags/$dagId" });
  const dag = useQuery({
    queryKey: ["dag", dagId],
    queryFn: () => ok(api.GET("/api/v1/dags/{dag_id}", { params: { path: { dag_id: dagId } } })),
  });

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/">DAGs</Link> / <span className="mono">{dagId}</span>
      </nav>
      {dag.isPending ? (
        <p className="page-status">Loading…</p>
      ) : !dag.data ? (
        <>
          <h1>{dagId}</h1>
          <ErrorMessage error={dag.error} />
        </>
      ) : (
        <>
          <DagHeader dag={dag.data} />
          {dag.error ? <ErrorMessage error={dag.error} /> : null}
          {/* The DAG's own default view (Airflow's default_view) opens when the URL names none. */}
          <DagTabs
            dag={dag.data}
            tab={
              isTab(search.tab)
                ? search.tab
                : isTab(dag.data.default_view)
                  ? dag.data.default_view
                  : "grid"
            }
            runId={search.run}
          />
        </>
      )}
    </>
  );
}

function DagHeader({ dag }: { dag: Dag }) {
  return (
    <header className="dag-header">
      <div className="page-header">
        <PauseToggle dag={dag} />
        <h1>{dag.dag_id}</h1>
        {dag.is_paused ? <span className="badge state-none">paused</span> : null}
        <div className="page-header-actions">
          <BackfillButton dagId={dag.dag_id} />
          <TriggerDagButton dagId={dag.dag_id} prominent />
        </div>
      </div>
      {dag.description ? <p className="dag-description">{dag.description}</p> : null}
      <dl className="dag-summary">
        <div>
          <dt>Schedule</dt>
          <dd>
            <ScheduleText dag={dag} />
          </dd>
        </div>
        <div>
          <dt>Next run</dt>
          <dd>
            <RelativeTime at={dag.next_dagrun_create_after} />
          </dd>
        </div>
        <div>
          <dt>Tags</dt>
          <dd>
            {dag.tags.length === 0 ? (
              <span className="muted">—</span>
            ) : (
              <ul className="tag-list">
                {dag.tags.map((tag) => (
                  <li key={tag.name}>
                    <Link
                      to="/"
                      search={{ tag: tag.name }}
                      className="tag"
                      title={`Show DAGs tagged ${tag.name}`}
                    >
                      {tag.name}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </header>
  );
}

function DagTabs({ dag, tab, runId }: { dag: Dag; tab: TabId; runId: string | undefined }) {
  const navigate = useNavigate({ from: "/dags/$dagId" });
  const runs = useRecentRuns(dag.dag_id);
  const needsTasks = tab === "graph" || tab === "grid";
  const tasks = useQuery({
    queryKey: ["dag-tasks", dag.dag_id],
    queryFn: () =>
      ok(api.GET("/api/v1/dags/{dag_id}/tasks", { params: { path: { dag_id: dag.dag_id } } })),
    enabled: needsTasks,
    // Tasks change only when the DAG file does; a 1,000-task list is too big to re-read every 2 s.
    refetchInterval: 15_000,
  });

  const select = (id: TabId) => void navigate({ search: (current) => ({ ...current, tab: id }) });

  /** Arrow keys move between tabs, as the ARIA tabs pattern expects. */
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    const index = tabs.findIndex((candidate) => candidate.id === tab);
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    select(next.id);
    document.getElementById(`dag-tab-${next.id}`)?.focus();
  }

  // A failed refresh keeps what was read before on screen, with the error above it.
  const error =
    tab === "code" || tab === "backfills"
      ? null
      : ((needsTasks ? tasks.error : null) ?? runs.error);
  const waiting = error ? null : <p className="muted">Loading…</p>;
  const panel = () => {
    if (tab === "backfills") return <DagBackfills dagId={dag.dag_id} />;
    if (tab === "code") {
      return <DagCode dagId={dag.dag_id} fileToken={dag.file_token} fileloc={dag.fileloc} />;
    }
    if (!runs.data) return waiting;
    if (tab === "details") return <DagDetails dagId={dag.dag_id} runs={runs.data.dag_runs} />;
    if (!tasks.data) return waiting;
    if (tab === "grid") {
      return <DagGrid dagId={dag.dag_id} tasks={tasks.data.tasks} runs={runs.data.dag_runs} />;
    }
    return (
      <GraphTab
        dagId={dag.dag_id}
        tasks={tasks.data.tasks}
        runs={runs.data.dag_runs}
        runId={runId}
      />
    );
  };

  return (
    <>
      <div className="tabs" role="tablist" aria-label="DAG views" onKeyDown={onKeyDown}>
        {tabs.map((candidate) => (
          <button
            key={candidate.id}
            id={`dag-tab-${candidate.id}`}
            type="button"
            role="tab"
            aria-selected={candidate.id === tab}
            aria-controls="dag-tab-panel"
            tabIndex={candidate.id === tab ? 0 : -1}
            onClick={() => select(candidate.id)}
          >
            {candidate.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="dag-tab-panel" aria-labelledby={`dag-tab-${tab}`}>
        {error ? <ErrorMessage error={error} /> : null}
        {panel()}
      </div>
    </>
  );
}

/** The graph with its run picker: nodes take their colours from the chosen run, the latest by default. */
function GraphTab({
  dagId,
  tasks,
  runs,
  runId,
}: {
  dagId: string;
  tasks: readonly TaskLinks[];
  runs: DagRun[];
  runId: string | undefined;
}) {
  const navigate = useNavigate({ from: "/dags/$dagId" });
  const selectedId = runId ?? runs[0]?.dag_run_id ?? null;
  const selected = runs.find((run) => run.dag_run_id === selectedId);
  const instances = useQuery({
    queryKey: ["dag-graph-task-instances", dagId, selectedId],
    queryFn: () =>
      ok(
        api.GET("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances", {
          params: {
            path: { dag_id: dagId, dag_run_id: selectedId ?? "" },
            query: { limit: 10_000 },
          },
        }),
      ),
    enabled: selectedId !== null,
  });
  const states = useMemo(
    () => new Map((instances.data?.task_instances ?? []).map((ti) => [ti.task_id, ti.state])),
    [instances.data],
  );

  return (
    <>
      <div className="toolbar">
        <label>
          Run
          <select
            value={selectedId ?? ""}
            disabled={selectedId === null}
            onChange={(event) => {
              const run = event.currentTarget.value;
              void navigate({ search: (current) => ({ ...current, run }), replace: true });
            }}
          >
            {selectedId === null ? <option value="">No runs yet</option> : null}
            {/* A run chosen by URL that is older than the recent ones still shows as chosen. */}
            {selectedId !== null && !selected ? (
              <option value={selectedId}>{selectedId}</option>
            ) : null}
            {runs.map((run) => (
              <option key={run.dag_run_id} value={run.dag_run_id}>
                {run.dag_run_id} ({run.state})
              </option>
            ))}
          </select>
        </label>
        {selectedId ? (
          <span className="graph-run">
            {selected ? <StateBadge state={selected.state} /> : null}
            <Link to="/dags/$dagId/runs/$runId" params={{ dagId, runId: selectedId }}>
              Open run
            </Link>
          </span>
        ) : null}
      </div>
      {instances.error ? <ErrorMessage error={instances.error} /> : null}
      <DagGraph dagId={dagId} tasks={tasks} runId={selectedId} states={states} />
    </>
  );
}
