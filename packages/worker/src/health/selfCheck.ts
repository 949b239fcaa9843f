import { spawn } from "node:child_process";
import { statfs } from "node:fs/promises";
import os from "node:os";
import { formatByteSize } from "../byteSize.js";
import type { SelfCheckConfig } from "../config.js";
import { formatDuration } from "../formatDuration.js";

/**
 * The worker's own checks, the reasons it puts itself in maintenance (as edge3's automatic
 * maintenance does): free disk of its work directory, available memory, and a health
 * check command, every interval. Each failing check is a problem; none is healthy. A
 * threshold is left only 10% above where it was crossed, so a disk that hovers at the
 * threshold does not flip the worker in and out of maintenance at every check.
 */

export const ProblemKind = {
  disk: "disk",
  memory: "memory",
  healthCheck: "health_check",
} as const;
export type ProblemKind = (typeof ProblemKind)[keyof typeof ProblemKind];

export interface Problem {
  kind: ProblemKind;
  /** For a person: what is wrong, with the figures. */
  reason: string;
}

/** The margin above a threshold at which a disk or memory problem is over. */
const recoveryMargin = 1.1;
/** Of the health check's output, only the end is kept: its last line is the reason. */
const outputTailBytes = 4096;

export interface SelfCheckOptions {
  config: SelfCheckConfig;
  /** The disk that matters: the one the spool and bundle cache live on. */
  workDir: string;
  /** After every round: the problems found, none when healthy. */
  onResult: (problems: Problem[]) => void;
  /** Available memory in bytes (default: the machine's, cgroup limits included where Node tells). */
  availableMemory?: () => number;
}

export class SelfCheck {
  readonly #options: SelfCheckOptions;
  #problems: Problem[] = [];
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(options: SelfCheckOptions) {
    this.#options = options;
  }

  /** Whether any check is configured: without one, nothing runs. */
  get enabled(): boolean {
    const { minFreeDiskBytes, minFreeMemoryBytes, command } = this.#options.config;
    return minFreeDiskBytes !== null || minFreeMemoryBytes !== null || command !== null;
  }

  /** The problems of the last round. */
  get problems(): readonly Problem[] {
    return this.#problems;
  }

  /** Runs a round every interval until `stop()` (the first one an interval from now; `check()` runs one at once). */
  start(): void {
    if (!this.enabled || this.#stopped || this.#timer) return;
    const next = () => {
      this.#timer = setTimeout(() => {
        this.#running = this.check().then(() => {
          if (!this.#stopped) next();
        });
      }, this.#options.config.intervalMs);
      // The checks never keep a stopping worker alive.
      this.#timer.unref();
    };
    next();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  /** One round of every configured check. */
  async check(): Promise<Problem[]> {
    const { config } = this.#options;
    const found = await Promise.all([
      config.minFreeDiskBytes === null ? null : this.#checkDisk(config.minFreeDiskBytes),
      config.minFreeMemoryBytes === null ? null : this.#checkMemory(config.minFreeMemoryBytes),
      config.command === null ? null : this.#runCommand(config.command),
    ]);
    const problems = found.filter((p): p is Problem => p !== null);
    this.#problems = problems;
    this.#options.onResult(problems);
    return problems;
  }

  async #checkDisk(minimum: number): Promise<Problem | null> {
    let free: number;
    try {
      const disk = await statfs(this.#options.workDir);
      free = disk.bavail * disk.bsize;
    } catch (error) {
      // A disk the worker cannot even look at is not one to take work on.
      return {
        kind: ProblemKind.disk,
        reason: `cannot read the free space of ${this.#options.workDir}: ${(error as Error).message}`,
      };
    }
    return this.#belowThreshold(ProblemKind.disk, free, minimum, (f, m) => {
      return `free disk ${formatByteSize(f)} below ${formatByteSize(m)} (${this.#options.workDir})`;
    });
  }

  #checkMemory(minimum: number): Problem | null {
    const available = this.#options.availableMemory?.() ?? availableMemory();
    return this.#belowThreshold(ProblemKind.memory, available, minimum, (a, m) => {
      return `available memory ${formatByteSize(a)} below ${formatByteSize(m)}`;
    });
  }

  /** A problem while `value` is under `minimum`, or, when it already was one, under the recovery margin. */
  #belowThreshold(
    kind: ProblemKind,
    value: number,
    minimum: number,
    describe: (value: number, minimum: number) => string,
  ): Problem | null {
    const wasProblem = this.#problems.some((p) => p.kind === kind);
    const limit = wasProblem ? minimum * recoveryMargin : minimum;
    return value < limit ? { kind, reason: describe(value, minimum) } : null;
  }

  /**
   * Runs the command in a shell, in a process group of its own so a timeout kills all it
   * started. It gets the worker's environment but its token, which is the control plane's
   * key and no business of a probe script.
   */
  #runCommand(command: string): Promise<Problem | null> {
    const { timeoutMs } = this.#options.config;
    const { BORDA_WORKER_TOKEN: _token, ...env } = process.env;
    return new Promise((resolve) => {
      const child = spawn(command, {
        shell: true,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        cwd: this.#options.workDir,
        env,
      });
      let output = "";
      const keep = (data: Buffer) => {
        output = (output + data.toString("utf8")).slice(-outputTailBytes);
      };
      child.stdout.on("data", keep);
      child.stderr.on("data", keep);
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        killGroup(child.pid);
      }, timeoutMs);
      const failed = (reason: string) =>
        resolve({ kind: ProblemKind.healthCheck, reason: `health check failed: ${reason}` });
      child.once("error", (error) => {
        clearTimeout(timer);
        failed(`it could not run: ${error.message}`);
      });
      child.once("close", (code, signal) => {
        clearTimeout(timer);
        const lastLine = output.trimEnd().split("\n").at(-1)?.trim() ?? "";
        if (timedOut) failed(`no answer within ${formatDuration(timeoutMs)}`);
        else if (code === 0) resolve(null);
        else if (lastLine !== "") failed(lastLine);
        else failed(signal ? `killed by ${signal}` : `exit code ${code}`);
      });
    });
  }
}

/** Memory the machine can give: what Node says is available (cgroup-aware from Node 22), else free memory. */
function availableMemory(): number {
  const fromProcess = (process as { availableMemory?: () => number }).availableMemory?.();
  return fromProcess ?? os.freemem();
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // Gone already.
  }
}
