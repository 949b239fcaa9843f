/**
 * An asset-scheduled DAG's condition (the API's `dataset_expression`: URIs nested in
 * `all` / `any`) written as people write it: `s3://a & (s3://b | s3://c)`.
 */
export function formatAssetExpression(expression: unknown, nested = false): string {
  if (typeof expression === "string") return expression;
  if (typeof expression !== "object" || expression === null) return "";
  const record = expression as { all?: unknown[]; any?: unknown[] };
  const [parts, joiner] = record.all ? [record.all, " & "] : [record.any ?? [], " | "];
  const text = parts.map((part) => formatAssetExpression(part, true)).join(joiner);
  return nested && parts.length > 1 ? `(${text})` : text;
}
