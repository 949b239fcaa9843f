import {
  AttemptState,
  BordaError,
  ErrorCode,
  edgeProtocolVersion,
  findTask,
  nextPokeDelayMs,
  protocolMinorOf,
  SensorMode,
  sensorTimedOut,
  sensorTimeoutMessage,
  TaskInstanceState,
  type TaskSpec,
} from "@borda/protocol";
import type { Logger } from "pino";
import type {
  AttemptFailure,
  AttemptRecord,
  ClaimedJob,
  ClaimRelease,
  ClaimRequest,
  FinalFailure,
  ReleasedClaim,
  Store,
} from "../store/index.js";
import type { Clock } from "./clock.js";
import { dagGraph } from "./dagGraph.js";
import type { JobNotifier } from "./jobNotifier.js";
import { retryDelayMs } from "./retryDelay.js";
import type { SchedulerObserver } from "./scheduler.js";
import { invalidFlowResult } from "./taskFlow.js";
import { invalidMapSourceResult } from "./taskMapping.js";

export interface AttemptLifecycleOptions {
  store: Store;
  logger: Logger;
  clock: Clock;
  notifier: JobNotifier;
  /** The lease a claim gets when the worker's token sets none: the server's worker timeout. */
  leaseMs: number;
  /** An attempt ended: evaluate its run and queue what became ready, before the report returns. */
  afterAttempt(attempt: AttemptRecord): Promise<void>;
  /** A new deadline (a lease, an execution timeout, a retry): a pass must run by then. */
  wakeBy(deadline: Date | null): void;
  /** An attempt ended: the transition may have recorded callbacks to deliver. */
  announceCallbacks(attempt: AttemptRecord): void;
  observer: Pick<SchedulerObserver, "attemptStarted">;
}

/**
 * The worker-facing side of the scheduler: claims, starts, results and failures that
 * workers report, claims given back, and the reaper that ends attempts whose lease or
 * execution deadline passed. Every change is a compare-and-set in the store, keyed by the
 * attempt id (invariant 1), so replicas and late reports are safe.
 *
 * Leases only count time in which this control plane could hear heartbeats (invariant
 * 8): before the first reap after a start, and after the database could not be reached,
 * every lease is renewed in full.
 */
export class AttemptLifecycle {
  readonly #o: AttemptLifecycleOptions;
  /** Set at start and by store trouble; the next reap renews every lease first. */
  #renewalDue = true;

  constructor(options: AttemptLifecycleOptions) {
    this.#o = options;
  }

  get defaultLeaseMs(): number {
    return this.#o.leaseMs;
  }

  /**
   * Hands queued jobs on the worker's queues to it, up to its free slots, and only those
   * its protocol version can run (absent: this control plane's own).
   */
  async claimJobs(
    request: Omit<ClaimRequest, "leaseMs" | "protocolMinor" | "startOnClaim"> & {
      leaseMs?: number | undefined;
      protocolMinor?: number | undefined;
      startOnClaim?: boolean | undefined;
    },
  ): Promise<ClaimedJob[]> {
    const jobs = await this.#o.store.claimJobs(
      {
        ...request,
        leaseMs: request.leaseMs ?? this.#o.leaseMs,
        protocolMinor: request.protocolMinor ?? protocolMinorOf(edgeProtocolVersion),
        startOnClaim: request.startOnClaim ?? false,
      },
      this.#o.clock.now(),
    );
    if (jobs.length > 0) this.#o.wakeBy(jobs[0]?.leaseExpiresAt ?? null);
    for (const job of jobs) {
      if (job.state !== AttemptState.running) continue;
      this.#o.observer.attemptStarted(job);
      this.#o.wakeBy(job.timeoutAt);
    }
    return jobs;
  }

  async startAttempt(attemptId: string): Promise<AttemptRecord> {
    const attempt = await this.#o.store.startAttempt(attemptId, this.#o.clock.now());
    this.#o.observer.attemptStarted(attempt);
    this.#o.wakeBy(attempt.timeoutAt);
    return attempt;
  }

  /**
   * Why a result cannot be the attempt's success, or null: a branch task that names a
   * task it cannot follow, or a task whose result a mapping cannot map over, fails
   * instead, as in Airflow. (A mapped task's results feed a mapping as one list, each
   * result an item: any result does.)
   */
  async invalidResult(attempt: AttemptRecord, returnValue: unknown): Promise<string | null> {
    const version = await this.#o.store.getDagVersion(attempt.dagVersionId);
    if (!version) return null;
    const graph = dagGraph(version.spec);
    const task = graph.byId.get(attempt.taskId);
    if (!task) return null;
    const consumers = (graph.downstream.get(task.taskId) ?? []).flatMap(
      (id) => graph.byId.get(id) ?? [],
    );
    return (
      invalidFlowResult(graph, task, returnValue) ??
      (task.mapped ? null : invalidMapSourceResult(task, consumers, returnValue))
    );
  }

  /**
   * A reschedule-mode sensor's poke found its condition false. Past the sensor's timeout
   * (counted from the try's first poke) the task fails without retries, or is skipped
   * with soft_fail; otherwise it waits `up_for_reschedule`, holding no slot, until its
   * next poke, which queueing puts on the same try.
   */
  async rescheduleAttempt(attempt: AttemptRecord): Promise<AttemptRecord> {
    const sensor = (await this.#taskOf(attempt))?.sensor;
    if (sensor?.mode !== SensorMode.reschedule) {
      throw new BordaError(
        ErrorCode.invalidInput,
        `Task '${attempt.taskId}' is not a sensor in reschedule mode: report its success or failure instead.`,
      );
    }
    const now = this.#o.clock.now();
    const elapsedMs = now.getTime() - (attempt.startedAt ?? now).getTime();
    if (sensorTimedOut(sensor, elapsedMs)) {
      return this.failAttempt(
        attempt.attemptId,
        { error: sensorTimeoutMessage(sensor) },
        { sensorTimeout: true },
      );
    }
    const nextPokeAt = new Date(
      now.getTime() + nextPokeDelayMs(sensor, attempt.reschedules + 1, elapsedMs),
    );
    const waiting = await this.#o.store.rescheduleAttempt(attempt.attemptId, nextPokeAt, now);
    // A poke due at once is queued in this same step, like a retry without delay.
    if (nextPokeAt <= now) await this.#o.store.rescheduleDueRetries(now);
    await this.#o.afterAttempt(waiting);
    this.#o.wakeBy(nextPokeAt);
    return waiting;
  }

  /** Records success, then queues the downstream tasks this made ready, before returning. */
  async completeAttempt(
    attemptId: string,
    result: {
      returnValue?: unknown;
      xcoms?: Record<string, unknown> | undefined;
      renderedMapIndex?: string | undefined;
    } = {},
  ): Promise<AttemptRecord> {
    const attempt = await this.#o.store.completeAttempt(
      attemptId,
      {
        renderedMapIndex: result.renderedMapIndex,
        returnValueJson:
          result.returnValue === undefined ? undefined : JSON.stringify(result.returnValue),
        xcomsJson:
          result.xcoms &&
          Object.fromEntries(
            Object.entries(result.xcoms).map(([key, value]) => [key, JSON.stringify(value)]),
          ),
      },
      this.#o.clock.now(),
    );
    this.#o.announceCallbacks(attempt);
    await this.#o.afterAttempt(attempt);
    return attempt;
  }

  /**
   * Records a failure (retry or fail per the task's policy), then evaluates the run. A
   * sensor's timeout fails without retries, or skips the task when its sensor says
   * soft_fail (Airflow's `AirflowSensorTimeout`).
   */
  async failAttempt(
    attemptId: string,
    failure: AttemptFailure,
    options: { sensorTimeout?: boolean; skipped?: boolean } = {},
  ): Promise<AttemptRecord> {
    const now = this.#o.clock.now();
    // A task that skipped itself is skipped whatever its retries: it did not fail.
    let final: FinalFailure | undefined = options.skipped ? TaskInstanceState.skipped : undefined;
    if (options.sensorTimeout && !final) {
      // Only a sensor's timeout: any other task's failure retries as its policy says.
      const held = await this.#o.store.getAttempt(attemptId);
      const sensor = held && (await this.#taskOf(held))?.sensor;
      if (sensor) final = sensor.softFail ? TaskInstanceState.skipped : TaskInstanceState.failed;
    }
    const attempt = await this.#o.store.failAttempt(
      attemptId,
      failure,
      retryDelayMs,
      now,
      final ? { final } : {},
    );
    this.#o.announceCallbacks(attempt);
    // A retry without delay is queued in this same step, like a downstream task.
    if (attempt.retryAt && attempt.retryAt <= now) await this.#o.store.rescheduleDueRetries(now);
    await this.#o.afterAttempt(attempt);
    this.#o.wakeBy(attempt.retryAt);
    return attempt;
  }

  async #taskOf(attempt: AttemptRecord): Promise<TaskSpec | undefined> {
    const version = await this.#o.store.getDagVersion(attempt.dagVersionId);
    return version ? findTask(version.spec, attempt.taskId) : undefined;
  }

  /**
   * Puts a claimed, unstarted job back on its queue on the same try (see the store's
   * `releaseClaim`) and wakes the workers waiting on that queue. Null when there was
   * nothing to release.
   */
  async releaseClaim(release: ClaimRelease): Promise<ReleasedClaim | null> {
    const released = await this.#o.store.releaseClaim(release, this.#o.clock.now());
    if (released) this.#o.notifier.notify(released.queue);
    return released;
  }

  /**
   * The database failed this control plane (a pass, a heartbeat): heartbeats may have
   * gone unheard, so the next reap renews every lease before it expires any.
   */
  noteStoreTrouble(): void {
    this.#renewalDue = true;
  }

  /** Ends what is overdue: execution timeouts, lapsed claims, leases of silent workers. */
  async reapOverdue(now: Date): Promise<void> {
    if (this.#renewalDue) {
      const renewed = await this.#o.store.renewAllLeases(now);
      this.#renewalDue = false;
      if (renewed > 0) {
        this.#o.logger.info(
          { attempts: renewed },
          "renewed the leases of attempts in flight: their workers get a full worker timeout to be heard from",
        );
      }
    }
    for (const attempt of await this.#o.store.listOverdueAttempts(now)) {
      await this.#endOverdue(attempt, now);
    }
  }

  async #endOverdue(attempt: AttemptRecord, now: Date): Promise<void> {
    const fields = { attemptId: attempt.attemptId, dagId: attempt.dagId, taskId: attempt.taskId };
    if (attempt.timeoutAt === null || attempt.timeoutAt > now) {
      // A start only its claim recorded (1.5) may never have reached the worker.
      if (attempt.state === AttemptState.claimed || attempt.startUnconfirmed) {
        const released = await this.releaseClaim({ kind: "expired", attemptId: attempt.attemptId });
        if (released) {
          this.#o.logger.warn(
            { ...fields, worker: attempt.workerName, requeuedAs: released.requeuedAs },
            "a claimed job was never started within its lease: back on its queue, on the same try",
          );
        }
        return;
      }
      const seconds = Math.round((attempt.leaseMs ?? this.#o.leaseMs) / 1000);
      await this.#failOverdue(
        attempt,
        `Worker '${attempt.workerName}' stopped heartbeating: not heard from for its worker timeout (${seconds} s), so its lease on this attempt expired.`,
        "lease",
        now,
      );
      return;
    }
    await this.#failOverdue(
      attempt,
      `Execution timeout: still running after ${Math.round((attempt.executionTimeoutMs ?? 0) / 1000)} s (executionTimeout).`,
      "timeout",
      now,
    );
  }

  async #failOverdue(
    attempt: AttemptRecord,
    error: string,
    overdue: "lease" | "timeout",
    now: Date,
  ): Promise<void> {
    try {
      const failed = await this.#o.store.failAttempt(
        attempt.attemptId,
        { error },
        retryDelayMs,
        now,
        { overdue },
      );
      this.#o.announceCallbacks(failed);
      this.#o.wakeBy(failed.retryAt);
      this.#o.logger.warn(
        { attemptId: attempt.attemptId, dagId: attempt.dagId, taskId: attempt.taskId },
        error,
      );
    } catch (err) {
      // Finished, renewed by a heartbeat, or failed by another replica since it was listed.
      if (!(err instanceof BordaError && err.code === ErrorCode.staleAttempt)) throw err;
    }
  }
}
