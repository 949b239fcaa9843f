import {
  AttemptState,
  BordaError,
  type DagSpec,
  ErrorCode,
  findTask,
  finishedTaskInstanceStates,
  RunType,
  TaskInstanceState,
  TriggerRule,
} from "@borda/protocol";
import type { Logger } from "pino";
import type {
  AttemptRecord,
  DagRecord,
  DagRunRecord,
  MarkPolicy,
  RunSnapshot,
  Store,
  TaskInstanceRecord,
} from "../store/index.js";
import { createAssetTriggeredRuns, producedAssetEvents } from "./assetTriggers.js";
import { AttemptLifecycle } from "./attemptLifecycle.js";
import { BackfillDriver } from "./backfills.js";
import { type Clock, systemClock } from "./clock.js";
import { dagGraph, downstreamOf, upstreamOf } from "./dagGraph.js";
import { evaluateRun, evaluateTasks, type MapExpansion } from "./evaluateRun.js";
import { JobNotifier } from "./jobNotifier.js";
import { planQueueing } from "./planQueueing.js";
import { runIdInstant } from "./runIds.js";
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
}

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
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #clock: Clock;
  readonly #safetyPassIntervalMs: number;
  readonly #maxRunsCreatedPerPass: number;
  #timer: NodeJS.Timeout | null = null;
  /** When the armed timer fires (epoch ms), so a nearer deadline can pull it in. */
  #timerAt = Number.POSITIVE_INFINITY;
  #running = false;
  #pass: Promise<void> | null = null;
  #passRequested = false;
  #unsubscribe: (() => void) | null = null;
  readonly #notifierListeners = new Set<() => void>();

  constructor(options: SchedulerOptions) {
    this.#store = options.store;
    this.#logger = options.logger;
    this.notifier = options.notifier ?? new JobNotifier();
    this.#clock = options.clock ?? systemClock;
    this.attempts = new AttemptLifecycle({
      store: this.#store,
      logger: this.#logger,
      clock: this.#clock,
      notifier: this.notifier,
      leaseMs: options.leaseMs ?? 15_000,
      afterAttempt: (attempt) => this.#afterAttempt(attempt),
      wakeBy: (deadline) => this.#wakeBy(deadline),
      announceCallbacks: (attempt) => void this.#announceCallbacks(attempt.dagVersionId, attempt),
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
          await this.#fullPass();
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
      await this.#evaluate(runId);
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
    const logicalDate = request.logicalDate ?? this.#clock.now();
    const inferred = manualDataInterval(timetableOf(version.spec), logicalDate);
    const run = await this.#store.createDagRun(
      {
        dagId,
        runId: request.runId ?? `manual__${runIdInstant(logicalDate)}`,
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
    );
    if (!run) throw new BordaError(ErrorCode.conflict, "The DAG run already exists.");
    await this.#startRuns();
    return (await this.#store.getDagRunById(run.id)) ?? run;
  }

  /**
   * Clears task instances of a run so they run again (null: every task); with `upstream`
   * or `downstream`, their relatives too; with `onlyStates`, only those now in one of
   * them. Returns the task ids cleared, or on a dry run those that would be.
   */
  async clearTaskInstances(
    dagId: string,
    runId: string,
    taskIds: readonly string[] | null,
    options: ClearOptions = {},
  ): Promise<string[]> {
    const { run, version, taskInstances } = await this.#requireRunSnapshot(dagId, runId);
    const spec = version.spec;
    const selected = selectTasks(spec, taskIds, options);
    if (options.dryRun) {
      const stateOf = new Map(taskInstances.map((ti) => [ti.taskId, ti.state]));
      return selected.filter((taskId) => {
        const state = stateOf.get(taskId);
        return !options.onlyStates || (state !== undefined && options.onlyStates.includes(state));
      });
    }
    // Which instances are in `onlyStates` is decided inside the write, under the lock
    // queueing takes: one that moved on since the snapshot is judged as it is now.
    const cleared = await this.#store.clearTaskInstances(
      run.id,
      withRetries(spec, selected),
      this.#clock.now(),
      { onlyStates: options.onlyStates },
    );
    if (cleared.length > 0) await this.#startRuns();
    return cleared;
  }

  /**
   * Sets task instances of a run to `state` by hand (Airflow's mark success / failed /
   * skipped), with their upstream or downstream relatives when asked. An attempt in
   * flight is superseded, so its worker's next report gets 409. As in Airflow, failed
   * and upstream_failed tasks downstream are then cleared, so the run resumes from the
   * new state: downstream tasks become ready, or upstream_failed again. Returns the
   * instances changed (on a dry run, those that would be, unchanged).
   */
  async markTaskInstances(
    dagId: string,
    runId: string,
    taskIds: readonly string[],
    state: ManualTaskState,
    options: MarkOptions = {},
  ): Promise<TaskInstanceRecord[]> {
    const { run, version, taskInstances } = await this.#requireRunSnapshot(dagId, runId);
    const spec = version.spec;
    const selected = new Set(selectTasks(spec, taskIds, options));
    const { mapIndexes } = options;
    const chosen = (ti: TaskInstanceRecord) =>
      selected.has(ti.taskId) &&
      (mapIndexes === undefined ||
        !taskIds.includes(ti.taskId) ||
        mapIndexes.includes(ti.mapIndex));
    const policy: MarkPolicy = (ti) => (chosen(ti) ? state : null);
    if (options.dryRun) return taskInstances.filter((ti) => chosen(ti) && ti.state !== state);
    const now = this.#clock.now();
    const marked = await this.#store.markTaskInstances(run.id, policy, now);
    const failedDownstream = new Set(
      (
        await this.#store.listTaskInstances({
          dagRunId: run.id,
          states: [TaskInstanceState.failed, TaskInstanceState.upstreamFailed],
        })
      ).map((ti) => ti.taskId),
    );
    const resume = downstreamOf(spec, [...selected]).filter(
      (taskId) => !selected.has(taskId) && failedDownstream.has(taskId),
    );
    if (resume.length > 0) {
      await this.#store.clearTaskInstances(run.id, withRetries(spec, resume), now);
      await this.#startRuns();
    } else {
      await this.#afterEvaluation(await this.#evaluate(run.id));
    }
    return marked;
  }

  /**
   * Sets a run's state by hand, as Airflow does. `success`: every task instance not yet
   * successful becomes so. `failed`: running ones fail and those not finished are
   * skipped. Either way attempts in flight are superseded, and the run ends in the same
   * write. `queued`: the whole run is cleared and runs again.
   */
  async setDagRunState(
    dagId: string,
    runId: string,
    state: "success" | "failed" | "queued",
  ): Promise<DagRunRecord> {
    if (state === "queued") {
      await this.clearTaskInstances(dagId, runId, null);
    } else {
      const { run } = await this.#requireRunSnapshot(dagId, runId);
      const policy: MarkPolicy =
        state === "success"
          ? () => TaskInstanceState.success
          : (ti) =>
              ti.state === TaskInstanceState.running
                ? TaskInstanceState.failed
                : finishedTaskInstanceStates.includes(ti.state)
                  ? null
                  : TaskInstanceState.skipped;
      await this.#store.markTaskInstances(run.id, policy, this.#clock.now(), { runState: state });
      await this.#afterEvaluation(true);
    }
    const run = await this.#store.getDagRun(dagId, runId);
    if (!run) throw runNotFound(dagId, runId);
    return run;
  }

  /** Deletes a run and all it produced; a maxActiveRuns slot it held goes to the next run. */
  async deleteDagRun(dagId: string, runId: string): Promise<void> {
    const run = await this.#store.getDagRun(dagId, runId);
    if (!run || !(await this.#store.deleteDagRun(run.id))) throw runNotFound(dagId, runId);
    await this.#afterEvaluation(true);
  }

  async #requireRunSnapshot(dagId: string, runId: string): Promise<RunSnapshot> {
    const run = await this.#store.getDagRun(dagId, runId);
    const snapshot = run && (await this.#store.loadRunSnapshot(run.id));
    if (!snapshot) throw runNotFound(dagId, runId);
    return snapshot;
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
    for (const runId of started) await this.#evaluate(runId);
    await this.#queueReady();
  }

  async #afterAttempt(attempt: AttemptRecord): Promise<void> {
    await this.#afterEvaluation(await this.#evaluateAfter(attempt));
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

  /**
   * Evaluates what an attempt's end can change: its task's downstream tasks (and what a
   * skip among them cascades to), and whether the run is over. It reads only those tasks
   * and their upstream ones, so a finishing task costs the same in a run of 10 tasks or
   * 10,000; anything less simple falls back to evaluating the whole run.
   */
  async #evaluateAfter(attempt: AttemptRecord): Promise<boolean> {
    const version = await this.#store.getDagVersion(attempt.dagVersionId);
    if (!version) return this.#evaluate(attempt.dagRunId);
    const graph = dagGraph(version.spec);
    const focus = graph.downstream.get(attempt.taskId) ?? [];
    // One map index of many succeeding changes nothing below its task while others still
    // run (unless a rule decides on a first success): reading the task's 1,000 instances
    // at each of their ends would cost a fan-out N² rows.
    if (
      attempt.state === AttemptState.success &&
      graph.byId.get(attempt.taskId)?.mapped &&
      !focus.some((id) => decidesOnFirstSuccess(graph.byId.get(id)?.triggerRule)) &&
      (await this.#store.hasUnfinishedTaskInstances(attempt.dagRunId, attempt.taskId))
    ) {
      return false;
    }
    if (focus.length > 0) {
      const needed = new Set(focus);
      for (const taskId of focus)
        for (const up of graph.byId.get(taskId)?.upstream ?? []) needed.add(up);
      const instances = await this.#store.listTaskInstances({
        dagRunId: attempt.dagRunId,
        taskIds: [...needed],
      });
      const changes = evaluateTasks(version.spec, instances, focus);
      if (changes === null) return this.#evaluate(attempt.dagRunId);
      const applied = await this.#store.applyTaskStateChanges(changes, this.#clock.now());
      if (applied < changes.length) return this.#evaluate(attempt.dagRunId);
      // A task made ready means the run goes on.
      if (changes.some((c) => c.to === "scheduled")) return false;
    }
    if (await this.#store.hasUnfinishedTaskInstances(attempt.dagRunId)) return false;
    return this.#evaluate(attempt.dagRunId);
  }

  // ---- evaluation and queueing ------------------------------------------------------

  /**
   * Evaluates one run until its decisions apply cleanly (a concurrent change makes a
   * compare-and-set miss; the run is then read again). Returns true when it finished.
   */
  async #evaluate(dagRunId: number): Promise<boolean> {
    for (let round = 0; round < 5; round++) {
      const snapshot = await this.#store.loadRunSnapshot(dagRunId);
      if (snapshot?.run.state !== "running") return false;
      const { changes, expansions, runState } = evaluateRun(
        snapshot.version.spec,
        snapshot.taskInstances,
        snapshot.decidingResults,
      );
      const now = this.#clock.now();
      const applied = await this.#store.applyTaskStateChanges(changes, now);
      if (applied < changes.length) continue;
      if (!(await this.#expand(dagRunId, expansions, now))) continue;
      if (runState === null) return false;
      const finished = await this.#store.finishDagRun(dagRunId, runState, now);
      if (finished) {
        void this.#announceCallbacks(snapshot.version.id, null);
        this.#logger.info(
          { dagId: snapshot.run.dagId, runId: snapshot.run.runId, state: runState },
          "run finished",
        );
      }
      return finished;
    }
    return false;
  }

  /** Applies a run's mapping expansions; false when one lost a race (read the run again). */
  async #expand(dagRunId: number, expansions: readonly MapExpansion[], now: Date) {
    let all = true;
    for (const { taskId, count } of expansions) {
      if (await this.#store.expandMappedTask(dagRunId, taskId, count, now)) {
        this.#logger.debug({ dagRunId, taskId, count }, "mapped task expanded");
      } else {
        all = false;
      }
    }
    return all;
  }

  async #queueReady(): Promise<void> {
    const result = await this.#store.queueScheduledTasks(planQueueing, this.#clock.now());
    for (const queue of new Set(result.queued.map((q) => q.queue))) this.notifier.notify(queue);
    for (const runId of result.rejectedRunIds) await this.#evaluate(runId);
  }

  async #requireDag(dagId: string): Promise<DagRecord> {
    const dag = await this.#store.getDag(dagId);
    if (!dag?.isActive) {
      throw new BordaError(
        ErrorCode.notFound,
        `DAG '${dagId}' not found (or no longer in any DAG file).`,
      );
    }
    return dag;
  }
}

/** Which tasks a clear or a mark covers, beyond the ones named. */
export interface ClearOptions {
  upstream?: boolean | undefined;
  downstream?: boolean | undefined;
  /** Only task instances now in one of these states (Airflow's only_failed, only_running). */
  onlyStates?: readonly TaskInstanceState[] | undefined;
  /** Change nothing: answer what would change. */
  dryRun?: boolean | undefined;
}

export interface MarkOptions extends Omit<ClearOptions, "onlyStates"> {
  /** Only these map indexes of the tasks named (their relatives are marked whole). */
  mapIndexes?: readonly number[] | undefined;
}

/** The states a person may set a task instance to (Airflow's UpdateTaskState). */
export type ManualTaskState =
  | typeof TaskInstanceState.success
  | typeof TaskInstanceState.failed
  | typeof TaskInstanceState.skipped;

/** `taskIds` (null: every task) with the relatives asked for; an id the DAG lacks is a 404. */
function selectTasks(
  spec: DagSpec,
  taskIds: readonly string[] | null,
  options: { upstream?: boolean | undefined; downstream?: boolean | undefined },
): string[] {
  if (taskIds === null) return spec.tasks.map((t) => t.taskId);
  const unknown = taskIds.filter((id) => !spec.tasks.some((t) => t.taskId === id));
  if (unknown.length > 0) {
    throw new BordaError(
      ErrorCode.notFound,
      `No task ${unknown.join(", ")} in DAG '${spec.dagId}' as this run has it; its task instances (GET /dags/${spec.dagId}/dagRuns/{dag_run_id}/taskInstances) name the tasks.`,
    );
  }
  const selected = new Set(taskIds);
  if (options.upstream) for (const id of upstreamOf(spec, taskIds)) selected.add(id);
  if (options.downstream) for (const id of downstreamOf(spec, taskIds)) selected.add(id);
  return [...selected];
}

/** Trigger rules whose decision a single upstream success can change before the others end. */
const decidesOnFirstSuccess = (rule: TriggerRule | undefined) =>
  rule === TriggerRule.oneSuccess || rule === TriggerRule.allFailed;

/** A cleared task may retry as often again as its definition allows. */
const withRetries = (spec: DagSpec, taskIds: readonly string[]) =>
  taskIds.map((taskId) => ({
    taskId,
    retries: findTask(spec, taskId)?.retries ?? 0,
  }));

const runNotFound = (dagId: string, runId: string) =>
  new BordaError(ErrorCode.notFound, `DAG run '${runId}' of DAG '${dagId}' not found.`);
