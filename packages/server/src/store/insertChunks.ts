/**
 * Multi-row inserts split to fit each database's limit on bound parameters per
 * statement: 32,766 on SQLite (SQLITE_MAX_VARIABLE_NUMBER since 3.32, as better-sqlite3
 * builds it) and 65,535 on PostgreSQL (a 16-bit count in its wire protocol). A run of
 * 2,001 tasks was once one statement of 42,021 parameters (21 columns a row), which
 * SQLite refused with "too many SQL variables" and the trigger answered 500.
 */
const maxParametersPerStatement = 30_000;

/** `rows` in consecutive chunks, each small enough to insert in one statement anywhere. */
export function insertChunks<Row extends object>(rows: readonly Row[]): Row[][] {
  const columns = Math.max(1, Object.keys(rows[0] ?? {}).length);
  const size = Math.max(1, Math.floor(maxParametersPerStatement / columns));
  const chunks: Row[][] = [];
  for (let start = 0; start < rows.length; start += size) {
    chunks.push(rows.slice(start, start + size));
  }
  return chunks;
}
