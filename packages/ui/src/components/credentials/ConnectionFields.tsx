import { useId, useState } from "react";
import type { Connection } from "../../api/types.js";
import { extraProblem } from "./connectionInput.js";
import { QueueScopeField } from "./QueueScope.js";
import { TestConnectionButton } from "./TestConnectionButton.js";

/**
 * The fields of a connection form, empty to create one or filled from `connection` to
 * edit it (all but the password, which the API never answers). connectionInput reads them.
 * `connectionId` is the id the Test button sends; without it, the form's own id field.
 */
export function ConnectionFields({
  connection,
  connectionId,
}: {
  connection?: Connection;
  connectionId?: string;
}) {
  return (
    <>
      <label>
        Type
        <input
          name="conn_type"
          required
          maxLength={500}
          autoComplete="off"
          placeholder="postgres, http, ssh, …"
          defaultValue={connection?.conn_type}
        />
      </label>
      <label>
        Description
        <input
          name="description"
          maxLength={5000}
          autoComplete="off"
          defaultValue={connection?.description ?? ""}
        />
      </label>
      <label>
        Host
        <input
          name="host"
          maxLength={500}
          autoComplete="off"
          defaultValue={connection?.host ?? ""}
        />
      </label>
      <label>
        Port
        <input
          name="port"
          type="number"
          min={0}
          max={65535}
          step={1}
          defaultValue={connection?.port ?? ""}
        />
      </label>
      <label>
        Login
        <input
          name="login"
          maxLength={500}
          autoComplete="off"
          defaultValue={connection?.login ?? ""}
        />
      </label>
      <PasswordField hasPassword={connection?.has_password} />
      <label>
        Schema
        <input
          name="schema"
          maxLength={500}
          autoComplete="off"
          defaultValue={connection?.schema ?? ""}
        />
      </label>
      <ExtraField extra={connection?.extra ?? null} />
      <QueueScopeField queues={connection?.queues} />
      <TestConnectionButton connectionId={connectionId} />
    </>
  );
}

/**
 * Write-only: always empty, even when editing. `new-password` keeps the browser from
 * filling in the user's own sign-in password.
 */
function PasswordField({ hasPassword }: { hasPassword: boolean | undefined }) {
  const hintId = useId();
  return (
    <>
      <label>
        Password
        <input
          name="password"
          type="password"
          maxLength={5000}
          autoComplete="new-password"
          aria-describedby={hintId}
        />
      </label>
      <p id={hintId} className="muted">
        {hasPassword === undefined
          ? "Stored encrypted and never shown again, not even here."
          : hasPassword
            ? "A password is set; leave this empty to keep it."
            : "No password is set."}
      </p>
      {hasPassword ? (
        <label className="inline">
          <input type="checkbox" name="remove_password" />
          Remove the password
        </label>
      ) : null}
    </>
  );
}

/** The extra as JSON text, indented for editing; the form will not submit while it is no object. */
function ExtraField({ extra }: { extra: string | null }) {
  const hintId = useId();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <>
      <label>
        Extra
        <textarea
          name="extra"
          spellCheck={false}
          placeholder='{"timeout": 10}'
          defaultValue={extra === null ? "" : JSON.stringify(JSON.parse(extra), null, 2)}
          aria-invalid={problem !== null}
          aria-describedby={hintId}
          onChange={(event) => {
            const found = extraProblem(event.currentTarget.value);
            event.currentTarget.setCustomValidity(found === null ? "" : `Extra: ${found}`);
            setProblem(found);
          }}
        />
      </label>
      <p id={hintId} className={problem === null ? "muted" : "field-problem"}>
        {problem === null
          ? "A JSON object. Fields named like secrets (password, token, api_key, …) show as ***; leave *** to keep the stored value."
          : `Extra: ${problem}`}
      </p>
    </>
  );
}
