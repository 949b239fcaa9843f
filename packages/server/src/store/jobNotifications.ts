import { randomUUID } from "node:crypto";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import type { Database } from "./database.js";

/**
 * Tells the other control-plane replicas that jobs were queued, so their waiting
 * long-polls wake at once (invariant 3 across replicas). PostgreSQL only: NOTIFY is sent
 * inside the queueing transaction, so it is delivered when, and only if, it commits. Each
 * replica ignores its own notices (it woke its own waiters in process).
 */
const channel = "borda_jobs_queued";

export interface JobNotifications {
  /** Inside the queueing transaction: announce these queues to the other replicas. */
  publish(trx: Kysely<Database>, queues: readonly string[]): Promise<void>;
  /** Calls `listener` with the queues other replicas queued jobs on. Returns unsubscribe. */
  subscribe(listener: (queue: string) => void): () => void;
  close(): Promise<void>;
}

export const noJobNotifications: JobNotifications = {
  publish: async () => {},
  subscribe: () => () => {},
  close: async () => {},
};

export function postgresJobNotifications(
  connectionString: string,
  onError: (error: Error) => void,
): JobNotifications {
  const replicaId = randomUUID();
  const listeners = new Set<(queue: string) => void>();
  let client: pg.Client | null = null;
  let closed = false;
  let retryDelayMs = 100;

  const connect = async () => {
    if (closed || client || listeners.size === 0) return;
    const next = new pg.Client({ connectionString });
    client = next;
    next.on("notification", (message) => {
      if (!message.payload) return;
      const { origin, queues } = JSON.parse(message.payload) as {
        origin: string;
        queues: string[];
      };
      if (origin === replicaId) return;
      for (const queue of queues) for (const listener of listeners) listener(queue);
    });
    next.on("error", (error) => {
      // The connection broke: listen again on a new one, backing off up to 5 s.
      onError(error);
      client = null;
      next.end().catch(() => {});
      setTimeout(() => void connect(), retryDelayMs).unref();
      retryDelayMs = Math.min(retryDelayMs * 2, 5000);
    });
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
      retryDelayMs = 100;
    } catch (error) {
      next.emit("error", error);
    }
  };

  return {
    async publish(trx, queues) {
      if (queues.length === 0) return;
      const payload = JSON.stringify({ origin: replicaId, queues: [...new Set(queues)] });
      await sql`select pg_notify(${channel}, ${payload})`.execute(trx);
    },
    subscribe(listener) {
      listeners.add(listener);
      void connect();
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      listeners.clear();
      await client?.end().catch(() => {});
      client = null;
    },
  };
}
