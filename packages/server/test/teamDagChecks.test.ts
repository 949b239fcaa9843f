import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { hashPassword } from "../src/auth/passwords.js";
import { Role } from "../src/auth/roles.js";
import { DagProcessor } from "../src/dags/dagProcessor.js";
import type { Store } from "../src/store/index.js";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";
import { silentLogger } from "./support/harness.js";

/** A DAG file whose one task `load` takes the given options (line 3 declares it). */
function dagFile(dagId: string, taskOptions: string): string {
  return [
    'import { dag, task } from "borda";',
    `export default dag({ id: "${dagId}" }, () => {`,
    `  task({ id: "load"${taskOptions} }, () => 1);`,
    "});",
    "",
  ].join("\n");
}

async function createTeams(store: Store) {
  await store.createTeam({ name: "sales", description: null, queues: ["sales_*"] }, new Date());
  await store.createTeam({ name: "ops", description: null, queues: ["ops_q"] }, new Date());
}

describeEachBackend("team checks of DAG files", (backend) => {
  it("refuses a team's DAG that runs on another team's queue or pool, or names no queue; parses one that stays in its team", async () => {
    const { store, home } = await backend.open();
    await createTeams(store);
    // A pool that is not sales': `default`'s (say the ops team's, it would read the same).
    await store.savePool({ name: "ops_pool", slots: 2, description: null, includeDeferred: false });
    const dagsFolder = path.join(home, "dags");
    const files: Record<string, string> = {
      "sales/good.ts": dagFile("sales_good", ', queue: "sales_etl"'),
      "sales/foreign_queue.ts": dagFile("sales_foreign_queue", ', queue: "ops_q"'),
      "sales/no_queue.ts": dagFile("sales_no_queue", ""),
      "sales/foreign_pool.ts": dagFile(
        "sales_foreign_pool",
        ', queue: "sales_etl", pool: "ops_pool"',
      ),
      "sales/missing_pool.ts": dagFile("sales_missing_pool", ', queue: "sales_etl", pool: "nope"'),
      // The default team: as before teams, but not on a queue another team owns.
      "plain.ts": dagFile("plain", ', pool: "not_yet_created"'),
      "onto_sales.ts": dagFile("onto_sales", ', queue: "sales_eu"'),
    };
    for (const [fileloc, source] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dagsFolder, fileloc)), { recursive: true });
      writeFileSync(path.join(dagsFolder, fileloc), source);
    }
    const processor = new DagProcessor({ dagsFolder, registry: store, logger: silentLogger });
    backend.onCleanup(() => processor.stop());

    const report = await processor.scanFolder();

    expect(report.versions.map((v) => v.dagId).sort()).toEqual(["plain", "sales_good"]);
    expect((await store.getDag("sales_good"))?.team).toBe("sales");
    const errors = Object.fromEntries((await store.listImportErrors()).map((e) => [e.fileloc, e]));
    expect(Object.keys(errors).sort()).toEqual([
      "onto_sales.ts",
      "sales/foreign_pool.ts",
      "sales/foreign_queue.ts",
      "sales/missing_pool.ts",
      "sales/no_queue.ts",
    ]);
    expect(errors["sales/foreign_queue.ts"]).toMatchObject({
      team: "sales",
      line: 3,
      message:
        "Task 'load' of DAG 'sales_foreign_queue' runs on queue 'ops_q', which team 'ops' owns; team 'sales' owns sales_*: use one of its queues.",
    });
    expect(errors["sales/no_queue.ts"]?.message).toBe(
      "Task 'load' of DAG 'sales_no_queue' names no queue, so it would run on queue 'default', which team 'default' owns; a team's DAG sets a queue of its own on every task (or in the DAG's default task options): team 'sales' owns sales_*.",
    );
    // Whose pool it is stays unsaid, and a pool of no team reads the same.
    expect(errors["sales/foreign_pool.ts"]?.message).toBe(
      "Task 'load' of DAG 'sales_foreign_pool' takes pool 'ops_pool', which is not a pool of team 'sales': use one of its pools (`borda pools list` lists the pools you can see) or default_pool.",
    );
    expect(errors["sales/missing_pool.ts"]?.message).toContain(
      "takes pool 'nope', which is not a pool of team 'sales'",
    );
    expect(errors["onto_sales.ts"]).toMatchObject({
      team: "default",
      message: expect.stringContaining(
        "runs on queue 'sales_eu', which team 'sales' owns; team 'default' owns every queue no other team owns",
      ),
    });
  });

  it("does not name another team's file that holds a DAG id", async () => {
    const { store, home } = await backend.open();
    await createTeams(store);
    const dagsFolder = path.join(home, "dags");
    mkdirSync(path.join(dagsFolder, "sales"), { recursive: true });
    writeFileSync(path.join(dagsFolder, "sales/etl.ts"), dagFile("etl", ', queue: "sales_etl"'));
    const processor = new DagProcessor({ dagsFolder, registry: store, logger: silentLogger });
    backend.onCleanup(() => processor.stop());
    await processor.scanFolder();
    mkdirSync(path.join(dagsFolder, "ops"));
    writeFileSync(path.join(dagsFolder, "ops/etl.ts"), dagFile("etl", ', queue: "ops_q"'));

    const report = await processor.scanFolder();

    expect(report.importErrors).toEqual([
      {
        fileloc: "ops/etl.ts",
        origin: "folder",
        line: 2,
        message:
          "DAG id 'etl' is already defined by another team's file: DAG ids must be unique across files; rename one of them (or remove it from the other file).",
      },
    ]);
  });

  it("lets only a team's Ops deploy into its folder; to others the team does not exist", async () => {
    const cp = await startApiWithUsers(backend);
    await createTeams(cp.store);
    await cp.store.createUser(
      {
        username: "carol",
        role: Role.op,
        team: "sales",
        passwordHash: await hashPassword("carol-password"),
      },
      new Date(),
    );
    const source = dagFile("sales_deployed", ', queue: "sales_etl"');
    const deploy = (who: string, fileName: string) =>
      as(cp, who)("POST", "/dags/deploy", { file_name: fileName, source });

    // `op` is Op in default only: sales answers as if there were no such team.
    const outsider = await deploy("op", "sales/etl.ts");
    expect(outsider).toMatchObject({
      status: 404,
      body: { detail: expect.stringMatching(/^Team 'sales' not found/) },
    });
    const viewerThere = await as(cp, "admin")("PUT", "/teams/sales/members/op", { role: "Viewer" });
    expect(viewerThere.status).toBe(200);
    const viewer = await deploy("op", "sales/etl.ts");
    expect(viewer).toMatchObject({
      status: 403,
      body: { detail: expect.stringContaining("in team 'sales'; user 'op' is Viewer there") },
    });
    const member = await deploy("carol", "sales/etl.ts");
    expect(member).toMatchObject({
      status: 200,
      body: { dags: [{ dag_id: "sales_deployed", version_number: 1 }] },
    });
    expect((await cp.store.getDag("sales_deployed"))?.team).toBe("sales");
    // carol is in sales only: the default team's folder is not hers.
    expect((await deploy("carol", "etl.ts")).status).toBe(404);
  });
});
