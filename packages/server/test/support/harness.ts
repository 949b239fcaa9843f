import pino from "pino";
import type { Clock } from "../../src/scheduler/clock.js";
import { Scheduler } from "../../src/scheduler/scheduler.js";
import type { ClaimedJob, Store } from "../../src/store/index.js";

export const silentLogger = pino({ level: "silent" });

/** A clock that moves only when the test says so. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start: string | Date = "2026-01-01T00:00:00Z") {
    this.#now = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now += ms;
  }
  set(at: string | Date): void {
    this.#now = new Date(at).getTime();
  }
}

export function createScheduler(store: Store, clock: Clock, options: { leaseMs?: number } = {}) {
  return new Scheduler({ store, clock, logger: silentLogger, ...options });
}

export type Outcome = "success" | "fail";

/**
 * Plays a worker through the scheduler's worker-facing methods: claims jobs on `queues`,
 * starts each, and completes or fails it as `decide` says, until nothing is left to
 * claim. Returns every job it ran, in order.
 */
export async function workUntilIdle(
  scheduler: Scheduler,
  decide: (job: ClaimedJob) => Outcome = () => "success",
  options: { queues?: string[]; workerName?: string; freeSlots?: number } = {},
): Promise<ClaimedJob[]> {
  const ran: ClaimedJob[] = [];
  for (;;) {
    const jobs = await scheduler.attempts.claimJobs({
      workerName: options.workerName ?? "worker-a",
      queues: options.queues ?? ["*"],
      freeSlots: options.freeSlots ?? 8,
    });
    if (jobs.length === 0) return ran;
    for (const job of jobs) {
      await scheduler.attempts.startAttempt(job.attemptId);
      if (decide(job) === "success") {
        await scheduler.attempts.completeAttempt(job.attemptId, {
          returnValue: `${job.taskId} done`,
        });
      } else {
        await scheduler.attempts.failAttempt(job.attemptId, {
          error: `${job.taskId} failed on purpose`,
          exitCode: 1,
        });
      }
      ran.push(job);
    }
  }
}
