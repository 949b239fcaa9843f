import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pythonPath } from "@borda/python";
import type { BundleOutcome } from "./bundleDagFile.js";
import type { Evaluation } from "./evaluateBundle.js";
import { lastOutput, type ParseFailure, runParseChild } from "./parseChild.js";

/**
 * Parses a Python DAG file (Borda's Python SDK or an Airflow-style file) in a child
 * process of the chosen interpreter (see parseChild.ts), as `evaluateBundle` does a
 * TypeScript one. The child
 * (`borda._runtime.parse`, in @borda/python) imports the file, reports the specs of the
 * DAGs it declared, and writes its bundle: a deterministic zip of the file and every
 * module it imported from the DAGs folder.
 */

export interface ParsePythonOptions {
  /** The DAGs folder: imports resolve from it, and bundle paths are relative to it. */
  root: string;
  /** The file, relative to `root`, forward slashes. */
  file: string;
  /** The interpreter (`--python`), e.g. `python3` or a venv's `bin/python`. */
  python: string;
  timeoutMs: number;
  signal: AbortSignal;
}

export interface PythonParse {
  bundle: BundleOutcome;
  evaluation: Evaluation;
  /** What the file's import warned about (a shadowed Apache Airflow, a start date that moves), at its lines. */
  warnings: PythonWarning[];
}

export interface PythonWarning {
  category: string;
  message: string;
  file: string | null;
  line: number | null;
}

/** What the parse child prints: one JSON line. */
interface ParseReport {
  dags: unknown[];
  /** Paths (relative to the DAGs folder) of the files the bundle holds. */
  files?: string[];
  warnings?: PythonWarning[];
  error: { message: string; line: number | null } | null;
}

/**
 * Whether a Python file may declare DAGs, and so is imported on its own: like Airflow's
 * safe mode, it names DAGs and either Borda or Airflow. Other files are helper modules,
 * imported only by the DAG files that use them.
 */
export function mayDeclareDags(source: string): boolean {
  const lower = source.toLowerCase();
  return lower.includes("dag") && (lower.includes("borda") || lower.includes("airflow"));
}

export async function parsePythonFile(options: ParsePythonOptions): Promise<PythonParse> {
  const dir = await mkdtemp(path.join(tmpdir(), "borda-parse-py-"));
  try {
    const zipPath = path.join(dir, "bundle.zip");
    const ran = await runParser(options, zipPath);
    if (!ran.ok) return { bundle: ran, evaluation: ran, warnings: [] };
    const { report } = ran;
    const warnings = report.warnings ?? [];
    if (report.error) {
      const failed = { ok: false as const, ...report.error };
      return { bundle: failed, evaluation: failed, warnings };
    }
    const content = new Uint8Array(await readFile(zipPath));
    return {
      bundle: {
        ok: true,
        bundle: {
          hash: createHash("sha256").update(content).digest("hex"),
          content,
          inputs: (report.files ?? [options.file]).map((file) => path.join(options.root, file)),
        },
      },
      evaluation: {
        ok: true,
        dags: report.dags.map((spec) => ({ spec, line: null, taskLines: {} })),
      },
      warnings,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

type Ran = { ok: true; report: ParseReport } | ParseFailure;

async function runParser(options: ParsePythonOptions, zipPath: string): Promise<Ran> {
  let stdout = "";
  const end = await runParseChild({
    command: options.python,
    args: [
      ...["-m", "borda._runtime.parse", "--dags-folder", options.root],
      ...["--file", options.file, "--bundle-out", zipPath],
    ],
    env: {
      PYTHONPATH: pythonPath,
      // Imports must not write __pycache__ into the watched DAGs folder.
      PYTHONDONTWRITEBYTECODE: "1",
      PYTHONUNBUFFERED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    what: "Importing the file",
    describeSpawnError: (error) =>
      error.code === "ENOENT"
        ? `Python DAG files need a Python interpreter, and '${options.python}' was not found. Install Python 3.11 or newer, or point BORDA_PYTHON (--python) at one.`
        : `Starting the Python parser (${options.python}) failed: ${error.message}`,
    attach: (child) => {
      child.stdout?.setEncoding("utf8");
      child.stdout?.on("data", (chunk: string) => {
        stdout += chunk;
      });
    },
  });
  if ("stopped" in end) return end.stopped;
  const line = stdout.trim().split("\n").at(-1) ?? "";
  try {
    if (end.code === 0) return { ok: true, report: JSON.parse(line) as ParseReport };
  } catch {
    // Reported below, with what the child printed.
  }
  return {
    ok: false,
    line: null,
    message: `The Python parser ended (${end.signal ? `signal ${end.signal}` : `exit code ${end.code}`}) without reporting the file's DAGs; is '${options.python}' Python 3.11 or newer?${lastOutput(end.stderrTail)}`,
  };
}
