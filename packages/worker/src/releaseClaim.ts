import { ErrorCode, type Job } from "@borda/protocol/edge";
import { Backoff, type BackoffOptions, delay } from "./client/backoff.js";
import { EdgeCallError, type EdgeClient } from "./client/edgeClient.js";
import type { Logger } from "./logger.js";

/**
 * Gives back a job this worker claimed and will not run (it started draining or entered
 * maintenance while the fetch was answered, or has too few free slots since its
 * concurrency was lowered): the control plane puts it back on its queue on the same try.
 * A transient failure is retried a few times with backoff; after that the job is left to
 * its claim's lease, on whose lapse the control plane returns an unstarted claim to the
 * queue: later, but not lost.
 */

/** Calls made before leaving the job to its lease: with the default backoff, a few seconds of trying. */
const releaseCalls = 4;

export interface ReleaseOptions {
  logger: Logger;
  backoff: BackoffOptions;
  /** Aborted when the worker exits: stop trying, the lease takes over. */
  signal: AbortSignal;
}

/** Never rejects for a failed call: what became of the job is logged. */
export async function releaseClaim(
  client: Pick<EdgeClient, "releaseAttempt">,
  job: Job,
  reason: string,
  options: ReleaseOptions,
): Promise<void> {
  const { logger, signal } = options;
  const fields = { attemptId: job.attemptId, dagId: job.dagId, taskId: job.taskId, reason };
  const backoff = new Backoff(options.backoff);
  for (let call = 1; ; call++) {
    try {
      await client.releaseAttempt(job.attemptId, { reason }, signal);
      logger.info("gave a claimed job back to its queue without running it", fields);
      return;
    } catch (error) {
      if (!(error instanceof EdgeCallError)) throw error;
      if (error.code === ErrorCode.staleAttempt) {
        // Its lease lapsed meanwhile, or an admin changed it: it is not this worker's to give.
        logger.info("a claimed job to give back is no longer this worker's", { ...fields, error });
        return;
      }
      if (!error.transient || call >= releaseCalls || signal.aborted) {
        logger.warn(
          "could not give a claimed job back; the control plane returns it to its queue when its lease lapses",
          { ...fields, error },
        );
        return;
      }
      await delay(backoff.next(), signal);
    }
  }
}
