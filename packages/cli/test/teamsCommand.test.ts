import { writeFileSync } from "node:fs";
import path from "node:path";
import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBorda, startServer, TestResources } from "./support.js";

describe("borda teams against a real server", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  let home: string;
  const env = (user = "admin:pw") => ({
    PATH: process.env.PATH,
    BORDA_API_URL: cp.url,
    BORDA_API_USER: user,
  });
  const borda = (args: string[], user?: string) => runBorda(args, env(user));

  beforeAll(async () => {
    home = resources.dir("borda-teams-");
    cp = await startServer(resources, home, {}, { adminUser: "admin", adminPassword: "pw" });
  });
  afterAll(() => resources.cleanup());

  it("creates a team, gives users roles in it, and deploys a DAG into its folder", async () => {
    expect(
      await borda(["teams", "create", "sales", "--queues", "sales_*", "--description", "Sales"]),
    ).toEqual({ code: 0, stdout: "Created team 'sales', owning queues sales_*.\n", stderr: "" });
    const overlap = await borda(["teams", "create", "ops", "--queues", "sales_eu"]);
    expect(overlap.code).not.toBe(0);
    expect(overlap.stderr).toContain("'sales_eu' overlaps 'sales_*', which team 'sales' owns");
    expect((await borda(["teams", "update", "sales", "--queues", "sales_*,reports"])).stdout).toBe(
      "Updated team 'sales': queues sales_*, reports.\n",
    );

    const table = await borda(["teams", "list"]);
    expect(table.stdout).toMatch(/^NAME\s+QUEUES\s+YOUR ROLE\s+CREATED\s+DESCRIPTION$/m);
    expect(table.stdout).toMatch(/^default\s+\*\s+-\s+\d{4}-/m);
    expect(table.stdout).toMatch(/^sales\s+sales_\*,reports\s+-\s+\d{4}-.*Sales$/m);
    const listed = JSON.parse((await borda(["teams", "list", "-o", "json"])).stdout);
    expect(listed.map((t: { name: string }) => t.name)).toEqual(["default", "sales"]);
    expect((await borda(["teams", "show", "sales"])).stdout).toMatch(
      /^Queues:\s+sales_\*,reports$/m,
    );

    expect(
      (
        await borda([
          "users",
          "create",
          "carol",
          "--role",
          "op",
          "--team",
          "sales",
          "--password",
          "c",
        ])
      ).stdout,
    ).toBe("Created user 'carol' with the Op role in team 'sales'.\n");
    await borda(["users", "create", "dave", "--role", "viewer", "--password", "d"]);
    expect((await borda(["teams", "add-member", "sales", "dave", "--role", "viewer"])).stdout).toBe(
      "'dave' is Viewer in team 'sales'.\n",
    );
    expect((await borda(["users", "set-role", "dave", "user", "--team", "sales"])).stdout).toBe(
      "'dave' now has the User role in team 'sales'.\n",
    );
    const members = await borda(["teams", "members", "sales"]);
    expect(members.stdout).toMatch(/^carol\s+Op$/m);
    expect(members.stdout).toMatch(/^dave\s+User$/m);
    const badRole = await borda(["teams", "add-member", "sales", "dave", "--role", "admin"]);
    expect(badRole).toMatchObject({ code: 1, stderr: expect.stringContaining("Admin is global") });
    expect((await borda(["teams", "remove-member", "sales", "dave"])).stdout).toBe(
      "Removed 'dave' from team 'sales'.\n",
    );

    // An Admin creates the team's pool, connection and variable; only its members see them.
    expect((await borda(["pools", "set", "sales_pool", "2", "--team", "sales"])).stdout).toBe(
      "Created pool 'sales_pool' with 2 slots.\n",
    );
    await borda(["variables", "set", "region", "eu", "--team", "sales"]);
    await borda([
      "connections",
      "add",
      "sales_db",
      "--conn-uri",
      "postgres://u:p@db/sales",
      "--team",
      "sales",
    ]);
    const names = async (what: string, user: string, key: string) =>
      JSON.parse((await borda([what, "list", "-o", "json"], user)).stdout).map(
        (item: Record<string, unknown>) => [item[key], item.team],
      );
    expect(await names("pools", "carol:c", "name")).toEqual([["sales_pool", "sales"]]);
    expect(await names("variables", "carol:c", "key")).toEqual([["region", "sales"]]);
    expect(await names("connections", "carol:c", "connection_id")).toEqual([["sales_db", "sales"]]);
    expect(await names("pools", "dave:d", "name")).toEqual([["default_pool", undefined]]);

    // carol sees her team only, and deploys into its folder.
    const hers = JSON.parse((await borda(["teams", "list", "-o", "json"], "carol:c")).stdout);
    expect(hers.map((t: { name: string; role: string }) => [t.name, t.role])).toEqual([
      ["sales", "Op"],
    ]);
    const file = path.join(home, "etl.ts");
    writeFileSync(
      file,
      'import { dag, task } from "borda";\nexport default dag({ id: "sales_etl" }, () => { task({ id: "load", queue: "sales_load", pool: "sales_pool" }, () => 1); });\n',
    );
    expect(await borda(["dags", "deploy", file, "--team", "sales"], "carol:c")).toEqual({
      code: 0,
      stdout: "Deployed sales/etl.ts:\n  sales_etl  version 1 (new)\n",
      stderr: "",
    });
    const elsewhere = await borda(["dags", "deploy", file], "carol:c");
    expect(elsewhere).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("Team 'default' not found"),
    });

    const owning = await borda(["teams", "delete", "sales"]);
    expect(owning).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("still owns 1 DAGs, 1 pools, 1 connections, 1 variables"),
    });
    await borda(["teams", "create", "ops", "--queues", "ops_*"]);
    expect((await borda(["teams", "delete", "ops"])).stdout).toBe("Deleted team 'ops'.\n");
  });
});
