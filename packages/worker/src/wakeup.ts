/**
 * A wait that something else can end early: a loop waits for its interval, and whoever
 * changes what the loop looks at wakes it. A wake with nobody waiting is dropped; loops
 * check their condition before they wait, in the same tick, so none is missed.
 */
export class Wakeup {
  #waiters = new Set<() => void>();

  /** Resolves after `ms`, or at the next `wake()`. */
  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#waiters.add(done);
    });
  }

  wake(): void {
    for (const done of [...this.#waiters]) done();
  }
}
