import { useId } from "react";
import { listField } from "../ActionButton.js";

/**
 * Which tasks may read a connection or variable: those on queues matching its patterns
 * (Borda's `queues` extension to Airflow's API), or, when it has none, tasks on every queue.
 */
export function QueueScope({ owner, queues }: { owner: string; queues: readonly string[] | null }) {
  if (queues === null) return <span className="muted">every queue</span>;
  return (
    <ul className="tag-list" aria-label={`Queues that may read ${owner}`}>
      {queues.map((queue) => (
        <li key={queue} className="chip mono">
          {queue}
        </li>
      ))}
    </ul>
  );
}

/** The form field for a queue scope: comma-separated patterns; empty means every queue. */
export function QueueScopeField({ queues }: { queues?: readonly string[] | null }) {
  const hintId = useId();
  return (
    <>
      <label>
        Queues
        <input
          name="queues"
          autoComplete="off"
          placeholder="Every queue"
          defaultValue={queues?.join(", ") ?? ""}
          aria-describedby={hintId}
        />
      </label>
      <p id={hintId} className="muted">
        Comma-separated queue names or patterns (<code>*</code> matches any run of characters) whose
        tasks may read it. Empty: tasks on every queue.
      </p>
    </>
  );
}

/** The scope the field holds, as the API takes it: null for every queue. */
export function queueScope(form: FormData): string[] | null {
  const queues = listField(form, "queues");
  return queues.length > 0 ? queues : null;
}
