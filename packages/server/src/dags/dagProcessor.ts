import { type FSWatcher, mkdirSync, watch } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { BordaError, type DagSpec, ErrorCode } from "@borda/protocol";
import type { Logger } from "pino";
import { type BundleOutcome, bundleDagFile, type DagBundle } from "./bundleDagFile.js";
import { checkTeamOwnership } from "./checkTeamOwnership.js";
import type {
  DagFileOrigin,
  DagImportError,
  DagRegistry,
  RecordedDagVersion,
} from "./dagRegistry.js";
import { type Evaluation, evaluateBundle } from "./evaluateBundle.js";
import { dagFileExtensions, findDagFiles, isPythonFile, isWatchedPath } from "./findDagFiles.js";
import { mayDeclareDags, type PythonParse, parsePythonFile } from "./parsePythonFile.js";
import { validateDagSpecs } from "./validateDagSpecs.js";

/**
 * The DAG processor: turns DAG files (the watched folder, or deployed uploads) into DAG
 * versions or import errors in the registry. A TypeScript or JavaScript file is bundled
 * with esbuild and imported in a Node child process; a Python file is imported by the
 * Python parser, which bundles it too. Either way with a time limit, and the DAGs are
 * validated. A bad file becomes an import error and touches nothing else.
 */

export interface DagProcessorOptions {
  /** The folder of DAG files to watch, or null when DAGs only arrive through `deploy()`. */
  dagsFolder: string | null;
  registry: DagRegistry;
  logger: Logger;
  /** Longest time importing one file may take before it becomes an import error. Default 30 s. */
  parseTimeoutMs?: number;
  /** Full rescan period, the safety net behind file watching. Default 30 s. */
  rescanIntervalMs?: number;
  /** The interpreter that parses Python DAG files. Default `python3`. */
  python?: string;
  now?: () => Date;
}

export interface ScanReport {
  /** DAG files in the folder. */
  files: number;
  /** Files bundled and evaluated in this scan (new or changed ones). */
  processed: number;
  /** DAG versions of the processed files (`created: false` when nothing changed). */
  versions: RecordedDagVersion[];
  /** Import errors of the processed files. */
  importErrors: DagImportError[];
}

export type DeployResult = { versions: RecordedDagVersion[] } | { importError: DagImportError };

type Outcome =
  | {
      ok: true;
      bundle: DagBundle;
      /** The zip bundles of a TypeScript file's Python tasks. */
      pythonBundles: DagBundle[];
      dags: DagSpec[];
      dagLines: (number | null)[];
      /** Per DAG: the line of each task's declaration, when known. */
      taskLines: Record<string, number>[];
    }
  | { ok: false; message: string; line: number | null };

/** A file bundled and evaluated, ready to record. */
interface ProcessedFile {
  fileloc: string;
  origin: DagFileOrigin;
  source: string;
  /** Null when bundling failed. */
  bundleHash: string | null;
  outcome: Outcome;
  /** Folder files: `size:mtime` of every file the bundle was built from. */
  inputs: Map<string, string> | null;
}

/** What the processor remembers of a folder file, to skip it while nothing changed. */
interface FolderFileState {
  inputs: Map<string, string>;
  bundleHash: string | null;
  /** The outcome last written to the registry. */
  recorded: string;
  /**
   * Process again at the next scan even if no input changed: the outcome depended on
   * more than the files (a DAG id another file held, a package not installed yet).
   */
  recheck: boolean;
}

type Recorded =
  | { kind: "parsed"; versions: RecordedDagVersion[] }
  | { kind: "importError"; error: DagImportError }
  /** Another file holds one of its DAG ids; retry once the others are recorded. */
  | { kind: "conflict" }
  | { kind: "stopped" };

const defaultParseTimeoutMs = 30_000;
const defaultRescanIntervalMs = 30_000;
/** Evaluation children at once: each is a Node process (tens of MB, ~50 ms to start). */
const maxChildren = 2;
/** Editors save in bursts (write, rename, chmod): scan once the burst is over. */
const watchDebounceMs = 100;

export class DagProcessor {
  readonly #folder: string | null;
  readonly #registry: DagRegistry;
  readonly #logger: Logger;
  readonly #parseTimeoutMs: number;
  readonly #rescanIntervalMs: number;
  readonly #python: string;
  readonly #now: () => Date;
  readonly #files = new Map<string, FolderFileState>();
  readonly #evaluationSlot = limitConcurrency(maxChildren);
  /** Checking DAG-id ownership and recording must not interleave between two files. */
  readonly #recordingSlot = limitConcurrency(1);
  readonly #stopping = new AbortController();
  readonly #inFlight = new Set<Promise<unknown>>();
  #watcher: FSWatcher | null = null;
  #rescanTimer: NodeJS.Timeout | null = null;
  #debounceTimer: NodeJS.Timeout | null = null;
  #lastScan: Promise<unknown> = Promise.resolve();
  #queuedScan: Promise<ScanReport> | null = null;

  constructor(options: DagProcessorOptions) {
    this.#folder = options.dagsFolder === null ? null : path.resolve(options.dagsFolder);
    this.#registry = options.registry;
    this.#logger = options.logger;
    this.#parseTimeoutMs = options.parseTimeoutMs ?? defaultParseTimeoutMs;
    this.#rescanIntervalMs = options.rescanIntervalMs ?? defaultRescanIntervalMs;
    this.#python = options.python ?? "python3";
    this.#now = options.now ?? (() => new Date());
  }

  /** Scans the folder (awaited), then follows changes: file events, and a periodic rescan. */
  async start(): Promise<void> {
    const folder = this.#folder;
    if (folder === null) return;
    try {
      mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw new BordaError(
        ErrorCode.configuration,
        `Cannot create the DAGs folder ${folder}: ${error instanceof Error ? error.message : String(error)}. Point BORDA_DAGS_FOLDER (--dags) at a folder Borda can read.`,
        { cause: error },
      );
    }
    await this.scanFolder();
    if (this.#stopping.signal.aborted) return;
    const onWatchError = (error: unknown) =>
      this.#logger.warn(
        { err: error, dagsFolder: folder },
        "cannot watch the DAGs folder; changes are picked up by the periodic rescan",
      );
    try {
      this.#watcher = watch(folder, { recursive: true }, (_event, filename) => {
        if (filename === null || isWatchedPath(filename.toString())) this.#scheduleScan();
      });
      this.#watcher.on("error", onWatchError);
    } catch (error) {
      onWatchError(error);
    }
    this.#rescanTimer = setInterval(() => this.#scanInBackground(), this.#rescanIntervalMs);
    this.#rescanTimer.unref();
  }

  /** Stops watching, kills running evaluations and waits for work in flight to end. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    this.#watcher?.close();
    this.#watcher = null;
    if (this.#rescanTimer) clearInterval(this.#rescanTimer);
    if (this.#debounceTimer) clearTimeout(this.#debounceTimer);
    await Promise.allSettled([...this.#inFlight]);
  }

  /**
   * Processes the folder now: new and changed files are evaluated and recorded, files
   * gone since the last scan lose their DAGs (history kept). Scans never overlap; a call
   * while one waits to start shares it.
   */
  scanFolder(): Promise<ScanReport> {
    if (this.#queuedScan) return this.#queuedScan;
    const scan = this.#lastScan.then(() => {
      this.#queuedScan = null;
      return this.#scan();
    });
    this.#queuedScan = scan;
    this.#lastScan = this.#track(scan).catch(() => {});
    return scan;
  }

  /**
   * Makes the next scan process a folder file as if it were new, though it did not
   * change: its DAGs were deleted from the store, and as in Airflow a file still in the
   * folder brings them back the next time it is parsed.
   */
  forgetFolderFile(fileloc: string): void {
    this.#files.delete(fileloc);
  }

  /** Processes a folder file now, changed or not (`PUT /parseDagFile`). */
  reparseFolderFile(fileloc: string): Promise<ScanReport> {
    this.forgetFolderFile(fileloc);
    return this.scanFolder();
  }

  /**
   * Processes an uploaded DAG file (what `POST /api/v1/dags/deploy` calls). Imports in
   * the file resolve from the DAGs folder (its node_modules), or the working directory.
   */
  async deploy(file: { fileName: string; source: string }): Promise<DeployResult> {
    const fileloc = deployedFileloc(file.fileName);
    return this.#track(
      (async (): Promise<DeployResult> => {
        const processed: ProcessedFile = await this.#evaluationSlot(async () => {
          const root = this.#folder ?? process.cwd();
          const evaluated = isPythonFile(fileloc)
            ? await this.#parseUploadedPython(fileloc, file.source)
            : await this.#evaluate(
                await bundleDagFile({ root, fileName: fileloc, source: file.source }),
                fileloc,
                root,
              );
          return { fileloc, origin: "deploy", source: file.source, inputs: null, ...evaluated };
        });
        const recorded = await this.#record(processed, { deferConflict: false });
        if (recorded.kind === "parsed") return { versions: recorded.versions };
        if (recorded.kind === "importError") return { importError: recorded.error };
        throw new BordaError(
          ErrorCode.internal,
          "The DAG processor stopped before the file was recorded; deploy it again once the server is back.",
        );
      })(),
    );
  }

  #track<T>(work: Promise<T>): Promise<T> {
    this.#inFlight.add(work);
    const settle = () => this.#inFlight.delete(work);
    work.then(settle, settle);
    return work;
  }

  #scheduleScan(): void {
    if (this.#debounceTimer) clearTimeout(this.#debounceTimer);
    this.#debounceTimer = setTimeout(() => this.#scanInBackground(), watchDebounceMs);
    this.#debounceTimer.unref();
  }

  #scanInBackground(): void {
    if (this.#stopping.signal.aborted) return;
    this.scanFolder().catch((error: unknown) =>
      this.#logger.error(
        { err: error, dagsFolder: this.#folder },
        "scanning the DAGs folder failed",
      ),
    );
  }

  async #scan(): Promise<ScanReport> {
    const report: ScanReport = { files: 0, processed: 0, versions: [], importErrors: [] };
    const folder = this.#folder;
    if (folder === null || this.#stopping.signal.aborted) return report;
    const files = await findDagFiles(folder);
    report.files = files.length;
    // Forget deleted files first, so a DAG that moved to another file is free to claim.
    await this.#registry.forgetMissingFolderFiles(files, this.#now());
    const present = new Set(files);
    for (const fileloc of this.#files.keys()) {
      if (!present.has(fileloc)) this.#files.delete(fileloc);
    }
    const processed = (
      await Promise.all(files.map((f) => this.#processFolderFile(folder, f)))
    ).filter((file): file is ProcessedFile => file !== null);
    report.processed = processed.length;
    // In file order, so of two files defining one DAG id the first keeps it. A file whose
    // DAG id is held by a file recorded later in the pass (a DAG moving between files)
    // gets a second try after the others.
    let pending = processed;
    for (const deferConflict of [true, false]) {
      const conflicted: ProcessedFile[] = [];
      for (const file of pending) {
        const recorded = await this.#record(file, { deferConflict });
        if (recorded.kind === "parsed") report.versions.push(...recorded.versions);
        else if (recorded.kind === "importError") report.importErrors.push(recorded.error);
        else if (recorded.kind === "conflict") conflicted.push(file);
      }
      pending = conflicted;
    }
    return report;
  }

  /** Bundles and evaluates a folder file, or returns null when nothing it is built from changed. */
  async #processFolderFile(folder: string, fileloc: string): Promise<ProcessedFile | null> {
    const state = this.#files.get(fileloc);
    if (state && !state.recheck && (await unchanged(state.inputs))) return null;
    return this.#evaluationSlot(async () => {
      if (this.#stopping.signal.aborted) return null;
      const entryPath = path.join(folder, fileloc);
      // Taken before reading: a write after this point shows at the next scan.
      const entryVersion = await fileVersion(entryPath);
      const source = await readFile(entryPath, "utf8").catch(() => null);
      // Deleted meanwhile: the next scan forgets it.
      if (entryVersion === null || source === null) return null;
      if (isPythonFile(fileloc)) {
        return this.#processPythonFile(folder, fileloc, source, entryVersion, state);
      }
      const bundled = await bundleDagFile({ root: folder, file: fileloc });
      const inputs = await inputVersions(entryPath, entryVersion, bundled);
      // The files of its Python tasks are inputs too, though not of the esbuild bundle:
      // the same bundle is "unchanged" only while they are.
      const pythonInputs = new Map(
        [...(state?.inputs ?? [])].filter(([input]) => !inputs.has(input)),
      );
      if (
        bundled.ok &&
        state &&
        !state.recheck &&
        state.bundleHash === bundled.bundle.hash &&
        (await unchanged(pythonInputs))
      ) {
        // Touched, or a change that left the bundle as it was.
        state.inputs = new Map([...inputs, ...pythonInputs]);
        return null;
      }
      const evaluated = await this.#evaluate(bundled, fileloc, folder);
      // A change to a Python task's files must make the file processed again too.
      for (const pythonBundle of evaluated.outcome.ok ? evaluated.outcome.pythonBundles : []) {
        for (const input of pythonBundle.inputs) {
          if (!inputs.has(input)) inputs.set(input, (await fileVersion(input)) ?? "missing");
        }
      }
      return { fileloc, origin: "folder", source, inputs, ...evaluated };
    });
  }

  /**
   * A Python file is parsed and bundled in one step. Like Airflow's safe mode, a file
   * that mentions neither Borda nor Airflow and DAGs is a helper module, not imported
   * on its own (unless it declared DAGs before, which must now go).
   */
  async #processPythonFile(
    folder: string,
    fileloc: string,
    source: string,
    entryVersion: string,
    state: FolderFileState | undefined,
  ): Promise<ProcessedFile | null> {
    const entryPath = path.join(folder, fileloc);
    if (!mayDeclareDags(source) && !state?.recorded.startsWith("ok:")) {
      this.#files.set(fileloc, {
        inputs: new Map([[entryPath, entryVersion]]),
        bundleHash: null,
        recorded: "helper",
        recheck: false,
      });
      return null;
    }
    const parsed = await this.#parsePython(folder, fileloc);
    const inputs = await inputVersions(entryPath, entryVersion, parsed.bundle);
    if (
      parsed.bundle.ok &&
      state &&
      !state.recheck &&
      state.bundleHash === parsed.bundle.bundle.hash
    ) {
      state.inputs = inputs;
      return null;
    }
    return {
      fileloc,
      origin: "folder",
      source,
      inputs,
      ...validated(parsed.bundle, parsed.evaluation),
    };
  }

  /** Parses a Python file; what its import warned about goes to the server's log. */
  async #parsePython(root: string, file: string): Promise<PythonParse> {
    const parsed = await parsePythonFile({
      root,
      file,
      python: this.#python,
      timeoutMs: this.#parseTimeoutMs,
      signal: this.#stopping.signal,
    });
    for (const warning of parsed.warnings) {
      this.#logger.warn(
        { fileloc: warning.file ?? file, line: warning.line, category: warning.category },
        warning.message,
      );
    }
    return parsed;
  }

  /** An uploaded Python file is parsed from a folder of its own, holding only it. */
  async #parseUploadedPython(
    fileloc: string,
    source: string,
  ): Promise<{ bundleHash: string | null; outcome: Outcome }> {
    const root = await mkdtemp(path.join(tmpdir(), "borda-deploy-py-"));
    try {
      await mkdir(path.dirname(path.join(root, fileloc)), { recursive: true });
      await writeFile(path.join(root, fileloc), source);
      const parsed = await this.#parsePython(root, fileloc);
      return validated(parsed.bundle, parsed.evaluation);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  }

  /**
   * Imports a bundle in a child process, validates its DAGs, and bundles the Python files
   * its Python tasks name. Runs in an evaluation slot.
   */
  async #evaluate(
    bundled: BundleOutcome,
    sourceFile: string,
    root: string,
  ): Promise<{ bundleHash: string | null; outcome: Outcome }> {
    if (!bundled.ok) return { bundleHash: null, outcome: bundled };
    const evaluated = await evaluateBundle(bundled.bundle.content, {
      sourceFile,
      timeoutMs: this.#parseTimeoutMs,
      signal: this.#stopping.signal,
    });
    const result = validated(bundled, evaluated);
    if (!result.outcome.ok) return result;
    return { ...result, outcome: await this.#bundlePythonTasks(result.outcome, sourceFile, root) };
  }

  /**
   * A TypeScript DAG's `python()` tasks name a .py file relative to the DAG file. Each
   * such file is bundled by the Python parser (with the modules it imports from the DAGs
   * folder) into a zip of its own, which its tasks run from.
   */
  async #bundlePythonTasks(
    outcome: Extract<Outcome, { ok: true }>,
    fileloc: string,
    root: string,
  ): Promise<Outcome> {
    const bundles = new Map<string, DagBundle>();
    const dags: DagSpec[] = [];
    for (const dag of outcome.dags) {
      const tasks = [];
      for (const task of dag.tasks) {
        if (task.runtime !== "python" || !task.python || task.python.callable === null) {
          tasks.push(task);
          continue;
        }
        const entry = path.posix.normalize(
          path.posix.join(path.posix.dirname(fileloc), task.python.entry),
        );
        const where = `Python task '${task.taskId}' of DAG '${dag.dagId}' names '${task.python.entry}'`;
        if (entry.startsWith("../") || path.posix.isAbsolute(task.python.entry)) {
          return {
            ok: false,
            line: null,
            message: `${where}, which is outside the DAGs folder: keep its Python files inside it.`,
          };
        }
        let bundle = bundles.get(entry);
        if (!bundle) {
          const parsed = await this.#parsePython(root, entry);
          if (!parsed.bundle.ok) {
            return { ok: false, line: null, message: `${where}: ${parsed.bundle.message}` };
          }
          bundle = parsed.bundle.bundle;
          bundles.set(entry, bundle);
        }
        tasks.push({ ...task, python: { ...task.python, entry, bundleHash: bundle.hash } });
      }
      dags.push({ ...dag, tasks });
    }
    return { ...outcome, dags, pythonBundles: [...bundles.values()] };
  }

  /** Writes the file's outcome to the registry and logs it. */
  #record(file: ProcessedFile, options: { deferConflict: boolean }): Promise<Recorded> {
    return this.#recordingSlot(async (): Promise<Recorded> => {
      if (this.#stopping.signal.aborted) return { kind: "stopped" };
      const { fileloc, origin, bundleHash } = file;
      let outcome = file.outcome;
      let recheck = bundleHash === null;
      if (outcome.ok) {
        const conflict = await this.#dagIdConflict(file, outcome);
        if (conflict && options.deferConflict) return { kind: "conflict" };
        if (conflict) {
          outcome = conflict;
          recheck = true;
        }
      }
      if (outcome.ok) {
        const { dagLines, taskLines } = outcome;
        const lines = dagLines.map((dag, i) => ({ dag, tasks: taskLines[i] ?? {} }));
        const refused = await checkTeamOwnership(this.#registry, fileloc, outcome.dags, lines);
        if (refused) {
          // Teams' queues and pools change without the file changing: look again next scan.
          outcome = { ok: false, ...refused };
          recheck = true;
        }
      }
      const at = this.#now();
      const key = outcome.ok ? `ok:${bundleHash}` : `error:${outcome.line}:${outcome.message}`;
      const state = this.#files.get(fileloc);
      let recorded: Recorded;
      if (outcome.ok) {
        const { bundle } = outcome;
        const versions = await this.#registry.recordParsedFile(
          {
            fileloc,
            origin,
            source: file.source,
            bundle: { hash: bundle.hash, content: bundle.content },
            pythonBundles: outcome.pythonBundles.map((b) => ({ hash: b.hash, content: b.content })),
            dags: outcome.dags,
          },
          at,
        );
        recorded = { kind: "parsed", versions };
        this.#logger.info(
          {
            fileloc,
            origin,
            dags: outcome.dags.map((dag) => dag.dagId),
            newVersions: versions.filter((v) => v.created).length,
          },
          "DAG file parsed",
        );
      } else {
        const error: DagImportError = {
          fileloc,
          origin,
          message: outcome.message,
          line: outcome.line,
        };
        recorded = { kind: "importError", error };
        // A file re-checked with the same result keeps its error as it was.
        if (origin === "deploy" || state?.recorded !== key) {
          await this.#registry.recordImportError(error, at);
          this.#logger.warn(
            { fileloc, origin, line: error.line, error: error.message },
            "DAG file import error",
          );
        }
      }
      if (file.inputs) {
        this.#files.set(fileloc, {
          inputs: file.inputs,
          bundleHash,
          recorded: key,
          recheck,
        });
      }
      return recorded;
    });
  }

  /** An import error when another file's active DAG already has one of this file's DAG ids. */
  async #dagIdConflict(
    file: ProcessedFile,
    outcome: Extract<Outcome, { ok: true }>,
  ): Promise<Extract<Outcome, { ok: false }> | null> {
    for (const [index, dag] of outcome.dags.entries()) {
      const owner = await this.#registry.getDag(dag.dagId);
      if (owner?.isActive && (owner.fileloc !== file.fileloc || owner.origin !== file.origin)) {
        const ours = await this.#registry.teamOfFile(file.fileloc);
        // Another team's file is not named: its members alone may see it.
        const other =
          (await this.#registry.teamOfFile(owner.fileloc)) !== ours
            ? "another team's file"
            : `${owner.origin === "deploy" ? "the deployed file" : "the file"} '${owner.fileloc}'`;
        return {
          ok: false,
          message: `DAG id '${dag.dagId}' is already defined by ${other}: DAG ids must be unique across files; rename one of them (or remove it from the other file).`,
          line: outcome.dagLines[index] ?? null,
        };
      }
    }
    return null;
  }
}

/** The outcome of a bundle and its evaluation: its DAGs, validated, or why not. */
function validated(
  bundled: BundleOutcome,
  evaluated: Evaluation,
): { bundleHash: string | null; outcome: Outcome } {
  if (!bundled.ok) return { bundleHash: null, outcome: bundled };
  const { bundle } = bundled;
  const bundleHash = bundle.hash;
  if (!evaluated.ok) return { bundleHash, outcome: evaluated };
  const checked = validateDagSpecs(evaluated.dags);
  if (!checked.ok) return { bundleHash, outcome: checked };
  const dagLines = evaluated.dags.map((dag) => dag.line);
  const taskLines = evaluated.dags.map((dag) => dag.taskLines);
  return {
    bundleHash,
    outcome: { ok: true, bundle, pythonBundles: [], dags: checked.dags, dagLines, taskLines },
  };
}

/** `size:mtime` of the entry and of every file its bundle was built from. */
async function inputVersions(
  entryPath: string,
  entryVersion: string,
  bundled: BundleOutcome,
): Promise<Map<string, string>> {
  const inputs = new Map([[entryPath, entryVersion]]);
  for (const input of bundled.ok ? bundled.bundle.inputs : []) {
    if (!inputs.has(input)) inputs.set(input, (await fileVersion(input)) ?? "missing");
  }
  return inputs;
}

/** An upload's name as its fileloc: relative, forward slashes, a DAG file extension. */
function deployedFileloc(fileName: string): string {
  const fileloc = fileName.replaceAll("\\", "/");
  const parts = fileloc.split("/");
  if (
    !dagFileExtensions.some((extension) => fileloc.endsWith(extension)) ||
    parts.some((p) => p === "" || p === "." || p === "..")
  ) {
    throw new BordaError(
      ErrorCode.invalidInput,
      `Cannot deploy '${fileName}': name the file with a relative path ending in ${dagFileExtensions.join(", ")}, without '.' or '..' parts (e.g. "etl/daily.ts" or "etl/daily.py").`,
    );
  }
  return fileloc;
}

async function fileVersion(file: string): Promise<string | null> {
  try {
    const stats = await stat(file);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return null;
  }
}

async function unchanged(inputs: Map<string, string>): Promise<boolean> {
  const versions = await Promise.all([...inputs.keys()].map((file) => fileVersion(file)));
  return [...inputs.values()].every((version, index) => versions[index] === version);
}

/** Runs at most `limit` of the given tasks at once, the others in call order. */
function limitConcurrency(limit: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    while (active >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}
