import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Imports a DAG bundle in a child process and collects the specs of the DAGs it exports.
 * User code runs at import, so it runs away from the server: with a time limit, without
 * the server's environment (no secrets), and killed with the processor.
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
const stderrTailChars = 2000;

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

function runChild(bundlePath: string, options: EvaluateOptions): Promise<Evaluation> {
  return new Promise((resolve) => {
    const env: Record<string, string> = { TZ: "UTC" };
    for (const name of ["PATH", "HOME"]) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    const child = spawn(
      process.execPath,
      ["--enable-source-maps", childEntry, bundlePath, options.sourceFile],
      { env, stdio: ["ignore", "ignore", "pipe", "ipc"] },
    );
    let reported: Evaluation | null = null;
    let stopped: Evaluation | null = null;
    let stderr = "";
    const kill = (why: Evaluation) => {
      stopped ??= why;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(
      () =>
        kill({
          ok: false,
          line: null,
          message: `Evaluating the file took longer than ${formatSeconds(options.timeoutMs)} and was stopped. A DAG file is imported at every parse: keep its top level to declaring DAGs (no network calls, waits or endless loops) and do the work inside tasks.`,
        }),
      options.timeoutMs,
    );
    const onAbort = () => kill({ ok: false, line: null, message: "The DAG processor stopped." });
    options.signal.addEventListener("abort", onAbort, { once: true });
    if (options.signal.aborted) onAbort();

    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-stderrTailChars);
    });
    child.on("message", (message) => {
      reported ??= message as Evaluation;
    });
    child.on("error", (error) =>
      kill({
        ok: false,
        line: null,
        message: `Starting the evaluation process failed: ${error.message}`,
      }),
    );
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      options.signal.removeEventListener("abort", onAbort);
      resolve(
        reported ??
          stopped ?? {
            ok: false,
            line: null,
            message: `The file's evaluation ended (${signal ? `signal ${signal}` : `exit code ${code}`}) before reporting its DAGs; does it call process.exit() or crash the process?${stderr.trim() ? ` Its last output:\n${stderr.trim()}` : ""}`,
          },
      );
    });
  });
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
