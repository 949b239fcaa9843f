import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ControlPlane } from "@borda/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBorda, startServer, TestResources } from "./support.js";

describe("borda variables against a real server", () => {
  const resources = new TestResources();
  let cp: ControlPlane;
  let work: string;
  const env = () => ({
    PATH: process.env.PATH,
    BORDA_API_URL: cp.url,
    BORDA_API_USER: "admin",
    BORDA_API_PASSWORD: "pw",
  });
  const borda = (args: string[]) => runBorda(args, env(), { cwd: work });
  const stored = async (key: string) => cp.credentials.getVariable(key);

  beforeAll(async () => {
    work = resources.dir("borda-variables-work-");
    cp = await startServer(
      resources,
      resources.dir("borda-variables-"),
      {},
      { adminUser: "admin", adminPassword: "pw" },
    );
  });
  afterAll(() => resources.cleanup());

  it("sets a variable, then changes its value keeping its description and queues", async () => {
    expect(
      await borda([
        "variables",
        "set",
        "region",
        "eu-west",
        "--description",
        "Where team A runs",
        "--queues",
        "team_a_*, team_a_etl",
      ]),
    ).toEqual({
      code: 0,
      stdout: "Created variable 'region', readable by queues matching team_a_*, team_a_etl.\n",
      stderr: "",
    });
    expect(await borda(["variables", "get", "region"])).toEqual({
      code: 0,
      stdout: "eu-west\n",
      stderr: "",
    });

    expect((await borda(["variables", "set", "region", "eu-north"])).stdout).toBe(
      "Updated variable 'region', readable by queues matching team_a_*, team_a_etl.\n",
    );
    expect(await stored("region")).toEqual({
      key: "region",
      value: "eu-north",
      description: "Where team A runs",
      queues: ["team_a_*", "team_a_etl"],
    });
    expect((await borda(["variables", "set", "region", "eu-north", "--all-queues"])).stdout).toBe(
      "Updated variable 'region', readable by every queue.\n",
    );
    expect((await stored("region"))?.queues).toBeNull();

    const table = await borda(["variables", "list"]);
    expect(table.stdout).toMatch(/^KEY\s+QUEUES\s+DESCRIPTION$/m);
    expect(table.stdout).toMatch(/^region\s+\(all\)\s+Where team A runs$/m);
    expect(table.stdout).not.toContain("eu-north");
    expect(JSON.parse((await borda(["variables", "list", "-o", "json"])).stdout)).toEqual([
      { key: "region", description: "Where team A runs", queues: null },
    ]);
  });

  it("stores --json values as JSON text and prints them back with get --json", async () => {
    expect(
      (await borda(["variables", "set", "settings", '{ "mode": "fast", "retries": 3 }', "--json"]))
        .stdout,
    ).toBe("Created variable 'settings', readable by every queue.\n");
    expect((await stored("settings"))?.value).toBe('{"mode":"fast","retries":3}');
    expect((await borda(["variables", "get", "settings", "--json"])).stdout).toBe(
      '{\n  "mode": "fast",\n  "retries": 3\n}\n',
    );

    const notJson = await borda(["variables", "set", "broken", "{mode", "--json"]);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(/^borda: --json: the value is not JSON \(/);
    await borda(["variables", "set", "plain", "just text"]);
    const plain = await borda(["variables", "get", "plain", "--json"]);
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/^borda: variable 'plain' is not JSON \(/);
  });

  it("deletes a variable; a missing one is an error unless get has a --default", async () => {
    await borda(["variables", "set", "doomed", "value"]);
    expect(await borda(["variables", "delete", "doomed"])).toEqual({
      code: 0,
      stdout: "Deleted variable 'doomed'.\n",
      stderr: "",
    });
    expect(await borda(["variables", "get", "doomed"])).toEqual({
      code: 1,
      stdout: "",
      stderr: "borda: Variable 'doomed' not found.\n",
    });
    expect(await borda(["variables", "get", "doomed", "--default", "fallback"])).toEqual({
      code: 0,
      stdout: "fallback\n",
      stderr: "",
    });
    const again = await borda(["variables", "delete", "doomed"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^borda: Variable 'doomed' not found/);
    const badKey = await borda(["variables", "set", "bad key", "x"]);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toMatch(/^borda: Invalid request: body\.key: letters, digits/);
  });

  it("imports Airflow's variables file, going on past a bad key, and exports the same object back", async () => {
    const airflowFile = {
      region: "eu-west",
      nested: { mode: "fast", limits: [1, 2, 3] },
      count: 42,
      enabled: true,
      text_with_quotes: 'say "hi"',
      "bad key!": "refused",
    };
    const file = path.join(work, "variables.json");
    writeFileSync(file, JSON.stringify(airflowFile));
    const imported = await borda(["variables", "import", file]);
    expect(imported.code).toBe(1);
    expect(imported.stdout).toBe(
      `Imported 5 of 6 variables from ${file}: 4 created, 1 updated, 1 failed.\n`,
    );
    expect(imported.stderr).toMatch(
      /^Variable 'bad key!' not imported: Invalid request: body\.key: letters, digits/,
    );
    expect((await stored("nested"))?.value).toBe('{"mode":"fast","limits":[1,2,3]}');
    expect((await stored("count"))?.value).toBe("42");
    expect((await borda(["variables", "get", "enabled"])).stdout).toBe("true\n");

    const exportFile = path.join(work, "exported.json");
    const exported = await borda(["variables", "export", exportFile]);
    expect(exported.stdout).toMatch(/^Exported \d+ variables to .*exported\.json\.\n$/);
    expect(statSync(exportFile).mode & 0o777).toBe(0o600);
    const { "bad key!": _, ...expected } = airflowFile;
    expect(JSON.parse(readFileSync(exportFile, "utf8"))).toMatchObject(expected);

    const reimported = await borda(["variables", "import", exportFile]);
    expect(reimported.code).toBe(0);
    expect(reimported.stdout).toMatch(/: 0 created, \d+ updated, 0 failed\.\n$/);
    expect((await stored("nested"))?.value).toBe('{"mode":"fast","limits":[1,2,3]}');
  });

  it("exports many variables to standard output, reporting progress on stderr", async () => {
    const many = Object.fromEntries(
      Array.from({ length: 150 }, (_, i) => [`bulk_${String(i).padStart(3, "0")}`, `value ${i}`]),
    );
    const file = path.join(work, "many.json");
    writeFileSync(file, JSON.stringify(many));
    expect((await borda(["variables", "import", file])).stdout).toBe(
      `Imported 150 of 150 variables from ${file}: 150 created, 0 updated, 0 failed.\n`,
    );
    const exported = await borda(["variables", "export", "-"]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toMatchObject(many);
    expect(exported.stderr).toMatch(
      /^Fetched 100 of \d+ variables\.\.\.\nExported \d+ variables\.\n$/,
    );
  });

  it("says what is wrong with an import file that is missing or not one JSON object", async () => {
    const missing = await borda(["variables", "import", "nowhere.json"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^borda: cannot read nowhere\.json: ENOENT/);
    const list = path.join(work, "list.json");
    writeFileSync(list, "[1, 2]");
    expect((await borda(["variables", "import", list])).stderr).toBe(
      `borda: ${list} must hold one JSON object, keyed by id, as Airflow's export writes.\n`,
    );
  });
});
