import { BordaError, ErrorCode, findTask, RunType } from "@borda/protocol";
import type { Logger } from "pino";
import type { AttemptRecord, DagRecord, DagRunRecord, Store } from "../store/index.js";
import { createAssetTriggeredRuns, producedAssetEvents } from "./assetTriggers.js";
import { AttemptLifecycle } from "./attemptLifecycle.js";
import { BackfillDriver } from "./backfills.js";
import { type Clock, systemClock } from "./clock.js";
import { JobNotifier } from "./jobNotifier.js";
import { planQueueing } from "./planQueueing.js";
import { RunChanges } from "./runChanges.js";
import { RunEvaluator } from "./runEvaluator.js";
import { runIdInstant, runIdInstantWithFraction } from "./runIds.js";
import { type DagRunInfo, manualDataInterval, nextDagRunInfo, timetableOf } from "./timetable.js";
import { validateConf } from "./validateConf.js";

export interface SchedulerOptions {
  store: Store;
  logger: Logger;
  notifier?: JobNotifier;
  clock?: Clock;
  /** How long a claimed attempt lives without a heartbeat: the worker timeout. */
  leaseMs?: number;
  /**
   * Longest sleep between passes. Events drive the scheduler; this pass only catches
   * what no event announced in this process (another replica's change, a clock jump).
   */
  safetyPassIntervalMs?: number;
  /** Most scheduled runs one DAG may create in one pass while catching up. */
  maxRunsCreatedPerPass?: number;
  /** Told of passes and starts, for the control plane's metrics. */
  observer?: SchedulerObserver;
}

/** What the scheduler tells the control plane's metrics; implementations only count. */
export interface SchedulerObserver {
  /** A full pass took this long. */
  schedulerPassFinished(seconds: number): void;
  /** A worker reported an attempt's start (its queueing and start instants). */
  attemptStarted(attempt: AttemptRecord): void;
}

const unobserved: SchedulerObserver = {
  schedulerPassFinished: () => {},
  attemptStarted: () => {},
};

export interface TriggerRequest {
  runId?: string | undefined;
  logicalDate?: Date | undefined;
  dataIntervalStart?: Date | undefined;
  dataIntervalEnd?: Date | undefined;
  conf?: Record<string, unknown> | undefined;
  note?: string | null | undefined;
}

/**
 * The event-driven scheduler. Every change that can make work ready — a run triggered,
 * an attempt finished, a task cleared — is followed, in the same call, by evaluating the
 * affected run and queueing what became ready, so a downstream task is queued before
 * the report of its upstream returns. Time-driven work (cron runs, retry delays, leases,
 * timeouts) waits on one timer set to the earliest instant the store reports.
 *
 * Every state change is compare-and-set in the store, so several schedulers (replicas)
 * on one PostgreSQL database are safe.
 */
export class Scheduler {
  readonly notifier: JobNotifier;
  /** What workers report goes through here: claims, starts, results, failures, releases. */
  readonly attempts: AttemptLifecycle;
  /** Backfills: created, paused and cancelled through here; their runs come from its driver. */
  readonly backfills: BackfillDriver;
  /** What people change in runs by hand: clears, marks, run states, deletions. */
  readonly changes: RunChanges;
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #safetyPassIntervalMs: number;
  readonly #maxRunsCreatedPerPass: number;
  readonly #observer: SchedulerObserver;
  #timer: NodeJS.Timeout | null = null;
  /** When the armed timer fires (epoch ms), so a nearer deadline can pull it in. */
  #timerAt = Number.POSITIVE_INFINITY;
  #running = false;
  #pass: Promise<void> | null = null;
  #passRequested = false;
  #unsubscribe: (() => void) | null = null;
  readonly #notifierListeners = new Set<() => void>();
  /** Decides and applies what runs' task instances do next. */
  readonly #runs: RunEvaluator;

  constructor(options: SchedulerOptions) {
    this.#store = options.store;
    this.#logger = options.logger;
    this.notifier = options.notifier ?? new JobNotifier();
    this.#clock = options.clock ?? systemClock;
    this.#observer = options.observer ?? unobserved;
    this.attempts = new AttemptLifecycle({
      store: this.#store,
      logger: this.#logger,
      clock: this.#clock,
      notifier: this.notifier,
      leaseMs: options.leaseMs ?? 15_000,
      afterAttempt: (attempt) => this.#afterAttempt(attempt),
      wakeBy: (deadline) => this.#wakeBy(deadline),
      announceCallbacks: (attempt) => void this.#announceCallbacks(attempt.dagVersionId, attempt),
      observer: this.#observer,
    });
    this.#runs = new RunEvaluator({
      store: this.#store,
      logger: this.#logger,
      clock: this.#clock,
      onRunFinished: (dagVersionId) => void this.#announceCallbacks(dagVersionId, null),
    });
    this.changes = new RunChanges({
      store: this.#store,
      clock: this.#clock,
      runs: this.#runs,
      startRuns: () => this.#startRuns(),
      afterEvaluation: (finished) => this.#afterEvaluation(finished),
    });
    this.backfills = new BackfillDriver({
      store: this.#store,
      clock: this.#clock,
      logger: this.#logger,
      startRuns: () => this.#startRuns(),
    });
    this.#safetyPassIntervalMs = options.safetyPassIntervalMs ?? 10_000;
    this.#maxRunsCreatedPerPass = options.maxRunsCreatedPerPass ?? 100;
  }

  /**
   * Calls `listener` when a transition recorded notifier deliveries (the control plane's
   * delivery loop waits on it: a failure's notification leaves at once). Returns unsubscribe.
   */
  onNotifiersDue(listener: () => void): () => void {
    this.#notifierListeners.add(listener);
    return () => this.#notifierListeners.delete(listener);
  }

  /**
   * A transition of `attempt`'s task (or, without one, a run's end) may have recorded
   * deliveries in its transaction (docs/internals.md, "Callbacks and notifications"): wake
   * the workers that run code callbacks and the loop that delivers notifiers.
   */
  async #announceCallbacks(
    dagVersionId: number,
    attempt: { taskId: string; queue: string } | null,
  ): Promise<void> {
    try {
      const spec = (await this.#store.getDagVersion(dagVersionId))?.spec;
      if (!spec) return;
      const callbacks = attempt ? findTask(spec, attempt.taskId)?.callbacks : spec.callbacks;
      const targets = Object.values(callbacks ?? {});
      if (targets.some((t) => t.code)) {
        const queues = attempt ? [attempt.queue] : spec.tasks.map((t) => t.queue);
        for (const queue of new Set(queues)) this.notifier.notify(queue);
      }
      if (targets.some((t) => t.notifiers.length > 0)) {
        for (const listener of this.#notifierListeners) listener();
      }
    } catch (error) {
      // Only a wake-up is lost: the delivery loop's own timer and workers' polls catch up.
      this.#logger.warn({ err: error }, "could not announce callbacks");
    }
  }

  /** Runs a first pass, then keeps passes going on the timer until `stop()`. */
  async start(): Promise<void> {
    this.#running = true;
    // Jobs queued by another replica wake this replica's waiting workers too.
    this.#unsubscribe = this.#store.onJobsQueuedElsewhere((queue) => this.notifier.notify(queue));
    await this.runPass();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#pass;
    this.notifier.notifyAll();
  }

  /**
   * One full pass: create due scheduled runs, start queued runs, end overdue attempts,
   * release retries whose delay ended, evaluate every running run, queue what is ready.
   * Passes never overlap; a pass requested during one runs right after it.
   */
  runPass(): Promise<void> {
    if (this.#pass) {
      this.#passRequested = true;
      return this.#pass;
    }
    this.#pass = (async () => {
      try {
        do {
          this.#passRequested = false;
          const startedAt = performance.now();
          await this.#fullPass();
          this.#observer.schedulerPassFinished((performance.now() - startedAt) / 1000);
        } while (this.#passRequested);
      } catch (error) {
        this.attempts.noteStoreTrouble();
        this.#logger.error({ err: error }, "scheduler pass failed; retrying on the next pass");
      } finally {
        this.#pass = null;
        await this.#armTimer();
      }
    })();
    return this.#pass;
  }

  async #fullPass(): Promise<void> {
    const now = this.#clock.now();
    await this.#createDueRuns(now);
    await createAssetTriggeredRuns(this.#store, this.#logger, now);
    await this.backfills.advance();
    await this.attempts.reapOverdue(now);
    await this.#store.rescheduleDueRetries(now);
    await this.#store.startQueuedRuns(now);
    for (const runId of await this.#store.listRunningRunIds()) {
      await this.#runs.evaluate(runId);
    }
    await this.#queueReady();
  }

  async #armTimer(): Promise<void> {
    if (!this.#running) return;
    let delay = this.#safetyPassIntervalMs;
    try {
      const wake = await this.#store.nextWakeUp();
      if (wake) delay = Math.min(delay, Math.max(0, wake.getTime() - this.#clock.now().getTime()));
    } catch (error) {
      this.#logger.warn(
        { err: error },
        "could not read the next wake-up; using the safety interval",
      );
    }
    if (!this.#running) return;
    this.#setTimer(delay);
  }

  #setTimer(delayMs: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    // +1 ms: the store compares deadlines with <=, and a timer may fire a hair early.
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#timerAt = Number.POSITIVE_INFINITY;
      void this.runPass();
    }, delayMs + 1);
    this.#timer.unref();
    this.#timerAt = Date.now() + delayMs;
  }

  /**
   * A new deadline (a lease, an execution timeout, a retry) was set: make sure a pass
   * runs by then. In-memory only, so the hot paths (claim, start) pay no query for it.
   */
  #wakeBy(deadline: Date | null): void {
    if (!this.#running || deadline === null) return;
    const delay = Math.max(0, deadline.getTime() - this.#clock.now().getTime());
    if (Date.now() + delay < this.#timerAt) this.#setTimer(delay);
  }

  // ---- runs -------------------------------------------------------------------------

  /** Creates a manual run (the API's trigger) and schedules its first tasks at once. */
  async triggerRun(dagId: string, request: TriggerRequest = {}): Promise<DagRunRecord> {
    const dag = await this.#requireDag(dagId);
    const version = dag.currentVersion;
    if (!version)
      throw new BordaError(ErrorCode.notFound, `DAG '${dagId}' has no parsed version yet.`);
    const conf = request.conf ?? {};
    validateConf(version.spec, conf);
    const create = (logicalDate: Date) => {
      const inferred = manualDataInterval(timetableOf(version.spec), logicalDate);
      return this.#store.createDagRun(
        {
          dagId,
          runId: request.runId ?? `manual__${runIdInstantWithFraction(logicalDate)}`,
          dagVersionId: version.id,
          runType: RunType.manual,
          logicalDate,
          dataIntervalStart: request.dataIntervalStart ?? inferred.start,
          dataIntervalEnd: request.dataIntervalEnd ?? inferred.end,
          conf,
          note: request.note ?? null,
          externalTrigger: true,
          tasks: version.spec.tasks,
        },
        this.#clock.now(),
        { ifAbsent: request.runId === undefined && request.logicalDate === undefined },
      );
    };
    let run = await create(request.logicalDate ?? this.#clock.now());
    // Two triggers within one millisecond (a loop, or two replicas) would name the same
    // run: the id and the logical date are the trigger instant, so the later one moves
    // on by a millisecond. A run id or logical date the caller chose stays a conflict
    // (createDagRun throws it; only a generated id is created `ifAbsent`). Bounded, so a
    // clock that stands still cannot loop forever.
    for (let retry = 1; !run && retry <= 100; retry++) {
      run = await create(new Date(this.#clock.now().getTime() + retry));
    }
    if (!run) throw new BordaError(ErrorCode.conflict, "The DAG run already exists.");
    await this.#startRuns();
    return (await this.#store.getDagRunById(run.id)) ?? run;
  }

  /** Creates the scheduled runs that are due, catching up as the DAG allows. */
  async #createDueRuns(now: Date): Promise<void> {
    for (const dag of await this.#store.listDagsDueForScheduling(now)) {
      try {
        await this.#createDueRunsOf(dag, now);
      } catch (error) {
        // One DAG's broken timetable (say, a zone a Node upgrade no longer knows) must not
        // stop the others' runs.
        this.#logger.error({ err: error, dagId: dag.dagId }, "could not schedule the DAG's runs");
      }
    }
  }

  async #createDueRunsOf(dag: DagRecord, now: Date): Promise<void> {
    const spec = dag.currentVersion?.spec;
    if (!spec) return;
    const timetable = timetableOf(spec);
    let last = await this.#store.getLastScheduledInterval(dag.dagId);
    // A backfill's runs count against the backfill's limit, not the DAG's (as in Airflow 3).
    const open = (
      await this.#store.listDagRuns({ dagId: dag.dagId, states: ["queued", "running"] })
    ).filter((run) => run.backfillId === null).length;
    let budget = Math.min(this.#maxRunsCreatedPerPass, spec.maxActiveRuns - open);
    let next = nextDagRunInfo(timetable, last, now);
    while (next && next.runAfter <= now && budget > 0) {
      await this.#createScheduledRun(dag, next, now);
      last = next.dataInterval;
      budget -= 1;
      next = nextDagRunInfo(timetable, last, now);
    }
    await this.#store.advanceNextDagRun(
      dag.dagId,
      dag.nextDagRunCreateAfter,
      next && {
        logicalDate: next.logicalDate,
        dataIntervalStart: next.dataInterval.start,
        dataIntervalEnd: next.dataInterval.end,
        // A DAG at its maxActiveRuns stays due, so the pass after a run ends creates the next.
        createAfter: next.runAfter <= now ? now : next.runAfter,
      },
      now,
    );
  }

  async #createScheduledRun(dag: DagRecord, info: DagRunInfo, now: Date): Promise<void> {
    const version = dag.currentVersion;
    if (!version) return;
    const created = await this.#store.createDagRun(
      {
        dagId: dag.dagId,
        runId: `scheduled__${runIdInstant(info.logicalDate)}`,
        dagVersionId: version.id,
        runType: RunType.scheduled,
        logicalDate: info.logicalDate,
        dataIntervalStart: info.dataInterval.start,
        dataIntervalEnd: info.dataInterval.end,
        conf: {},
        note: null,
        externalTrigger: false,
        tasks: version.spec.tasks,
      },
      now,
      { ifAbsent: true },
    );
    if (created)
      this.#logger.info({ dagId: dag.dagId, runId: created.runId }, "scheduled run created");
  }

  /** Starts the queued runs that may start, then schedules and queues their first tasks. */
  async #startRuns(): Promise<void> {
    const started = await this.#store.startQueuedRuns(this.#clock.now());
    for (const runId of started) await this.#runs.evaluate(runId);
    await this.#queueReady();
  }

  async #afterAttempt(attempt: AttemptRecord): Promise<void> {
    await this.#afterEvaluation(await this.#runs.evaluateAfter(attempt));
    // The producer's own run first, then the runs its outlet events trigger: both before
    // the worker's report returns.
    if (await producedAssetEvents(this.#store, attempt)) await this.afterAssetEvents();
  }

  /**
   * Asset events landed (a producer succeeded, or POST /datasets/events): the DAGs they
   * complete the condition of get their runs now, and those runs start at once.
   */
  async afterAssetEvents(): Promise<DagRunRecord[]> {
    const created = await createAssetTriggeredRuns(this.#store, this.#logger, this.#clock.now());
    if (created.length > 0) await this.#startRuns();
    return created;
  }

  async #afterEvaluation(finished: boolean): Promise<void> {
    if (finished) {
      // A finished run frees a maxActiveRuns slot (or a backfill's): scheduled and
      // backfill runs held back by it may be created now, and queued runs may start.
      await this.#createDueRuns(this.#clock.now());
      await this.backfills.advance();
      await this.#startRuns();
    } else {
      await this.#queueReady();
    }
  }

  async #queueReady(): Promise<void> {
    const result = await this.#store.queueScheduledTasks(planQueueing, this.#clock.now());
    for (const queue of new Set(result.queued.map((q) => q.queue))) this.notifier.notify(queue);
    for (const runId of result.rejectedRunIds) await this.#runs.evaluate(runId);
  }

  async #requireDag(dagId: string): Promise<DagRecord> {
    const dag = await this.#store.getDag(dagId);
    if (!dag?.isActive) throw dagNotRunnable(dagId);
    return dag;
  }
}

/** The 404 for a DAG the scheduler cannot run; routes answer it for another team's too. */
export const dagNotRunnable = (dagId: string) =>
  new BordaError(ErrorCode.notFound, `DAG '${dagId}' not found (or no longer in any DAG file).`);
