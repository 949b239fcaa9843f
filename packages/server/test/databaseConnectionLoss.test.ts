import pg from "pg";
import { expect, it } from "vitest";
import { openStore } from "../src/store/index.js";
import { describePostgres } from "./support/backends.js";

describePostgres("a database connection lost while a query runs", (backend) => {
  it("rejects that query, tells the store's owner, and serves the next query on a new connection", async () => {
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
    const waiting = store.listPools();
    let pid: number | undefined;
    while (pid === undefined) {
      const { rows } = await admin.query<{ pid: number }>(
        "select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'",
      );
      pid = rows[0]?.pid;
    }
    await admin.query("select pg_terminate_backend($1)", [pid]);
    await expect(waiting).rejects.toThrow(/terminat/);
    await admin.query("rollback");

    expect(lost.length).toBeGreaterThan(0);
    expect((await store.listPools()).map((pool) => pool.name)).toContain("default_pool");
  });
});
