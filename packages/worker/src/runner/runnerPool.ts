import { tmpdir } from "node:os";
import { type OutputListener, type RunnerCommand, RunnerProcess } from "./runnerProcess.js";

/**
 * Warm runner processes, per bundle hash and runner (Node, or a Python interpreter).
 * Starting an interpreter and importing a bundle costs tens of milliseconds; a warm runner
 * pays that once and then runs task after task of its bundle, one at a time, so a chain
 * of small tasks hops in milliseconds. An idle runner is stopped after `idleMs`, and at
 * most `maxIdle` are kept (the oldest go first).
 */

/** What a runner process runs: a bundle, in one language's runner. */
export interface RunnerTarget {
  bundleHash: string;
  bundlePath: string;
  /** Default: the pool's command (Node running runnerChild.js). */
  command?: RunnerCommand;
  /** Added to the pool's environment (a Python runner's PYTHONPATH). */
  env?: Record<string, string>;
}

export interface RunnerPoolOptions {
  /** The environment of every runner process (the task allowlist, without per-task variables). */
  env: Record<string, string>;
  /** Where runner processes get their working directories. Default the system's temporary directory. */
  tmpDir?: string;
  /** Stop a runner idle this long. Default 60 s. */
  idleMs?: number;
  /** Most idle runners kept over all bundles. Default 8. */
  maxIdle?: number;
  /** Output a runner writes while no task runs. */
  onStrayOutput?: OutputListener;
  /** How a runner process is started. Default Node running runnerChild.js. */
  command?: RunnerCommand;
}

interface IdleRunner {
  runner: RunnerProcess;
  /** The bundle and the runner command: a runner serves only its own. */
  key: string;
  timer: NodeJS.Timeout;
}

export class RunnerPool {
  readonly #options: RunnerPoolOptions;
  /** Idle runners, oldest first. */
  #idle: IdleRunner[] = [];
  readonly #all = new Set<RunnerProcess>();
  readonly #keys = new WeakMap<RunnerProcess, string>();

  constructor(options: RunnerPoolOptions) {
    this.#options = options;
  }

  /**
   * A runner with the bundle loaded: a warm one when one is idle and `reuse` allows, else
   * a new process. Rejects when the bundle cannot be imported, or `signal` aborts first
   * (a bundle whose import never ends is killed with it).
   */
  async acquire(target: RunnerTarget, reuse: boolean, signal: AbortSignal): Promise<RunnerProcess> {
    const key = `${target.bundleHash} ${target.command?.join(" ") ?? ""}`;
    if (reuse) {
      const index = this.#idle.findIndex((idle) => idle.key === key && idle.runner.alive);
      const [idle] = index >= 0 ? this.#idle.splice(index, 1) : [];
      if (idle) {
        clearTimeout(idle.timer);
        return idle.runner;
      }
    }
    const runner = new RunnerProcess({
      bundleHash: target.bundleHash,
      bundlePath: target.bundlePath,
      env: { ...this.#options.env, ...target.env },
      tmpDir: this.#options.tmpDir ?? tmpdir(),
      ...(this.#options.onStrayOutput ? { onStrayOutput: this.#options.onStrayOutput } : {}),
      command: target.command ?? this.#options.command,
    });
    this.#all.add(runner);
    this.#keys.set(runner, key);
    void runner.closed.then(() => {
      this.#all.delete(runner);
      this.#idle = this.#idle.filter((idle) => idle.runner !== runner);
    });
    const kill = () => runner.kill();
    signal.addEventListener("abort", kill, { once: true });
    try {
      await runner.loaded;
    } catch (error) {
      runner.kill();
      throw signal.aborted ? signal.reason : error;
    } finally {
      signal.removeEventListener("abort", kill);
    }
    return runner;
  }

  /** Gives a runner back after its task: kept warm when `reusable`, else stopped. */
  release(runner: RunnerProcess, reusable: boolean): void {
    if (!reusable || !runner.alive) {
      runner.kill();
      return;
    }
    const timer = setTimeout(() => this.#stopIdle(runner), this.#options.idleMs ?? 60_000);
    timer.unref();
    this.#idle.push({ runner, key: this.#keys.get(runner) ?? "", timer });
    while (this.#idle.length > (this.#options.maxIdle ?? 8)) {
      const oldest = this.#idle[0];
      if (oldest) this.#stopIdle(oldest.runner);
    }
  }

  /** Runner processes alive now, idle or busy. */
  get size(): number {
    return this.#all.size;
  }

  /** Kills every runner, idle or busy, and waits until they are gone. */
  async close(): Promise<void> {
    for (const idle of this.#idle) clearTimeout(idle.timer);
    this.#idle = [];
    const all = [...this.#all];
    for (const runner of all) runner.kill();
    await Promise.all(all.map((runner) => runner.closed));
  }

  #stopIdle(runner: RunnerProcess): void {
    const index = this.#idle.findIndex((idle) => idle.runner === runner);
    const [idle] = index >= 0 ? this.#idle.splice(index, 1) : [];
    if (idle) clearTimeout(idle.timer);
    runner.kill();
  }
}
