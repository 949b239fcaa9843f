import {
  type AttemptAck,
  ErrorCode,
  type FetchResponse,
  maxLogChunkBytes,
} from "@borda/protocol/edge";
import { Backoff, type BackoffOptions } from "../client/backoff.js";
import { EdgeCallError, type EdgeClient } from "../client/edgeClient.js";
import type { Logger } from "../logger.js";
import type { NextJobsAsk } from "../nextJobs.js";
import { Wakeup } from "../wakeup.js";
import type { AttemptSpool } from "./attemptSpool.js";

/**
 * Ships one attempt's spool to the control plane, in order: the start (unless the control
 * plane recorded it at the claim), the log in offset-addressed chunks from the last
 * acknowledged offset, then the final report, which may ask for the worker's next jobs. It
 * sends new log lines at least every `flushIntervalMs` while the task runs and at once
 * when it ends; while the control plane is away it retries with backoff, forever, and
 * catches up when it returns (invariant 5).
 *
 * Resending a chunk the control plane already holds is harmless (it answers where its
 * log ends); a gap is refused with 409 and the offset it expects, and shipping resumes
 * there. A 409 `stale_attempt` means the attempt is no longer this worker's: the spool
 * is discarded and `onStale` kills the task if it still runs.
 */

export type ShipOutcome =
  /** The control plane acknowledged the final report; the spool is gone. */
  | "delivered"
  /** The attempt is no longer current; the spool is gone. */
  | "stale"
  /** The control plane refused the report for good (logged); the spool is gone. */
  | "refused"
  /** `stop()` was called first; the spool stays for the next start of the worker. */
  | "stopped";

export type ShipperClient = Pick<
  EdgeClient,
  "startAttempt" | "sendLogs" | "reportSuccess" | "reportFailure" | "reportReschedule"
>;

export interface LogShipperOptions {
  client: ShipperClient;
  spool: AttemptSpool;
  logger: Logger;
  /** Longest time new log lines wait before they are sent while the task runs. Default 1 s. */
  flushIntervalMs?: number;
  /** Largest chunk sent. Default the protocol's maximum, 256 KiB. */
  maxChunkBytes?: number;
  backoff?: BackoffOptions;
  /** The control plane says the attempt is no longer this worker's. */
  onStale?: () => void;
}

type Phase = "start" | "logs" | "result";

export class LogShipper {
  /** Settles once the spool is delivered, discarded, or the shipper is stopped. */
  readonly done: Promise<ShipOutcome>;
  readonly #options: LogShipperOptions;
  readonly #spool: AttemptSpool;
  readonly #backoff: Backoff;
  readonly #stopped = new AbortController();
  #acked = 0;
  #logsAbandoned = false;
  readonly #wakeup = new Wakeup();
  /** The report's request for the next jobs, until settled. */
  #next: NextJobsAsk | null = null;
  /** Shipping has ended (`done` settled or about to). */
  #shipped = false;

  constructor(options: LogShipperOptions) {
    this.#options = options;
    this.#spool = options.spool;
    this.#backoff = new Backoff(options.backoff);
    this.done = this.#run();
  }

  /**
   * The task ended and its result is in the spool: ship it now, asking with it for
   * `next` (the worker's next jobs), which is settled whatever happens to the report.
   */
  report(next: NextJobsAsk | null): void {
    this.#next = next;
    // Shipping ended already (the attempt was discarded as stale), or the report waits
    // behind more log than one chunk: the slots would idle while the log goes out, so the
    // fetch loop has them back at once.
    const behind = this.#spool.size - this.#acked;
    if (this.#shipped || behind > (this.#options.maxChunkBytes ?? maxLogChunkBytes)) {
      this.#settleNext(undefined);
    }
    this.#wakeup.wake();
  }

  /** Stops shipping (the worker is exiting); the spool stays on disk. */
  stop(): void {
    this.#stopped.abort();
    this.#wakeup.wake();
  }

  async #run(): Promise<ShipOutcome> {
    try {
      return await this.#ship();
    } finally {
      this.#shipped = true;
      this.#settleNext(undefined);
    }
  }

  /** Hands the answer to the request for the next jobs over, once; later sends ask nothing. */
  #settleNext(next: FetchResponse | undefined): void {
    const ask = this.#next;
    this.#next = null;
    ask?.settled(next);
  }

  async #ship(): Promise<ShipOutcome> {
    const { client, logger } = this.#options;
    const spool = this.#spool;
    const attemptId = spool.attemptId;
    const chunkBytes = this.#options.maxChunkBytes ?? maxLogChunkBytes;
    let unreachable = false;
    /** Starts sent: after one whose answer was lost, a refusal may mean that one arrived. */
    let startsSent = 0;
    const stopped = this.#stopped.signal;
    while (!stopped.aborted) {
      let phase: Phase = "start";
      try {
        if (!spool.started) {
          startsSent++;
          await client.startAttempt(attemptId, stopped);
          spool.markStarted();
        }
        phase = "logs";
        if (!this.#logsAbandoned && this.#acked < spool.size) {
          const chunk = spool.readChunk(this.#acked, chunkBytes);
          const ack = await client.sendLogs(attemptId, chunk, stopped);
          this.#acked = Math.min(ack.nextOffset, spool.size);
        } else {
          const result = spool.result;
          if (result === null) {
            await this.#wakeup.wait(this.#options.flushIntervalMs ?? 1000);
            continue;
          }
          phase = "result";
          const next = this.#next ? { next: this.#next.request } : {};
          let ack: AttemptAck;
          try {
            if (result.outcome === "success") {
              ack = await client.reportSuccess(
                attemptId,
                {
                  returnValue: result.returnValue,
                  ...(result.xcoms ? { xcoms: result.xcoms } : {}),
                  ...(result.renderedMapIndex ? { renderedMapIndex: result.renderedMapIndex } : {}),
                  ...next,
                },
                stopped,
              );
            } else if (result.outcome === "reschedule") {
              ack = await client.reportReschedule(attemptId, { ...next }, stopped);
            } else {
              ack = await client.reportFailure(
                attemptId,
                {
                  error: result.error,
                  exitCode: result.exitCode,
                  ...(result.sensorTimeout ? { sensorTimeout: true } : {}),
                  ...(result.skipped ? { skipped: true } : {}),
                  ...next,
                },
                stopped,
              );
            }
          } catch (error) {
            // The slots wait for no retry of the report: the fetch loop has them back.
            this.#settleNext(undefined);
            throw error;
          }
          spool.remove();
          this.#settleNext(ack.next);
          return "delivered";
        }
        if (unreachable) {
          logger.info("control plane reachable again; catching up", { attemptId });
          unreachable = false;
        }
        this.#backoff.reset();
      } catch (error) {
        if (!(error instanceof EdgeCallError)) throw error;
        if (
          phase === "start" &&
          startsSent > 1 &&
          error.code === ErrorCode.staleAttempt &&
          error.details?.state === "running"
        ) {
          // The earlier start arrived and only its answer was lost: the attempt is ours.
          spool.markStarted();
          continue;
        }
        if (error.status === 409 && error.code === ErrorCode.staleAttempt) {
          logger.info("the control plane says the attempt is no longer current; discarding it", {
            attemptId,
            phase,
          });
          spool.remove();
          this.#options.onStale?.();
          return "stale";
        }
        const expected = error.details?.expectedOffset;
        if (error.status === 409 && typeof expected === "number") {
          this.#acked = Math.max(0, Math.min(expected, spool.size));
          continue;
        }
        if (error.transient || error.status === 401 || error.status === 403) {
          if (!unreachable) {
            unreachable = true;
            logger.warn("cannot ship the attempt's log and result yet; will retry", {
              attemptId,
              error,
            });
          }
          await this.#wakeup.wait(this.#backoff.next());
          continue;
        }
        if (phase === "logs") {
          // A chunk refused for good would be refused again: keep the result deliverable.
          logger.error(
            "the control plane refused the attempt's log; sending its result without it",
            {
              attemptId,
              error,
            },
          );
          this.#logsAbandoned = true;
          continue;
        }
        logger.error(`the control plane refused the attempt's ${phase}; discarding it`, {
          attemptId,
          error,
        });
        spool.remove();
        if (phase === "start") this.#options.onStale?.();
        return "refused";
      }
    }
    spool.close();
    return "stopped";
  }
}
