import { mkdirSync } from "node:fs";
import path from "node:path";
import { BordaError, ErrorCode } from "@borda/protocol";
import SQLite from "better-sqlite3";
import { Kysely, type KyselyConfig, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import * as apiTokens from "./apiTokens.js";
import * as assetEvents from "./assetEvents.js";
import * as assets from "./assets.js";
import * as assetTriggeredRuns from "./assetTriggeredRuns.js";
import * as attempts from "./attempts.js";
import * as backfills from "./backfills.js";
import * as callbackDeliveries from "./callbackDeliveries.js";
import * as credentials from "./credentials.js";
import * as dags from "./dags.js";
import * as dagVersions from "./dagVersions.js";
import type { Database } from "./database.js";
import * as deleteDag from "./deleteDag.js";
import * as eventLog from "./eventLog.js";
import * as findTaskInstances from "./findTaskInstances.js";
import {
  type JobNotifications,
  noJobNotifications,
  postgresJobNotifications,
} from "./jobNotifications.js";
import * as leases from "./leases.js";
import * as logs from "./logs.js";
import * as mappedTasks from "./mappedTasks.js";
import * as metricsSnapshot from "./metricsSnapshot.js";
import { migrationProvider } from "./migrations/index.js";
import * as pools from "./pools.js";
import * as queueing from "./queueing.js";
import * as runs from "./runs.js";
import { withStatementCache } from "./statementCache.js";
import {
  createStoreContext,
  type Dialect,
  type StoreContext,
  type StoreObserver,
} from "./storeContext.js";
import * as stuckAttempts from "./stuckAttempts.js";
import * as taskInstances from "./taskInstances.js";
import * as teams from "./teams.js";
import * as users from "./users.js";
import * as wakeUps from "./wakeUps.js";
import * as workers from "./workers.js";
import * as workerTokens from "./workerTokens.js";
import * as xcom from "./xcom.js";

export type * from "./apiTokens.js";
export type * from "./assetEvents.js";
export { assetEventOrderFields } from "./assetEvents.js";
export type * from "./assets.js";
export { assetOrderFields } from "./assets.js";
export type * from "./attempts.js";
export type * from "./backfills.js";
export type * from "./callbackDeliveries.js";
export type * from "./credentials.js";
export { CredentialKind } from "./credentials.js";
export type * from "./dagVersions.js";
export { dagVersionOrderFields } from "./dagVersions.js";
export type * from "./deleteDag.js";
export type * from "./eventLog.js";
export { eventOrderFields } from "./eventLog.js";
export type * from "./findTaskInstances.js";
export { taskInstanceOrderFields } from "./findTaskInstances.js";
export type * from "./leases.js";
export type * from "./metricsSnapshot.js";
export type * from "./pools.js";
export { defaultPoolName } from "./pools.js";
export type * from "./queueing.js";
export { runTaskKey } from "./queueing.js";
export type * from "./records.js";
export type * from "./runs.js";
export { dagRunOrderFields } from "./runs.js";
export type { FinishedTaskInstance, StoreObserver } from "./storeContext.js";
export type * from "./stuckAttempts.js";
export type * from "./taskInstances.js";
export { teamNotFound } from "./teamRoles.js";
export type * from "./teams.js";
export { defaultTeam, teamNamePattern, teamRoles } from "./teams.js";
export type * from "./users.js";
export type * from "./workers.js";
export type * from "./workerTokens.js";
export type * from "./xcom.js";

export interface StoreOptions {
  /** BORDA_HOME: where the embedded database lives. */
  home: string;
  /** `postgres://...` for PostgreSQL; unset for the embedded SQLite file `${home}/borda.db`. */
  databaseUrl?: string | undefined;
  /** Run pending migrations while opening (default true; `borda db migrate` does only this). */
  migrate?: boolean;
  dagsPausedAtCreation?: boolean;
  /** Told about connection errors outside any query (PostgreSQL restarted, connection killed). */
  onConnectionError?: (error: Error) => void;
  /** Told what the store did, for the control plane's metrics. */
  observer?: StoreObserver;
}

/** Store operations take their context first; the store object binds it. */
type Bound<M> = {
  [K in keyof M]: M[K] extends (ctx: StoreContext, ...args: infer A) => infer R
    ? (...args: A) => R
    : never;
};

function bind<M extends object>(ctx: StoreContext, operations: M): Bound<M> {
  const bound: Record<string, unknown> = {};
  for (const [name, operation] of Object.entries(operations)) {
    // Row converters (`toRunRecord`, ...) are shared between modules, not operations.
    if (typeof operation === "function" && !/^to[A-Z]/.test(name)) {
      bound[name] = (...args: unknown[]) => operation(ctx, ...args);
    }
  }
  return bound as Bound<M>;
}

function bindOperations(ctx: StoreContext) {
  return {
    ...bind(ctx, dags),
    ...bind(ctx, dagVersions),
    ...bind(ctx, deleteDag),
    ...bind(ctx, runs),
    ...bind(ctx, taskInstances),
    ...bind(ctx, queueing),
    ...bind(ctx, mappedTasks),
    ...bind(ctx, findTaskInstances),
    ...bind(ctx, attempts),
    ...bind(ctx, stuckAttempts),
    ...bind(ctx, leases),
    ...bind(ctx, pools),
    ...bind(ctx, metricsSnapshot),
    ...bind(ctx, xcom),
    ...bind(ctx, wakeUps),
    ...bind(ctx, workers),
    ...bind(ctx, workerTokens),
    ...bind(ctx, logs),
    ...bind(ctx, users),
    ...bind(ctx, teams),
    ...bind(ctx, apiTokens),
    ...bind(ctx, eventLog),
    ...bind(ctx, credentials),
    ...bind(ctx, backfills),
    ...bind(ctx, callbackDeliveries),
    ...bind(ctx, assets),
    ...bind(ctx, assetEvents),
    ...bind(ctx, assetTriggeredRuns),
  };
}

/**
 * The metadata store: the only place that speaks SQL. Everything else calls its
 * semantic operations (`claimJobs`, `completeAttempt`, `queueScheduledTasks`, ...).
 */
export type Store = ReturnType<typeof bindOperations> & {
  readonly dialect: Dialect;
  /** Where the database is, without credentials: for logs and `borda db migrate`. */
  readonly location: string;
  /** Calls `listener` with each queue another replica queued jobs on (PostgreSQL). */
  onJobsQueuedElsewhere(listener: (queue: string) => void): () => void;
  close(): Promise<void>;
};

export async function openStore(options: StoreOptions): Promise<Store> {
  const { db, dialect, location } = connect(options);
  if (options.migrate ?? true) {
    await migrate(db, location);
  }
  const notifications: JobNotifications =
    dialect === "postgres" && options.databaseUrl
      ? postgresJobNotifications(options.databaseUrl, (error) => options.onConnectionError?.(error))
      : noJobNotifications;
  const ctx = createStoreContext(
    db,
    dialect,
    { dagsPausedAtCreation: options.dagsPausedAtCreation ?? true },
    notifications,
    options.observer,
  );
  return Object.assign(bindOperations(ctx), {
    dialect,
    location,
    onJobsQueuedElsewhere: notifications.subscribe,
    close: async () => {
      await notifications.close();
      await db.destroy();
    },
  });
}

function connect(options: StoreOptions): {
  db: Kysely<Database>;
  dialect: Dialect;
  location: string;
} {
  const url = options.databaseUrl;
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: 10,
      // int8 (counts, epoch milliseconds, ids) as numbers: every value Borda stores fits
      // in 2^53.
      types: {
        getTypeParser: (oid: number, format?: "text" | "binary") =>
          oid === pg.types.builtins.INT8 ? Number : pg.types.getTypeParser(oid, format as "text"),
      },
    });
    // A connection the server ends (restart, failover, a DBA's kill, a forced drop)
    // emits 'error' on its client, and an 'error' event nobody listens to crashes the
    // process. The pool listens only while a client is idle, so each client gets a
    // listener of its own for the time it is checked out too: the query it was running
    // rejects on its own, and the pool drops the client and opens a new one on the next
    // query. The pool's own 'error' (an idle client's) is that same event, told once.
    pool.on("connect", (client) => {
      client.on("error", (error) => options.onConnectionError?.(error));
    });
    pool.on("error", () => {});
    const safeUrl = new URL(url);
    safeUrl.password = "";
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log: queryLog(options) }),
      dialect: "postgres",
      location: safeUrl.toString(),
    };
  }
  if (url) {
    throw new BordaError(
      ErrorCode.configuration,
      `BORDA_DATABASE_URL must start with postgres:// (got '${url.split(":")[0]}:...'); leave it unset for the embedded SQLite database.`,
    );
  }
  mkdirSync(options.home, { recursive: true });
  const file = path.join(options.home, "borda.db");
  const database = new SQLite(file);
  // WAL: readers never block the writer, and a committed transaction survives kill -9.
  // synchronous=NORMAL keeps that guarantee for process crashes (only a power loss may
  // drop the last commits) at a fraction of FULL's fsync cost per transaction.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 10000");
  database.pragma("foreign_keys = ON");
  return {
    db: new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(database) }),
      log: queryLog(options),
    }),
    dialect: "sqlite",
    location: file,
  };
}

/**
 * Kysely times every query itself; its log hook hands the duration on to the observer, at
 * the cost of one function call per query.
 */
function queryLog(options: StoreOptions): KyselyConfig["log"] {
  const observer = options.observer;
  if (!observer) return undefined;
  return (event) => observer.queryFinished(event.queryDurationMillis);
}

/**
 * Runs pending migrations. On PostgreSQL Kysely's migrator holds an advisory lock while
 * it works, so replicas that start together migrate once.
 */
async function migrate(db: Kysely<Database>, location: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(location.endsWith("borda.db") ? "sqlite" : "postgres"),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new BordaError(
      ErrorCode.configuration,
      `Migrating the database at ${location} failed at ${failed}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
}
