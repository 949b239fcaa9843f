import type { Connection, ConnectionPatch } from "../../api/types.js";
import { field } from "../ActionButton.js";
import { queueScope } from "./QueueScope.js";

/** What a connection form sets, as the API takes it: an empty text field reads as null. */
export interface ConnectionInput {
  conn_type: string;
  description: string | null;
  host: string | null;
  port: number | null;
  login: string | null;
  schema: string | null;
  /** Compact JSON text of an object, as the API answers it, so equal extras compare equal. */
  extra: string | null;
  queues: string[] | null;
  /**
   * Absent when the field was left empty, which keeps a stored password; null when the
   * user asked to remove it. The API never answers a password, so there is nothing to compare.
   */
  password?: string | null;
}

/** The fields whose values an edit compares with the stored connection. */
const comparedFields = [
  "conn_type",
  "description",
  "host",
  "port",
  "login",
  "schema",
  "extra",
  "queues",
] as const;

/** Reads a connection form (ConnectionFields); throws, saying what is wrong, on a malformed extra. */
export function connectionInput(form: FormData): ConnectionInput {
  const text = (name: string) => field(form, name) || null;
  const port = field(form, "port");
  const extra = field(form, "extra");
  const problem = extraProblem(extra);
  if (problem) throw new Error(`Extra: ${problem}`);
  // Not trimmed: spaces may be part of a password.
  const password = String(form.get("password") ?? "");
  return {
    conn_type: field(form, "conn_type"),
    description: text("description"),
    host: text("host"),
    port: port === "" ? null : Number(port),
    login: text("login"),
    schema: text("schema"),
    extra: extra === "" ? null : JSON.stringify(JSON.parse(extra)),
    queues: queueScope(form),
    ...(password !== ""
      ? { password }
      : form.get("remove_password") === "on"
        ? { password: null }
        : {}),
  };
}

/**
 * What an edit changes: the fields that differ from the stored connection, and the
 * password only when one was typed (or its removal asked for). The keys are the PATCH's
 * `update_mask`, so whatever the form did not change, the password above all, is kept.
 */
export function connectionChanges(stored: Connection, input: ConnectionInput): ConnectionPatch {
  const changes: ConnectionPatch = {};
  for (const name of comparedFields) {
    if (JSON.stringify(input[name]) !== JSON.stringify(stored[name])) {
      Object.assign(changes, { [name]: input[name] });
    }
  }
  if (input.password !== undefined) changes.password = input.password;
  return changes;
}

/** Why `text` is no extra (the API takes a JSON object as text), or null when it is one or empty. */
export function extraProblem(text: string): string | null {
  if (text.trim() === "") return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return `not valid JSON (${(error as Error).message})`;
  }
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? null
    : 'must be a JSON object, e.g. {"timeout": 10}';
}
