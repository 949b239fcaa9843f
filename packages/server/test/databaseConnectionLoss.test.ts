import pg from "pg";
import { expect, it, vi } from "vitest";
import { openStore } from "../src/store/index.js";
import { describePostgres } from "./support/backends.js";

describePostgres("a database connection lost while a query runs", (backend) => {
  it("rejects that query with nothing left unhandled, and serves queries again on new connections", async () => {
    const { home, databaseUrl } = await backend.open();
    const lost: Error[] = [];
    const store = await openStore({ home, databaseUrl, onConnectionError: (e) => lost.push(e) });
    backend.onCleanup(() => store.close());
    await store.listPools();

    // Another session holds a lock the store's next query waits on, so that query's
    // connection is checked out of the pool, mid-query, when the server ends it.
    const url = new URL(databaseUrl ?? "");
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    backend.onCleanup(() => admin.end());
    await admin.query("begin");
    await admin.query("lock table pools in access exclusive mode");
    // Its failure is caught at once: it may come before the kill's own answer does.
    const waiting = store.listPools().then(
      () => null,
      (error: Error) => error,
    );
    let pid: number | undefined;
    while (pid === undefined) {
      const { rows } = await admin.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      pid = rows[0]?.pid;
    }
    await admin.query("select pg_terminate_backend($1)", [pid]);
    expect((await waiting)?.message).toMatch(/terminat/);
    await admin.query("rollback");

    // Whether the connection's end is also told depends on a race (it may end before or
    // after the pool drops it); what is told, is that end, and nothing goes unhandled.
    for (const error of lost) expect(error.message).toMatch(/terminat/);
    // The pool may hand out the ended connection once more before it sees the end; a
    // query after that one is served on a new connection.
    const served = await vi.waitFor(() => store.listPools());
    expect(served.map((pool) => pool.name)).toContain("default_pool");
  });
});
