import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import {
  BordaError,
  ErrorCode,
  type RegisterResponse,
  type ReportedWorkerState,
} from "@borda/protocol/edge";
import { CallbackRunner } from "./callbackRunner.js";
import type { BackoffOptions } from "./client/backoff.js";
import { EdgeClient } from "./client/edgeClient.js";
import type { WorkerConfig } from "./config.js";
import { ControlPlaneLoops } from "./controlPlaneLoops.js";
import { formatDuration } from "./formatDuration.js";
import { type HealthServer, type Readiness, startHealthServer } from "./health/healthServer.js";
import { SelfCheck } from "./health/selfCheck.js";
import { WorkerMetrics } from "./health/workerMetrics.js";
import { HeldAttempts } from "./heldAttempts.js";
import { loadInstanceId } from "./instanceId.js";
import { Lifecycle, Link, linkTiming, reportedState, State } from "./lifecycle.js";
import { createLogger, type Logger } from "./logger.js";
import { checkControlPlane, type RegistrationContext, register } from "./registration.js";
import { BundleCache } from "./runner/bundleCache.js";
import { RunnerPool } from "./runner/runnerPool.js";
import { baseTaskEnvironment } from "./runner/taskEnv.js";
import { TaskRunner } from "./runner/taskRunner.js";
import { LocalSecrets } from "./secrets/localSecrets.js";
import { controlPlaneSecrets, SecretsResolver } from "./secrets/secretsResolver.js";
import { Wakeup } from "./wakeup.js";
import type { EdgeWorkerOptions } from "./workerOptions.js";

/**
 * The edge worker: registers with the control plane, heartbeats, long-polls for jobs as
 * many as its free slots hold, runs each at once and reports it, shipping logs as it
 * goes. It follows the control plane's directives (queues, concurrency, maintenance,
 * shutdown, cancels) from every heartbeat and fetch answer. When the control plane is
 * away it keeps running its tasks and spooling, and catches up when it returns; what it
 * gave up meanwhile is killed as soon as it says so.
 *
 * This class puts the parts together: the phase and the link live in `Lifecycle`,
 * start-up in registration.ts, the attempts in `HeldAttempts`, the heartbeat and fetch
 * loops in `ControlPlaneLoops`.
 *
 * In use: `start()` resolves once registered (or rejects at once with a message that
 * says what to fix); `drain()` (SIGTERM) stops taking work, lets running tasks finish up
 * to the drain timeout, kills the rest, reports `offline`; `stopped` settles then.
 */

export class EdgeWorker {
  /** The configuration in effect; the control plane's directives change queues and concurrency. */
  readonly config: WorkerConfig;
  /** Settles when the worker has stopped (after a drain, or a failed start). */
  readonly stopped: Promise<void>;
  readonly #options: EdgeWorkerOptions;
  readonly #logger: Logger;
  readonly #client: EdgeClient;
  readonly #pool: RunnerPool;
  readonly #lifecycle: Lifecycle;
  readonly #attempts: HeldAttempts;
  readonly #callbacks: CallbackRunner;
  /** Working directories of runner processes and bash tasks; emptied at start-up. */
  readonly #tmpDir: string;
  /** Woken when slots free up, directives change, attempts end or the phase moves. */
  readonly #changed = new Wakeup();
  readonly #heartbeatDue = new Wakeup();
  #resolveStopped: () => void = () => {};
  /** Created once registered. */
  #loops: ControlPlaneLoops | null = null;
  #drainDeadline = Number.POSITIVE_INFINITY;
  #health: HealthServer | null = null;
  readonly #metrics: WorkerMetrics;
  readonly #selfCheck: SelfCheck;

  constructor(config: WorkerConfig, options: EdgeWorkerOptions = {}) {
    this.config = { ...config, queues: [...config.queues], taskEnv: [...config.taskEnv] };
    this.#options = options;
    this.#logger =
      options.logger ??
      createLogger({
        level: config.logLevel,
        format:
          config.logFormat === "auto" ? (process.stderr.isTTY ? "text" : "json") : config.logFormat,
      });
    this.stopped = new Promise((resolve) => {
      this.#resolveStopped = resolve;
    });
    this.#client = new EdgeClient({
      apiUrl: config.apiUrl,
      token: config.token,
      workerName: config.hostname,
    });
    this.#lifecycle = new Lifecycle({
      logger: this.#logger,
      timing: linkTiming({ heartbeatIntervalMs: config.heartbeatIntervalMs }),
      heldAttempts: () => this.#attempts.ids.length,
      onChange: () => {
        this.#changed.wake();
        this.#heartbeatDue.wake();
      },
      onReconnected: () => this.#metrics.reconnected(),
    });
    this.#selfCheck = new SelfCheck({
      config: config.selfCheck,
      workDir: config.workDir,
      onResult: (problems) => {
        const reason = problems.length === 0 ? null : problems.map((p) => p.reason).join("; ");
        if (this.#loops) this.#loops.selfChecked(reason);
        else this.#lifecycle.selfMaintenance(reason);
      },
    });
    const spoolRoot = path.join(config.workDir, "spool");
    this.#metrics = new WorkerMetrics({
      runningTasks: () => this.#attempts.running,
      // Before the loops start (registering) no task runs: every slot is free.
      freeSlots: () => this.#loops?.freeSlots ?? this.config.concurrency,
      spoolDir: spoolRoot,
      controlPlaneReachable: () => this.#lifecycle.link === Link.reachable,
      selfMaintenance: () => this.#selfCheck.problems.map((p) => p.kind),
    });
    const taskEnv = baseTaskEnvironment(config.taskEnv, options.env);
    this.#tmpDir = path.join(config.workDir, "tmp");
    this.#pool = new RunnerPool({
      env: taskEnv,
      tmpDir: this.#tmpDir,
      idleMs: options.runnerIdleMs ?? 60_000,
      maxIdle: config.concurrency,
      onStrayOutput: (stream, text) =>
        this.#logger.debug("output of a runner process between tasks", { stream, text }),
      command: options.runnerCommand,
    });
    const tasks = new TaskRunner({
      bundles: new BundleCache({
        dir: path.join(config.workDir, "bundles"),
        download: (hash) => this.#client.bundle(hash),
        backoff: this.#backoffOptions,
      }),
      pool: this.#pool,
      env: taskEnv,
      tmpDir: this.#tmpDir,
      python: config.python,
      pullXcoms: async (job, request) =>
        (await this.#client.pullXcoms(job.attemptId, request)).values,
      externalState: (job, request) => this.#client.externalState(job.attemptId, request),
      secrets: new SecretsResolver({
        local: new LocalSecrets({ env: options.env ?? process.env, secretsDir: config.secretsDir }),
        controlPlane: controlPlaneSecrets(this.#client),
      }),
      ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
      ...(options.maxReturnValueBytes !== undefined
        ? { maxReturnValueBytes: options.maxReturnValueBytes }
        : {}),
    });
    this.#callbacks = new CallbackRunner({
      client: this.#client,
      tasks,
      logger: this.#logger,
      backoff: this.#backoffOptions,
      signal: this.#lifecycle.stopping,
    });
    this.#attempts = new HeldAttempts({
      client: this.#client,
      tasks,
      spoolRoot,
      logger: this.#logger,
      backoff: this.#backoffOptions,
      ...(options.logFlushIntervalMs !== undefined
        ? { logFlushIntervalMs: options.logFlushIntervalMs }
        : {}),
      changed: this.#changed,
      recentOutageMs: () => this.#lifecycle.recentOutageMs,
      finished: (state) => this.#metrics.taskFinished(state),
      askForNext: (poolSlots) => this.#loops?.askForNext(poolSlots) ?? null,
    });
  }

  /**
   * Checks the control plane, registers, and starts the heartbeat and fetch loops. Rejects
   * with a `BordaError` whose message says what to fix when retrying cannot help (a wrong
   * URL, a refused token, a taken name); retries with backoff while the control plane is
   * merely away. Resolves without serving when `drain()` is called meanwhile.
   */
  async start(): Promise<void> {
    const { config } = this;
    mkdirSync(config.workDir, { recursive: true });
    const instanceId = loadInstanceId(config.workDir);
    // Whatever is here belonged to the processes of an earlier run, which are gone.
    rmSync(this.#tmpDir, { recursive: true, force: true });
    mkdirSync(this.#tmpDir);
    const registration: RegistrationContext = {
      client: this.#client,
      config,
      instanceId,
      logger: this.#logger,
      backoff: this.#backoffOptions,
      signal: this.#lifecycle.stopping,
    };
    let answer: RegisterResponse;
    try {
      if (config.healthPort !== null) {
        this.#health = await startHealthServer(
          config.healthPort,
          { readiness: () => this.readiness(), metrics: () => this.#metrics.render() },
          this.#options.healthHost,
        ).catch((error: Error) => {
          throw new BordaError(
            ErrorCode.configuration,
            `Cannot serve health probes on port ${config.healthPort} (PORT / --health-port): ${error.message}`,
          );
        });
      }
      // A worker that starts unhealthy registers in maintenance, rather than taking work
      // until its first check.
      await this.#selfCheck.check();
      await checkControlPlane(registration);
      answer = await register(registration);
    } catch (error) {
      const drained = this.#lifecycle.stopping.aborted;
      await this.#close();
      if (drained) return;
      throw error;
    }
    const loops = new ControlPlaneLoops({
      config,
      client: this.#client,
      lifecycle: this.#lifecycle,
      attempts: this.#attempts,
      callbacks: this.#callbacks,
      logger: this.#logger,
      backoff: this.#backoffOptions,
      instanceId,
      changed: this.#changed,
      heartbeatDue: this.#heartbeatDue,
      register: () => register(registration),
      drain: (reason) => void this.drain({ reason }),
      heartbeatAnswered: (seconds) => this.#metrics.heartbeatAnswered(seconds),
    });
    this.#loops = loops;
    this.#lifecycle.contact(linkTiming(answer));
    const serving = this.#lifecycle.registered({
      name: config.hostname,
      controlPlane: config.apiUrl,
      queues: config.queues.join(","),
      concurrency: config.concurrency,
      ...(this.#health ? { healthPort: this.#health.port } : {}),
    });
    if (!serving) {
      // Drained while the registration was answered: report offline at once, take no work.
      void this.#drainAndStop(loops);
      return;
    }
    loops.apply(answer.directives);
    this.#attempts.recoverLeftovers();
    loops.start();
    this.#selfCheck.start();
  }

  /**
   * Stops taking work and lets running tasks finish for up to `timeoutMs` (default the
   * drain timeout); then kills them and reports them failed, reports `offline`, and
   * settles `stopped`. Calling it again shortens the wait (a second SIGTERM).
   */
  drain(options: { timeoutMs?: number; reason?: string } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeoutMs ?? this.config.drainTimeoutMs);
    const wasServing = this.#lifecycle.is(State.serving, State.maintenance);
    const started = this.#lifecycle.startDraining(options.reason ?? "asked to stop", {
      runningTasks: this.#attempts.running,
      timeoutSeconds: Math.max(0, (deadline - Date.now()) / 1000),
    });
    this.#drainDeadline = Math.min(this.#drainDeadline, deadline);
    this.#changed.wake();
    // While registering, `start()` sees the drain and stops by itself.
    if (started && wasServing && this.#loops) void this.#drainAndStop(this.#loops);
    return this.stopped;
  }

  /** The state as reported to the control plane. */
  get state(): ReportedWorkerState {
    return reportedState(this.#lifecycle.state, this.#attempts.running > 0);
  }

  /**
   * Ready: registered, and a heartbeat succeeded within two intervals. Whether ready or
   * not, it says where the worker stands: its state, its link to the control plane, and
   * how many attempts are at risk for its silence.
   */
  readiness(): Readiness {
    const lifecycle = this.#lifecycle;
    const standing = {
      state: this.state,
      link: lifecycle.link,
      attemptsAtRisk: lifecycle.attemptsAtRisk,
    };
    if (lifecycle.state === State.registering) {
      return { ready: false, detail: "starting: not registered yet", ...standing };
    }
    if (lifecycle.state === State.stopped) return { ready: false, detail: "stopped", ...standing };
    const silence = lifecycle.silentForMs;
    if (silence > 2 * lifecycle.timing.heartbeatIntervalMs) {
      const detail = `no heartbeat has succeeded for ${formatDuration(silence)}`;
      return { ready: false, detail, ...standing };
    }
    return { ready: true, detail: this.state, ...standing };
  }

  /** The port of the health server, when there is one. */
  get healthPort(): number | null {
    return this.#health?.port ?? null;
  }

  /** Ids of the attempts this worker holds: running, or with a report not yet delivered. */
  get heldAttemptIds(): string[] {
    return this.#attempts.ids;
  }

  get #backoffOptions(): BackoffOptions {
    return {
      ...this.#options.backoff,
      ...(this.#options.random ? { random: this.#options.random } : {}),
    };
  }

  /**
   * Lets running tasks finish up to the drain deadline and kills the rest; delivers what
   * it can of their logs and results (and of jobs being given back) for a while more;
   * then stops, reports `offline`, and lets go of everything.
   */
  async #drainAndStop(loops: ControlPlaneLoops): Promise<void> {
    const attempts = this.#attempts;
    const began = Date.now();
    // The answer that began the drain (a shutdown directive) may bring jobs to give back.
    await loops.fetchEnded();
    while (attempts.running > 0 && Date.now() < this.#drainDeadline) {
      await this.#changed.wait(this.#drainDeadline - Date.now());
    }
    if (attempts.running > 0) {
      this.#logger.warn("drain timeout: killing the tasks still running", {
        runningTasks: attempts.running,
      });
      attempts.stopRunning(`killed: worker drained after ${formatDuration(Date.now() - began)}`);
      while (attempts.running > 0) await this.#changed.wait(1000);
    }

    const flushDeadline = Date.now() + (this.#options.exitFlushTimeoutMs ?? 10_000);
    while ((attempts.size > 0 || loops.releasing > 0) && Date.now() < flushDeadline) {
      await this.#changed.wait(flushDeadline - Date.now());
    }
    await Promise.all([attempts.stopShipping(), loops.abandonReleases()]);

    this.#lifecycle.stopped();
    await loops.finished();
    await loops.reportOffline();
    await this.#close();
  }

  /** Stops (if not yet), kills runner processes, closes the health server, settles `stopped`. */
  async #close(): Promise<void> {
    this.#lifecycle.stopped();
    await this.#selfCheck.stop();
    this.#client.close();
    await this.#pool.close();
    await this.#health?.close();
    this.#health = null;
    this.#resolveStopped();
  }
}
