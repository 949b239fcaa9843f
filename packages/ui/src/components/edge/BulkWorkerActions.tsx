import { ActionButton } from "../ActionButton.js";
import { removeNote, removeWorker, shutDownWorker, shutdownNote } from "./workerLifecycle.js";

/**
 * Shut down or remove several workers at once. Each worker is asked on its own; those the
 * API refuses stay selected and their refusals are listed, the others are deselected.
 */
export function BulkWorkerActions({
  selected,
  onDeselect,
}: {
  selected: readonly string[];
  onDeselect: (names: readonly string[]) => void;
}) {
  async function onEach(call: (name: string) => Promise<unknown>) {
    const names = [...selected];
    const results = await Promise.allSettled(names.map(call));
    onDeselect(names.filter((_, index) => results[index]?.status === "fulfilled"));
    const refusals = results.flatMap((result, index) =>
      result.status === "rejected"
        ? [
            `${names[index]}: ${result.reason instanceof Error ? result.reason.message : result.reason}`,
          ]
        : [],
    );
    if (refusals.length > 0) throw new Error(refusals.join(" "));
  }

  const names = (
    <ul>
      {selected.map((name) => (
        <li key={name} className="mono">
          {name}
        </li>
      ))}
    </ul>
  );

  return (
    <div className="toolbar">
      <span className="muted">{selected.length} selected</span>
      <ActionButton
        text="Shut down selected"
        kind="danger"
        disabled={selected.length === 0}
        title="Shut down the selected workers"
        submitLabel="Shut down"
        run={() => onEach(shutDownWorker)}
      >
        <p>{shutdownNote}</p>
        {names}
      </ActionButton>
      <ActionButton
        text="Remove selected"
        kind="danger"
        disabled={selected.length === 0}
        title="Remove the selected workers"
        submitLabel="Remove"
        run={() => onEach(removeWorker)}
      >
        <p>{removeNote}</p>
        {names}
      </ActionButton>
    </div>
  );
}
