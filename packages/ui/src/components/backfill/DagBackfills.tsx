import { useQuery } from "@tanstack/react-query";
import { api, ok } from "../../api/client.js";
import { useCan } from "../../api/session.js";
import type { Backfill } from "../../api/types.js";
import { formatInstant } from "../../format.js";
import { ActionButton } from "../ActionButton.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { RelativeTime } from "../RelativeTime.js";
import { useAction } from "../useAction.js";

/** A cancelled backfill is paused and completed (as Airflow 3 leaves it); a finished one, only completed. */
export function backfillState(backfill: Backfill): string {
  if (backfill.completed_at === null) return backfill.is_paused ? "paused" : "running";
  return backfill.is_paused ? "cancelled" : "completed";
}

/** A DAG's backfills, newest first: their range, progress, and Pause / Cancel while they go on. */
export function DagBackfills({ dagId }: { dagId: string }) {
  const backfills = useQuery({
    queryKey: ["backfills", dagId],
    queryFn: () =>
      ok(api.GET("/api/v1/backfills", { params: { query: { dag_id: dagId, order_by: "-id" } } })),
  });
  if (!backfills.data) {
    return backfills.error ? (
      <ErrorMessage error={backfills.error} />
    ) : (
      <p className="muted">Loading…</p>
    );
  }
  return (
    <section aria-label="Backfills">
      {backfills.error ? <ErrorMessage error={backfills.error} /> : null}
      {backfills.data.backfills.length === 0 ? (
        <p className="muted">
          No backfills yet. "Backfill" runs this DAG for a range of past logical dates.
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Backfill</th>
              <th scope="col">Dates</th>
              <th scope="col">State</th>
              <th scope="col">Progress</th>
              <th scope="col">Started</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {backfills.data.backfills.map((backfill) => (
              <BackfillRow key={backfill.id} backfill={backfill} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Each backfill state in the colours of the run states it resembles. */
const stateClass: Record<string, string> = {
  running: "state-running",
  paused: "state-none",
  completed: "state-success",
  cancelled: "state-failed",
};

function BackfillRow({ backfill }: { backfill: Backfill }) {
  const canChange = useCan("User");
  const { progress } = backfill;
  const state = backfillState(backfill);
  const going = backfill.completed_at === null;
  const finished = progress.succeeded + progress.failed + progress.skipped;
  const pause = useAction((paused: boolean) =>
    ok(
      api.PUT(
        paused
          ? "/api/v1/backfills/{backfill_id}/pause"
          : "/api/v1/backfills/{backfill_id}/unpause",
        {
          params: { path: { backfill_id: backfill.id } },
        },
      ),
    ),
  );
  return (
    <tr>
      <th scope="row">#{backfill.id}</th>
      <td>
        {formatInstant(backfill.from_date)} – {formatInstant(backfill.to_date)}
        <div className="muted">
          {backfill.reprocess_behavior === "none"
            ? "skips dates that have a run"
            : backfill.reprocess_behavior === "failed"
              ? "re-runs failed dates"
              : "re-runs every date"}
          , {backfill.max_active_runs} at once
        </div>
      </td>
      <td>
        <span className={`badge ${stateClass[state]}`}>{state}</span>
      </td>
      <td>
        <progress
          value={finished}
          max={progress.total}
          aria-label={`Backfill ${backfill.id}: ${finished} of ${progress.total} dates done`}
        />
        <div className="backfill-progress">
          {progress.created}/{progress.total} created · {progress.running} running ·{" "}
          {progress.succeeded} succeeded · {progress.failed} failed
          {progress.skipped > 0 ? ` · ${progress.skipped} skipped` : ""}
        </div>
      </td>
      <td>
        <RelativeTime at={backfill.created_at} />
      </td>
      <td className="row-actions">
        {going ? (
          <>
            <button
              type="button"
              className="button"
              aria-label={`${backfill.is_paused ? "Unpause" : "Pause"} backfill ${backfill.id}`}
              disabled={!canChange || pause.pending}
              onClick={() => void pause.run(!backfill.is_paused).catch(() => {})}
            >
              {backfill.is_paused ? "Unpause" : "Pause"}
            </button>
            <ActionButton
              text="Cancel"
              label={`Cancel backfill ${backfill.id}`}
              kind="danger"
              disabled={!canChange}
              title={`Cancel backfill ${backfill.id}`}
              submitLabel="Cancel backfill"
              run={() =>
                ok(
                  api.PUT("/api/v1/backfills/{backfill_id}/cancel", {
                    params: { path: { backfill_id: backfill.id } },
                  }),
                )
              }
            >
              <p>
                No new runs will be created. Its runs that have not started fail; those running go
                on.
              </p>
            </ActionButton>
          </>
        ) : (
          <span className="muted">—</span>
        )}
        {pause.error ? <ErrorMessage error={pause.error} /> : null}
      </td>
    </tr>
  );
}
