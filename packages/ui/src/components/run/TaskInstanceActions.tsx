import { useState } from "react";
import { api, ok } from "../../api/client.js";
import { ConfirmDialog } from "./ConfirmDialog.js";
import { instanceName } from "./mappedTasks.js";
import { useConfirmedChange } from "./useConfirmedChange.js";

type TaskChange = "clear" | "success" | "failed";

const taskChanges: Record<TaskChange, { button: string; title: string; consequence: string }> = {
  clear: {
    button: "Clear",
    title: "Clear task instances?",
    consequence: "They are cleared and run again, whatever their state.",
  },
  success: {
    button: "Mark success",
    title: "Mark task instances success?",
    consequence: "They are marked success; those still running are stopped.",
  },
  failed: {
    button: "Mark failed",
    title: "Mark task instances failed?",
    consequence: "They are marked failed; those still running are stopped.",
  },
};

/** How many selected task instances the dialog names before saying "and n more". */
const namedInDialog = 10;

/** What may be selected in a run: a whole task (every map index, when mapped), or one map index. */
export interface TaskTarget {
  taskId: string;
  mapIndex: number | null;
}

/** "process" or "process[2]": a target's name, also its key in a selection. */
export const targetName = ({ taskId, mapIndex }: TaskTarget) =>
  instanceName({ task_id: taskId, map_index: mapIndex ?? -1 });

/**
 * Clearing or marking the task instances selected in a run's table. A map index is
 * cleared or marked alone; clearing a whole mapped task maps it again over its upstream's
 * current result, which may hold another number of items.
 */
export function TaskInstanceActions({
  dagId,
  runId,
  targets,
  onDone,
}: {
  dagId: string;
  runId: string;
  targets: readonly TaskTarget[];
  onDone: () => void;
}) {
  const [downstream, setDownstream] = useState(false);
  const change = useConfirmedChange(async (kind: TaskChange) => {
    if (kind === "clear") {
      return ok(
        api.POST("/api/v1/dags/{dag_id}/clearTaskInstances", {
          params: { path: { dag_id: dagId } },
          body: {
            dry_run: false,
            dag_run_id: runId,
            task_ids: targets.map(({ taskId, mapIndex }) =>
              mapIndex === null ? taskId : ([taskId, mapIndex] as [string, number]),
            ),
            // Airflow clears only failed instances unless told otherwise; the user chose these.
            only_failed: false,
            include_downstream: downstream,
          },
        }),
      );
    }
    // The API marks one task (or map index) per request; one at a time keeps the
    // scheduler's writes in order.
    for (const { taskId, mapIndex } of targets) {
      if (mapIndex === null) {
        // Every instance of the task: all its map indexes when it is mapped.
        await ok(
          api.POST("/api/v1/dags/{dag_id}/updateTaskInstancesState", {
            params: { path: { dag_id: dagId } },
            body: { dry_run: false, dag_run_id: runId, task_id: taskId, new_state: kind },
          }),
        );
      } else {
        await ok(
          api.PATCH(
            "/api/v1/dags/{dag_id}/dagRuns/{dag_run_id}/taskInstances/{task_id}/{map_index}",
            {
              params: {
                path: { dag_id: dagId, dag_run_id: runId, task_id: taskId, map_index: mapIndex },
              },
              body: { dry_run: false, new_state: kind },
            },
          ),
        );
      }
    }
  }, onDone);
  const asking = change.asking;
  const unnamed = targets.length - namedInDialog;
  return (
    <fieldset className="toolbar bulk-actions" aria-label="Selected task instances">
      <span>{targets.length} selected</span>
      {(Object.keys(taskChanges) as TaskChange[]).map((kind) => (
        <button
          key={kind}
          type="button"
          className="button"
          disabled={targets.length === 0}
          onClick={() => change.ask(kind)}
        >
          {taskChanges[kind].button}
        </button>
      ))}
      <ConfirmDialog
        title={asking ? taskChanges[asking].title : ""}
        open={asking !== null}
        pending={change.pending}
        error={change.error}
        onConfirm={change.confirm}
        onClose={change.close}
      >
        <p>
          {targets.length === 1 ? "1 task instance" : `${targets.length} task instances`} of run{" "}
          <span className="mono">{runId}</span>:{" "}
          <span className="mono">{targets.slice(0, namedInDialog).map(targetName).join(", ")}</span>
          {unnamed > 0 ? ` and ${unnamed} more` : ""}.{" "}
          {asking ? taskChanges[asking].consequence : ""}
        </p>
        {asking === "clear" ? (
          <label className="inline">
            <input
              type="checkbox"
              checked={downstream}
              onChange={(event) => setDownstream(event.target.checked)}
            />
            Include downstream tasks
          </label>
        ) : null}
      </ConfirmDialog>
    </fieldset>
  );
}
