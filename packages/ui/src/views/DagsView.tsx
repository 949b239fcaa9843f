import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useMemo, useRef, useState } from "react";
import { api, ok } from "../api/client.js";
import type { Dag, DagRun } from "../api/types.js";
import { ImportErrorsBanner } from "../components/dag/ImportErrorsBanner.js";
import { PauseToggle } from "../components/dag/PauseToggle.js";
import { ScheduleText } from "../components/dag/ScheduleText.js";
import { TriggerDagButton } from "../components/dag/TriggerDagButton.js";
import { ErrorMessage } from "../components/ErrorMessage.js";
import { RelativeTime } from "../components/RelativeTime.js";
import { StateDot } from "../components/StateBadge.js";

const pageSize = 50;
/** Dots per DAG in "Recent runs". */
const dotsPerDag = 5;
/**
 * Runs asked for per DAG on the page. The batch list cannot limit runs per DAG, so it asks
 * for twice the dots: a DAG that runs far more often than the others can still crowd them out.
 */
const runsPerDag = dotsPerDag * 2;

type Filters = { search?: string; tag?: string; paused?: string };
/**
 * `paused` goes into the URL as a boolean: the router would quote the string "true" (it
 * looks like JSON) and the address would read ?paused=%22true%22. It reads back as a string.
 */
type FilterChange = { search?: string; tag?: string; paused?: boolean };

/** The DAG list: every DAG with its schedule, latest runs, on/off switch and "Trigger". */
export function DagsView() {
  const filters = useSearch({ from: "/" });
  const navigate = useNavigate({ from: "/" });
  const setFilter = (change: FilterChange) =>
    void navigate({ search: (current) => ({ ...current, ...change }), replace: true });
  // A page number belongs to one set of filters: other filters start again at the first page.
  const filterKey = JSON.stringify(filters);
  const [paging, setPaging] = useState({ filterKey, page: 0 });
  const page = paging.filterKey === filterKey ? paging.page : 0;
  const goToPage = (next: number) => setPaging({ filterKey, page: next });

  const dags = useQuery({
    queryKey: ["dags", filters, page],
    queryFn: () =>
      ok(
        api.GET("/api/v1/dags", {
          params: {
            query: {
              limit: pageSize,
              offset: page * pageSize,
              order_by: "dag_id",
              dag_id_pattern: filters.search,
              tags: filters.tag,
              paused:
                filters.paused === "true" || filters.paused === "false"
                  ? filters.paused
                  : undefined,
            },
          },
        }),
      ),
    // While a new search loads, the old rows stay rather than flashing "Loading…" per keystroke.
    placeholderData: keepPreviousData,
  });
  const dagIds = dags.data?.dags.map((dag) => dag.dag_id) ?? [];
  const recentRuns = useRecentRunsOf(dagIds);
  const total = dags.data?.total_entries ?? 0;

  return (
    <>
      <div className="page-header">
        <h1>DAGs</h1>
      </div>
      <ImportErrorsBanner />
      <DagFilters filters={filters} onChange={setFilter} />
      {dags.error ? <ErrorMessage error={dags.error} /> : null}
      {recentRuns.error ? (
        <ErrorMessage error={recentRuns.error} title="Recent runs could not be read" />
      ) : null}
      {dags.isPending ? (
        <p className="page-status">Loading…</p>
      ) : dags.data ? (
        dags.data.dags.length === 0 ? (
          <p className="muted">
            {filters.search || filters.tag || filters.paused
              ? "No DAGs match these filters."
              : "No DAGs yet."}
          </p>
        ) : (
          <>
            <table className="table dag-list">
              <thead>
                <tr>
                  <th scope="col">Active</th>
                  <th scope="col">DAG</th>
                  <th scope="col">Tags</th>
                  <th scope="col">Owners</th>
                  <th scope="col">Schedule</th>
                  <th scope="col">Next run</th>
                  <th scope="col">Recent runs</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {dags.data.dags.map((dag) => (
                  <DagRow
                    key={dag.dag_id}
                    dag={dag}
                    runs={recentRuns.byDag.get(dag.dag_id) ?? []}
                  />
                ))}
              </tbody>
            </table>
            {total > pageSize ? (
              <nav className="dag-pager" aria-label="Pages">
                <span className="muted">
                  {page * pageSize + 1}–{Math.min(total, (page + 1) * pageSize)} of {total}
                </span>
                <button
                  type="button"
                  className="button"
                  disabled={page === 0}
                  onClick={() => goToPage(page - 1)}
                >
                  Previous
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={(page + 1) * pageSize >= total}
                  onClick={() => goToPage(page + 1)}
                >
                  Next
                </button>
              </nav>
            ) : null}
          </>
        )
      ) : null}
    </>
  );
}

function DagFilters({
  filters,
  onChange,
}: {
  filters: Filters;
  onChange: (change: FilterChange) => void;
}) {
  // The search box keeps its own text: the URL catches up a moment after each keystroke,
  // and echoing it back could undo a later one. It follows the URL only while the box is
  // not being typed in (back button, a link with another search).
  const searchBox = useRef<HTMLInputElement>(null);
  const [search, setSearch] = useState(filters.search ?? "");
  useEffect(() => {
    if (document.activeElement !== searchBox.current) setSearch(filters.search ?? "");
  }, [filters.search]);
  const tags = useQuery({
    queryKey: ["dag-tags"],
    queryFn: async () => {
      // The API has no list of tags; they are gathered from every DAG, so more seldom.
      const all = await ok(api.GET("/api/v1/dags", { params: { query: { limit: 10_000 } } }));
      return [...new Set(all.dags.flatMap((dag) => dag.tags.map((tag) => tag.name)))].sort();
    },
    refetchInterval: 30_000,
  });

  return (
    <search className="toolbar">
      <label>
        Search DAGs
        <input
          ref={searchBox}
          type="search"
          value={search}
          placeholder="DAG id contains…"
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            onChange({ search: event.currentTarget.value || undefined });
          }}
        />
      </label>
      <label>
        Tag
        <select
          value={filters.tag ?? ""}
          onChange={(event) => onChange({ tag: event.currentTarget.value || undefined })}
        >
          <option value="">All tags</option>
          {/* A tag in the URL stays choosable even before the tag list arrives. */}
          {[...new Set([...(tags.data ?? []), ...(filters.tag ? [filters.tag] : [])])].map(
            (tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ),
          )}
        </select>
      </label>
      <label>
        Status
        <select
          value={filters.paused ?? ""}
          onChange={(event) =>
            onChange({
              paused:
                event.currentTarget.value === "" ? undefined : event.currentTarget.value === "true",
            })
          }
        >
          <option value="">All</option>
          <option value="false">Active</option>
          <option value="true">Paused</option>
        </select>
      </label>
    </search>
  );
}

function DagRow({ dag, runs }: { dag: Dag; runs: DagRun[] }) {
  return (
    <tr className={dag.is_paused ? "paused" : undefined}>
      <td>
        <PauseToggle dag={dag} />
      </td>
      <td>
        <Link to="/dags/$dagId" params={{ dagId: dag.dag_id }} className="dag-link">
          {dag.dag_id}
        </Link>
        {dag.description ? <div className="muted dag-description">{dag.description}</div> : null}
      </td>
      <td>
        <ul className="tag-list">
          {dag.tags.map((tag) => (
            <li key={tag.name}>
              <Link
                to="/"
                search={(current) => ({ ...current, tag: tag.name })}
                className="tag"
                title={`Show DAGs tagged ${tag.name}`}
              >
                {tag.name}
              </Link>
            </li>
          ))}
        </ul>
      </td>
      <td>{dag.owners.length > 0 ? dag.owners.join(", ") : <span className="muted">—</span>}</td>
      <td>
        <ScheduleText dag={dag} />
      </td>
      <td>
        <RelativeTime at={dag.next_dagrun_create_after} />
      </td>
      <td>
        {runs.length === 0 ? (
          <span className="muted">No runs</span>
        ) : (
          <span className="run-dots">
            {runs.map((run) => (
              <Link
                key={run.dag_run_id}
                to="/dags/$dagId/runs/$runId"
                params={{ dagId: dag.dag_id, runId: run.dag_run_id }}
                className="dot-link"
              >
                <StateDot state={run.state} label={`${run.dag_run_id}: ${run.state}`} />
              </Link>
            ))}
          </span>
        )}
      </td>
      <td className="dag-actions">
        <TriggerDagButton dagId={dag.dag_id} />
      </td>
    </tr>
  );
}

/**
 * The latest runs of the listed DAGs, oldest first per DAG, in one request for the page
 * rather than one per DAG.
 */
function useRecentRunsOf(dagIds: string[]) {
  const runs = useQuery({
    queryKey: ["dag-list-runs", dagIds],
    queryFn: () =>
      ok(
        api.POST("/api/v1/dags/~/dagRuns/list", {
          body: {
            dag_ids: dagIds,
            order_by: "-logical_date",
            page_limit: dagIds.length * runsPerDag,
          },
        }),
      ),
    enabled: dagIds.length > 0,
    placeholderData: keepPreviousData,
  });
  const byDag = useMemo(() => {
    const grouped = new Map<string, DagRun[]>();
    for (const run of runs.data?.dag_runs ?? []) {
      const list = grouped.get(run.dag_id) ?? [];
      if (list.length === 0) grouped.set(run.dag_id, list);
      if (list.length < dotsPerDag) list.push(run);
    }
    for (const list of grouped.values()) list.reverse();
    return grouped;
  }, [runs.data]);
  return { byDag, error: runs.error };
}
