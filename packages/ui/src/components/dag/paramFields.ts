import type { DagDetail } from "../../api/types.js";

type DagParam = DagDetail["params"][string];

/** How a param is entered: its JSON-schema type, or a choice when it lists allowed values. */
export type ParamKind = "number" | "integer" | "boolean" | "string" | "choice" | "json";

export interface ParamField {
  name: string;
  kind: ParamKind;
  /** The JSON-schema type as the DAG declares it, for people to read. */
  type: string;
  description: string | null;
  /** No default: the run's conf must give it. */
  required: boolean;
  /** The allowed values of a choice. */
  choices: unknown[];
  param: DagParam;
}

/**
 * What an input holds: text as typed (numbers stay text until sent, so "1." can be typed),
 * a checkbox's state, or a choice as the JSON of the chosen value ("" for none).
 */
export type FieldValue = string | boolean;

export function paramFields(params: DagDetail["params"]): ParamField[] {
  return Object.entries(params).map(([name, param]) => {
    const type = typeof param.schema.type === "string" ? param.schema.type : "string";
    const choices = Array.isArray(param.schema.enum) ? param.schema.enum : [];
    const kind: ParamKind =
      choices.length > 0
        ? "choice"
        : type === "object" || type === "array"
          ? "json"
          : type === "number" || type === "integer" || type === "boolean"
            ? type
            : "string";
    // The API writes a missing default as null, so null reads as "no default".
    return {
      name,
      kind,
      type,
      description: param.description,
      required: param.value === null,
      choices,
      param,
    };
  });
}

/** Bounds and lengths a param declares, as a short hint: "at least 0, at most 10". */
export function describeConstraints(field: ParamField): string {
  const { minimum, maximum, minLength, maxLength } = field.param.schema;
  return [
    typeof minimum === "number" ? `at least ${minimum}` : null,
    typeof maximum === "number" ? `at most ${maximum}` : null,
    typeof minLength === "number" ? `${minLength} characters or more` : null,
    typeof maxLength === "number" ? `${maxLength} characters or fewer` : null,
  ]
    .filter((part) => part !== null)
    .join(", ");
}

/** The input's content for a conf value (undefined or null: empty). */
export function toFieldValue(field: ParamField, value: unknown): FieldValue {
  if (field.kind === "boolean") return value === true;
  if (value === undefined || value === null) return "";
  if (field.kind === "choice") return JSON.stringify(value);
  if (field.kind === "json") return JSON.stringify(value, null, 2);
  return String(value);
}

/** The inputs' content for the params' defaults. */
export function defaultValues(fields: ParamField[]): Record<string, FieldValue> {
  return Object.fromEntries(
    fields.map((field) => [field.name, toFieldValue(field, field.param.value)]),
  );
}

/**
 * The conf the inputs say. An empty input is left out, so the DAG's default applies or,
 * for a required param, the server says it is missing: the server checks conf against
 * the params, and the dialog shows its answer rather than second-guessing it.
 */
export function confFromFields(
  fields: ParamField[],
  values: Record<string, FieldValue>,
): Record<string, unknown> {
  const conf: Record<string, unknown> = {};
  for (const field of fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    if (typeof value === "boolean") {
      conf[field.name] = value;
      continue;
    }
    // An empty string is a value only for a string param that has a default to replace.
    if (value === "" && (field.kind !== "string" || field.required)) continue;
    conf[field.name] = readText(field, value);
  }
  return conf;
}

function readText(field: ParamField, text: string): unknown {
  if (field.kind === "number" || field.kind === "integer") return Number(text);
  if (field.kind === "string") return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${field.name}: not valid JSON`);
  }
}
