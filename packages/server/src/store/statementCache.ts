import type SQLite from "better-sqlite3";

/**
 * better-sqlite3 with prepared statements reused by SQL text. Kysely's SQLite driver
 * prepares every query afresh; in the 1,000-task benchmark, preparing was a fifth of the
 * control plane's busy CPU. Statements are reusable on the one connection because
 * better-sqlite3 runs them synchronously. The cache is bounded: SQL with a variable
 * number of parameters (`in (?, ?, ...)`) has many texts.
 */
export function withStatementCache(database: SQLite.Database, limit = 500): SQLite.Database {
  const statements = new Map<string, SQLite.Statement>();
  const prepare = (source: string): SQLite.Statement => {
    let statement = statements.get(source);
    if (statement) {
      // Most recently used last, so the oldest is evicted first.
      statements.delete(source);
    } else {
      statement = database.prepare(source);
      if (statements.size >= limit) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
    }
    statements.set(source, statement);
    return statement;
  };
  return new Proxy(database, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
