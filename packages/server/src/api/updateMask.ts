import { BordaError, ErrorCode } from "@borda/protocol";

/** Airflow's `update_mask`: the fields to change, comma-separated or repeated; unknown ones are a 400. */
export function updateMask(
  value: string | string[] | undefined,
  known: readonly string[],
): string[] | null {
  if (value === undefined) return null;
  const fields = (Array.isArray(value) ? value : [value])
    .flatMap((v) => v.split(","))
    .map((f) => f.trim());
  const unknown = fields.filter((f) => !known.includes(f));
  if (unknown.length > 0) {
    throw new BordaError(
      ErrorCode.invalidInput,
      `update_mask: unknown field ${unknown.join(", ")}; use ${known.join(", ")}.`,
    );
  }
  return fields;
}
