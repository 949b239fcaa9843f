import { api, ok } from "../../api/client.js";
import { useCan } from "../../api/session.js";
import type { Dag } from "../../api/types.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { useAction } from "../useAction.js";

/**
 * A DAG's on/off switch, as Airflow draws it: on means the scheduler creates its runs.
 * The accessible name says what a press does ("Pause x" while it is on), so a screen
 * reader user hears the action rather than a bare "on".
 */
export function PauseToggle({ dag }: { dag: Pick<Dag, "dag_id" | "is_paused"> }) {
  const canChange = useCan("User");
  const pause = useAction((is_paused: boolean) =>
    ok(
      api.PATCH("/api/v1/dags/{dag_id}", {
        params: { path: { dag_id: dag.dag_id } },
        body: { is_paused },
      }),
    ),
  );
  return (
    <span className="pause-toggle">
      <input
        type="checkbox"
        role="switch"
        className="switch"
        aria-label={`${dag.is_paused ? "Unpause" : "Pause"} ${dag.dag_id}`}
        title={dag.is_paused ? "Paused: no scheduled runs" : "Active: runs on its schedule"}
        checked={!dag.is_paused}
        aria-checked={!dag.is_paused}
        disabled={!canChange || pause.pending}
        // A refusal shows beside the switch (pause.error), which stays as the server has it.
        onChange={(event) => void pause.run(!event.currentTarget.checked).catch(() => {})}
      />
      {pause.error ? <ErrorMessage error={pause.error} /> : null}
    </span>
  );
}
