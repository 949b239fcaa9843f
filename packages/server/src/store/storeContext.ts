import { type Kysely, sql } from "kysely";
import type { Database } from "./database.js";
import type { JobNotifications } from "./jobNotifications.js";
import type { DagVersionRecord } from "./records.js";

export type Dialect = "sqlite" | "postgres";

/** What every store operation is handed: the database, its dialect, and the way to write. */
export interface StoreContext {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  readonly options: StorePolicy;
  /** DAG versions are immutable, so a parsed spec is cached by version id for the process's life. */
  readonly versionCache: Map<number, DagVersionRecord>;
  readonly jobNotifications: JobNotifications;
  readonly observer: StoreObserver;
  /**
   * Runs `work` in one write transaction. On SQLite it is `BEGIN IMMEDIATE`, so a
   * transaction that reads before it writes takes the write lock up front and never fails
   * to upgrade (SQLITE_BUSY_SNAPSHOT) when another process wrote in between.
   */
  write<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Serialises the scheduling critical section (pool slots, max active runs and tasks)
   * across control-plane replicas. Call inside `write`. SQLite's write lock already
   * serialises it.
   */
  lockScheduling(trx: Kysely<Database>): Promise<void>;
}

export interface StorePolicy {
  /** Airflow's `dags_are_paused_at_creation`: a newly seen DAG starts paused. */
  dagsPausedAtCreation: boolean;
}

/** A task instance that reached a finished state in a committed write of this process. */
export interface FinishedTaskInstance {
  dagId: string;
  queue: string;
  state: string;
}

/**
 * What the store tells the control plane's metrics. Called synchronously on the store's
 * paths, so implementations only count: no I/O, no awaits.
 */
export interface StoreObserver {
  /** A query (any, including those inside transactions) took this long. */
  queryFinished(durationMs: number): void;
  /**
   * Task instances reached finished states. Reported after the write that moved them
   * committed, by the process that wrote it: each transition is compare-and-set, so a
   * transition is reported once across replicas.
   */
  taskInstancesFinished(finished: readonly FinishedTaskInstance[]): void;
}

const unobserved: StoreObserver = {
  queryFinished: () => {},
  taskInstancesFinished: () => {},
};

/** Key of the PostgreSQL advisory lock that guards scheduling decisions ("borda" in ASCII). */
const schedulingLockKey = 0x626f726461;

export function createStoreContext(
  db: Kysely<Database>,
  dialect: Dialect,
  options: StorePolicy,
  jobNotifications: JobNotifications,
  observer: StoreObserver = unobserved,
): StoreContext {
  const versionCache = new Map<number, DagVersionRecord>();
  if (dialect === "postgres") {
    return {
      db,
      dialect,
      options,
      versionCache,
      jobNotifications,
      observer,
      write: (work) => db.transaction().execute(work),
      lockScheduling: async (trx) => {
        await sql`select pg_advisory_xact_lock(${schedulingLockKey})`.execute(trx);
      },
    };
  }
  return {
    db,
    dialect,
    options,
    versionCache,
    jobNotifications,
    observer,
    write: (work) =>
      db.connection().execute(async (connection) => {
        await sql`begin immediate`.execute(connection);
        try {
          const result = await work(connection);
          await sql`commit`.execute(connection);
          return result;
        } catch (error) {
          await sql`rollback`.execute(connection);
          throw error;
        }
      }),
    lockScheduling: async () => {},
  };
}
