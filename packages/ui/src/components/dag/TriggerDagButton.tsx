import { useNavigate } from "@tanstack/react-router";
import { type FormEvent, useId, useState } from "react";
import { api, ok } from "../../api/client.js";
import { useCan } from "../../api/session.js";
import { Dialog } from "../Dialog.js";
import { ErrorMessage } from "../ErrorMessage.js";
import { useAction } from "../useAction.js";
import {
  confFromFields,
  defaultValues,
  describeConstraints,
  type FieldValue,
  type ParamField,
  paramFields,
  toFieldValue,
} from "./paramFields.js";
import { useDagDetails } from "./useDagDetails.js";

/**
 * "Trigger" and its dialog: a form made from the DAG's params, or raw JSON conf for
 * anything the params do not cover. A successful trigger opens the new run's page.
 */
export function TriggerDagButton({
  dagId,
  prominent = false,
}: {
  dagId: string;
  prominent?: boolean;
}) {
  const canTrigger = useCan("User");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={prominent ? "button primary" : "button"}
        aria-label={`Trigger ${dagId}`}
        disabled={!canTrigger}
        onClick={() => setOpen(true)}
      >
        Trigger
      </button>
      <Dialog title={`Trigger ${dagId}`} open={open} onClose={() => setOpen(false)}>
        <TriggerForm dagId={dagId} onCancel={() => setOpen(false)} />
      </Dialog>
    </>
  );
}

function TriggerForm({ dagId, onCancel }: { dagId: string; onCancel: () => void }) {
  const details = useDagDetails(dagId);
  if (!details.data) {
    return details.error ? (
      <ErrorMessage error={details.error} />
    ) : (
      <p className="muted">Loading…</p>
    );
  }
  return (
    <LoadedTriggerForm
      dagId={dagId}
      fields={paramFields(details.data.params)}
      onCancel={onCancel}
    />
  );
}

function LoadedTriggerForm({
  dagId,
  fields,
  onCancel,
}: {
  dagId: string;
  fields: ParamField[];
  onCancel: () => void;
}) {
  const navigate = useNavigate();
  const id = useId();
  const [values, setValues] = useState(() => defaultValues(fields));
  /** Conf keys that are not params, kept from the raw JSON when switching back to the form. */
  const [extraConf, setExtraConf] = useState<Record<string, unknown>>({});
  const [rawConf, setRawConf] = useState<string | null>(fields.length === 0 ? "{}" : null);
  const [runId, setRunId] = useState("");
  const [note, setNote] = useState("");
  const [formError, setFormError] = useState<unknown>(null);
  const trigger = useAction(
    (body: { conf: Record<string, unknown>; dag_run_id?: string; note?: string }) =>
      ok(api.POST("/api/v1/dags/{dag_id}/dagRuns", { params: { path: { dag_id: dagId } }, body })),
  );

  const formConf = () => ({ ...extraConf, ...confFromFields(fields, values) });

  function toggleRaw(raw: boolean) {
    setFormError(null);
    try {
      if (raw) {
        setRawConf(JSON.stringify(formConf(), null, 2));
        return;
      }
      // Back to the form: each param takes its value from the JSON, or its default when the
      // JSON leaves it out (as the server would); other keys ride along as extra conf.
      const conf = readRawConf(rawConf ?? "{}");
      setValues(
        Object.fromEntries(
          fields.map((field) => [
            field.name,
            toFieldValue(field, field.name in conf ? conf[field.name] : field.param.value),
          ]),
        ),
      );
      setExtraConf(
        Object.fromEntries(
          Object.entries(conf).filter(([key]) => !fields.some((field) => field.name === key)),
        ),
      );
      setRawConf(null);
    } catch (failure) {
      setFormError(failure);
    }
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    let conf: Record<string, unknown>;
    try {
      conf = rawConf === null ? formConf() : readRawConf(rawConf);
    } catch (failure) {
      setFormError(failure);
      return;
    }
    const run = await trigger
      .run({
        conf,
        ...(runId.trim() ? { dag_run_id: runId.trim() } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
      // A refusal shows in the dialog (trigger.error); the user corrects and tries again.
      .catch(() => null);
    if (run) {
      await navigate({ to: "/dags/$dagId/runs/$runId", params: { dagId, runId: run.dag_run_id } });
    }
  }

  const setValue = (name: string, value: FieldValue) =>
    setValues((current) => ({ ...current, [name]: value }));

  return (
    <form className="trigger-form" noValidate onSubmit={(event) => void submit(event)}>
      {rawConf === null ? (
        <fieldset>
          <legend>Params</legend>
          {fields.map((field) => (
            <ParamInput
              key={field.name}
              id={`${id}-${field.name}`}
              field={field}
              value={values[field.name] ?? ""}
              onChange={(value) => setValue(field.name, value)}
            />
          ))}
          {Object.keys(extraConf).length > 0 ? (
            <p className="muted">Also in the conf: {Object.keys(extraConf).join(", ")}</p>
          ) : null}
        </fieldset>
      ) : (
        <label>
          Conf (JSON)
          <textarea
            value={rawConf}
            spellCheck={false}
            onChange={(event) => setRawConf(event.currentTarget.value)}
          />
        </label>
      )}
      {fields.length > 0 ? (
        <label className="inline">
          <input
            type="checkbox"
            checked={rawConf !== null}
            onChange={(event) => toggleRaw(event.currentTarget.checked)}
          />
          Raw JSON conf
        </label>
      ) : (
        <p className="muted">
          This DAG declares no params; any JSON object is passed to its tasks as conf.
        </p>
      )}
      <label>
        Run id
        <input
          value={runId}
          placeholder="Optional: made from the trigger time"
          onChange={(event) => setRunId(event.currentTarget.value)}
        />
      </label>
      <label>
        Note
        <textarea
          className="short"
          value={note}
          placeholder="Optional"
          onChange={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      {formError ? <ErrorMessage error={formError} /> : null}
      {trigger.error ? <ErrorMessage error={trigger.error} /> : null}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary" disabled={trigger.pending}>
          {trigger.pending ? "Triggering…" : "Trigger"}
        </button>
      </div>
    </form>
  );
}

/** A conf typed as JSON: an object, or an error that says what is wrong. */
export function readRawConf(text: string): Record<string, unknown> {
  let conf: unknown;
  try {
    conf = JSON.parse(text);
  } catch {
    throw new Error("Conf is not valid JSON.");
  }
  if (typeof conf !== "object" || conf === null || Array.isArray(conf)) {
    throw new Error("Conf must be a JSON object, e.g. {}.");
  }
  return conf as Record<string, unknown>;
}

/** One param's input, chosen by its type; labelled by its name, described by its description. */
function ParamInput({
  id,
  field,
  value,
  onChange,
}: {
  id: string;
  field: ParamField;
  value: FieldValue;
  onChange: (value: FieldValue) => void;
}) {
  const constraints = describeConstraints(field);
  const hint = [
    field.description,
    `${field.type}${field.required ? ", required" : ""}`,
    constraints,
  ]
    .filter(Boolean)
    .join(" · ");
  const hintId = `${id}-hint`;
  const text = typeof value === "string" ? value : "";
  const common = { id, "aria-describedby": hintId };

  return (
    <div className="param-field">
      {field.kind === "boolean" ? (
        <label className="inline mono" htmlFor={id}>
          <input
            {...common}
            type="checkbox"
            checked={value === true}
            onChange={(event) => onChange(event.currentTarget.checked)}
          />
          {field.name}
        </label>
      ) : (
        <label htmlFor={id} className="mono">
          {field.name}
        </label>
      )}
      {field.kind === "number" || field.kind === "integer" ? (
        <input
          {...common}
          type="number"
          step={field.kind === "integer" ? 1 : "any"}
          value={text}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      ) : field.kind === "string" ? (
        <input {...common} value={text} onChange={(event) => onChange(event.currentTarget.value)} />
      ) : field.kind === "choice" ? (
        <select {...common} value={text} onChange={(event) => onChange(event.currentTarget.value)}>
          {field.required ? <option value="">Choose…</option> : null}
          {field.choices.map((choice) => (
            <option key={JSON.stringify(choice)} value={JSON.stringify(choice)}>
              {typeof choice === "string" ? choice : JSON.stringify(choice)}
            </option>
          ))}
        </select>
      ) : field.kind === "json" ? (
        <textarea
          {...common}
          className="short"
          value={text}
          spellCheck={false}
          placeholder={field.type === "array" ? "[]" : "{}"}
          onChange={(event) => onChange(event.currentTarget.value)}
        />
      ) : null}
      <small id={hintId} className="muted">
        {hint}
      </small>
    </div>
  );
}
