import type { Variable, VariablePatch } from "../../api/types.js";
import { field } from "../ActionButton.js";
import { queueScope } from "./QueueScope.js";

/** What a variable form sets (VariableFields), as the API takes it. */
export interface VariableInput {
  /** Absent while a sensitive value stays hidden: the stored value is kept. */
  value?: string;
  description: string | null;
  queues: string[] | null;
}

export function variableInput(form: FormData): VariableInput {
  const value = form.get("value");
  return {
    // Not trimmed: a value is stored exactly as typed.
    ...(typeof value === "string" ? { value } : {}),
    description: field(form, "description") || null,
    queues: queueScope(form),
  };
}

/** The fields that differ from the stored variable: the PATCH's body and `update_mask`. */
export function variableChanges(stored: Variable, input: VariableInput): VariablePatch {
  const changes: VariablePatch = {};
  if (input.value !== undefined && input.value !== stored.value) changes.value = input.value;
  if (input.description !== stored.description) changes.description = input.description;
  if (JSON.stringify(input.queues) !== JSON.stringify(stored.queues)) changes.queues = input.queues;
  return changes;
}
