export type WaitOutcome = "notified" | "timeout" | "aborted";

/**
 * What may end a wait before its time: a long-poll (edge/openPolls.ts) whose worker an
 * admin changed, whose token was revoked, or whose server is stopping. One listener at a
 * time, the current wait's: a fetch waits several times in a row on the same poll.
 */
export interface WaitInterrupt {
  readonly interrupted: boolean;
  onInterrupt(listener: (() => void) | null): void;
}

/**
 * Waits end on a tick of this many ms (rounded up): the waits that end in the same tick
 * share one timer, so thousands of long-polls keep a few hundred timers, not one each.
 */
const timerTickMs = 100;

/**
 * Wakes long-polling fetches when jobs are queued on a queue they serve. In-process
 * only: each waiter is a callback, so a waiting fetch holds no connection and no
 * transaction (invariant 3). Across replicas, PostgreSQL NOTIFY feeds `notify` here.
 * Waiters on plain queue names are indexed by name, so a job queued while thousands of
 * workers wait on other queues wakes its own waiters without visiting the rest; only
 * waiters with a `*` pattern are tested one by one.
 */
export class JobNotifier {
  readonly #byQueue = new Map<string, Set<Waiter>>();
  readonly #patterned = new Set<Waiter>();
  /** Waiters by the tick their wait times out in, with that tick's one timer. */
  readonly #byTick = new Map<number, { waiters: Set<Waiter>; timer: NodeJS.Timeout }>();
  #size = 0;

  /** Jobs were queued on `queue`: wake every waiter whose queues match it. */
  notify(queue: string): void {
    for (const waiter of [...(this.#byQueue.get(queue) ?? []), ...this.#patterned]) {
      if (waiter.matches(queue)) this.#finish(waiter, "notified");
    }
  }

  /** Wakes every waiter (shutdown, or a change that may concern anyone). */
  notifyAll(): void {
    for (const { waiters } of [...this.#byTick.values()]) {
      for (const waiter of waiters) this.#finish(waiter, "notified");
    }
  }

  /**
   * Resolves when a job is queued on one of `queues` (names or `*` patterns), when
   * `timeoutMs` passes (to the next tick of 100 ms), or when `interrupt` fires; whichever
   * comes first. Never rejects.
   */
  waitForJobs(
    queues: readonly string[],
    timeoutMs: number,
    interrupt?: WaitInterrupt,
  ): Promise<WaitOutcome> {
    if (interrupt?.interrupted) return Promise.resolve("aborted");
    if (timeoutMs <= 0) return Promise.resolve("timeout");
    return new Promise((resolve) => {
      const waiter = new Waiter(
        queues,
        Math.ceil((Date.now() + timeoutMs) / timerTickMs),
        resolve,
        interrupt,
      );
      this.#add(waiter);
      interrupt?.onInterrupt(() => this.#finish(waiter, "aborted"));
    });
  }

  get waiting(): number {
    return this.#size;
  }

  #finish(waiter: Waiter, outcome: WaitOutcome): void {
    if (waiter.done) return;
    waiter.done = true;
    waiter.interrupt?.onInterrupt(null);
    this.#remove(waiter);
    waiter.resolve(outcome);
  }

  #add(waiter: Waiter): void {
    this.#size += 1;
    const tick = this.#byTick.get(waiter.tick);
    if (tick) tick.waiters.add(waiter);
    else {
      const timer = setTimeout(
        () => this.#timeOut(waiter.tick),
        waiter.tick * timerTickMs - Date.now(),
      );
      this.#byTick.set(waiter.tick, { waiters: new Set([waiter]), timer });
    }
    if (waiter.patterned) {
      this.#patterned.add(waiter);
      return;
    }
    for (const queue of waiter.queues) {
      const waiters = this.#byQueue.get(queue);
      if (waiters) waiters.add(waiter);
      else this.#byQueue.set(queue, new Set([waiter]));
    }
  }

  #remove(waiter: Waiter): void {
    this.#size -= 1;
    const tick = this.#byTick.get(waiter.tick);
    tick?.waiters.delete(waiter);
    if (tick?.waiters.size === 0) {
      clearTimeout(tick.timer);
      this.#byTick.delete(waiter.tick);
    }
    if (waiter.patterned) {
      this.#patterned.delete(waiter);
      return;
    }
    for (const queue of waiter.queues) {
      const waiters = this.#byQueue.get(queue);
      waiters?.delete(waiter);
      if (waiters?.size === 0) this.#byQueue.delete(queue);
    }
  }

  #timeOut(tick: number): void {
    for (const waiter of this.#byTick.get(tick)?.waiters ?? []) this.#finish(waiter, "timeout");
  }
}

/** One wait: plain fields rather than closures, since thousands are open at once. */
class Waiter {
  done = false;
  readonly patterned: boolean;
  readonly #matchers: ((queue: string) => boolean)[] | null;

  constructor(
    readonly queues: readonly string[],
    /** The tick (of timerTickMs) in which the wait times out. */
    readonly tick: number,
    readonly resolve: (outcome: WaitOutcome) => void,
    readonly interrupt: WaitInterrupt | undefined,
  ) {
    this.patterned = queues.some((q) => q.includes("*"));
    // Plain names are matched by the index they are filed under.
    this.#matchers = this.patterned ? queues.map(queueMatcher) : null;
  }

  matches(queue: string): boolean {
    return this.#matchers ? this.#matchers.some((m) => m(queue)) : true;
  }
}

/**
 * Matchers of the patterns seen lately: every heartbeat and fetch tests its worker's queues
 * against its token's patterns, each of which would otherwise compile its RegExp again. A
 * RegExp without the `g` flag keeps no state, so one serves every caller. Bounded, since
 * workers name their own queues (within their token's scope).
 */
const compiledPatterns = new Map<string, (queue: string) => boolean>();
const maxCompiledPatterns = 1000;

/** A queue name, or a pattern where `*` stands for any run of characters. */
export function queueMatcher(pattern: string): (queue: string) => boolean {
  if (!pattern.includes("*")) return (queue) => queue === pattern;
  const compiled = compiledPatterns.get(pattern);
  if (compiled) return compiled;
  const regex = new RegExp(
    `^${pattern
      .split("*")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*")}$`,
  );
  const matcher = (queue: string) => regex.test(queue);
  if (compiledPatterns.size >= maxCompiledPatterns) compiledPatterns.clear();
  compiledPatterns.set(pattern, matcher);
  return matcher;
}
