import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe } from "vitest";
import { openStore, type Store } from "../../src/store/index.js";
import { postgresSkipMessage, postgresUrl } from "./postgresSkip.js";

/**
 * Runs a behaviour suite once per metadata backend: always on a real SQLite file, and on
 * a real PostgreSQL server when BORDA_TEST_DATABASE_URL points at one (each test gets a
 * database of its own, dropped afterwards). `npm run test:postgres` starts a local
 * PostgreSQL and sets the variable.
 */

export interface Backend {
  name: "sqlite" | "postgres";
  /** Runs `fn` after the current test (cleanups run in reverse order). */
  onCleanup(fn: () => Promise<void> | void): void;
  /** Opens a store on a fresh, empty, migrated database; closed after the test. */
  open(options?: { dagsPausedAtCreation?: boolean }): Promise<TestStore>;
}

export interface TestStore {
  store: Store;
  /**
   * Opens a second store on the same database, as another replica would. PostgreSQL only
   * in one process: two SQLite connections in one process can deadlock, since
   * better-sqlite3 waits for a lock synchronously, blocking the holder's event loop.
   */
  openAnother(): Promise<Store>;
  home: string;
  databaseUrl: string | undefined;
}

export function describeEachBackend(title: string, suite: (backend: Backend) => void): void {
  describe(`${title} [sqlite]`, () => suite(sqliteBackend()));
  const url = postgresUrl;
  if (url) {
    describe(`${title} [postgres]`, () => suite(postgresBackend(url)));
  } else {
    describe.skip(`${title} [postgres] — ${postgresSkipMessage}`, () => suite(postgresBackend("")));
  }
}

/** A suite that only makes sense on PostgreSQL (several replicas on one database). */
export function describePostgres(title: string, suite: (backend: Backend) => void): void {
  const url = postgresUrl;
  if (url) describe(`${title} [postgres]`, () => suite(postgresBackend(url)));
  else
    describe.skip(`${title} [postgres] — ${postgresSkipMessage}`, () => suite(postgresBackend("")));
}

function trackCleanup(): (fn: () => Promise<void> | void) => void {
  let cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    const pending = cleanups.reverse();
    cleanups = [];
    for (const cleanup of pending) await cleanup();
  });
  return (fn) => cleanups.push(fn);
}

function sqliteBackend(): Backend {
  const onCleanup = trackCleanup();
  return {
    name: "sqlite",
    onCleanup,
    async open(options = {}) {
      const home = mkdtempSync(path.join(tmpdir(), "borda-test-"));
      const stores: Store[] = [];
      const openOne = async () => {
        const store = await openStore({ home, ...options });
        stores.push(store);
        return store;
      };
      const store = await openOne();
      onCleanup(async () => {
        for (const s of stores) await s.close();
        rmSync(home, { recursive: true, force: true });
      });
      return { store, openAnother: openOne, home, databaseUrl: undefined };
    },
  };
}

function postgresBackend(adminUrl: string): Backend {
  const onCleanup = trackCleanup();
  return {
    name: "postgres",
    onCleanup,
    async open(options = {}) {
      const home = mkdtempSync(path.join(tmpdir(), "borda-test-"));
      const name = `borda_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      const databaseUrl = url.toString();
      const stores: Store[] = [];
      const openOne = async () => {
        const store = await openStore({ home, databaseUrl, ...options });
        stores.push(store);
        return store;
      };
      const store = await openOne();
      onCleanup(async () => {
        for (const s of stores) await s.close();
        const cleanup = new pg.Client({ connectionString: adminUrl });
        await cleanup.connect();
        await cleanup.query(`drop database if exists ${name} with (force)`);
        await cleanup.end();
        rmSync(home, { recursive: true, force: true });
      });
      return { store, openAnother: openOne, home, databaseUrl };
    },
  };
}
