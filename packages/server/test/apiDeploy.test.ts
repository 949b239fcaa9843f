import { expect, it } from "vitest";
import { describeEachBackend } from "./support/backends.js";
import { startTestControlPlane } from "./support/controlPlane.js";

const admin = `Basic ${Buffer.from("admin:admin-password").toString("base64")}`;

describeEachBackend("deploying DAG files over the REST API", (backend) => {
  it("processes an uploaded file like one in the DAGs folder, and reports its import error", async () => {
    const cp = await startTestControlPlane(backend, {
      config: { adminUser: "admin", adminPassword: "admin-password" },
    });
    const deploy = async (body: unknown, authorization = admin) => {
      const response = await fetch(`${cp.url}/api/v1/dags/deploy`, {
        method: "POST",
        headers: { authorization, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      // biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the route answered.
      return { status: response.status, body: (await response.json()) as Record<string, any> };
    };
    const source = `import { dag } from "borda";\nexport default dag({ id: "uploaded" }, ({ task }) => { task({ id: "t" }, () => 1); });\n`;
    const first = await deploy({ file_name: "team_a/uploaded.ts", source });
    expect(first).toEqual({
      status: 200,
      body: {
        file_name: "team_a/uploaded.ts",
        dags: [{ dag_id: "uploaded", version_number: 1, new_version: true }],
      },
    });
    // The same file again is no new version; the DAG is there to run.
    expect(
      (await deploy({ file_name: "team_a/uploaded.ts", source })).body.dags[0].new_version,
    ).toBe(false);
    expect((await cp.store.getDag("uploaded"))?.origin).toBe("deploy");

    const broken = await deploy({
      file_name: "broken.ts",
      source: 'import { dag } from "borda";\nconst x = ;\n',
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({
      code: "import_error",
      details: { file_name: "broken.ts", line: 2 },
    });
    expect((await deploy({ file_name: "../etc/passwd.ts", source })).status).toBe(400);
    expect((await deploy({ file_name: "x.ts", source }, "Basic bm9ib2R5Om5vcGU=")).status).toBe(
      401,
    );
  });
});
