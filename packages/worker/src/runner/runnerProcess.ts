import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Readable } from "node:stream";
import { BordaError, ErrorCode } from "@borda/protocol/edge";
import { signalProcessGroup } from "./processTree.js";
import type {
  AnswerError,
  FromRunner,
  RunnerQuestion,
  RunOutcome,
  ToRunner,
} from "./runnerMessages.js";

/**
 * The worker's side of one runner process (runnerChild.ts): a Node process that has
 * imported one DAG bundle and runs its tasks, one at a time. It is spawned detached, in a
 * process group of its own, so `kill()` ends it with everything its tasks started.
 */

/**
 * The program and arguments that start a runner process; the bundle's path is appended.
 * From the packages: Node running runnerChild.js. A worker bundled into a single file has
 * no runnerChild.js beside it, so it passes a command that starts itself again as a
 * runner (packages/cli/src/workerMain.ts).
 */
export type RunnerCommand = readonly [program: string, ...args: string[]];

/** Resolved when first needed: a single-file worker has no package to resolve it in. */
let packagedRunnerCommand: RunnerCommand | undefined;

function defaultRunnerCommand(): RunnerCommand {
  packagedRunnerCommand ??= [
    process.execPath,
    createRequire(import.meta.url).resolve("@borda/worker/runner/runnerChild"),
  ];
  return packagedRunnerCommand;
}

export type OutputListener = (stream: "stdout" | "stderr", text: string) => void;

/** What a running task may ask of the worker while it runs. */
export interface RunServices {
  /**
   * The answer's value (runnerMessages.ts says which for each kind of question). A
   * rejection with a `BordaError` coded `not_found` or `forbidden` reaches the task with
   * that code; any other, as `failed`. Either way the task gets the error's message.
   */
  ask(question: RunnerQuestion): Promise<unknown>;
}

export type RunRequest = Omit<Extract<ToRunner, { type: "run" }>, "type" | "endMarker">;

/** The runner process ended before it finished what it was asked. */
export class RunnerExitedError extends Error {
  override name = "RunnerExitedError";
}

export interface RunnerSpawnOptions {
  bundleHash: string;
  bundlePath: string;
  /** The whole environment of the process (the task allowlist). */
  env: Record<string, string>;
  /** Where the process gets a working directory of its own. */
  tmpDir: string;
  /** Default Node running runnerChild.js. */
  command?: RunnerCommand;
  /** Output written while no task runs (a task's leftover timer); default dropped. */
  onStrayOutput?: OutputListener;
}

interface CurrentRun {
  endMarker: string;
  output: OutputListener;
  services: RunServices | undefined;
  outcome: RunOutcome | null;
  markerSeen: { stdout: boolean; stderr: boolean };
  resolve(outcome: RunOutcome): void;
  reject(error: Error): void;
}

const stderrTailChars = 2000;

export class RunnerProcess {
  readonly bundleHash: string;
  /** Settles once the bundle is imported; rejects with why it could not be. */
  readonly loaded: Promise<void>;
  /** Settles once the process has exited and its output is read to the end. */
  readonly closed: Promise<void>;
  readonly #child: ChildProcess;
  readonly #cwd: string;
  readonly #onStrayOutput: OutputListener;
  readonly #pending = { stdout: "", stderr: "" };
  #current: CurrentRun | null = null;
  #exit: string | null = null;
  #stderrTail = "";

  constructor(options: RunnerSpawnOptions) {
    this.bundleHash = options.bundleHash;
    this.#onStrayOutput = options.onStrayOutput ?? (() => {});
    // A directory of its own, so files a task writes to "." do not land among the worker's.
    this.#cwd = mkdtempSync(path.join(options.tmpDir, "runner-"));
    const [program, ...args] = options.command ?? defaultRunnerCommand();
    this.#child = spawn(program, [...args, options.bundlePath], {
      cwd: this.#cwd,
      env: options.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    this.#watch("stdout", this.#child.stdout);
    this.#watch("stderr", this.#child.stderr);

    let settleLoad: { resolve(): void; reject(error: Error): void } | undefined;
    this.loaded = new Promise<void>((resolve, reject) => {
      settleLoad = { resolve, reject };
    });
    this.loaded.catch(() => {});
    this.#child.on("message", (message: FromRunner) => {
      if (message.type === "loaded") settleLoad?.resolve();
      else if (message.type === "loadFailed") settleLoad?.reject(new Error(message.error));
      else if (message.type === "done" && this.#current) {
        this.#current.outcome = message.outcome;
        this.#settleIfComplete();
      } else if (message.type === "ask") {
        this.#answer(message.requestId, message.question);
      }
    });
    this.closed = new Promise<void>((resolve) => {
      const ended = (why: string) => {
        this.#exit ??= why;
        // Whatever the runner left behind in its group goes with it.
        signalProcessGroup(this.#child.pid, "SIGKILL");
      };
      this.#child.on("exit", (code, signal) =>
        ended(signal ? `killed by ${signal}` : `exit code ${code}`),
      );
      this.#child.on("error", (error) => ended(`failed to start: ${error.message}`));
      this.#child.on("close", () => {
        rmSync(this.#cwd, { recursive: true, force: true });
        const tail = this.#stderrTail.trim();
        const why = `The runner process ended (${this.#exit ?? "closed"})`;
        settleLoad?.reject(
          new RunnerExitedError(
            `${why} before it loaded the DAG bundle${tail ? `. Its last output:\n${tail}` : "."}`,
          ),
        );
        this.#current?.reject(
          new RunnerExitedError(
            `${why} before the task finished: did the task call process.exit() or crash the process? Its output is in the log above.`,
          ),
        );
        this.#current = null;
        resolve();
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  /** True until the process has exited. */
  get alive(): boolean {
    return this.#exit === null;
  }

  /** Runs a task; `output` receives everything the task writes until it ends. */
  run(request: RunRequest, output: OutputListener, services?: RunServices): Promise<RunOutcome> {
    if (this.#current) throw new Error("a runner runs one task at a time");
    return new Promise<RunOutcome>((resolve, reject) => {
      if (!this.alive) {
        reject(new RunnerExitedError(`The runner process ended (${this.#exit}).`));
        return;
      }
      const endMarker = `\0borda-run-end:${randomUUID()}\n`;
      this.#current = {
        endMarker,
        output,
        services,
        outcome: null,
        markerSeen: { stdout: false, stderr: false },
        resolve,
        reject,
      };
      // About 600 bytes for a no-op task. What it costs is the write and the runner's
      // wake-up, not its size (100 bytes and 5 KB cost the worker the same), so leaving
      // out what the runner could derive (its env from the context) would not pay.
      this.#send({ type: "run", ...request, endMarker });
    });
  }

  /** Aborts the running task's `ctx.signal`. */
  abort(reason: string): void {
    this.#send({ type: "abort", reason });
  }

  /** Kills the process and its whole group at once. */
  kill(): void {
    if (this.alive) signalProcessGroup(this.#child.pid, "SIGKILL");
  }

  #answer(requestId: number, question: RunnerQuestion): void {
    const services = this.#current?.services;
    if (!services) {
      const error = { code: "failed", message: "No task is running to ask for." } as const;
      this.#send({ type: "answer", requestId, error });
      return;
    }
    services.ask(question).then(
      (value) => this.#send({ type: "answer", requestId, value }),
      (error: unknown) => this.#send({ type: "answer", requestId, error: answerError(error) }),
    );
  }

  #send(message: ToRunner): void {
    if (!this.#child.connected) return;
    try {
      this.#child.send(message);
    } catch {
      // The channel closed under us: the "close" handler reports the exit.
    }
  }

  #settleIfComplete(): void {
    const current = this.#current;
    if (!current || current.outcome === null) return;
    if (!current.markerSeen.stdout || !current.markerSeen.stderr) return;
    this.#current = null;
    current.resolve(current.outcome);
  }

  /**
   * Routes a stream's text to the current run until its end marker shows up. A tail that
   * could be the start of the marker is held back until the next chunk decides.
   */
  #watch(name: "stdout" | "stderr", stream: Readable | null): void {
    if (!stream) return;
    stream.setEncoding("utf8");
    const deliver = (text: string, to: OutputListener) => {
      if (text === "") return;
      if (name === "stderr") this.#stderrTail = (this.#stderrTail + text).slice(-stderrTailChars);
      to(name, text);
    };
    stream.on("data", (chunk: string) => {
      const text = this.#pending[name] + chunk;
      this.#pending[name] = "";
      const current = this.#current;
      if (!current || current.markerSeen[name]) {
        deliver(text, this.#onStrayOutput);
        return;
      }
      const at = text.indexOf(current.endMarker);
      if (at >= 0) {
        deliver(text.slice(0, at), current.output);
        current.markerSeen[name] = true;
        deliver(text.slice(at + current.endMarker.length), this.#onStrayOutput);
        this.#settleIfComplete();
        return;
      }
      const nul = text.lastIndexOf("\0");
      if (nul >= 0 && current.endMarker.startsWith(text.slice(nul))) {
        this.#pending[name] = text.slice(nul);
        deliver(text.slice(0, nul), current.output);
      } else {
        deliver(text, current.output);
      }
    });
    stream.on("end", () => {
      deliver(this.#pending[name], this.#current?.output ?? this.#onStrayOutput);
      this.#pending[name] = "";
    });
  }
}

/** How a rejected ask reaches the task: the not_found and forbidden codes kept, all else `failed`. */
function answerError(error: unknown): AnswerError {
  const message = error instanceof Error ? error.message : String(error);
  if (
    error instanceof BordaError &&
    (error.code === ErrorCode.notFound || error.code === ErrorCode.forbidden)
  ) {
    return { code: error.code, message };
  }
  return { code: "failed", message };
}
