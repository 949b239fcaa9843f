import {
  ErrorCode,
  type FetchResponse,
  type Job,
  type RegisterResponse,
  type WorkerDirectives,
} from "@borda/protocol/edge";
import type { CallbackRunner } from "./callbackRunner.js";
import { Backoff, type BackoffOptions, delay } from "./client/backoff.js";
import { EdgeCallError, type EdgeClient } from "./client/edgeClient.js";
import type { WorkerConfig } from "./config.js";
import { GiveUpCause, type HeldAttempts } from "./heldAttempts.js";
import {
  heartbeatTimeoutMs,
  type Lifecycle,
  linkTiming,
  reportedState,
  State,
} from "./lifecycle.js";
import type { Logger } from "./logger.js";
import type { NextJobsAsk } from "./nextJobs.js";
import { releaseClaim } from "./releaseClaim.js";
import { collectSysInfo } from "./sysInfo.js";
import type { Wakeup } from "./wakeup.js";

/**
 * What a registered worker does until it stops: a heartbeat every interval, each with a
 * timeout well inside the worker timeout; a long-poll for as many jobs as its free slots
 * hold; and following the directives of every answer (queues, concurrency, maintenance,
 * shutdown, attempts to give up). A job that arrives when the worker will not run it is
 * released back to its queue.
 *
 * A busy worker mostly gets its work another way (protocol 1.5): the final report of an
 * attempt asks for the next jobs for the slots the attempt frees (`askForNext`), and its
 * answer brings them. Those slots are handed over to the report until it is answered, so
 * the fetch loop never asks for them too: at any time the slots taken, the slots handed
 * over and the slots a fetch under way asked for add up to at most the concurrency.
 */

export interface ControlPlaneLoopsOptions {
  /** The configuration in effect: directives change its queues and concurrency. */
  config: WorkerConfig;
  client: EdgeClient;
  lifecycle: Lifecycle;
  attempts: HeldAttempts;
  /** Runs the code callbacks fetches bring. */
  callbacks: CallbackRunner;
  logger: Logger;
  backoff: BackoffOptions;
  instanceId: string;
  /** Woken when slots free up, directives change or the phase moves. */
  changed: Wakeup;
  /** Woken when the phase moves, so the control plane hears of it at once. */
  heartbeatDue: Wakeup;
  /** Registers again, for a control plane that has forgotten this worker. */
  register: () => Promise<RegisterResponse>;
  drain: (reason: string) => void;
  /** Told the round trip of every heartbeat answered, in seconds. */
  heartbeatAnswered: (seconds: number) => void;
}

/** The last heartbeat, reporting `offline`, is a courtesy: the exit does not wait on a dead link longer. */
const offlineReportTimeoutMs = 5000;

/**
 * A job the control plane started at its claim (1.5) is the claim's word until a heartbeat
 * lists it: until then a worker that dies with it gives it back on the same try instead
 * of costing one (docs/internals.md, "One round trip per task"). So a heartbeat follows
 * new such jobs within this long, not a whole interval later: at most two heartbeats a
 * second, however fast jobs come.
 */
const confirmWithinMs = 500;

export class ControlPlaneLoops {
  readonly #options: ControlPlaneLoopsOptions;
  readonly #releases = new Set<Promise<void>>();
  /** Aborted at exit: releases still retrying leave their jobs to the lease. */
  readonly #exiting = new AbortController();
  #poll: AbortController | null = null;
  /** Slots handed over to final reports that ask for their next jobs, until answered. */
  #handedOver = 0;
  /** Jobs started at their claim that no heartbeat has listed yet. */
  readonly #unconfirmed = new Set<string>();
  #confirmation: NodeJS.Timeout | null = null;
  #heartbeating: Promise<void> = Promise.resolve();
  #fetching: Promise<void> = Promise.resolve();

  constructor(options: ControlPlaneLoopsOptions) {
    this.#options = options;
  }

  start(): void {
    this.#heartbeating = this.#heartbeatLoop();
    this.#fetching = this.#fetchLoop();
  }

  /**
   * Settles once the fetch loop has ended, as it does when the worker stops serving: from
   * then on no job arrives, and every one to give back is among `releasing`.
   */
  fetchEnded(): Promise<void> {
    return this.#fetching;
  }

  /** Settles once both loops have ended: the heartbeat ends when the worker stops. */
  async finished(): Promise<void> {
    await Promise.all([this.#heartbeating, this.#fetching]);
  }

  /** Jobs being given back, still waiting for the control plane to take them. */
  get releasing(): number {
    return this.#releases.size;
  }

  /** Stops retrying releases (the worker exits) and waits for them to give up. */
  async abandonReleases(): Promise<void> {
    this.#exiting.abort();
    await Promise.all(this.#releases);
  }

  /** The last heartbeat, once stopped: the control plane shows the worker offline at once. */
  reportOffline(): Promise<void> {
    const timing = this.#options.lifecycle.timing;
    return this.#heartbeat(Math.min(heartbeatTimeoutMs(timing), offlineReportTimeoutMs));
  }

  /** Slots running no task under the concurrency in effect (heartbeats and metrics show them). */
  get freeSlots(): number {
    const { config, attempts } = this.#options;
    return Math.max(0, config.concurrency - attempts.slotsTaken);
  }

  /** Free slots no report has asked jobs for: what a fetch may ask for, and a job take. */
  get #unpromisedSlots(): number {
    return Math.max(0, this.freeSlots - this.#handedOver);
  }

  /**
   * An attempt that took `poolSlots` ended: its final report may ask for jobs for those
   * slots (fewer when the concurrency fell), which are the report's until it is answered.
   * Null when the worker takes no work now.
   */
  askForNext(poolSlots: number): NextJobsAsk | null {
    const { lifecycle, changed } = this.#options;
    if (lifecycle.state !== State.serving) return null;
    const slots = Math.min(poolSlots, this.#unpromisedSlots);
    if (slots <= 0) return null;
    this.#handedOver += slots;
    let settled = false;
    return {
      request: { instanceId: this.#options.instanceId, freeSlots: slots, callbacks: true },
      settled: (next: FetchResponse | undefined) => {
        if (settled) return;
        settled = true;
        this.#handedOver -= slots;
        if (next) this.#accept(next);
        changed.wake();
      },
    };
  }

  /** Follows the control plane's directives, from a registration, heartbeat or fetch answer. */
  apply(directives: WorkerDirectives): void {
    const { config, lifecycle, attempts, logger, changed } = this.#options;
    if (directives.queues.join(",") !== config.queues.join(",")) {
      logger.info("queues set by the control plane", { queues: directives.queues.join(",") });
      config.queues = [...directives.queues];
    }
    if (directives.concurrency !== config.concurrency) {
      logger.info("concurrency set by the control plane", {
        concurrency: directives.concurrency,
      });
      config.concurrency = directives.concurrency;
      changed.wake();
    }
    // Into maintenance: the long-poll under way would bring jobs only to give back.
    if (lifecycle.maintenanceRequested(directives.maintenance, directives.maintenanceComment)) {
      this.#poll?.abort();
    }
    for (const attemptId of directives.cancelAttemptIds) {
      attempts.giveUp(attemptId, GiveUpCause.cancelled);
    }
    if (directives.shutdown && !lifecycle.stopping.aborted) {
      this.#options.drain("the control plane asked this worker to shut down");
    }
  }

  /** What the worker's own checks found (`SelfCheck`): maintenance while a problem lasts. */
  selfChecked(reason: string | null): void {
    const { lifecycle, heartbeatDue } = this.#options;
    const changed = reason !== lifecycle.selfMaintenanceReason;
    if (lifecycle.selfMaintenance(reason)) this.#poll?.abort();
    // A new reason reaches the control plane at once, even without a move of the phase.
    if (changed) heartbeatDue.wake();
  }

  async #heartbeatLoop(): Promise<void> {
    const { lifecycle, heartbeatDue } = this.#options;
    const beating = () => lifecycle.is(State.serving, State.maintenance, State.draining);
    // The first one at once: the control plane shows the worker idle (or running) now.
    while (beating()) {
      await this.#heartbeat(heartbeatTimeoutMs(lifecycle.timing));
      // A move that came while the heartbeat was in flight woke nobody: look again before
      // waiting, or stopping an idle worker would wait out a whole interval.
      if (!beating()) break;
      await heartbeatDue.wait(lifecycle.timing.heartbeatIntervalMs);
    }
  }

  async #heartbeat(timeoutMs: number): Promise<void> {
    const { client, lifecycle, attempts, config } = this.#options;
    if (this.#confirmation) clearTimeout(this.#confirmation);
    this.#confirmation = null;
    try {
      const request = {
        instanceId: this.#options.instanceId,
        state: reportedState(lifecycle.state, attempts.running > 0),
        runningAttemptIds: attempts.ids,
        freeSlots: this.freeSlots,
        sysinfo: await collectSysInfo(config.workDir),
        selfMaintenance: lifecycle.selfMaintenanceReason,
      };
      const sent = performance.now();
      const directives = await client.heartbeat(request, undefined, timeoutMs);
      this.#options.heartbeatAnswered((performance.now() - sent) / 1000);
      lifecycle.contact();
      for (const attemptId of request.runningAttemptIds) this.#unconfirmed.delete(attemptId);
      this.apply(directives);
    } catch (error) {
      if (!(error instanceof EdgeCallError)) throw error;
      await this.#onCallFailed(error, "heartbeat");
    }
    // Jobs that came while it was on its way wait for the next one, soon.
    for (const attemptId of this.#unconfirmed) {
      if (!attempts.holds(attemptId)) this.#unconfirmed.delete(attemptId);
    }
    if (this.#unconfirmed.size > 0) this.#confirmSoon();
  }

  /** A heartbeat within `confirmWithinMs`, to confirm jobs started at their claim. */
  #confirmSoon(): void {
    const { lifecycle } = this.#options;
    if (this.#confirmation || !lifecycle.is(State.serving, State.maintenance, State.draining))
      return;
    this.#confirmation = setTimeout(() => {
      this.#confirmation = null;
      this.#options.heartbeatDue.wake();
    }, confirmWithinMs);
    this.#confirmation.unref();
  }

  async #fetchLoop(): Promise<void> {
    const { client, lifecycle, changed, config } = this.#options;
    const backoff = new Backoff(this.#options.backoff);
    while (lifecycle.is(State.serving, State.maintenance)) {
      const freeSlots = this.#unpromisedSlots;
      if (lifecycle.state === State.maintenance || freeSlots <= 0) {
        await changed.wait(60_000);
        continue;
      }
      const poll = new AbortController();
      this.#poll = poll;
      try {
        const answer = await client.fetchJobs(
          {
            instanceId: this.#options.instanceId,
            freeSlots,
            waitMs: config.fetchWaitMs,
            callbacks: true,
          },
          AbortSignal.any([poll.signal, lifecycle.stopping]),
        );
        backoff.reset();
        this.#accept(answer);
      } catch (error) {
        if (!(error instanceof EdgeCallError)) throw error;
        if (poll.signal.aborted || lifecycle.stopping.aborted) continue;
        await this.#onCallFailed(error, "fetch");
        await delay(backoff.next(), lifecycle.stopping);
      } finally {
        if (this.#poll === poll) this.#poll = null;
      }
    }
  }

  /**
   * Takes what a fetch or a report's answer brought. Directives first: a shutdown,
   * maintenance or lower concurrency that landed while the jobs were claimed decides
   * whether they run.
   */
  #accept(answer: FetchResponse): void {
    this.apply(answer.directives);
    for (const job of answer.jobs) this.#take(job);
    for (const callback of answer.callbacks ?? []) this.#options.callbacks.run(callback);
  }

  /** Runs a job the fetch brought, or gives it back when the worker will not run it now. */
  #take(job: Job): void {
    const { lifecycle, attempts, config, logger } = this.#options;
    if (attempts.holds(job.attemptId)) {
      logger.warn("the control plane sent a job this worker already holds; ignoring it", {
        attemptId: job.attemptId,
      });
      return;
    }
    const free = this.#unpromisedSlots;
    const refusal =
      lifecycle.state === State.maintenance
        ? "the worker is in maintenance"
        : lifecycle.state !== State.serving
          ? `the worker is ${lifecycle.state}`
          : job.poolSlots > free
            ? `too few free slots: it takes ${job.poolSlots}; ${free} of the worker's ${config.concurrency} are free`
            : null;
    if (refusal !== null) {
      this.#release(job, refusal);
      return;
    }
    attempts.start(job);
    if (job.started) {
      this.#unconfirmed.add(job.attemptId);
      this.#confirmSoon();
    }
  }

  #release(job: Job, reason: string): void {
    const { client, logger, backoff, changed } = this.#options;
    const released: Promise<void> = releaseClaim(client, job, reason, {
      logger,
      backoff,
      signal: this.#exiting.signal,
    })
      .catch((error: Error) =>
        logger.error("giving back a claimed job failed", { attemptId: job.attemptId, error }),
      )
      .finally(() => {
        this.#releases.delete(released);
        changed.wake();
      });
    this.#releases.add(released);
  }

  /** What a failed heartbeat or fetch means beyond "try again later". */
  async #onCallFailed(error: EdgeCallError, call: string): Promise<void> {
    const { lifecycle, logger } = this.#options;
    const registered = lifecycle.is(State.serving, State.maintenance);
    if (error.status === 404 && registered) {
      // The control plane forgot this worker (it was silent longer than the worker
      // timeout, or an admin removed it): register again.
      logger.warn("the control plane does not know this worker; registering again", { error });
      try {
        const answer = await this.#options.register();
        lifecycle.contact(linkTiming(answer));
        this.apply(answer.directives);
      } catch (refused) {
        if (!lifecycle.stopping.aborted) {
          logger.error("registering again failed", { error: refused as Error });
        }
      }
      return;
    }
    if (error.status === 409 && error.code === ErrorCode.conflict && registered) {
      logger.error("another instance of this worker took its name; stopping", { error });
      this.#options.drain("another instance took the worker's name");
      return;
    }
    lifecycle.callFailed(call, error);
  }
}
