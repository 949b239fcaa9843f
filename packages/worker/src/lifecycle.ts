import { type ReportedWorkerState, WorkerState } from "@borda/protocol/edge";
import type { EdgeCallError } from "./client/edgeClient.js";
import { formatDuration } from "./formatDuration.js";
import type { LogFields, Logger } from "./logger.js";

/**
 * The worker's lifecycle in one place: the phase it is in, and where it stands with the
 * control plane. Every change goes through a method here; a move that is not legal from
 * the current state is refused (the method returns false and nothing changes), and every
 * move is logged once. The rest of the worker reads its phase from here.
 *
 *   registering ─► serving ⇄ maintenance
 *      │   │          │           │
 *      │   └──────► draining ◄────┘
 *      │              │
 *      └──────────► stopped
 *
 * The link is apart from the phase: `reachable` while calls get answers; `unreachable`
 * once one fails (and before the first answer); `at_risk` once no heartbeat or
 * registration has succeeded for a whole worker timeout, the time the control plane keeps
 * this worker's attempts without hearing from it. It may then have failed them and
 * retried them elsewhere; the worker keeps running them all the same (only silence the
 * control plane could hear kills an attempt, invariant 8), and learns which are no longer
 * its own from the first answer after the silence.
 */

export const State = {
  /** Checking the control plane and registering; retrying while it is away. */
  registering: "registering",
  /** Registered: takes work as its free slots allow. */
  serving: "serving",
  /**
   * An operator asked for maintenance, or the worker's own checks failed (free disk or
   * memory, its health check): no new work; running tasks finish.
   */
  maintenance: "maintenance",
  /** Stopping: no new work; running tasks finish, up to the drain timeout. */
  draining: "draining",
  stopped: "stopped",
} as const;
export type State = (typeof State)[keyof typeof State];

export const Link = {
  reachable: "reachable",
  /** A call failed; nothing has been answered since (or nothing has been yet). */
  unreachable: "unreachable",
  /** Silent for the whole worker timeout: the control plane may have given up the attempts. */
  atRisk: "at_risk",
} as const;
export type Link = (typeof Link)[keyof typeof Link];

/** Every legal move: from which states, to which. */
const transitions = {
  registered: { from: [State.registering], to: State.serving },
  enterMaintenance: { from: [State.serving], to: State.maintenance },
  leaveMaintenance: { from: [State.maintenance], to: State.serving },
  startDraining: {
    from: [State.registering, State.serving, State.maintenance],
    to: State.draining,
  },
  stopped: { from: [State.registering, State.draining], to: State.stopped },
} as const satisfies Record<string, { from: readonly State[]; to: State }>;

export interface LinkTiming {
  heartbeatIntervalMs: number;
  /** How long the control plane keeps this worker's attempts without hearing from it. */
  workerTimeoutMs: number;
}

/** The timing a registration answer sets; a 1.0 control plane does not send its worker timeout, which was then always three heartbeat intervals. */
export function linkTiming(answer: {
  heartbeatIntervalMs: number;
  workerTimeoutMs?: number | undefined;
}): LinkTiming {
  return {
    heartbeatIntervalMs: answer.heartbeatIntervalMs,
    workerTimeoutMs: answer.workerTimeoutMs ?? 3 * answer.heartbeatIntervalMs,
  };
}

/**
 * How long one heartbeat waits for its answer: at most a third of the worker timeout, so
 * a black-holed link fails several heartbeats, each logged, before the control plane
 * gives up on this worker, rather than one call waiting through it; and at most an
 * interval, so a slow answer never holds up the next heartbeat.
 */
export function heartbeatTimeoutMs(timing: LinkTiming): number {
  return Math.max(1, Math.min(timing.heartbeatIntervalMs, Math.floor(timing.workerTimeoutMs / 3)));
}

/** The state the control plane is told: the phase, and whether tasks run. */
export function reportedState(state: State, tasksRunning: boolean): ReportedWorkerState {
  switch (state) {
    case State.registering:
      return WorkerState.starting;
    case State.serving:
      return tasksRunning ? WorkerState.running : WorkerState.idle;
    case State.maintenance:
      return tasksRunning ? WorkerState.maintenancePending : WorkerState.maintenanceMode;
    case State.draining:
      return WorkerState.terminating;
    case State.stopped:
      return WorkerState.offline;
  }
}

export interface LifecycleOptions {
  logger: Logger;
  /** Until a registration answer sets it: the configured heartbeat interval. */
  timing: LinkTiming;
  /** How many attempts the worker holds: the ones at risk when its heartbeats stop arriving. */
  heldAttempts: () => number;
  /** Called after every move of the phase (not of the link), so waiting loops look again. */
  onChange?: (state: State) => void;
  /** Called when a call is answered again after the control plane was lost. */
  onReconnected?: () => void;
  now?: () => number;
}

export class Lifecycle {
  readonly #options: LifecycleOptions;
  readonly #now: () => number;
  readonly #stopping = new AbortController();
  #state: State = State.registering;
  #link: Link = Link.unreachable;
  #timing: LinkTiming;
  /** When a heartbeat or the registration last succeeded; null before the first. */
  #lastContact: number | null = null;
  readonly #createdAt: number;
  /** The last silence long enough to put attempts at risk: how long, and when it ended. */
  #lastOutage: { ms: number; endedAt: number } | null = null;
  #silenceTimer: NodeJS.Timeout | undefined;
  /** The maintenance an operator asked for through the control plane; null: none. */
  #requestedMaintenance: { comment: string | null } | null = null;
  /** Why the worker's own checks hold it in maintenance; null: they pass. */
  #selfMaintenance: string | null = null;

  constructor(options: LifecycleOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#timing = options.timing;
    this.#createdAt = this.#now();
  }

  get state(): State {
    return this.#state;
  }

  get link(): Link {
    return this.#link;
  }

  get timing(): LinkTiming {
    return this.#timing;
  }

  is(...states: State[]): boolean {
    return states.includes(this.#state);
  }

  /** Aborted once the worker starts draining or stops: ends start-up retries, the long-poll, waits. */
  get stopping(): AbortSignal {
    return this.#stopping.signal;
  }

  /** How long since a heartbeat or the registration last succeeded (since start-up before any). */
  get silentForMs(): number {
    return this.#now() - (this.#lastContact ?? this.#createdAt);
  }

  /** The attempts the control plane may have given up: all held ones while at risk, else none. */
  get attemptsAtRisk(): number {
    return this.#link === Link.atRisk ? this.#options.heldAttempts() : 0;
  }

  /**
   * The silence that may have cost this worker attempts: the current one while at risk,
   * else the last one that put them at risk, if it ended within a worker timeout (the
   * control plane says which attempts it gave up in its first answers after one).
   */
  get recentOutageMs(): number | null {
    if (this.#link === Link.atRisk) return this.silentForMs;
    const outage = this.#lastOutage;
    if (outage && this.#now() - outage.endedAt <= this.#timing.workerTimeoutMs) return outage.ms;
    return null;
  }

  /** The registration succeeded: the worker serves. */
  registered(fields: LogFields): boolean {
    return this.#move("registered", () => this.#options.logger.info("worker started", fields));
  }

  /**
   * The control plane's maintenance directive: an operator asked for maintenance (`on`,
   * with their comment) or lifted it. True when the phase moved (into maintenance, or out).
   * Lifting it leaves maintenance only when the worker's own checks do not hold it there.
   */
  maintenanceRequested(on: boolean, comment: string | null): boolean {
    this.#requestedMaintenance = on ? { comment } : null;
    return this.#settleMaintenance();
  }

  /**
   * What the worker's own checks found: why it is unhealthy, or null once healthy again.
   * True when the phase moved. Healthy again, the worker leaves maintenance
   * unless an operator asked for it: only the control plane lifts that.
   */
  selfMaintenance(reason: string | null): boolean {
    const { logger } = this.#options;
    const before = this.#selfMaintenance;
    this.#selfMaintenance = reason;
    if (reason !== null && reason !== before) {
      logger.warn(`unhealthy: ${reason}`, { maintenance: "automatic" });
    } else if (reason === null && before !== null) {
      logger.info(
        this.#requestedMaintenance
          ? "healthy again; staying in the maintenance the control plane asked for"
          : "healthy again",
      );
    }
    return this.#settleMaintenance();
  }

  /** Why the worker holds itself in maintenance; null when its own checks pass. */
  get selfMaintenanceReason(): string | null {
    return this.#selfMaintenance;
  }

  /** In maintenance while an operator asked for it or the worker's own checks fail; true on a move. */
  #settleMaintenance(): boolean {
    const { logger } = this.#options;
    const requested = this.#requestedMaintenance;
    if (requested === null && this.#selfMaintenance === null) {
      return this.#move("leaveMaintenance", () =>
        logger.info("leaving maintenance: taking work again"),
      );
    }
    return this.#move("enterMaintenance", () =>
      logger.info("entering maintenance: no new work; running tasks finish", {
        comment: requested ? (requested.comment ?? undefined) : undefined,
        ...(requested ? {} : { automatic: this.#selfMaintenance ?? undefined }),
      }),
    );
  }

  /** No new work from now on; `fields` describe the drain (tasks running, its timeout). */
  startDraining(reason: string, fields: LogFields): boolean {
    return this.#move("startDraining", () => {
      this.#stopping.abort();
      this.#options.logger.info(`draining (${reason}): taking no new work`, fields);
    });
  }

  stopped(): boolean {
    const registered = this.#state !== State.registering;
    return this.#move("stopped", () => {
      this.#stopping.abort();
      clearTimeout(this.#silenceTimer);
      // A start-up that failed says why itself, in one line.
      if (registered) this.#options.logger.info("worker stopped");
      else this.#options.logger.debug("stopped before registering");
    });
  }

  /** A heartbeat or registration succeeded; `timing` when its answer set new timing. */
  contact(timing?: LinkTiming): void {
    const now = this.#now();
    if (timing) this.#timing = timing;
    if (this.#link !== Link.reachable && this.#lastContact !== null) {
      const silence = now - this.#lastContact;
      if (this.#link === Link.atRisk) this.#lastOutage = { ms: silence, endedAt: now };
      this.#options.logger.info(
        `the control plane answers again, after ${formatDuration(silence)} without a heartbeat`,
      );
      this.#options.onReconnected?.();
    }
    this.#link = Link.reachable;
    this.#lastContact = now;
    clearTimeout(this.#silenceTimer);
    if (this.#state === State.stopped) return;
    this.#silenceTimer = setTimeout(() => this.#silenceLasted(), this.#timing.workerTimeoutMs);
    // The timer only marks the attempts at risk; it must not keep a stopping process alive.
    this.#silenceTimer.unref();
  }

  /** A call to the control plane failed (`call` names it for the log: "heartbeat", "fetch"). */
  callFailed(call: string, error: EdgeCallError): void {
    const { logger } = this.#options;
    if (this.#link !== Link.reachable) {
      logger.debug(`the ${call} failed again`, { error });
      return;
    }
    this.#link = Link.unreachable;
    logger.warn(`the ${call} failed; tasks keep running and logs are spooled meanwhile`, {
      error,
    });
  }

  /** No heartbeat for the whole worker timeout: say once what that means for the attempts. */
  #silenceLasted(): void {
    if (this.#link === Link.atRisk || !this.is(State.serving, State.maintenance, State.draining)) {
      return;
    }
    this.#link = Link.atRisk;
    const silence = formatDuration(this.silentForMs);
    const held = this.#options.heldAttempts();
    if (held === 0) {
      this.#options.logger.warn(
        `the control plane has not heard from this worker for ${silence} (its worker timeout); it shows the worker as unknown until a heartbeat arrives`,
      );
      return;
    }
    const [attempts, them, they] =
      held === 1 ? ["1 attempt", "it", "It keeps"] : [`${held} attempts`, "them", "They keep"];
    this.#options.logger.warn(
      `${attempts} at risk: the control plane has not heard from this worker for ${silence} (its worker timeout), so it may have failed ${them} and retried ${them} elsewhere. ${they} running; any it gave up will be killed when it answers again.`,
      { attemptsAtRisk: held },
    );
  }

  /** Makes the move if it is legal from here, then its effects (`enter`: its log line and more). */
  #move(transition: keyof typeof transitions, enter: () => void): boolean {
    const { from, to } = transitions[transition];
    if (!(from as readonly State[]).includes(this.#state)) return false;
    this.#state = to;
    enter();
    this.#options.onChange?.(to);
    return true;
  }
}
