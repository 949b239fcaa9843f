import type { WaitInterrupt } from "../scheduler/jobNotifier.js";

export type PollEnd = "directives" | "revoked" | "shutdown";

/**
 * One open long-poll. It is the interrupt of each wait its fetch makes, one after the
 * other; a plain object with one listener slot, since thousands are open at once (an
 * AbortController and a combined signal per wait cost more than the wait itself).
 */
export class OpenPoll implements WaitInterrupt {
  /** Why the poll must end now; null while it may go on waiting. */
  ended: PollEnd | null = null;
  #listener: (() => void) | null = null;

  constructor(
    readonly workerName: string,
    readonly tokenId: string,
    private readonly polls: Set<OpenPoll>,
  ) {}

  get interrupted(): boolean {
    return this.ended !== null;
  }

  onInterrupt(listener: (() => void) | null): void {
    this.#listener = listener;
  }

  end(reason: PollEnd): void {
    if (this.ended) return;
    this.ended = reason;
    this.#listener?.();
  }

  /** The fetch answered: no longer open, and its wait (if any) is over. */
  close(): void {
    this.polls.delete(this);
    this.#listener?.();
  }
}

/**
 * The long-polls open on this replica, so that what concerns a waiting worker ends its
 * wait at once: an admin's change to it (answered with new directives), its token's
 * revocation (answered 401), the server shutting down. A poll holds no database
 * connection while it waits (invariant 3). Revocations made elsewhere (another replica)
 * reach `revokeTokens` from the check of trusted tokens (auth/workerTokens.ts), within
 * its bound.
 */
export class OpenPolls {
  readonly #polls = new Set<OpenPoll>();

  /** How many polls are open now (the `borda_long_polls_open` gauge). */
  get size(): number {
    return this.#polls.size;
  }

  open(workerName: string, tokenId: string): OpenPoll {
    const poll = new OpenPoll(workerName, tokenId, this.#polls);
    this.#polls.add(poll);
    return poll;
  }

  /** An admin changed the worker: its open poll answers now, with the new directives. */
  wakeWorker(workerName: string): void {
    for (const poll of this.#polls) if (poll.workerName === workerName) poll.end("directives");
  }

  revokeTokens(tokenIds: readonly string[]): void {
    for (const poll of this.#polls) if (tokenIds.includes(poll.tokenId)) poll.end("revoked");
  }

  /** Shutting down: every poll answers now (empty), so no worker waits out its timeout. */
  endAll(): void {
    for (const poll of this.#polls) poll.end("shutdown");
  }
}
