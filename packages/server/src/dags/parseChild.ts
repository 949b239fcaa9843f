import { type ChildProcess, type SpawnOptions, spawn } from "node:child_process";

/**
 * Runs a child process that imports a user's DAG file (Node's evaluation child, the
 * Python parser), as the DAG processor must: user code runs at import, so it runs away
 * from the server, without the server's environment (no secrets), with a time limit, and
 * killed at once when the processor stops.
 */

/** Why the processor stopped a child itself, in the words an import error shows. */
export interface ParseFailure {
  ok: false;
  message: string;
  line: number | null;
}

export type ChildEnd =
  | { stopped: ParseFailure }
  | { code: number | null; signal: NodeJS.Signals | null; stderrTail: string };

export interface ParseChildOptions {
  command: string;
  args: readonly string[];
  /** Added to the few variables a child gets from the server's environment. */
  env: Record<string, string>;
  stdio: SpawnOptions["stdio"];
  timeoutMs: number;
  signal: AbortSignal;
  /** Names the work in messages: "Evaluating the file", "Importing the file". */
  what: string;
  /** What a failure to start the program means, for the user. */
  describeSpawnError(error: NodeJS.ErrnoException): string;
  /** Sees the child once it is spawned (to read its stdout or messages). */
  attach?(child: ChildProcess): void;
}

const stderrTailChars = 2000;

/** The variables of the server's environment a child sees. */
const passedOn = ["PATH", "HOME", "LANG"];

export function runParseChild(options: ParseChildOptions): Promise<ChildEnd> {
  return new Promise((resolve) => {
    const env: Record<string, string> = { TZ: "UTC" };
    for (const name of passedOn) {
      const value = process.env[name];
      if (value !== undefined) env[name] = value;
    }
    const child = spawn(options.command, options.args, {
      env: { ...env, ...options.env },
      stdio: options.stdio,
    });
    let stopped: ParseFailure | null = null;
    let stderrTail = "";
    const kill = (why: string) => {
      stopped ??= { ok: false, line: null, message: why };
      child.kill("SIGKILL");
    };
    const timer = setTimeout(
      () =>
        kill(
          `${options.what} took longer than ${formatSeconds(options.timeoutMs)} and was stopped. A DAG file is imported at every parse: keep its top level to declaring DAGs (no network calls, waits or endless loops) and do the work inside tasks.`,
        ),
      options.timeoutMs,
    );
    const onAbort = () => kill("The DAG processor stopped.");
    options.signal.addEventListener("abort", onAbort, { once: true });
    if (options.signal.aborted) onAbort();
    child.stderr?.setEncoding("utf8");
    child.stderr?.on("data", (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-stderrTailChars);
    });
    child.on("error", (error) => kill(options.describeSpawnError(error)));
    options.attach?.(child);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      options.signal.removeEventListener("abort", onAbort);
      resolve(stopped ? { stopped } : { code, signal, stderrTail: stderrTail.trim() });
    });
  });
}

/** " Its last output:\n..." when the child wrote anything to stderr, for an error message. */
export function lastOutput(stderrTail: string): string {
  return stderrTail ? ` Its last output:\n${stderrTail}` : "";
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
