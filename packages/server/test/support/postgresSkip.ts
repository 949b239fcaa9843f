/**
 * Whether the PostgreSQL suites run, and what to do when they do not. Kept apart from
 * backends.ts (which needs vitest's test API) so the run's global setup can say it once.
 */
export const postgresUrl = process.env.BORDA_TEST_DATABASE_URL;

export const postgresSkipMessage =
  "PostgreSQL suite skipped: BORDA_TEST_DATABASE_URL is not set. Run `npm run test:postgres` (installs and starts a local PostgreSQL when missing) or set BORDA_TEST_DATABASE_URL=postgres://user:pass@host/db.";
