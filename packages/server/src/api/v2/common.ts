import { createHash } from "node:crypto";
import { maxStoredInt } from "@borda/protocol";
import { z } from "zod";

/**
 * What the /api/v2 routes share: Airflow 3's pagination query (`limit` 50 by default,
 * `offset`, `order_by` repeatable) and the nullable instant of its schemas.
 */
export const instant = z.string().describe("ISO-8601 date and time");
export const nullableInstant = instant.nullable();

/**
 * An integer from a path or query, at least `min`: bounded to what an integer column holds,
 * so an out-of-range number is a 422 rather than a database error.
 */
export const storedInt = (min: number) => z.coerce.number().int().min(min).max(maxStoredInt);

/** A query parameter Airflow 3 declares as a list: repeated (`?x=a&x=b`) or given once. */
export const listQuery = <T extends z.ZodType>(item: T) =>
  z
    .union([item, z.array(item)])
    .optional()
    .transform((value) => (value === undefined ? undefined : ([value].flat() as z.infer<T>[])));

/**
 * Airflow 3's paging query for a list orderable by `fields` (`-` first for descending).
 * Airflow 3 sorts by several fields; Borda by the first one given (its store orders by one
 * field, then a stable key). An unknown field fails validation, as a 422 naming them.
 */
export const pageQuery = (fields: readonly string[]) =>
  z.object({
    limit: storedInt(0).default(50),
    offset: storedInt(0).default(0),
    order_by: listQuery(
      z.string().refine((field) => fields.includes(field.replace(/^-/, "")), {
        message: `order by one of ${fields.join(", ")} (prefix '-' for descending)`,
      }),
    ).transform((wanted) => wanted?.[0]),
  });

/** v1's paging from v2's query: the same fields, `order_by` already one. */
export const v1Paging = (q: z.infer<ReturnType<typeof pageQuery>>) => ({
  limit: q.limit,
  offset: q.offset,
  order_by: q.order_by,
});

/**
 * A UUID for what Airflow 3 names by a UUID and Borda by the values `parts` (a task
 * instance's DAG, run, task and map index; a DAG version's DAG and number). Derived from
 * them in the layout of a name-based UUID (version 5), so the same thing always has the
 * same one.
 */
export function nameUuid(parts: readonly (string | number)[]): string {
  const hex = createHash("sha1").update(JSON.stringify(parts)).digest("hex");
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
