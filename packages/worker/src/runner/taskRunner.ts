import { tmpdir } from "node:os";
import path from "node:path";
import {
  type CallbackInfo,
  checkPokeResult,
  type ExternalStateRequest,
  type ExternalStateResponse,
  type Job,
  maxReportedErrorChars,
  nextPokeDelayMs,
  type PokeResult,
  type Sensor,
  SensorMode,
  sensorTimedOut,
  sensorTimeoutMessage,
  type XcomPullResponse,
} from "@borda/protocol/edge";
import { pythonPath } from "@borda/python";
import { formatDuration } from "../formatDuration.js";
import { LogMasker, type MaskedStream } from "../secrets/logMasker.js";
import type { SecretsResolver } from "../secrets/secretsResolver.js";
import type { AttemptResult, OutputStream } from "../spool/attemptSpool.js";
import type { BundleCache } from "./bundleCache.js";
import { startBash } from "./runBash.js";
import type { RunnerQuestion, RunOutcome } from "./runnerMessages.js";
import type { RunnerPool, RunnerTarget } from "./runnerPool.js";
import { RunnerExitedError } from "./runnerProcess.js";
import { attemptVariables } from "./taskEnv.js";

/**
 * Runs one job to its result. A function task runs in a runner process that has its
 * bundle loaded: a warm one shared by the bundle's tasks, or a fresh one for
 * `isolation: "process"`. A bash task's command is computed in a runner (it may be a
 * function of the context), then run by bash in a process group of its own.
 *
 * Stopping a task (its execution timeout, a drain) aborts `ctx.signal` (or sends bash
 * SIGTERM), then kills the task's whole process tree after a grace period. Killing one
 * (an attempt that is no longer this worker's) kills the tree at once. Either way the task
 * fails with the reason it was stopped.
 *
 * A sensor's job runs its poke, each run one poke (its result `{ done, value }`): in poke
 * mode the worker pokes again after each interval until the sensor's timeout, holding
 * the slot; in reschedule mode a false poke ends the attempt as a reschedule, and the
 * control plane decides when the next poke runs (sensorPolicy.ts in the protocol).
 *
 * A running task may ask for XCom entries, connections and variables (runnerMessages.ts);
 * every secret it obtains is masked in its output and in its failure (secrets/logMasker.ts).
 */

export interface TaskRunnerOptions {
  bundles: BundleCache;
  pool: RunnerPool;
  /** The environment every task process starts with (see taskEnv.ts). */
  env: Record<string, string>;
  /** Where a bash task without a `cwd` gets a fresh directory. Default the system's temporary directory. */
  tmpDir?: string;
  /** Between aborting a task and killing its processes. Default 5 s. */
  killGraceMs?: number;
  /** Largest return value, serialised. Default 1 MiB. */
  maxReturnValueBytes?: number;
  /** The interpreter of Python tasks that name none. Default `python3`. */
  python?: string;
  /** Reads XCom entries of a job's run, for a task that pulls them (the control plane's). */
  pullXcoms?(
    job: Job,
    request: { taskIds?: string[]; key: string },
  ): Promise<XcomPullResponse["values"]>;
  /** Another DAG's run or task state, for an external-task sensor (the control plane's). */
  externalState?(job: Job, request: ExternalStateRequest): Promise<ExternalStateResponse>;
  /** Where tasks' connections and variables come from: the worker's own, then the control plane's. */
  secrets?: SecretsResolver;
}

/** Where a task's output and the worker's notes about it go (an attempt's spool). */
export interface TaskOutput {
  write(stream: OutputStream, text: string): void;
  note(text: string): void;
}

export interface RunningTask {
  readonly result: Promise<AttemptResult>;
  /**
   * Asks the task to stop and kills its processes after the grace period; it fails with
   * `reason` ("killed: worker drained after 300 s").
   */
  stop(reason: string): void;
  /**
   * Kills the task's processes at once, without asking, even during a grace period that
   * began earlier: for an attempt whose retry may already run elsewhere, where a copy that
   * keeps going for the grace period could still do its work twice.
   */
  kill(reason: string): void;
}

/** How a running task is asked to end: `signal` aborts with the reason; `now` once it must die at once. */
interface StopRequest {
  readonly signal: AbortSignal;
  readonly now: AbortSignal;
}

export class TaskRunner {
  readonly #options: TaskRunnerOptions;

  constructor(options: TaskRunnerOptions) {
    this.#options = options;
  }

  /** Runs `job`; with `callback`, the task's (or DAG's) callback for it instead (callbackRunner.ts). */
  start(job: Job & { callback?: CallbackInfo }, output: TaskOutput): RunningTask {
    const masker = new LogMasker();
    const masked = maskedOutput(output, masker);
    const stopper = new AbortController();
    const killer = new AbortController();
    const stop = (reason: string) => {
      if (!stopper.signal.aborted) stopper.abort(reason);
    };
    // `now` first: a stop that follows sees it, and one that came earlier is cut short.
    const kill = (reason: string) => {
      killer.abort();
      stop(reason);
    };
    const timer =
      job.executionTimeoutMs === null
        ? undefined
        : setTimeout(
            () =>
              stop(
                `timed out after ${formatDuration(job.executionTimeoutMs ?? 0)} (the task's executionTimeout)`,
              ),
            job.executionTimeoutMs,
          );
    const result = this.#run(job, masked, masker, { signal: stopper.signal, now: killer.signal })
      .catch((error: unknown) => failure(`The worker could not run the task: ${String(error)}`))
      .then((result): AttemptResult => {
        clearTimeout(timer);
        masked.flush();
        if (result.outcome !== "failure") return result;
        // Masked before it is cut short, so no secret is cut in two and left half shown.
        const error = truncated(masker.mask(result.error));
        output.note(
          result.skipped ? `The task skipped itself: ${error}` : `The attempt failed: ${error}`,
        );
        return { ...result, error };
      });
    return { result, stop, kill };
  }

  async #run(
    job: Job & { callback?: CallbackInfo },
    output: TaskOutput,
    masker: LogMasker,
    request: StopRequest,
  ): Promise<AttemptResult> {
    const { bundles, pool } = this.#options;
    const stop = request.signal;
    const stopped = () => failure(String(stop.reason));
    const python = job.runtime === "python";
    let bundlePath: string;
    try {
      bundlePath = await bundles.path(job.bundleHash, stop, python ? "zip" : "mjs");
    } catch (error) {
      return stop.aborted ? stopped() : failure((error as Error).message);
    }
    if (stop.aborted) return stopped();
    const warm = job.isolation === "warm";
    const interpreter = job.python?.interpreter ?? this.#options.python ?? "python3";
    let runner: Awaited<ReturnType<RunnerPool["acquire"]>>;
    try {
      runner = await pool.acquire(
        python
          ? {
              bundleHash: job.bundleHash,
              bundlePath,
              ...pythonRunner(interpreter, this.#options.env),
            }
          : { bundleHash: job.bundleHash, bundlePath },
        warm,
        stop,
      );
    } catch (error) {
      if (stop.aborted) return stopped();
      const message = (error as Error).message;
      return failure(
        python && /ENOENT/.test(message)
          ? `Python tasks need a Python interpreter, and '${interpreter}' was not found on this worker. Install Python 3.11 or newer, or point BORDA_PYTHON (--python) at one.`
          : message,
      );
    }

    const runOnce = () =>
      this.#whileStoppable(
        request,
        output,
        () => runner.abort(String(stop.reason)),
        () => runner.kill(),
        () =>
          runner
            .run(
              {
                dagId: job.dagId,
                taskId: job.taskId,
                context: job.context,
                env: attemptVariables(job),
                maxReturnValueBytes: this.#maxReturnValueBytes,
                ...(job.python ? { python: job.python } : {}),
                ...(job.sensor ? { sensor: true } : {}),
                ...(job.callback ? { callback: job.callback } : {}),
              },
              (stream, text) => output.write(stream, text),
              { ask: (question) => this.#answer(job, masker, question) },
            )
            .catch((error: unknown): RunOutcome => {
              if (error instanceof RunnerExitedError)
                return { kind: "failed", error: error.message };
              throw error;
            }),
      );
    const outcome = job.sensor
      ? await this.#poke(job.sensor, runOnce, output, stop)
      : await runOnce();
    // A stopped task may have left processes in its runner's group: that runner goes too.
    pool.release(runner, warm && !stop.aborted);
    if (stop.aborted) return stopped();

    switch (outcome.kind) {
      case "failed":
        return failure(outcome.error);
      case "reschedule":
        return { outcome: "reschedule" };
      case "sensorTimeout":
        return { outcome: "failure", error: outcome.error, exitCode: null, sensorTimeout: true };
      case "skipped":
        return { outcome: "failure", error: outcome.reason, exitCode: null, skipped: true };
      case "returned":
        return {
          outcome: "success",
          ...(outcome.json === null ? {} : { returnValue: JSON.parse(outcome.json) }),
          ...(outcome.xcoms
            ? {
                xcoms: Object.fromEntries(
                  Object.entries(outcome.xcoms).map(([key, json]) => [key, JSON.parse(json)]),
                ),
              }
            : {}),
          ...(outcome.renderedMapIndex ? { renderedMapIndex: outcome.renderedMapIndex } : {}),
        };
      case "bash":
        return this.#runBash(job, outcome, output, request);
    }
  }

  /**
   * Pokes until the sensor's condition holds (the poke's value becomes the task's
   * result), its timeout passes (poke mode; counted from the try's first poke), or one
   * false poke in reschedule mode ends the attempt. The runner is held between pokes:
   * poke mode keeps its slot, as in Airflow.
   */
  async #poke(
    sensor: Sensor,
    runOnce: () => Promise<RunOutcome>,
    output: TaskOutput,
    stop: AbortSignal,
  ): Promise<SensorOutcome> {
    // A poke-mode try is one attempt: its first poke is this one. (A reschedule-mode try
    // spans attempts, and the control plane times it.)
    const firstPokeAt = Date.now();
    for (let pokes = 1; ; pokes++) {
      const outcome = await runOnce();
      if (outcome.kind !== "returned" || stop.aborted) return outcome;
      let poke: PokeResult;
      try {
        poke = checkPokeResult(outcome.json === null ? null : JSON.parse(outcome.json), "");
      } catch {
        return {
          kind: "failed",
          error: `A sensor's poke must return true, false or { done, value } (PokeReturnValue); it returned ${outcome.json ?? "nothing"}.`,
        };
      }
      if (poke.done) {
        const json = poke.value === undefined ? null : JSON.stringify(poke.value);
        return { kind: "returned", json, ...(outcome.xcoms ? { xcoms: outcome.xcoms } : {}) };
      }
      if (sensor.mode === SensorMode.reschedule) {
        output.note(
          "The condition is not met yet: rescheduled, the slot is free until the next poke.",
        );
        return { kind: "reschedule" };
      }
      const elapsedMs = Date.now() - firstPokeAt;
      if (sensorTimedOut(sensor, elapsedMs)) {
        return { kind: "sensorTimeout", error: sensorTimeoutMessage(sensor) };
      }
      const delayMs = nextPokeDelayMs(sensor, pokes, elapsedMs);
      output.note(`The condition is not met yet: poking again in ${formatDuration(delayMs)}.`);
      await abortableDelay(delayMs, stop);
      if (stop.aborted) return { kind: "failed", error: String(stop.reason) };
    }
  }

  /** What the task asked for; a secret is added to the attempt's masks before the task has it. */
  async #answer(job: Job, masker: LogMasker, question: RunnerQuestion): Promise<unknown> {
    const { pullXcoms, secrets } = this.#options;
    switch (question.kind) {
      case "xcomPull": {
        if (!pullXcoms) throw new Error("This worker cannot read XComs.");
        const { taskIds, key } = question;
        return pullXcoms(job, { ...(taskIds ? { taskIds } : {}), key });
      }
      case "connection": {
        if (!secrets) throw new Error("This worker cannot read connections.");
        const connection = await secrets.connection(job.attemptId, question.connId);
        masker.addConnection(connection);
        return connection;
      }
      case "variable": {
        if (!secrets) throw new Error("This worker cannot read variables.");
        const value = await secrets.variable(job.attemptId, question.key);
        masker.addVariable(question.key, value);
        return value;
      }
      case "externalState": {
        if (!this.#options.externalState) throw new Error("This worker cannot read DAG states.");
        const { dagId, taskId, logicalDate, checkExistence } = question;
        return this.#options.externalState(job, {
          dagId,
          taskId,
          logicalDate,
          ...(checkExistence ? { checkExistence } : {}),
        });
      }
    }
  }

  async #runBash(
    job: Job,
    command: Extract<RunOutcome, { kind: "bash" }>,
    output: TaskOutput,
    request: StopRequest,
  ): Promise<AttemptResult> {
    const bash = await startBash({
      command: command.command,
      env: { ...this.#options.env, ...attemptVariables(job), ...command.env },
      cwd: command.cwd,
      tmpDir: this.#options.tmpDir ?? tmpdir(),
      output: (stream, text) => output.write(stream, text),
    });
    const exit = await this.#whileStoppable(
      request,
      output,
      () => bash.signal("SIGTERM"),
      () => bash.signal("SIGKILL"),
      () => bash.finished,
    );
    if (request.signal.aborted) return failure(String(request.signal.reason));
    if (!exit.started) return failure(exit.error);
    if (exit.signal !== null) return failure(`bash was killed by ${exit.signal}.`);
    if (exit.exitCode !== 0) {
      return failure(`bash exited with code ${exit.exitCode}.`, exit.exitCode);
    }
    const bytes = Buffer.byteLength(JSON.stringify(exit.lastLine), "utf8");
    if (bytes > this.#maxReturnValueBytes) {
      return failure(
        `The last line of the command's output is ${bytes} bytes; the limit for a result is ${this.#maxReturnValueBytes}: write large output to a file and print its path last.`,
      );
    }
    return { outcome: "success", returnValue: exit.lastLine };
  }

  /**
   * Waits for `work`. When a stop is requested meanwhile, asks the task to stop and kills
   * it after the grace period; when it must die at once (then or later), kills it now.
   */
  async #whileStoppable<T>(
    stop: StopRequest,
    output: TaskOutput,
    askToStop: () => void,
    kill: () => void,
    work: () => Promise<T>,
  ): Promise<T> {
    const graceMs = this.#options.killGraceMs ?? 5000;
    let graceTimer: NodeJS.Timeout | undefined;
    const killNow = () => {
      clearTimeout(graceTimer);
      kill();
    };
    const onStop = () => {
      const reason = String(stop.signal.reason);
      if (stop.now.aborted) {
        output.note(`${reason}: killing the task's processes now.`);
        kill();
        return;
      }
      output.note(
        `${reason}: stopping the task; its processes are killed in ${formatDuration(graceMs)} if it has not ended.`,
      );
      askToStop();
      graceTimer = setTimeout(kill, graceMs);
      stop.now.addEventListener("abort", killNow, { once: true });
    };
    if (stop.signal.aborted) onStop();
    else stop.signal.addEventListener("abort", onStop, { once: true });
    try {
      return await work();
    } finally {
      stop.signal.removeEventListener("abort", onStop);
      stop.now.removeEventListener("abort", killNow);
      clearTimeout(graceTimer);
    }
  }

  get #maxReturnValueBytes(): number {
    return this.#options.maxReturnValueBytes ?? 1024 * 1024;
  }
}

/** What a sensor's pokes came to: a run's outcome, or a sensor's own ends. */
type SensorOutcome = RunOutcome | { kind: "reschedule" } | { kind: "sensorTimeout"; error: string };

/** Resolves after `ms`, or at once when `signal` aborts. */
function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

function failure(error: string, exitCode: number | null = null): AttemptResult {
  return { outcome: "failure", error, exitCode };
}

/** An error as long as a failure report takes. */
function truncated(error: string): string {
  return error.length > maxReportedErrorChars
    ? `${error.slice(0, maxReportedErrorChars - 20)}\n... (truncated)`
    : error;
}

/**
 * `output` with the attempt's secrets masked: each stream as a stream (`flush()` writes
 * what it holds back, at the attempt's end), each note whole.
 */
function maskedOutput(output: TaskOutput, masker: LogMasker): TaskOutput & { flush(): void } {
  const streams = new Map<OutputStream, MaskedStream>();
  return {
    write: (stream, text) => {
      let masked = streams.get(stream);
      if (!masked) {
        masked = masker.stream((done) => output.write(stream, done));
        streams.set(stream, masked);
      }
      masked.write(text);
    },
    note: (text) => output.note(masker.mask(text)),
    flush: () => {
      for (const stream of streams.values()) stream.flush();
    },
  };
}

/**
 * A Python runner: the interpreter running `borda._runtime.runner`, with Borda's Python
 * runtime first on its path (ahead of a PYTHONPATH the worker passes on to tasks).
 */
function pythonRunner(
  interpreter: string,
  env: Record<string, string>,
): Pick<RunnerTarget, "command" | "env"> {
  return {
    command: [interpreter, "-m", "borda._runtime.runner"],
    env: {
      PYTHONPATH: [pythonPath, env.PYTHONPATH].filter(Boolean).join(path.delimiter),
      PYTHONUNBUFFERED: "1",
      PYTHONDONTWRITEBYTECODE: "1",
    },
  };
}
