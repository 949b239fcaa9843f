import type { Job } from "@borda/protocol";
import type { BackoffOptions } from "./client/backoff.js";
import { formatDuration } from "./formatDuration.js";
import { FinishedState } from "./health/workerMetrics.js";
import type { Logger } from "./logger.js";
import type { NextJobsAsk } from "./nextJobs.js";
import type { RunningTask, TaskRunner } from "./runner/taskRunner.js";
import { type AttemptResult, AttemptSpool } from "./spool/attemptSpool.js";
import { LogShipper, type ShipperClient } from "./spool/logShipper.js";
import type { Wakeup } from "./wakeup.js";

/**
 * The attempts this worker holds, running or ended with their report not yet delivered,
 * and their bookkeeping: each has a spool, a shipper delivering it, and the slots it
 * takes while it runs. An attempt is held until its shipper is done with it (delivered,
 * discarded as stale, or stopped at exit); the heartbeat renews the leases of all of them.
 */

export interface HeldAttemptsOptions {
  client: ShipperClient;
  tasks: TaskRunner;
  /** Where attempts' spools live; what an earlier run left there is shipped first. */
  spoolRoot: string;
  logger: Logger;
  backoff: BackoffOptions;
  /** Longest time new log lines wait before they are shipped. Default 1 s. */
  logFlushIntervalMs?: number;
  /** Woken when an attempt ends or is let go. */
  changed: Wakeup;
  /** The silence that may have cost this worker attempts (`Lifecycle.recentOutageMs`). */
  recentOutageMs: () => number | null;
  /** Told once per attempt that ran here, when it ends (or is given up). */
  finished: (state: FinishedState) => void;
  /**
   * An attempt that took `poolSlots` ended: what its final report asks for besides (its
   * next jobs, protocol 1.5), or null.
   */
  askForNext?: (poolSlots: number) => NextJobsAsk | null;
}

/** How the control plane said an attempt is no longer this worker's. */
export const GiveUpCause = {
  /** Listed in `cancelAttemptIds` of a heartbeat or fetch answer. */
  cancelled: "cancelled",
  /** A report or log chunk about it was refused with 409 `stale_attempt`. */
  refused: "refused",
} as const;
export type GiveUpCause = (typeof GiveUpCause)[keyof typeof GiveUpCause];

interface HeldAttempt {
  attemptId: string;
  spool: AttemptSpool;
  shipper: LogShipper;
  /** Null for an attempt left by an earlier run of the worker. */
  task: RunningTask | null;
  poolSlots: number;
  running: boolean;
  /** The control plane no longer counts it as this worker's: killed, nothing more reported. */
  givenUp: boolean;
}

export class HeldAttempts {
  readonly #options: HeldAttemptsOptions;
  readonly #attempts = new Map<string, HeldAttempt>();
  #slotsTaken = 0;

  constructor(options: HeldAttemptsOptions) {
    this.#options = options;
  }

  /** The attempts the worker still answers for (not the ones given up). */
  get ids(): string[] {
    return [...this.#attempts.values()].filter((held) => !held.givenUp).map((h) => h.attemptId);
  }

  /** Attempts whose task still runs. */
  get running(): number {
    let running = 0;
    for (const held of this.#attempts.values()) if (held.running) running++;
    return running;
  }

  /** Every attempt held, including those whose shipping is still under way. */
  get size(): number {
    return this.#attempts.size;
  }

  get slotsTaken(): number {
    return this.#slotsTaken;
  }

  holds(attemptId: string): boolean {
    return this.#attempts.has(attemptId);
  }

  /** Runs a job at once, spooling its output and shipping it as it goes. */
  start(job: Job): void {
    const { logger, tasks, changed } = this.#options;
    const spool = AttemptSpool.create(this.#options.spoolRoot, job.attemptId);
    // Recorded as started at its claim (1.5): no start to send.
    if (job.started) spool.markStarted();
    const started = Date.now();
    const task = tasks.start(job, spool);
    const held: HeldAttempt = {
      attemptId: job.attemptId,
      spool,
      shipper: this.#ship(spool),
      task,
      poolSlots: job.poolSlots,
      running: true,
      givenUp: false,
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
    logger.info("task started", fields);
    const ended = task.result.then((result) => {
      held.running = false;
      this.#slotsTaken -= job.poolSlots;
      // The freed slots go to the report's request for the next jobs before the fetch
      // loop, woken next, can count them free.
      const next = held.givenUp ? null : (this.#options.askForNext?.(job.poolSlots) ?? null);
      changed.wake();
      if (held.givenUp) {
        this.#options.finished(FinishedState.givenUp);
        return;
      }
      this.#options.finished(finishedState(result));
      try {
        spool.finish(result);
      } catch (error) {
        logger.error("writing the attempt's result to the spool failed", {
          ...fields,
          error: error as Error,
        });
      }
      held.shipper.report(next);
      logger.info(
        `task ${result.outcome === "success" ? "succeeded" : result.outcome === "reschedule" ? "rescheduled" : result.skipped ? "skipped itself" : "failed"}`,
        {
          ...fields,
          seconds: (Date.now() - started) / 1000,
          ...(result.outcome === "failure" ? { error: result.error.split("\n")[0] } : {}),
        },
      );
    });
    void Promise.all([ended, held.shipper.done])
      .catch((error: Error) =>
        logger.error("the attempt's bookkeeping failed", { ...fields, error }),
      )
      .then(() => this.#forget(held));
  }

  /** Ships what an earlier run left in the spool, first thing (a 409 stale discards it). */
  recoverLeftovers(): void {
    const { logger } = this.#options;
    for (const spool of AttemptSpool.leftovers(this.#options.spoolRoot)) {
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
      logger.info("shipping an attempt left from an earlier run", {
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
        givenUp: false,
      };
      this.#attempts.set(held.attemptId, held);
      void held.shipper.done
        .catch((error: Error) =>
          logger.error("shipping the attempt failed", { attemptId: held.attemptId, error }),
        )
        .then(() => this.#forget(held));
    }
  }

  /**
   * Lets go of a running attempt the control plane no longer counts as this worker's: it
   * failed it (after this worker's silence, or an admin's change) and may already run its
   * retry elsewhere, so its processes are killed at once, with no grace period in which
   * this copy could do the work a second time, and nothing more is reported about it. An
   * attempt that has ended is left to its shipper, which discards it on the refusal.
   */
  giveUp(attemptId: string, cause: GiveUpCause): void {
    const held = this.#attempts.get(attemptId);
    if (!held?.running || held.givenUp) return;
    held.givenUp = true;
    const outageMs = this.#options.recentOutageMs();
    const why =
      outageMs !== null
        ? `the control plane gave up attempt ${attemptId} while this worker was unreachable (for ${formatDuration(outageMs)})`
        : cause === GiveUpCause.cancelled
          ? `the control plane cancelled attempt ${attemptId}: it is no longer this worker's`
          : `the control plane refused a report of attempt ${attemptId}: it is no longer this worker's`;
    this.#options.logger[outageMs !== null ? "warn" : "info"](`${why}; killing its processes`, {
      attemptId,
    });
    held.task?.kill(`killed: ${why}`);
    held.shipper.stop();
    held.spool.remove();
  }

  /** Stops every running task (the drain timeout): each fails with `reason` and is reported. */
  stopRunning(reason: string): void {
    for (const held of this.#attempts.values()) if (held.running) held.task?.stop(reason);
  }

  /** Stops shipping (the worker exits): what is undelivered stays in the spool for the next start. */
  async stopShipping(): Promise<void> {
    if (this.#attempts.size > 0) {
      this.#options.logger.warn(
        "leaving undelivered logs and results in the spool for the next start",
        { attempts: this.#attempts.size, spool: this.#options.spoolRoot },
      );
    }
    const shippers = [...this.#attempts.values()].map((held) => held.shipper);
    for (const shipper of shippers) shipper.stop();
    await Promise.all(shippers.map((shipper) => shipper.done));
  }

  #ship(spool: AttemptSpool): LogShipper {
    const { client, logger, backoff, logFlushIntervalMs } = this.#options;
    return new LogShipper({
      client,
      spool,
      logger,
      backoff,
      ...(logFlushIntervalMs !== undefined ? { flushIntervalMs: logFlushIntervalMs } : {}),
      onStale: () => this.giveUp(spool.attemptId, GiveUpCause.refused),
    });
  }

  #forget(held: HeldAttempt): void {
    if (this.#attempts.get(held.attemptId) === held) this.#attempts.delete(held.attemptId);
    this.#options.changed.wake();
  }
}

function finishedState(result: AttemptResult): FinishedState {
  if (result.outcome === "success") return FinishedState.success;
  if (result.outcome === "reschedule") return FinishedState.rescheduled;
  return result.skipped ? FinishedState.skipped : FinishedState.failed;
}
