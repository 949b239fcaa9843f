import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { zipEntries } from "../src/dags/pythonSources.js";
import { as, startApiWithUsers } from "./support/api.js";
import { describeEachBackend } from "./support/backends.js";

/**
 * The Python files a DAG's tasks run, as people read them in the UI's Code tab: read back
 * from the DAG's bundles, beside the DAG file itself.
 */

const mixedDag = `
import { dag } from "borda";
export default dag({ id: "mixed" }, ({ task, python }) => {
  const rows = task({ id: "rows" }, () => [1, 2]);
  python({ id: "total", file: "total.py", callable: "total", inputs: { rows } });
});
`;
const totalPy =
  "from rounding import rounded\n\n\ndef total(ctx, rows):\n    return rounded(sum(rows))\n";
const roundingPy = "def rounded(value):\n    return round(value, 2)\n";
const pythonDag = `from borda import dag, task
from rounding import rounded


@dag(dag_id="py_only")
def py_only():
    @task
    def one(ctx):
        return rounded(1.234)

    one()
`;

it("reads the files of a zip, stored or deflated, as Python's zipfile writes them", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "borda-zip-"));
  try {
    const zip = path.join(dir, "b.zip");
    execFileSync("python3", [
      "-c",
      "import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], 'w') as z:\n  z.writestr('a.py', 'A = 1\\n')\n  z.writestr(zipfile.ZipInfo('pkg/b.py'), 'B = 2\\n' * 100, compress_type=zipfile.ZIP_DEFLATED)",
      zip,
    ]);
    expect(Object.fromEntries(zipEntries(new Uint8Array(readFileSync(zip))))).toEqual({
      "a.py": "A = 1\n",
      "pkg/b.py": "B = 2\n".repeat(100),
    });
    expect(zipEntries(new Uint8Array([1, 2, 3])).size).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describeEachBackend("Python sources of a DAG", (backend) => {
  it("lists the files a DAG's Python tasks run, without the DAG file itself", async () => {
    const cp = await startApiWithUsers(backend, {
      dags: {
        "mixed.ts": mixedDag,
        "py_only.py": pythonDag,
        "total.py": totalPy,
        "rounding.py": roundingPy,
      },
    });
    const viewer = as(cp, "viewer");
    expect((await viewer("GET", "/dags/mixed/pythonSources")).body).toEqual({
      files: [
        { path: "rounding.py", content: roundingPy },
        { path: "total.py", content: totalPy },
      ],
    });
    expect((await viewer("GET", "/dags/py_only/pythonSources")).body).toEqual({
      files: [{ path: "rounding.py", content: roundingPy }],
    });
    expect((await as(cp, null)("GET", "/dags/mixed/pythonSources")).status).toBe(401);
    expect((await viewer("GET", "/dags/nope/pythonSources")).status).toBe(404);
  });
});
