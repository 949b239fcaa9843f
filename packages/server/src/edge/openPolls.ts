import type { Store } from "../store/index.js";

/**
 * The long-polls open on this replica, so that what concerns a waiting worker ends its
 * wait at once: an admin's change to it (answered with new directives), its token's
 * revocation (answered 401), the server shutting down. A poll holds no database
 * connection while it waits (invariant 3); revocations made elsewhere (another replica,
 * the CLI) are found by one query a second, and only while polls are open.
 */
export class OpenPolls {
  readonly #polls = new Set<OpenPoll>();
  readonly #store: Store;
  #revocationCheck: NodeJS.Timeout | null = null;

  constructor(
    store: Store,
    private readonly revocationCheckMs = 1000,
  ) {
    this.#store = store;
  }

  /** How many polls are open now (the `borda_long_polls_open` gauge). */
  get size(): number {
    return this.#polls.size;
  }

  /** Registers a poll; its signal aborts with the reason it must end. */
  open(workerName: string, tokenId: string): OpenPoll {
    const controller = new AbortController();
    const poll: OpenPoll = {
      workerName,
      tokenId,
      signal: controller.signal,
      end: (reason) => {
        if (!controller.signal.aborted) controller.abort(reason);
      },
      close: () => {
        this.#polls.delete(poll);
        if (this.#polls.size === 0) this.#stopRevocationCheck();
      },
    };
    this.#polls.add(poll);
    this.#startRevocationCheck();
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
    this.#stopRevocationCheck();
  }

  #startRevocationCheck(): void {
    if (this.#revocationCheck) return;
    this.#revocationCheck = setInterval(() => {
      const tokenIds = [...new Set([...this.#polls].map((p) => p.tokenId))];
      this.#store.listRevokedTokenIds(tokenIds).then(
        (revoked) => this.revokeTokens(revoked),
        () => {
          // The database is unreachable: the next check tries again.
        },
      );
    }, this.revocationCheckMs);
    this.#revocationCheck.unref();
  }

  #stopRevocationCheck(): void {
    if (this.#revocationCheck) clearInterval(this.#revocationCheck);
    this.#revocationCheck = null;
  }
}

export type PollEnd = "directives" | "revoked" | "shutdown";

export interface OpenPoll {
  readonly workerName: string;
  readonly tokenId: string;
  readonly signal: AbortSignal;
  end(reason: PollEnd): void;
  close(): void;
}
