import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { bordaBin, TestResources } from "./support.js";

const run = promisify(execFile);
const examples = fileURLToPath(new URL("../../../examples/dags", import.meta.url));

async function dagsTest(args: string[], cwd: string) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bordaBin, "dags", "test", ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: cwd },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("borda dags test", () => {
  const resources = new TestResources();
  afterEach(() => resources.cleanup());

  it("runs a whole DAG locally with its conf, printing task logs, and exits 0 on success", async () => {
    const cwd = resources.dir();
    const result = await dagsTest(
      ["fan_out_fan_in", "--dags", examples, "--conf", '{"count": 4}'],
      cwd,
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\[report\] \S+Z 4 numbers from 1: 2 even, sum of squares 30$/m);
    expect(result.stdout).toMatch(/Run test__\S+: success\n$/);
  });

  it("runs one task with its upstream counted as done, and exits 1 when it fails", async () => {
    const cwd = resources.dir();
    mkdirSync(path.join(cwd, "dags"));
    writeFileSync(
      path.join(cwd, "dags", "two.ts"),
      `import { dag } from "borda";
export default dag({ id: "two" }, ({ task }) => {
  const first = task({ id: "first" }, () => { throw new Error("first must not run"); });
  task({ id: "second" }, (ctx) => { ctx.log("second ran"); return 2; }).after(first);
  task({ id: "broken" }, () => { throw new Error("broken on purpose"); });
});`,
    );
    const second = await dagsTest(["two", "second"], cwd);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("[second]");
    expect(second.stdout).toContain("second ran");
    expect(second.stdout).not.toContain("first must not run");
    const broken = await dagsTest(["two", "broken"], cwd);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("broken on purpose");
    expect(broken.stdout).toMatch(/: failed\n$/);
  });

  it("names the import errors when the DAG is not found", async () => {
    const cwd = resources.dir();
    mkdirSync(path.join(cwd, "dags"));
    writeFileSync(path.join(cwd, "dags", "bad.ts"), 'import { dag } from "borda";\nconst x = ;\n');
    const result = await dagsTest(["bad"], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^borda: No DAG 'bad' in .*dags\. Import errors:\n {2}bad\.ts:2: /,
    );
  });
});
