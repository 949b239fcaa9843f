import type { BordaError } from "@borda/protocol";
import type { Clock } from "../scheduler/clock.js";
import type { HeartbeatReport, Liveness, Store, WorkerRecord } from "../store/index.js";

/** The most heartbeats written in one transaction: bounds how long one holds the write lock. */
const maxBatch = 50;
/**
 * Batches written at once, each on its own connection: on PostgreSQL each statement is a
 * round trip, so one writer at a time would cap heartbeats at one connection's pace.
 */
const maxWriters = 4;

interface Waiting {
  name: string;
  report: HeartbeatReport;
  resolve(worker: WorkerRecord): void;
  reject(error: unknown): void;
}

/**
 * Writes workers' heartbeats in batches, one write transaction each (group commit): the
 * heartbeats that arrive while batches are being written form the next ones. An idle
 * control plane writes each at once, as before; thousands of workers cost one commit per
 * batch instead of one each. A heartbeat is answered only once its batch committed, so a
 * worker's lease and last-seen time are renewed when it is told they are.
 */
export class HeartbeatBatch {
  readonly #store: Store;
  readonly #clock: Clock;
  readonly #liveness: () => Liveness;
  #waiting: Waiting[] = [];
  #writers = 0;

  constructor(store: Store, clock: Clock, liveness: () => Liveness) {
    this.#store = store;
    this.#clock = clock;
    this.#liveness = liveness;
  }

  /** Records one heartbeat; its worker's record, or the error it alone would have got. */
  record(name: string, report: HeartbeatReport): Promise<WorkerRecord> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ name, report, resolve, reject });
      if (this.#writers < maxWriters) void this.#write();
    });
  }

  async #write(): Promise<void> {
    this.#writers += 1;
    // Let the heartbeats already read from their sockets in this turn join the batch.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, maxBatch);
      try {
        const recorded = await this.#store.recordHeartbeats(
          batch.map(({ name, report }) => ({ name, report })),
          this.#liveness(),
          this.#clock.now(),
        );
        recorded.forEach((outcome, i) => {
          if (isError(outcome)) batch[i]?.reject(outcome);
          else batch[i]?.resolve(outcome);
        });
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.#writers -= 1;
  }
}

function isError(outcome: WorkerRecord | BordaError): outcome is BordaError {
  return outcome instanceof Error;
}
