import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { DagProcessor, type DagProcessorOptions } from "../src/dags/dagProcessor.js";
import type { Store } from "../src/store/index.js";
import { describeEachBackend } from "./support/backends.js";
import { silentLogger } from "./support/harness.js";

/**
 * Python DAG files and the Python tasks of TypeScript DAGs, through the real DAG
 * processor: each file imported by a real `python3` child (borda._runtime.parse) and
 * recorded in a real registry.
 */

let dagsFolder: string;
let store: Store;
let processors: DagProcessor[];

function createProcessor(options: Partial<DagProcessorOptions> = {}): DagProcessor {
  const processor = new DagProcessor({
    dagsFolder,
    registry: store,
    logger: silentLogger,
    parseTimeoutMs: 20_000,
    ...options,
  });
  processors.push(processor);
  return processor;
}

/** Writes a file of the DAGs folder (lines joined with newlines, so tests can name line numbers). */
function writeDagFile(fileloc: string, ...lines: string[]): string {
  const file = path.join(dagsFolder, fileloc);
  mkdirSync(path.dirname(file), { recursive: true });
  const source = `${lines.join("\n")}\n`;
  writeFileSync(file, source);
  return source;
}

async function importErrors() {
  const errors = await store.listImportErrors();
  return Object.fromEntries(errors.map((e) => [e.fileloc, { message: e.message, line: e.line }]));
}

/** A stored bundle: its hash checked, and its zip read by Python's own zipfile (path → text). */
async function bundleFiles(hash: string | null | undefined): Promise<Record<string, string>> {
  const content = await store.getBundle(hash ?? "");
  if (!content) throw new Error(`no bundle ${hash}`);
  expect(createHash("sha256").update(content).digest("hex")).toBe(hash);
  const listing = execFileSync(
    "python3",
    [
      "-c",
      "import io, json, sys, zipfile\n" +
        "z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))\n" +
        "print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))",
    ],
    { input: content },
  );
  return JSON.parse(listing.toString()) as Record<string, string>;
}

/**
 * A helper module: it mentions no DAG framework, and refuses to be imported other than as
 * the module `lib.numbers` (the processor imports a DAG file under a name of its own).
 */
const helperLines = [
  "if __name__ != 'lib.numbers':",
  "    raise RuntimeError(f'imported as {__name__}, not as lib.numbers')",
  "",
  "FACTOR = 2",
  "",
  "",
  "def scale(values):",
  "    return [value * FACTOR for value in values]",
];

const etlLines = [
  "from borda import dag, task",
  "from lib.numbers import FACTOR, scale",
  "",
  "",
  "@dag(dag_id='py_etl', description=f'scaled by {FACTOR}')",
  "def py_etl():",
  "    @task(retries=1)",
  "    def extract(ctx):",
  "        return scale([1, 2, 3])",
  "",
  "    @task(queue='python')",
  "    def load(ctx, rows):",
  "        return sum(rows)",
  "",
  "    load(extract())",
];

describeEachBackend("Python DAG files", (backend) => {
  beforeEach(async () => {
    const opened = await backend.open();
    store = opened.store;
    dagsFolder = path.join(opened.home, "dags");
    mkdirSync(dagsFolder);
    processors = [];
  });

  afterEach(async () => {
    for (const processor of processors) await processor.stop();
  });

  it("records a Python SDK file as a DAG version of Python tasks, bundled as a zip of the file and the helpers it imports", async () => {
    writeDagFile("lib/__init__.py", "");
    writeDagFile("lib/numbers.py", ...helperLines);
    writeDagFile("lib/unused.py", "UNUSED = True");
    const source = writeDagFile("team/etl.py", ...etlLines);

    const report = await createProcessor().scanFolder();

    expect(report).toMatchObject({ importErrors: [] });
    expect(report.versions).toMatchObject([{ dagId: "py_etl", versionNumber: 1, created: true }]);
    const dag = await store.getDag("py_etl");
    expect(dag).toMatchObject({ isActive: true, fileloc: "team/etl.py", origin: "folder" });
    const version = dag?.currentVersion;
    expect(version?.source).toBe(source);
    expect(version?.spec).toMatchObject({
      dagId: "py_etl",
      description: "scaled by 2",
      tasks: [
        {
          taskId: "extract",
          kind: "function",
          runtime: "python",
          retries: 1,
          upstream: [],
          python: { entry: "team/etl.py", callable: null },
        },
        {
          taskId: "load",
          runtime: "python",
          queue: "python",
          upstream: ["extract"],
          inputs: { rows: "extract" },
          python: { entry: "team/etl.py", callable: null },
        },
      ],
    });
    // The bundle holds what the worker must import, at paths relative to the DAGs folder;
    // not the module nothing imported.
    expect(await bundleFiles(version?.bundleHash)).toEqual({
      "lib/__init__.py": "\n",
      "lib/numbers.py": `${helperLines.join("\n")}\n`,
      "team/etl.py": source,
    });
  });

  it("imports a helper module that declares no DAG only through the files that use it, with no import error of its own", async () => {
    writeDagFile("lib/__init__.py", "");
    writeDagFile("lib/numbers.py", ...helperLines);
    writeDagFile("team/etl.py", ...etlLines);

    const report = await createProcessor().scanFolder();

    // Three .py files in the folder; only the DAG file was imported as one (the helper,
    // imported as a DAG file, would raise), and it is the only file with DAGs.
    expect(report.files).toBe(3);
    expect(report.importErrors).toEqual([]);
    expect(await importErrors()).toEqual({});
    expect((await store.listDags()).map((d) => [d.dagId, d.fileloc])).toEqual([
      ["py_etl", "team/etl.py"],
    ]);
  });

  it("turns a syntax error into an import error with its line, and records the good files beside it", async () => {
    writeDagFile("lib/__init__.py", "");
    writeDagFile("lib/numbers.py", ...helperLines);
    writeDagFile("team/etl.py", ...etlLines);
    writeDagFile(
      "broken.py",
      "from borda import dag, task",
      "",
      "@dag(dag_id='broken')",
      "def broken():",
      "    total = (1 +",
      "",
    );
    writeDagFile(
      "good.ts",
      'import { dag } from "borda";',
      'export default dag({ id: "ts_beside" }, ({ task }) => { task({ id: "t" }, () => 1); });',
    );

    const report = await createProcessor().scanFolder();

    expect(report.versions.map((v) => v.dagId).sort()).toEqual(["py_etl", "ts_beside"]);
    expect(await importErrors()).toEqual({
      "broken.py": {
        message: expect.stringMatching(/^SyntaxError: .+ \(broken\.py, line 5\)$/),
        line: 5,
      },
    });
    expect(await store.getDag("broken")).toBeNull();
  });

  it("says to install Python or set BORDA_PYTHON when the interpreter is missing, and still records TypeScript files", async () => {
    writeDagFile("lib/__init__.py", "");
    writeDagFile("lib/numbers.py", ...helperLines);
    writeDagFile("team/etl.py", ...etlLines);
    writeDagFile(
      "good.ts",
      'import { dag } from "borda";',
      'export default dag({ id: "ts_beside" }, ({ task }) => { task({ id: "t" }, () => 1); });',
    );

    const report = await createProcessor({ python: "/nonexistent/python3" }).scanFolder();

    expect(report.versions.map((v) => v.dagId)).toEqual(["ts_beside"]);
    const errors = await importErrors();
    expect(Object.keys(errors)).toEqual(["team/etl.py"]);
    expect(errors["team/etl.py"]?.line).toBeNull();
    expect(errors["team/etl.py"]?.message).toContain("'/nonexistent/python3' was not found");
    expect(errors["team/etl.py"]?.message).toMatch(/Install Python 3\.11 or newer/);
    expect(errors["team/etl.py"]?.message).toMatch(/BORDA_PYTHON/);
  });

  it("processes a DAG file again when a helper module it imports changes: a new bundle, a new version", async () => {
    writeDagFile("lib/__init__.py", "");
    writeDagFile("lib/numbers.py", ...helperLines);
    writeDagFile("team/etl.py", ...etlLines);
    const processor = createProcessor();
    await processor.scanFolder();
    const first = (await store.getDag("py_etl"))?.currentVersion;
    expect(await processor.scanFolder()).toMatchObject({ processed: 0, versions: [] });

    writeDagFile(
      "lib/numbers.py",
      ...helperLines.map((line) => line.replace("FACTOR = 2", "FACTOR = 10")),
    );
    const changed = await processor.scanFolder();

    expect(changed).toMatchObject({ processed: 1, importErrors: [] });
    expect(changed.versions).toMatchObject([{ dagId: "py_etl", versionNumber: 2, created: true }]);
    const second = (await store.getDag("py_etl"))?.currentVersion;
    expect(second?.bundleHash).not.toBe(first?.bundleHash);
    expect(second?.spec.description).toBe("scaled by 10");
    expect((await bundleFiles(second?.bundleHash))["lib/numbers.py"]).toContain("FACTOR = 10");
  });

  it("gives a TypeScript DAG's python() tasks their entry, relative to the DAG file, and a zip bundle of their own", async () => {
    writeDagFile("lib/__init__.py", "");
    writeDagFile("lib/numbers.py", ...helperLines);
    const statsLines = [
      "from lib.numbers import scale",
      "",
      "",
      "def total(ctx, numbers):",
      "    return sum(scale(numbers))",
      "",
      "",
      "def describe(ctx, **inputs):",
      "    return sorted(inputs)",
    ];
    writeDagFile("team/etl/stats.py", ...statsLines);
    writeDagFile(
      "team/pipeline.ts",
      'import { dag } from "borda";',
      'export default dag({ id: "ts_with_python" }, ({ task, python }) => {',
      '  const numbers = task({ id: "numbers" }, () => [1, 2, 3]);',
      '  const total = python({ id: "total", file: "etl/stats.py", callable: "total", inputs: { numbers } });',
      '  python({ id: "describe", file: "./etl/stats.py", callable: "describe", inputs: { total }, interpreter: "/opt/team-a/bin/python" });',
      "});",
    );
    const processor = createProcessor();

    const report = await processor.scanFolder();

    expect(report.importErrors).toEqual([]);
    const version = (await store.getDag("ts_with_python"))?.currentVersion;
    const [numbers, total, describe] = version?.spec.tasks ?? [];
    expect(numbers).toMatchObject({ taskId: "numbers", kind: "function" });
    expect(numbers?.runtime ?? "node").toBe("node");
    expect(total).toMatchObject({
      taskId: "total",
      kind: "function",
      runtime: "python",
      operator: "python",
      inputs: { numbers: "numbers" },
      python: { entry: "team/etl/stats.py", callable: "total", interpreter: null },
    });
    expect(describe).toMatchObject({
      runtime: "python",
      python: {
        entry: "team/etl/stats.py",
        callable: "describe",
        interpreter: "/opt/team-a/bin/python",
      },
    });
    // One file, one zip, shared by its tasks; not the DAG's own (esbuild) bundle.
    const pythonHash = total?.python?.bundleHash;
    expect(pythonHash).toMatch(/^[0-9a-f]{64}$/);
    expect(describe?.python?.bundleHash).toBe(pythonHash);
    expect(pythonHash).not.toBe(version?.bundleHash);
    expect(await bundleFiles(pythonHash)).toEqual({
      "lib/__init__.py": "\n",
      "lib/numbers.py": `${helperLines.join("\n")}\n`,
      "team/etl/stats.py": `${statsLines.join("\n")}\n`,
    });
    // The task file mentions no DAG framework: it is not imported as a DAG file.
    expect(await importErrors()).toEqual({});

    // Editing the Python file makes the TypeScript file's next version, with a new zip
    // (though the TypeScript file's own bundle is unchanged).
    expect(await processor.scanFolder()).toMatchObject({ processed: 0 });
    writeDagFile("team/etl/stats.py", ...statsLines, "", "", "VERSION = 2");
    const changed = await processor.scanFolder();
    expect(changed.versions).toMatchObject([{ dagId: "ts_with_python", versionNumber: 2 }]);
    const next = (await store.getDag("ts_with_python"))?.currentVersion?.spec.tasks[1];
    expect(next?.python?.bundleHash).not.toBe(pythonHash);
    expect((await store.getDag("ts_with_python"))?.currentVersion?.bundleHash).toBe(
      version?.bundleHash,
    );
    expect((await bundleFiles(next?.python?.bundleHash))["team/etl/stats.py"]).toContain(
      "VERSION = 2",
    );
  });

  it("makes a python() task naming a file outside the DAGs folder an import error", async () => {
    writeDagFile(
      "team/escape.ts",
      'import { dag } from "borda";',
      'export default dag({ id: "escape" }, ({ python }) => {',
      '  python({ id: "outside", file: "../../outside.py", callable: "run" });',
      "});",
    );
    writeFileSync(path.join(dagsFolder, "..", "outside.py"), "def run(ctx):\n    return 1\n");

    await createProcessor().scanFolder();

    expect(await importErrors()).toEqual({
      "team/escape.ts": {
        message:
          "Python task 'outside' of DAG 'escape' names '../../outside.py', which is outside the DAGs folder: keep its Python files inside it.",
        line: null,
      },
    });
    expect(await store.getDag("escape")).toBeNull();
  });

  it("records a deployed .py file, its tasks importing the uploaded file", async () => {
    const processor = createProcessor({ dagsFolder: null });
    const source = [
      "from borda import bash, dag, task",
      "",
      "",
      "@dag(dag_id='py_deployed', tags=['deployed'])",
      "def py_deployed():",
      "    @task",
      "    def hello(ctx):",
      "        return 'hello'",
      "",
      "    hello() >> bash(task_id='done', command='echo done')",
    ].join("\n");

    const result = await processor.deploy({ fileName: "uploads/deployed.py", source });

    expect(result).toMatchObject({
      versions: [{ dagId: "py_deployed", versionNumber: 1, created: true }],
    });
    const dag = await store.getDag("py_deployed");
    expect(dag).toMatchObject({
      fileloc: "uploads/deployed.py",
      origin: "deploy",
      isActive: true,
      currentVersion: { source, spec: { tags: ["deployed"] } },
    });
    expect(dag?.currentVersion?.spec.tasks).toMatchObject([
      { taskId: "hello", runtime: "python", python: { entry: "uploads/deployed.py" } },
      { taskId: "done", kind: "bash", bashCommand: "echo done", upstream: ["hello"] },
    ]);
    expect(await bundleFiles(dag?.currentVersion?.bundleHash)).toEqual({
      "uploads/deployed.py": source,
    });

    const bad = await processor.deploy({
      fileName: "uploads/bad.py",
      source: "from borda import dag\n\nraise RuntimeError('bad upload')\n",
    });
    expect(bad).toEqual({
      importError: {
        fileloc: "uploads/bad.py",
        origin: "deploy",
        message: "Importing the file raised RuntimeError: bad upload",
        line: 3,
      },
    });
  });
});
