import { createHash } from "node:crypto";
import { mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { BordaError } from "@borda/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DagProcessor, type DagProcessorOptions } from "../src/dags/dagProcessor.js";
import type { Store } from "../src/store/index.js";
import { type Backend, describeEachBackend } from "./support/backends.js";
import { createScheduler, ManualClock, silentLogger, workUntilIdle } from "./support/harness.js";

const examplesFolder = fileURLToPath(new URL("../../../examples/dags/", import.meta.url));

let home: string;
let dagsFolder: string;
let store: Store;
let processors: DagProcessor[];

function useBackend(backend: Backend) {
  beforeEach(async () => {
    const opened = await backend.open();
    home = opened.home;
    store = opened.store;
    dagsFolder = path.join(home, "dags");
    mkdirSync(dagsFolder);
    processors = [];
  });

  afterEach(async () => {
    for (const processor of processors) await processor.stop();
  });
}

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

/** Writes a DAG file (lines joined with newlines, so tests can name line numbers). */
function writeDagFile(fileloc: string, ...lines: string[]): string {
  const file = path.join(dagsFolder, fileloc);
  mkdirSync(path.dirname(file), { recursive: true });
  const source = `${lines.join("\n")}\n`;
  writeFileSync(file, source);
  return source;
}

function goodDag(dagId: string, extra = ""): string[] {
  return [
    'import { dag } from "borda";',
    `export default dag({ id: "${dagId}" }, ({ task }) => {`,
    `  task({ id: "hello" }, () => "hello from ${dagId}${extra}");`,
    "});",
  ];
}

async function importErrors() {
  const errors = await store.listImportErrors();
  return Object.fromEntries(errors.map((e) => [e.fileloc, { message: e.message, line: e.line }]));
}

async function waitFor<T>(check: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeEachBackend("DAG processor", (backend) => {
  useBackend(backend);

  describe("scanning the DAGs folder", () => {
    it("records each DAG with its spec, source and content-addressed bundle", async () => {
      const source = writeDagFile(
        "team/etl.ts",
        'import { dag, task } from "borda";',
        "export const etl = dag(",
        '  { id: "etl", schedule: "@daily", startDate: "2021-01-01", timezone: "Europe/Berlin" },',
        "  () => {",
        '    const extract = task({ id: "extract", retryDelay: "1m" }, () => [1, 2, 3]);',
        '    task({ id: "load", inputs: { rows: extract } }, (ctx) => ctx.inputs.rows.length);',
        "  },",
        ");",
      );
      writeDagFile("node_modules/ignored/index.ts", ...goodDag("in_node_modules"));
      writeDagFile(".hidden/ignored.ts", ...goodDag("in_dot_dir"));
      writeDagFile("types.d.ts", "export declare const x: number;");

      const report = await createProcessor().scanFolder();

      expect(report).toMatchObject({ files: 1, processed: 1, importErrors: [] });
      expect(report.versions).toMatchObject([{ dagId: "etl", versionNumber: 1, created: true }]);
      const etl = await store.getDag("etl");
      expect(etl).toMatchObject({ isActive: true, fileloc: "team/etl.ts", origin: "folder" });
      const version = etl?.currentVersion;
      expect(version?.source).toBe(source);
      expect(version?.spec).toMatchObject({
        dagId: "etl",
        schedule: "@daily",
        timezone: "Europe/Berlin",
        // Midnight in Berlin, in UTC.
        startDate: "2020-12-31T23:00:00.000Z",
        tasks: [
          { taskId: "extract", retryDelayMs: 60_000, upstream: [] },
          { taskId: "load", upstream: ["extract"], inputs: { rows: "extract" } },
        ],
      });
      const bundle = await store.getBundle(version?.bundleHash ?? "");
      expect(bundle).not.toBeNull();
      expect(
        createHash("sha256")
          .update(bundle as Uint8Array)
          .digest("hex"),
      ).toBe(version?.bundleHash);
      expect((await store.listDags()).map((d) => d.dagId)).toEqual(["etl"]);
    });

    it("turns each kind of bad file into an import error with its line, and records the good DAG beside them", async () => {
      writeDagFile("good.ts", ...goodDag("good"));
      writeDagFile(
        "syntax.ts",
        'import { dag, task } from "borda";',
        'export default dag({ id: "syntax" }, () => {',
        "  const broken = ;",
        "});",
      );
      writeDagFile(
        "throws.ts",
        'import { dag } from "borda";',
        "function readRegion(): string {",
        '  throw new Error("BORDA_REGION is not set");',
        "}",
        "export default dag({ id: readRegion() }, () => {});",
      );
      writeDagFile(
        "duplicate_task.ts",
        'import { dag, task } from "borda";',
        'export default dag({ id: "duplicate_task" }, () => {',
        '  task({ id: "same" }, () => 1);',
        '  task({ id: "same" }, () => 2);',
        "});",
      );
      writeDagFile(
        "cycle.ts",
        'import { dag, task } from "borda";',
        'export default dag({ id: "cycle" }, () => {',
        '  const a = task({ id: "a" }, () => 1);',
        '  const b = task({ id: "b" }, () => 2).after(a);',
        "  a.after(b);",
        "});",
      );
      writeDagFile(
        "trigger_rule.js",
        'import { dag, task } from "borda";',
        'export default dag({ id: "trigger_rule" }, () => {',
        '  const a = task({ id: "a" }, () => 1);',
        '  task({ id: "b", triggerRule: "all_sucess" }, () => 2).after(a);',
        "});",
      );
      writeDagFile(
        "unexported.ts",
        'import { dag, task } from "borda";',
        'dag({ id: "unexported" }, () => {',
        '  task({ id: "t" }, () => 1);',
        "});",
      );
      writeDagFile(
        "schedule.ts",
        'import { dag, task } from "borda";',
        "export default dag(",
        '  { id: "schedule", schedule: "@dayly", startDate: "2021-01-01" },',
        '  () => { task({ id: "t" }, () => 1); },',
        ");",
      );

      const report = await createProcessor().scanFolder();

      expect(report.versions.map((v) => v.dagId)).toEqual(["good"]);
      expect(await store.getDag("good")).toMatchObject({
        isActive: true,
        currentVersion: { versionNumber: 1 },
      });
      // The good DAG is not just recorded: it runs.
      await store.setDagPaused("good", false, new Date());
      const scheduler = createScheduler(store, new ManualClock());
      const run = await scheduler.triggerRun("good");
      expect((await workUntilIdle(scheduler)).map((j) => j.taskId)).toEqual(["hello"]);
      expect((await store.getDagRunById(run.id))?.state).toBe("success");
      const errors = await importErrors();
      expect(Object.keys(errors).sort()).toEqual([
        "cycle.ts",
        "duplicate_task.ts",
        "schedule.ts",
        "syntax.ts",
        "throws.ts",
        "trigger_rule.js",
        "unexported.ts",
      ]);
      expect(errors["syntax.ts"]).toEqual({
        message: expect.stringMatching(
          /^Bundling the file failed: syntax\.ts:3:\d+: Unexpected ";"/,
        ),
        line: 3,
      });
      expect(errors["throws.ts"]).toEqual({
        message: "Importing the file threw: BORDA_REGION is not set",
        line: 3,
      });
      expect(errors["duplicate_task.ts"]).toEqual({
        message: expect.stringContaining(
          "Task id 'same' is declared twice in DAG 'duplicate_task'",
        ),
        line: 4,
      });
      expect(errors["cycle.ts"]).toEqual({
        message: expect.stringContaining(
          "DAG 'cycle': its tasks depend on each other in a cycle: a → b → a.",
        ),
        line: 3,
      });
      expect(errors["trigger_rule.js"]).toEqual({
        message:
          "DAG 'trigger_rule': task 'b' triggerRule: unknown trigger rule \"all_sucess\"; use one of all_success, all_failed, all_done, one_success, one_failed, none_failed, none_failed_min_one_success, always.",
        line: 4,
      });
      expect(errors["unexported.ts"]).toEqual({
        message: expect.stringContaining("DAG 'unexported' is declared but not exported"),
        line: 2,
      });
      expect(errors["schedule.ts"]).toEqual({
        message: expect.stringContaining(
          "DAG 'schedule': unknown preset '@dayly'; use one of @once, @hourly",
        ),
        line: 2,
      });
      for (const dagId of [
        "syntax",
        "duplicate_task",
        "cycle",
        "trigger_rule",
        "unexported",
        "schedule",
      ]) {
        expect(await store.getDag(dagId)).toBeNull();
      }
    });

    it("stops a file that never finishes importing at the time limit", async () => {
      writeDagFile("good.ts", ...goodDag("good"));
      writeDagFile(
        "forever.ts",
        'import { dag } from "borda";',
        "while (true) {}",
        'export default dag({ id: "forever" }, () => {});',
      );

      const report = await createProcessor({ parseTimeoutMs: 2000 }).scanFolder();

      expect(report.versions.map((v) => v.dagId)).toEqual(["good"]);
      expect(await importErrors()).toEqual({
        "forever.ts": {
          message: expect.stringContaining("took longer than 2 s and was stopped"),
          line: null,
        },
      });
    });

    it("evaluates files without the server's environment", async () => {
      process.env.BORDA_TEST_SECRET = "s3cret";
      try {
        writeDagFile(
          "env.ts",
          'import { dag, task } from "borda";',
          "const seen = [process.env.BORDA_TEST_SECRET, process.env.TZ];",
          'export default dag({ id: "env", description: seen.join("/") }, () => {',
          '  task({ id: "t" }, () => 1);',
          "});",
        );
        await createProcessor().scanFolder();
      } finally {
        delete process.env.BORDA_TEST_SECRET;
      }
      expect((await store.getDag("env"))?.currentVersion?.spec.description).toBe("/UTC");
    });

    it("clears the import error once the file is fixed, and creates the DAG", async () => {
      writeDagFile("fixme.ts", 'import { dag } from "borda";', 'throw new Error("not yet");');
      const processor = createProcessor();
      await processor.scanFolder();
      expect(Object.keys(await importErrors())).toEqual(["fixme.ts"]);

      writeDagFile("fixme.ts", ...goodDag("fixme"));
      const report = await processor.scanFolder();

      expect(report).toMatchObject({ processed: 1, importErrors: [] });
      expect(await importErrors()).toEqual({});
      expect(await store.getDag("fixme")).toMatchObject({
        isActive: true,
        currentVersion: { versionNumber: 1 },
      });
    });

    it("skips unchanged files, and records a changed file as the DAG's next version", async () => {
      writeDagFile("versions.ts", ...goodDag("versions"));
      const processor = createProcessor();
      await processor.scanFolder();

      expect(await processor.scanFolder()).toMatchObject({ files: 1, processed: 0, versions: [] });
      const now = new Date();
      utimesSync(path.join(dagsFolder, "versions.ts"), now, now);
      expect(await processor.scanFolder()).toMatchObject({ processed: 0 });
      // A new processor (a restart) re-evaluates, but the same spec and bundle are no new version.
      expect((await createProcessor().scanFolder()).versions).toMatchObject([
        { versionNumber: 1, created: false },
      ]);

      writeDagFile("versions.ts", ...goodDag("versions", " again"));
      const changed = await processor.scanFolder();

      expect(changed.versions).toMatchObject([
        { dagId: "versions", versionNumber: 2, created: true },
      ]);
      expect((await store.getDag("versions"))?.currentVersion?.versionNumber).toBe(2);
    });

    it("re-evaluates a file when a local module it imports changes", async () => {
      writeDagFile("lib/greeting.ts", 'export const greeting = "hello";');
      writeDagFile(
        "uses_lib.ts",
        'import { dag } from "borda";',
        'import { greeting } from "./lib/greeting.js";',
        'export default dag({ id: "uses_lib", description: greeting }, ({ task }) => {',
        '  task({ id: "t" }, () => greeting);',
        "});",
      );
      const processor = createProcessor();
      await processor.scanFolder();
      writeDagFile("lib/greeting.ts", 'export const greeting = "hello again";');

      await processor.scanFolder();

      expect((await store.getDag("uses_lib"))?.currentVersion).toMatchObject({
        versionNumber: 2,
        spec: { description: "hello again" },
      });
    });

    it("makes the DAGs of a deleted file inactive, keeping their history, and drops its import error", async () => {
      writeDagFile("doomed.ts", ...goodDag("doomed"));
      writeDagFile("broken.ts", "export const = 1;");
      const processor = createProcessor();
      await processor.scanFolder();
      rmSync(path.join(dagsFolder, "doomed.ts"));
      rmSync(path.join(dagsFolder, "broken.ts"));

      await processor.scanFolder();

      expect(await store.getDag("doomed")).toMatchObject({
        isActive: false,
        currentVersion: { versionNumber: 1 },
      });
      expect(await importErrors()).toEqual({});
    });

    it("leaves a DAG id to the file that defined it first, and hands it over once that file drops it", async () => {
      writeDagFile("a.ts", ...goodDag("shared"));
      writeDagFile("b.ts", ...goodDag("shared", " (b)"));
      const processor = createProcessor();
      await processor.scanFolder();

      expect(await store.getDag("shared")).toMatchObject({ fileloc: "a.ts" });
      expect(await importErrors()).toEqual({
        "b.ts": {
          message: expect.stringContaining("DAG id 'shared' is already defined by the file 'a.ts'"),
          line: 2,
        },
      });

      writeDagFile("a.ts", ...goodDag("renamed"));
      await processor.scanFolder();

      expect(await store.getDag("shared")).toMatchObject({ fileloc: "b.ts", isActive: true });
      expect(await importErrors()).toEqual({});
    });

    it("processes every example DAG without an import error", async () => {
      const report = await createProcessor({ dagsFolder: examplesFolder }).scanFolder();

      expect(report.importErrors).toEqual([]);
      // Each TypeScript example has a Python twin (Borda's Python SDK), its id ending in _py.
      expect(report.versions.map((v) => v.dagId).sort()).toEqual([
        "bash_example",
        "bash_example_py",
        "branching",
        "branching_py",
        "count_to_twenty",
        "count_to_twenty_py",
        "fan_out_fan_in",
        "fan_out_fan_in_py",
        "mapping",
        "mapping_py",
        "scheduled_daily",
        "scheduled_daily_py",
        "sensors",
        "sensors_py",
      ]);
      const count = await store.getDag("count_to_twenty");
      expect(count?.currentVersion?.spec).toMatchObject({
        params: { sleep_seconds: { type: "number", default: 1, minimum: 0 } },
        tasks: [{ taskId: "count_to_twenty", pool: "worker-1", queue: "worker-1" }],
      });
      expect((await store.getDag("bash_example"))?.currentVersion?.spec.tasks).toMatchObject([
        { taskId: "print_host", kind: "bash", bashCommand: "uname -n" },
        { taskId: "greet", kind: "bash", bashCommand: null, upstream: ["print_host"] },
        { taskId: "measure", kind: "function", upstream: ["greet"] },
      ]);
      expect((await store.getDag("scheduled_daily"))?.currentVersion?.spec).toMatchObject({
        schedule: "30 6 * * *",
        timezone: "Europe/Berlin",
        catchup: false,
        startDate: "2023-12-31T23:00:00.000Z",
      });
    });
  });

  describe("watching the DAGs folder", () => {
    it("picks up a new file and a change without a manual scan", async () => {
      const processor = createProcessor({ rescanIntervalMs: 3_600_000 });
      await processor.start();

      writeDagFile("later/new.ts", ...goodDag("watched"));
      await waitFor(() => store.getDag("watched"), "the new DAG");

      writeDagFile("later/new.ts", ...goodDag("watched", " v2"));
      await waitFor(
        async () =>
          (await store.getDag("watched"))?.currentVersion?.versionNumber === 2 ? true : null,
        "version 2",
      );
    });
  });

  describe("deploying a DAG file", () => {
    it("records a good upload as a deployed DAG", async () => {
      const processor = createProcessor({ dagsFolder: null });
      const source = goodDag("deployed").join("\n");

      const result = await processor.deploy({ fileName: "uploads/deployed.ts", source });

      expect(result).toMatchObject({
        versions: [{ dagId: "deployed", versionNumber: 1, created: true }],
      });
      expect(await store.getDag("deployed")).toMatchObject({
        fileloc: "uploads/deployed.ts",
        origin: "deploy",
        isActive: true,
        currentVersion: { source },
      });
    });

    it("returns and records the import error of a bad upload", async () => {
      const processor = createProcessor();
      const source = ['import { dag } from "borda";', "", 'throw new Error("bad upload");'].join(
        "\n",
      );

      const result = await processor.deploy({ fileName: "bad.ts", source });

      expect(result).toEqual({
        importError: {
          fileloc: "bad.ts",
          origin: "deploy",
          message: "Importing the file threw: bad upload",
          line: 3,
        },
      });
      expect(await importErrors()).toEqual({
        "bad.ts": { message: "Importing the file threw: bad upload", line: 3 },
      });
    });

    it("refuses a file name that is not a relative DAG file path", async () => {
      const processor = createProcessor();
      for (const fileName of ["../escape.ts", "/etc/passwd.ts", "notes.txt"]) {
        await expect(processor.deploy({ fileName, source: "" })).rejects.toBeInstanceOf(BordaError);
      }
    });
  });
});
