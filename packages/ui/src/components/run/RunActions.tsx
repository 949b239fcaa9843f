import { api, ok } from "../../api/client.js";
import { useCan } from "../../api/session.js";
import type { DagRun } from "../../api/types.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { useConfirmedChange } from "./useConfirmedChange.js";

type RunChange = "clear" | "success" | "failed";

/** What each change does, as the scheduler does it, said before anyone confirms it. */
const runChanges: Record<RunChange, { button: string; consequence: string }> = {
  clear: {
    button: "Clear run",
    consequence: "Every task instance of the run is cleared and runs again.",
  },
  success: {
    button: "Mark run success",
    consequence:
      "The run ends as successful: every task instance not yet successful is marked success, and tasks still running are stopped.",
  },
  failed: {
    button: "Mark run failed",
    consequence:
      "The run ends as failed: running task instances fail and those not finished are skipped.",
  },
};

/** Clearing a run or ending it by hand, for users who may change runs. */
export function RunActions({ run }: { run: DagRun }) {
  const canChange = useCan("User");
  const path = { dag_id: run.dag_id, dag_run_id: run.dag_run_id };
  const change = useConfirmedChange((kind: RunChange) =>
    kind === "clear"
      ? ok(
          api.POST("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/clear", {
            params: { path },
            body: { dry_run: false },
          }),
        )
      : ok(
          api.PATCH("/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}", {
            params: { path },
            body: { state: kind },
          }),
        ),
  );
  if (!canChange) return null;
  const asking = change.asking;
  return (
    <div className="toolbar">
      {(Object.keys(runChanges) as RunChange[]).map((kind) => (
        <button
          key={kind}
          type="button"
          className={kind === "failed" ? "button danger" : "button"}
          disabled={run.state === kind}
          onClick={() => change.ask(kind)}
        >
          {runChanges[kind].button}
        </button>
      ))}
      <ConfirmDialog
        title={asking ? `${runChanges[asking].button}?` : ""}
        open={asking !== null}
        pending={change.pending}
        error={change.error}
        onConfirm={change.confirm}
        onClose={change.close}
      >
        <p>
          Run <span className="mono">{run.dag_run_id}</span> of{" "}
          <span className="mono">{run.dag_id}</span>: {asking ? runChanges[asking].consequence : ""}
        </p>
      </ConfirmDialog>
    </div>
  );
}
