import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { lastOutput, runParseChild } from "./parseChild.js";

/**
 * Imports a DAG bundle in a child process (see parseChild.ts) and collects the specs of
 * the DAGs it exports.
 */

/** One exported DAG, as the child reports it. */
export interface EvaluatedDag {
  /** The spec as the handle gave it: plain JSON, not yet validated. */
  spec: unknown;
  /** Line of the `dag()` call in the file, when known. */
  line: number | null;
  /** Line of each task's declaration in the file, when known. */
  taskLines: Record<string, number>;
}

/** What the child sends over IPC (also a failure the parent detects itself). */
export type Evaluation =
  | { ok: true; dags: EvaluatedDag[] }
  | { ok: false; message: string; line: number | null };

export interface EvaluateOptions {
  /** The file's path as the bundle's source map names it (relative, forward slashes). */
  sourceFile: string;
  timeoutMs: number;
  /** Kills the child at once (the processor is stopping). */
  signal: AbortSignal;
}

const childEntry = createRequire(import.meta.url).resolve("@borda/server/dags/evaluateBundleChild");

export async function evaluateBundle(
  content: Uint8Array,
  options: EvaluateOptions,
): Promise<Evaluation> {
  const dir = await mkdtemp(path.join(tmpdir(), "borda-parse-"));
  try {
    const bundlePath = path.join(dir, "bundle.mjs");
    await writeFile(bundlePath, content);
    return await runChild(bundlePath, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function runChild(bundlePath: string, options: EvaluateOptions): Promise<Evaluation> {
  let reported: Evaluation | null = null;
  const end = await runParseChild({
    command: process.execPath,
    args: ["--enable-source-maps", childEntry, bundlePath, options.sourceFile],
    env: {},
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    what: "Evaluating the file",
    describeSpawnError: (error) => `Starting the evaluation process failed: ${error.message}`,
    attach: (child) =>
      child.on("message", (message) => {
        reported ??= message as Evaluation;
      }),
  });
  if ("stopped" in end) return end.stopped;
  return (
    reported ?? {
      ok: false,
      line: null,
      message: `The file's evaluation ended (${end.signal ? `signal ${end.signal}` : `exit code ${end.code}`}) before reporting its DAGs; does it call process.exit() or crash the process?${lastOutput(end.stderrTail)}`,
    }
  );
}
