import { isSensitiveName } from "@borda/protocol";
import { useId, useState } from "react";
import type { Variable } from "../../api/types.js";
import { QueueScopeField } from "./QueueScope.js";

/**
 * The fields of a variable form, empty to create one or filled from `variable` to edit it.
 * A variable whose key names a secret (Airflow's list: password, token, api_key, …)
 * keeps its value off the page until the user asks to see it.
 */
export function VariableFields({ variable }: { variable?: Variable }) {
  return (
    <>
      {variable && isSensitiveName(variable.key) ? (
        <HiddenValueField variable={variable} />
      ) : (
        <ValueField value={variable?.value} />
      )}
      <label>
        Description
        <input
          name="description"
          maxLength={5000}
          autoComplete="off"
          defaultValue={variable?.description ?? ""}
        />
      </label>
      <QueueScopeField queues={variable?.queues} />
    </>
  );
}

function ValueField({ value }: { value: string | undefined }) {
  return (
    <label>
      Value
      <textarea name="value" spellCheck={false} defaultValue={value} />
    </label>
  );
}

/**
 * Until revealed the value is not in the page at all, not even in a hidden input, and
 * the form has no value field: saving then leaves the stored value as it is.
 */
function HiddenValueField({ variable }: { variable: Variable }) {
  const [revealed, setRevealed] = useState(false);
  const hintId = useId();
  if (revealed) return <ValueField value={variable.value} />;
  return (
    <div className="field">
      <span>Value</span>
      <div className="toolbar">
        <span aria-hidden="true">••••••••</span>
        <button
          type="button"
          className="button"
          aria-label={`Reveal the value of ${variable.key}`}
          aria-describedby={hintId}
          onClick={() => setRevealed(true)}
        >
          Reveal
        </button>
      </div>
      <p id={hintId} className="muted">
        Hidden because the key names a secret. Saving without revealing it keeps the value.
      </p>
    </div>
  );
}
