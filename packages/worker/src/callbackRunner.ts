import {
  type CallbackJob,
  ErrorCode,
  type Job,
  maxCallbackOutputChars,
} from "@borda/protocol/edge";
import { Backoff, type BackoffOptions, delay } from "./client/backoff.js";
import { EdgeCallError, type EdgeClient } from "./client/edgeClient.js";
import type { Logger } from "./logger.js";
import type { TaskRunner } from "./runner/taskRunner.js";

/**
 * Runs the code callbacks a fetch hands this worker (protocol 1.3, docs/notifications.md)
 * in the same runners as tasks, and reports how each ended under its claim id. A callback
 * takes no slot and has no log stream: the end of its output travels in its report.
 * A report the control plane refuses as stale (the claim lapsed and someone else runs it)
 * is dropped; one that cannot be delivered is retried until the worker exits, after which
 * the claim lapses and the callback runs again elsewhere (at least once).
 */

export interface CallbackRunnerOptions {
  client: Pick<EdgeClient, "reportCallback">;
  tasks: Pick<TaskRunner, "start">;
  logger: Logger;
  backoff: BackoffOptions;
  /** Aborted when the worker exits. */
  signal: AbortSignal;
}

export class CallbackRunner {
  readonly #o: CallbackRunnerOptions;
  /** Claim ids of the callbacks running or reporting, so a resent one is not run twice here. */
  readonly #held = new Set<string>();

  constructor(options: CallbackRunnerOptions) {
    this.#o = options;
  }

  run(job: CallbackJob): void {
    if (this.#held.has(job.claimId)) return;
    this.#held.add(job.claimId);
    void this.#run(job)
      .catch((error: Error) =>
        this.#o.logger.error("a callback could not be run", { callbackId: job.callbackId, error }),
      )
      .finally(() => this.#held.delete(job.claimId));
  }

  async #run(job: CallbackJob): Promise<void> {
    let output = "";
    const append = (text: string) => {
      output = (output + text).slice(-maxCallbackOutputChars);
    };
    const running = this.#o.tasks.start(asTaskJob(job), {
      write: (_stream, text) => append(text),
      note: (text) => append(`[borda] ${text}\n`),
    });
    const result = await running.result;
    const error = result.outcome === "failure" ? result.error : null;
    await this.#report(job, { claimId: job.claimId, error, output });
  }

  async #report(
    job: CallbackJob,
    report: { claimId: string; error: string | null; output: string },
  ): Promise<void> {
    const { client, logger, signal } = this.#o;
    const fields = { callbackId: job.callbackId, dagId: job.dagId, taskId: job.taskId };
    const backoff = new Backoff(this.#o.backoff);
    while (!signal.aborted) {
      try {
        await client.reportCallback(job.callbackId, report, signal);
        if (report.error === null) logger.info("callback ran", fields);
        else logger.warn("callback failed", { ...fields, error: report.error });
        return;
      } catch (error) {
        if (!(error instanceof EdgeCallError)) throw error;
        if (error.code === ErrorCode.staleAttempt || !error.transient) {
          logger.warn("the control plane took a callback's report as stale; dropping it", {
            ...fields,
            error,
          });
          return;
        }
        await delay(backoff.next(), signal);
      }
    }
  }
}

/**
 * The callback as the task runner takes a job: it runs in the runner of its bundle, as
 * the task would, and its claim id stands in for an attempt id: the control plane answers
 * its reads of XComs, connections and variables in its task's scope while it runs.
 */
function asTaskJob(job: CallbackJob): Job & { callback: CallbackJob["callback"] } {
  return {
    attemptId: job.claimId,
    dagId: job.dagId,
    runId: job.runId,
    taskId: job.taskId,
    mapIndex: job.mapIndex,
    tryNumber: Math.max(1, job.context.tryNumber),
    queue: job.queue,
    pool: "default_pool",
    poolSlots: 1,
    bundleHash: job.bundleHash,
    kind: "function",
    ...(job.runtime ? { runtime: job.runtime } : {}),
    ...(job.python ? { python: job.python } : {}),
    isolation: "warm",
    executionTimeoutMs: job.timeoutMs,
    context: job.context,
    callback: job.callback,
  };
}
