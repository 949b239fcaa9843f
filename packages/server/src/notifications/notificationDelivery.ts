import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Credentials } from "../credentials/credentials.js";
import { maxCallbackClaims } from "../edge/callbackJobs.js";
import type { Clock } from "../scheduler/clock.js";
import { type DeliveryRecord, defaultTeam, type Store } from "../store/index.js";
import { deliveryFailedEvent } from "./deliveryFailedEvent.js";
import { deliverNotification, NotifierError, notificationFacts } from "./notifiers.js";

export interface NotificationDeliveryOptions {
  store: Store;
  credentials: Credentials;
  logger: Logger;
  clock: Clock;
  /** Calls its listener when a transition recorded notifier deliveries (the scheduler's). */
  onDue(listener: () => void): () => void;
  /** The UI's URL, for the link in each notification. */
  baseUrl(): string;
  /** Tries per notification. Default 4. */
  maxTries?: number;
  /** Wait before the first retry, doubled for each after it. Default 2 s. */
  retryBaseMs?: number;
  /** Longest a try may take (an HTTP request, an SMTP conversation). Default 15 s. */
  timeoutMs?: number;
  /** Longest sleep between looks when nothing woke the loop (another replica's deliveries). */
  safetyIntervalMs?: number;
}

/** Notifications claimed per round: a failure storm is delivered in batches, not all at once. */
const batchSize = 20;

/**
 * Delivers the built-in notifiers' deliveries from the control plane (docs/notifications.md).
 * Event driven: a transition that recorded notifiers wakes it at once, and otherwise it
 * sleeps until the next retry or lapsed claim falls due. Each replica claims rows with a
 * compare-and-set (SKIP LOCKED on PostgreSQL) under a lease, so one notification is sent
 * by one replica; a replica that dies mid-delivery leaves a claim that lapses and is taken
 * over. A failure is retried with doubling delays, then recorded as failed in the event
 * log; it never touches the state of a task or a run.
 */
export class NotificationDelivery {
  readonly #o: NotificationDeliveryOptions;
  readonly #replica = `replica-${randomUUID()}`;
  #running = false;
  #loop: Promise<void> | null = null;
  #wake: (() => void) | null = null;
  #wakeRequested = false;
  #unsubscribe: (() => void) | null = null;

  constructor(options: NotificationDeliveryOptions) {
    this.#o = options;
  }

  get maxTries(): number {
    return this.#o.maxTries ?? 4;
  }

  start(): void {
    this.#running = true;
    this.#unsubscribe = this.#o.onDue(() => this.wake());
    this.#loop = this.#run();
  }

  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    this.wake();
    await this.#loop;
  }

  wake(): void {
    this.#wakeRequested = true;
    this.#wake?.();
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.#wakeRequested = false;
      let busy = false;
      try {
        busy = await this.#round();
      } catch (error) {
        this.#o.logger.warn({ err: error }, "delivering notifications failed; trying again soon");
      }
      if (busy || this.#wakeRequested) continue;
      await this.#sleep(await this.#sleepMs());
    }
  }

  /** One batch. True when it claimed a full batch (more may be waiting). */
  async #round(): Promise<boolean> {
    const { store, clock } = this.#o;
    // Deliveries whose last claim lapsed (their replica or worker was lost each time).
    for (const spent of [
      { code: false, maxTries: this.maxTries },
      { code: true, maxTries: maxCallbackClaims },
    ]) {
      for (const lost of await store.failSpentDeliveries(spent, clock.now())) {
        await this.#recordFailure(lost);
      }
    }
    const claimed = await store.claimNotifierDeliveries(
      {
        claimedBy: this.#replica,
        limit: batchSize,
        leaseMs: 2 * this.#timeoutMs + 5000,
        maxTries: this.maxTries,
      },
      clock.now(),
    );
    await Promise.all(claimed.map((delivery) => this.#deliver(delivery)));
    return claimed.length === batchSize;
  }

  async #deliver(delivery: DeliveryRecord): Promise<void> {
    const { store, clock, logger } = this.#o;
    let error: string | null = null;
    try {
      const notifier = delivery.notifier;
      if (!notifier) throw new NotifierError("The delivery names no notifier.");
      const connection = await this.#o.credentials.getConnection(notifier.connId);
      // A notifier uses its DAG's team's connections only (docs/teams.md, "Who sees
      // what"): to another team's DAG, a connection of that name does not exist.
      const dagTeam = (await store.teamOfDag(delivery.dagId)) ?? defaultTeam;
      if (!connection || (connection.team ?? defaultTeam) !== dagTeam) {
        throw new NotifierError(`Connection '${notifier.connId}' does not exist.`);
      }
      await deliverNotification(
        notifier,
        connection,
        notificationFacts(delivery, this.#o.baseUrl()),
        this.#timeoutMs,
      );
    } catch (caught) {
      // Only a NotifierError's message is known to hold no secret.
      error =
        caught instanceof NotifierError
          ? caught.message
          : `The notifier failed (${(caught as Error).name}).`;
    }
    const spent = delivery.tries >= this.maxTries;
    const retryAt =
      error === null || spent
        ? null
        : new Date(clock.now().getTime() + this.#retryBaseMs * 2 ** (delivery.tries - 1));
    try {
      const finished = await store.finishDelivery(
        { id: delivery.id, claimId: delivery.claimId ?? "", error, retryAt },
        clock.now(),
      );
      const fields = {
        notificationId: delivery.id,
        target: delivery.target,
        dagId: delivery.dagId,
        runId: delivery.runId,
        taskId: delivery.taskId,
        try: delivery.tries,
      };
      if (error === null) logger.info(fields, "notification delivered");
      else if (retryAt) logger.warn({ ...fields, error, retryAt }, "notification failed; retrying");
      else await this.#recordFailure(finished);
      if (retryAt) this.wake();
    } catch (caught) {
      // A claim that lapsed meanwhile belongs to whoever took it over.
      logger.warn(
        { err: caught, notificationId: delivery.id },
        "notification outcome not recorded",
      );
    }
  }

  /** A notification (or callback) that failed for good: logged, and in the event log. */
  async #recordFailure(delivery: DeliveryRecord): Promise<void> {
    this.#o.logger.warn(
      {
        notificationId: delivery.id,
        target: delivery.target,
        dagId: delivery.dagId,
        runId: delivery.runId,
        error: delivery.lastError,
      },
      "notification failed for good",
    );
    await this.#o.store.recordEvent(deliveryFailedEvent(delivery, this.#o.clock.now()));
  }

  async #sleepMs(): Promise<number> {
    const safety = this.#o.safetyIntervalMs ?? 10_000;
    const next = await this.#o.store.nextNotifierDeliveryAt().catch(() => null);
    if (!next) return safety;
    return Math.max(0, Math.min(safety, next.getTime() - this.#o.clock.now().getTime()));
  }

  #sleep(ms: number): Promise<void> {
    if (!this.#running || this.#wakeRequested) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = () => {
        this.#wake = null;
        done();
      };
    });
  }

  get #timeoutMs(): number {
    return this.#o.timeoutMs ?? 15_000;
  }

  get #retryBaseMs(): number {
    return this.#o.retryBaseMs ?? 2000;
  }
}
