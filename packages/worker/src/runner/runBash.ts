import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { signalProcessGroup } from "./processTree.js";
import type { OutputListener } from "./runnerProcess.js";

/**
 * Runs a bash task's command as `bash -c <command>` in a process group of its own. When
 * bash exits, whatever it left running in its group is killed too: a task's processes
 * end with the task. Its result is the last line it wrote to stdout (as Airflow's
 * BashOperator).
 */

export interface BashRun {
  command: string;
  env: Record<string, string>;
  /** Null: a fresh directory in `tmpDir`, removed afterwards. */
  cwd: string | null;
  tmpDir: string;
  output: OutputListener;
}

export interface BashProcess {
  readonly finished: Promise<BashExit>;
  /** Sends `signal` to the whole process group. */
  signal(signal: NodeJS.Signals): void;
}

export type BashExit =
  | { started: true; exitCode: number | null; signal: NodeJS.Signals | null; lastLine: string }
  | { started: false; error: string };

/** Longest last line kept (the result limit applies to it after). */
const maxLastLineChars = 1024 * 1024;

export async function startBash(run: BashRun): Promise<BashProcess> {
  const temporary = run.cwd === null ? await mkdtemp(path.join(run.tmpDir, "task-")) : null;
  const cwd = run.cwd ?? temporary ?? ".";
  const child = spawn("bash", ["-c", run.command], {
    cwd,
    env: run.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let partial = "";
  let lastComplete = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (text: string) => {
    run.output("stdout", text);
    const lines = (partial + text).split("\n");
    partial = (lines.pop() ?? "").slice(-maxLastLineChars);
    if (lines.length > 0) lastComplete = (lines.at(-1) ?? "").slice(-maxLastLineChars);
  });
  child.stderr.on("data", (text: string) => run.output("stderr", text));
  const finished = new Promise<BashExit>((resolve) => {
    let exit: { exitCode: number | null; signal: NodeJS.Signals | null } | null = null;
    let failed: string | null = null;
    child.on("error", (error) => {
      failed =
        (error as NodeJS.ErrnoException).code === "ENOENT" && run.cwd !== null
          ? `Cannot start bash in ${run.cwd}: ${error.message} (does the directory exist, and is bash installed?)`
          : `Cannot start bash: ${error.message}`;
    });
    child.on("exit", (exitCode, signal) => {
      exit = { exitCode, signal };
      signalProcessGroup(child.pid, "SIGKILL");
    });
    child.on("close", () => {
      void (temporary ? rm(temporary, { recursive: true, force: true }) : Promise.resolve()).then(
        () => {
          if (exit) {
            const lastLine = (partial !== "" ? partial : lastComplete).replace(/\r$/, "");
            resolve({ started: true, ...exit, lastLine });
          } else {
            resolve({ started: false, error: failed ?? "bash did not start" });
          }
        },
      );
    });
  });
  return {
    finished,
    signal: (signal) => {
      if (child.exitCode === null && child.signalCode === null)
        signalProcessGroup(child.pid, signal);
    },
  };
}
