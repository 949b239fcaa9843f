import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import {
  BordaError,
  ErrorCode,
  edgeProtocolVersion,
  type Job,
  type ReportedWorkerState,
  type WorkerDirectives,
  WorkerState,
} from "@borda/protocol";
import { Backoff, type BackoffOptions, delay } from "./client/backoff.js";
import { EdgeCallError, EdgeClient, TransportFailure } from "./client/edgeClient.js";
import type { WorkerConfig } from "./config.js";
import { type HealthServer, type Readiness, startHealthServer } from "./health/healthServer.js";
import { loadInstanceId } from "./instanceId.js";
import { createLogger, type Logger } from "./logger.js";
import { BundleCache } from "./runner/bundleCache.js";
import { RunnerPool } from "./runner/runnerPool.js";
import type { RunnerCommand } from "./runner/runnerProcess.js";
import { baseTaskEnvironment } from "./runner/taskEnv.js";
import { formatDuration, type RunningTask, TaskRunner } from "./runner/taskRunner.js";
import { AttemptSpool } from "./spool/attemptSpool.js";
import { LogShipper } from "./spool/logShipper.js";
import { collectSysInfo } from "./sysInfo.js";
import { workerVersion } from "./version.js";
import { Wakeup } from "./wakeup.js";

/**
 * The edge worker: registers with the control plane, heartbeats, long-polls for jobs as
 * many as its free slots hold, runs each at once and reports it, shipping logs as it
 * goes. It follows the control plane's directives (queues, concurrency, maintenance,
 * shutdown, cancels) from every heartbeat and fetch answer. When the control plane is
 * away it keeps running its tasks and spooling, and catches up when it returns.
 *
 * Lifecycle: `start()` resolves once registered (or rejects at once with a message that
 * says what to fix); `drain()` (SIGTERM) stops taking work, lets running tasks finish up
 * to the drain timeout, kills the rest, reports `offline`; `stopped` settles then.
 */

export interface EdgeWorkerOptions {
  /** Default: a logger on stderr at the config's level and format. */
  logger?: Logger;
  /** Uniform in [0, 1), for backoff jitter; injectable for tests. Default Math.random. */
  random?: () => number;
  /** Bounds of every retry's backoff (start-up, fetch, shipping). Default 500 ms to 30 s. */
  backoff?: Omit<BackoffOptions, "random">;
  /** Between aborting a task (timeout, cancel, drain) and killing its processes. Default 5 s. */
  killGraceMs?: number;
  /** Largest task return value, serialised. Default 1 MiB. */
  maxReturnValueBytes?: number;
  /** An idle warm runner process is stopped after this long. Default 60 s. */
  runnerIdleMs?: number;
  /** Longest time new log lines wait before they are shipped. Default 1 s. */
  logFlushIntervalMs?: number;
  /**
   * After a drain, how long to keep trying to deliver unsent logs and results before
   * leaving them in the spool for the next start. Default 10 s.
   */
  exitFlushTimeoutMs?: number;
  /** The environment tasks' allowlisted variables come from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Address the health server listens on. Default all interfaces. */
  healthHost?: string;
  /**
   * How runner processes are started; the bundle's path is appended. Default Node running
   * this package's runnerChild.js; a single-file worker starts itself again.
   */
  runnerCommand?: RunnerCommand;
}

type Phase = "starting" | "serving" | "draining" | "stopped";

/** An attempt this worker holds: running, or ended with its report not yet delivered. */
interface HeldAttempt {
  attemptId: string;
  spool: AttemptSpool;
  shipper: LogShipper;
  /** Null for an attempt left by an earlier run of the worker. */
  task: RunningTask | null;
  poolSlots: number;
  running: boolean;
  cancelled: boolean;
}

export class EdgeWorker {
  /** The configuration in effect; the control plane's directives change queues and concurrency. */
  readonly config: WorkerConfig;
  /** Settles when the worker has stopped (after a drain, or a failed start). */
  readonly stopped: Promise<void>;
  readonly #options: EdgeWorkerOptions;
  readonly #logger: Logger;
  readonly #client: EdgeClient;
  readonly #pool: RunnerPool;
  readonly #tasks: TaskRunner;
  readonly #spoolRoot: string;
  /** Working directories of runner processes and bash tasks; emptied at start-up. */
  readonly #tmpDir: string;
  readonly #attempts = new Map<string, HeldAttempt>();
  /** Aborted when the worker starts draining: ends start-up retries, the fetch loop, waits. */
  readonly #stopping = new AbortController();
  /** Woken when slots free up, directives change or attempts end. */
  readonly #changed = new Wakeup();
  readonly #heartbeatWakeup = new Wakeup();
  #resolveStopped: () => void = () => {};
  #phase: Phase = "starting";
  #maintenance = false;
  #instanceId = "";
  #heartbeatIntervalMs: number;
  /** When a heartbeat (or the registration) last succeeded. */
  #lastContact = 0;
  #unreachable = false;
  #slotsTaken = 0;
  #poll: AbortController | null = null;
  #drainDeadline = Number.POSITIVE_INFINITY;
  #health: HealthServer | null = null;
  #loops: Promise<void>[] = [];

  constructor(config: WorkerConfig, options: EdgeWorkerOptions = {}) {
    this.config = { ...config, queues: [...config.queues], taskEnv: [...config.taskEnv] };
    this.#options = options;
    this.#logger =
      options.logger ?? createLogger({ level: config.logLevel, format: config.logFormat });
    this.#heartbeatIntervalMs = config.heartbeatIntervalMs;
    this.#spoolRoot = path.join(config.workDir, "spool");
    this.stopped = new Promise((resolve) => {
      this.#resolveStopped = resolve;
    });
    this.#client = new EdgeClient({
      apiUrl: config.apiUrl,
      token: config.token,
      workerName: config.hostname,
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
    this.#tasks = new TaskRunner({
      bundles: new BundleCache({
        dir: path.join(config.workDir, "bundles"),
        download: (hash) => this.#client.bundle(hash),
        backoff: this.#backoffOptions,
      }),
      pool: this.#pool,
      env: taskEnv,
      tmpDir: this.#tmpDir,
      ...(options.killGraceMs !== undefined ? { killGraceMs: options.killGraceMs } : {}),
      ...(options.maxReturnValueBytes !== undefined
        ? { maxReturnValueBytes: options.maxReturnValueBytes }
        : {}),
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
    this.#instanceId = loadInstanceId(config.workDir);
    // Whatever is here belonged to the processes of an earlier run, which are gone.
    rmSync(this.#tmpDir, { recursive: true, force: true });
    mkdirSync(this.#tmpDir);
    try {
      if (config.healthPort !== null) {
        this.#health = await startHealthServer(
          config.healthPort,
          () => this.readiness(),
          this.#options.healthHost,
        ).catch((error: Error) => {
          throw new BordaError(
            ErrorCode.configuration,
            `Cannot serve health probes on port ${config.healthPort} (PORT / --health-port): ${error.message}`,
          );
        });
      }
      await this.#checkControlPlane();
      await this.#register();
    } catch (error) {
      await this.#release();
      if (this.#stopping.signal.aborted) return;
      throw error;
    }
    this.#phase = "serving";
    this.#logger.info("worker started", {
      name: config.hostname,
      controlPlane: config.apiUrl,
      queues: config.queues.join(","),
      concurrency: config.concurrency,
      ...(this.#health ? { healthPort: this.#health.port } : {}),
    });
    this.#recoverSpools();
    // Drained while the registration was answered: report offline at once, take no work.
    if (this.#stopping.signal.aborted) void this.#drainAndStop("asked to stop while starting");
    this.#loops = [this.#heartbeatLoop(), this.#fetchLoop()];
  }

  /**
   * Stops taking work and lets running tasks finish for up to `timeoutMs` (default the
   * drain timeout); then kills them and reports them failed, reports `offline`, and
   * settles `stopped`. Calling it again shortens the wait (a second SIGTERM).
   */
  drain(options: { timeoutMs?: number; reason?: string } = {}): Promise<void> {
    const timeoutMs = options.timeoutMs ?? this.config.drainTimeoutMs;
    if (this.#stopping.signal.aborted) {
      this.#drainDeadline = Math.min(this.#drainDeadline, Date.now() + timeoutMs);
      this.#changed.wake();
      return this.stopped;
    }
    this.#stopping.abort();
    this.#drainDeadline = Date.now() + timeoutMs;
    // While starting, `start()` notices the abort and stops by itself.
    if (this.#phase === "serving") void this.#drainAndStop(options.reason ?? "asked to stop");
    return this.stopped;
  }

  /** The state as reported to the control plane. */
  get state(): ReportedWorkerState {
    if (this.#phase === "starting") return WorkerState.starting;
    if (this.#phase === "draining") return WorkerState.terminating;
    if (this.#phase === "stopped") return WorkerState.offline;
    const running = this.#runningCount > 0;
    if (this.#maintenance) {
      return running ? WorkerState.maintenancePending : WorkerState.maintenanceMode;
    }
    return running ? WorkerState.running : WorkerState.idle;
  }

  /** Ready: registered, and a heartbeat succeeded within two intervals. */
  readiness(): Readiness {
    if (this.#phase === "starting") return { ready: false, detail: "starting: not registered yet" };
    if (this.#phase === "stopped") return { ready: false, detail: "stopped" };
    const silence = Date.now() - this.#lastContact;
    if (silence > 2 * this.#heartbeatIntervalMs) {
      return {
        ready: false,
        detail: `no heartbeat has succeeded for ${formatDuration(Math.round(silence / 100) * 100)}`,
      };
    }
    return { ready: true, detail: this.state };
  }

  /** The port of the health server, when there is one. */
  get healthPort(): number | null {
    return this.#health?.port ?? null;
  }

  /** Ids of the attempts this worker holds: running, or with a report not yet delivered. */
  get heldAttemptIds(): string[] {
    return [...this.#attempts.values()].filter((held) => !held.cancelled).map((h) => h.attemptId);
  }

  // ---- start-up -------------------------------------------------------------------------

  /** Is there a Borda control plane at the URL, speaking our protocol? */
  async #checkControlPlane(): Promise<void> {
    const { apiUrl } = this.config;
    const backoff = new Backoff(this.#backoffOptions);
    for (;;) {
      try {
        const health = await this.#client.health(this.#stopping.signal);
        if (health.protocolVersion.split(".")[0] !== edgeProtocolVersion.split(".")[0]) {
          throw new BordaError(
            ErrorCode.unsupportedVersion,
            `The control plane at ${apiUrl} speaks worker protocol ${health.protocolVersion}; this worker (${workerVersion}) speaks ${edgeProtocolVersion}. Install the worker of the control plane's version, ${health.version}.`,
          );
        }
        return;
      } catch (error) {
        if (!(error instanceof EdgeCallError)) throw error;
        if (this.#stopping.signal.aborted) throw error;
        const unreachable = `Cannot reach the control plane at ${apiUrl}`;
        if (error.code === TransportFailure.unknownHost) {
          throw new BordaError(
            ErrorCode.configuration,
            `${unreachable}: its host name does not resolve (${error.detail}). Check BORDA_API_URL (--api-url).`,
          );
        }
        if (error.code === TransportFailure.tls) {
          throw new BordaError(
            ErrorCode.configuration,
            `${unreachable}: the TLS connection failed (${error.detail}). Check BORDA_API_URL (--api-url), and that this machine trusts the control plane's certificate (NODE_EXTRA_CA_CERTS).`,
          );
        }
        if (!error.transient) {
          throw new BordaError(
            ErrorCode.configuration,
            `${apiUrl} is not a Borda control plane: ${error.message}. Check BORDA_API_URL (--api-url).`,
          );
        }
        await this.#waitToRetry(backoff, error, "the control plane is not reachable yet");
      }
    }
  }

  async #register(): Promise<void> {
    const { config } = this;
    const backoff = new Backoff(this.#backoffOptions);
    for (;;) {
      try {
        const answer = await this.#client.register(
          {
            instanceId: this.#instanceId,
            queues: config.queues,
            concurrency: config.concurrency,
            version: workerVersion,
            protocolVersion: edgeProtocolVersion,
            sysinfo: await collectSysInfo(config.workDir),
          },
          this.#stopping.signal,
        );
        this.#heartbeatIntervalMs = answer.heartbeatIntervalMs;
        this.#contact();
        this.#apply(answer.directives);
        return;
      } catch (error) {
        if (!(error instanceof EdgeCallError)) throw error;
        if (this.#stopping.signal.aborted) throw error;
        if (!error.transient) throw this.#registrationRefused(error);
        await this.#waitToRetry(backoff, error, "registration failed");
      }
    }
  }

  #registrationRefused(error: EdgeCallError): BordaError {
    const name = this.config.hostname;
    if (error.status === 401 || error.status === 403) {
      return new BordaError(
        ErrorCode.unauthenticated,
        `The control plane refused the worker token: ${error.detail}`,
      );
    }
    if (error.status === 426 || error.code === ErrorCode.unsupportedVersion) {
      return new BordaError(
        ErrorCode.unsupportedVersion,
        `The control plane refused this worker's version (${workerVersion}, protocol ${edgeProtocolVersion}): ${error.detail}`,
      );
    }
    if (error.status === 409) {
      const hint = error.detail.includes("--hostname")
        ? ""
        : " Give this worker another name with --hostname (BORDA_HOSTNAME).";
      return new BordaError(
        ErrorCode.conflict,
        `The control plane refused the worker name '${name}': ${error.detail}${hint}`,
      );
    }
    return new BordaError(ErrorCode.configuration, `Registering failed: ${error.message}`);
  }

  async #waitToRetry(backoff: Backoff, error: Error, what: string): Promise<void> {
    const wait = backoff.next();
    this.#logger.warn(`${what}; retrying in ${formatDuration(Math.round(wait / 100) * 100)}`, {
      error,
    });
    await delay(wait, this.#stopping.signal);
  }

  /** Spools an earlier run left behind: ship them first thing (a 409 stale discards them). */
  #recoverSpools(): void {
    for (const spool of AttemptSpool.leftovers(this.#spoolRoot)) {
      if (!spool.result) {
        spool.finish({
          outcome: "failure",
          error:
            "The worker stopped while the attempt ran (it was restarted or crashed), so how the task ended is unknown.",
          exitCode: null,
        });
      } else {
        spool.close();
      }
      this.#logger.info("shipping an attempt left from an earlier run", {
        attemptId: spool.attemptId,
        outcome: spool.result?.outcome,
      });
      const held: HeldAttempt = {
        attemptId: spool.attemptId,
        spool,
        shipper: this.#ship(spool),
        task: null,
        poolSlots: 0,
        running: false,
        cancelled: false,
      };
      this.#attempts.set(held.attemptId, held);
      void held.shipper.done
        .catch((error: Error) =>
          this.#logger.error("shipping the attempt failed", { attemptId: held.attemptId, error }),
        )
        .then(() => this.#forget(held));
    }
  }

  // ---- loops ----------------------------------------------------------------------------

  async #heartbeatLoop(): Promise<void> {
    const beating = () => this.#phase === "serving" || this.#phase === "draining";
    // The first one at once: the control plane shows the worker idle (or running) now.
    while (beating()) {
      await this.#heartbeat();
      // A stop that came while the heartbeat was in flight woke nobody: look again before
      // waiting, or stopping an idle worker would wait out a whole interval.
      if (!beating()) break;
      await this.#heartbeatWakeup.wait(this.#heartbeatIntervalMs);
    }
  }

  async #heartbeat(signal?: AbortSignal): Promise<void> {
    try {
      const directives = await this.#client.heartbeat(
        {
          instanceId: this.#instanceId,
          state: this.state,
          runningAttemptIds: this.heldAttemptIds,
          freeSlots: this.#freeSlots,
          sysinfo: await collectSysInfo(this.config.workDir),
        },
        signal,
      );
      this.#contact();
      this.#apply(directives);
    } catch (error) {
      if (!(error instanceof EdgeCallError)) throw error;
      await this.#onCallFailed(error, "heartbeat");
    }
  }

  async #fetchLoop(): Promise<void> {
    const backoff = new Backoff(this.#backoffOptions);
    while (this.#phase === "serving") {
      const freeSlots = this.#freeSlots;
      if (this.#maintenance || freeSlots <= 0) {
        await this.#changed.wait(60_000);
        continue;
      }
      const poll = new AbortController();
      this.#poll = poll;
      try {
        const answer = await this.#client.fetchJobs(
          { instanceId: this.#instanceId, freeSlots, waitMs: this.config.fetchWaitMs },
          AbortSignal.any([poll.signal, this.#stopping.signal]),
        );
        backoff.reset();
        for (const job of answer.jobs) this.#startJob(job);
        this.#apply(answer.directives);
      } catch (error) {
        if (!(error instanceof EdgeCallError)) throw error;
        if (poll.signal.aborted || this.#stopping.signal.aborted) continue;
        await this.#onCallFailed(error, "fetch");
        await delay(backoff.next(), this.#stopping.signal);
      } finally {
        if (this.#poll === poll) this.#poll = null;
      }
    }
  }

  /** What a failed heartbeat or fetch means beyond "try again later". */
  async #onCallFailed(error: EdgeCallError, call: string): Promise<void> {
    if (error.status === 404 && this.#phase === "serving") {
      // The control plane forgot this worker (it was silent longer than the worker
      // timeout, or an admin removed it): register again.
      this.#logger.warn("the control plane does not know this worker; registering again", {
        error,
      });
      try {
        await this.#register();
      } catch (refused) {
        if (!this.#stopping.signal.aborted) {
          this.#logger.error("registering again failed", { error: refused as Error });
        }
      }
      return;
    }
    if (error.status === 409 && error.code === ErrorCode.conflict && this.#phase === "serving") {
      this.#logger.error("another instance of this worker took its name; stopping", { error });
      void this.drain({ reason: "another instance took the worker's name" });
      return;
    }
    if (!this.#unreachable) {
      this.#unreachable = true;
      this.#logger.warn(`the ${call} failed; tasks keep running and logs are spooled meanwhile`, {
        error,
      });
    } else {
      this.#logger.debug(`the ${call} failed again`, { error });
    }
  }

  #contact(): void {
    this.#lastContact = Date.now();
    if (this.#unreachable) {
      this.#unreachable = false;
      this.#logger.info("the control plane answers again");
    }
  }

  /** Follows the control plane's directives, from a registration, heartbeat or fetch answer. */
  #apply(directives: WorkerDirectives): void {
    const { config } = this;
    if (directives.queues.join(",") !== config.queues.join(",")) {
      this.#logger.info("queues set by the control plane", { queues: directives.queues.join(",") });
      config.queues = [...directives.queues];
    }
    if (directives.concurrency !== config.concurrency) {
      this.#logger.info("concurrency set by the control plane", {
        concurrency: directives.concurrency,
      });
      config.concurrency = directives.concurrency;
      this.#changed.wake();
    }
    if (directives.maintenance !== this.#maintenance) {
      this.#maintenance = directives.maintenance;
      if (directives.maintenance) {
        this.#logger.info("entering maintenance: no new work; running tasks finish", {
          comment: directives.maintenanceComment ?? undefined,
        });
        this.#poll?.abort();
      } else {
        this.#logger.info("leaving maintenance: taking work again");
      }
      this.#changed.wake();
      this.#heartbeatWakeup.wake();
    }
    for (const attemptId of directives.cancelAttemptIds) {
      this.#cancel(attemptId, "the control plane says it is no longer current");
    }
    if (directives.shutdown && !this.#stopping.signal.aborted) {
      void this.drain({ reason: "the control plane asked this worker to shut down" });
    }
  }

  // ---- attempts ---------------------------------------------------------------------------

  #startJob(job: Job): void {
    if (this.#attempts.has(job.attemptId)) {
      this.#logger.warn("the control plane sent a job this worker already holds; ignoring it", {
        attemptId: job.attemptId,
      });
      return;
    }
    const spool = AttemptSpool.create(this.#spoolRoot, job.attemptId);
    const started = Date.now();
    const task = this.#tasks.start(job, spool);
    const held: HeldAttempt = {
      attemptId: job.attemptId,
      spool,
      shipper: this.#ship(spool),
      task,
      poolSlots: job.poolSlots,
      running: true,
      cancelled: false,
    };
    this.#attempts.set(job.attemptId, held);
    this.#slotsTaken += job.poolSlots;
    const fields = {
      attemptId: job.attemptId,
      dagId: job.dagId,
      runId: job.runId,
      taskId: job.taskId,
      try: job.tryNumber,
    };
    this.#logger.info("task started", fields);
    const ended = task.result.then((result) => {
      held.running = false;
      this.#slotsTaken -= job.poolSlots;
      this.#changed.wake();
      if (held.cancelled) return;
      try {
        spool.finish(result);
      } catch (error) {
        this.#logger.error("writing the attempt's result to the spool failed", {
          ...fields,
          error: error as Error,
        });
      }
      held.shipper.nudge();
      this.#logger.info(`task ${result.outcome === "success" ? "succeeded" : "failed"}`, {
        ...fields,
        seconds: (Date.now() - started) / 1000,
        ...(result.outcome === "failure" ? { error: result.error.split("\n")[0] } : {}),
      });
    });
    void Promise.all([ended, held.shipper.done])
      .catch((error: Error) =>
        this.#logger.error("the attempt's bookkeeping failed", { ...fields, error }),
      )
      .then(() => this.#forget(held));
  }

  #ship(spool: AttemptSpool): LogShipper {
    return new LogShipper({
      client: this.#client,
      spool,
      logger: this.#logger,
      backoff: this.#backoffOptions,
      ...(this.#options.logFlushIntervalMs !== undefined
        ? { flushIntervalMs: this.#options.logFlushIntervalMs }
        : {}),
      onStale: () => this.#cancel(spool.attemptId, "the control plane refused its report"),
    });
  }

  /** Kills a running attempt that is no longer this worker's; nothing more is reported. */
  #cancel(attemptId: string, why: string): void {
    const held = this.#attempts.get(attemptId);
    // An attempt that ended is left to its shipper: a refused report discards it.
    if (!held?.running || held.cancelled) return;
    held.cancelled = true;
    this.#logger.info("cancelling the attempt", { attemptId, why });
    held.task?.stop(`cancelled: ${why}`);
    held.shipper.stop();
    held.spool.remove();
  }

  #forget(held: HeldAttempt): void {
    if (this.#attempts.get(held.attemptId) === held) this.#attempts.delete(held.attemptId);
    this.#changed.wake();
  }

  get #runningCount(): number {
    let running = 0;
    for (const held of this.#attempts.values()) if (held.running) running++;
    return running;
  }

  get #freeSlots(): number {
    return Math.max(0, this.config.concurrency - this.#slotsTaken);
  }

  get #backoffOptions(): BackoffOptions {
    return {
      ...this.#options.backoff,
      ...(this.#options.random ? { random: this.#options.random } : {}),
    };
  }

  // ---- stopping ---------------------------------------------------------------------------

  async #drainAndStop(reason: string): Promise<void> {
    this.#phase = "draining";
    const began = Date.now();
    this.#logger.info(`draining (${reason}): taking no new work`, {
      runningTasks: this.#runningCount,
      timeoutSeconds: Math.max(0, (this.#drainDeadline - began) / 1000),
    });
    this.#poll?.abort();
    this.#changed.wake();
    this.#heartbeatWakeup.wake();

    while (this.#runningCount > 0 && Date.now() < this.#drainDeadline) {
      await this.#changed.wait(this.#drainDeadline - Date.now());
    }
    if (this.#runningCount > 0) {
      const message = `killed: worker drained after ${formatDuration(Date.now() - began)}`;
      this.#logger.warn("drain timeout: killing the tasks still running", {
        runningTasks: this.#runningCount,
      });
      for (const held of this.#attempts.values()) if (held.running) held.task?.stop(message);
      while (this.#runningCount > 0) await this.#changed.wait(1000);
    }

    const flushDeadline = Date.now() + (this.#options.exitFlushTimeoutMs ?? 10_000);
    while (this.#attempts.size > 0 && Date.now() < flushDeadline) {
      await this.#changed.wait(flushDeadline - Date.now());
    }
    if (this.#attempts.size > 0) {
      this.#logger.warn("leaving undelivered logs and results in the spool for the next start", {
        attempts: this.#attempts.size,
        spool: this.#spoolRoot,
      });
    }
    const shippers = [...this.#attempts.values()].map((held) => held.shipper);
    for (const shipper of shippers) shipper.stop();
    await Promise.all(shippers.map((shipper) => shipper.done));

    this.#phase = "stopped";
    this.#heartbeatWakeup.wake();
    this.#changed.wake();
    await Promise.all(this.#loops);
    await this.#heartbeat(AbortSignal.timeout(5000));
    await this.#release();
    this.#logger.info("worker stopped");
  }

  /** Kills runner processes, closes the health server, settles `stopped`. */
  async #release(): Promise<void> {
    this.#phase = "stopped";
    this.#client.close();
    await this.#pool.close();
    await this.#health?.close();
    this.#health = null;
    this.#resolveStopped();
  }
}
