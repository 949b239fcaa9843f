import { timingSafeEqual } from "node:crypto";
import { BordaError, ErrorCode } from "@borda/protocol";
import type { Clock } from "../scheduler/clock.js";
import { queueMatcher } from "../scheduler/jobNotifier.js";
import type { Store, WorkerTokenRecord } from "../store/index.js";
import { mintToken, presentedToken, secretMatches, TokenKind } from "./bearerTokens.js";

/**
 * Worker tokens look like `bwt_<id>_<secret>` (bearerTokens.ts): stored hashed, shown
 * once, scoped to queue patterns.
 */

export interface NewWorkerToken {
  token: string;
  record: WorkerTokenRecord;
}

export async function createWorkerToken(
  store: Store,
  secretKey: Buffer,
  options: {
    name: string;
    team?: string | null;
    queues: string[];
    /** Null or absent: the server's --worker-timeout. */
    workerTimeoutMs?: number | null;
  },
  at: Date,
): Promise<NewWorkerToken> {
  if (options.queues.length === 0) {
    throw new BordaError(
      ErrorCode.invalidInput,
      "A worker token needs at least one queue pattern (--queues).",
    );
  }
  const { id, token, secretHash } = mintToken(secretKey, TokenKind.worker);
  const record = await store.createWorkerToken(
    {
      id,
      name: options.name,
      team: options.team ?? null,
      queues: options.queues,
      workerTimeoutMs: options.workerTimeoutMs ?? null,
      secretHash,
    },
    at,
  );
  return { token, record };
}

/**
 * How long a replica trusts a worker token it verified without asking the database again:
 * the bound on how late a revocation made elsewhere (another replica) is honoured here.
 * The replica that revokes forgets the token at once (`forget`).
 */
export const tokenTrustMs = 2000;
/** How often the tokens trusted are checked for revocations made elsewhere: twice per `tokenTrustMs`, so one failed check does not end the trust. */
const revocationCheckMs = tokenTrustMs / 2;

interface Trusted {
  token: WorkerTokenRecord;
  /** The secret presented and verified, compared with the next one presented in constant time. */
  secret: Buffer;
  /** When (the clock's ms) the token was last known not to be revoked. */
  knownValidAt: number;
}

/**
 * Verifies presented worker tokens, trusting each one verified for `tokenTrustMs`: every
 * call of every worker presents its token, and a database read and an HMAC per call were
 * most of a heartbeat's cost on a control plane holding thousands of workers. Once a second
 * one query renews the trust of every token trusted and reports those revoked since (the
 * open long-polls' tokens among them: each poll's token was verified when it opened). So a
 * revocation made on another replica is honoured here within `tokenTrustMs`, and at once
 * on the replica that made it.
 */
export class VerifiedWorkerTokens {
  /** By token id; only tokens verified against the database get here, and leave when revoked. */
  readonly #trusted = new Map<string, Trusted>();
  /**
   * Revoked tokens this process has heard of (revocation is final): a verification whose
   * read began before the revocation must not trust the token again when it ends after it.
   */
  readonly #revoked = new Set<string>();
  readonly #store: Store;
  readonly #secretKey: Buffer;
  readonly #clock: Clock;
  readonly #onRevoked: (tokenIds: readonly string[]) => void;
  #revocationCheck: NodeJS.Timeout | null = null;

  constructor(options: {
    store: Store;
    secretKey: Buffer;
    clock: Clock;
    /** Told of tokens found revoked by the periodic check. */
    onRevoked: (tokenIds: readonly string[]) => void;
  }) {
    this.#store = options.store;
    this.#secretKey = options.secretKey;
    this.#clock = options.clock;
    this.#onRevoked = options.onRevoked;
  }

  /**
   * The token record behind a presented `Authorization` header value, or an
   * `unauthenticated` error. Missing, malformed, unknown and revoked tokens all get the
   * same answer, so it tells a guesser nothing.
   */
  async verify(authorization: string | undefined): Promise<WorkerTokenRecord> {
    const presented = presentedToken(authorization);
    if (presented?.kind !== TokenKind.worker) throw refused();
    const secret = Buffer.from(presented.secret);
    const now = this.#clock.now().getTime();
    const trusted = this.#trusted.get(presented.id);
    if (
      trusted &&
      now - trusted.knownValidAt < tokenTrustMs &&
      trusted.secret.length === secret.length &&
      timingSafeEqual(trusted.secret, secret)
    )
      return trusted.token;
    const record = await this.#store.findWorkerToken(presented.id);
    if (
      !record ||
      record.revokedAt ||
      this.#revoked.has(record.id) ||
      !secretMatches(this.#secretKey, presented.secret, record.secretHash)
    )
      throw refused();
    const { secretHash: _, ...token } = record;
    this.#trusted.set(token.id, { token, secret, knownValidAt: now });
    this.#startRevocationCheck();
    return token;
  }

  /** These tokens were revoked (here, or found by the check): refused from the next call on. */
  forget(tokenIds: readonly string[]): void {
    for (const id of tokenIds) {
      this.#revoked.add(id);
      this.#trusted.delete(id);
    }
  }

  stop(): void {
    if (this.#revocationCheck) clearInterval(this.#revocationCheck);
    this.#revocationCheck = null;
  }

  #startRevocationCheck(): void {
    if (this.#revocationCheck) return;
    this.#revocationCheck = setInterval(() => void this.#checkRevocations(), revocationCheckMs);
    this.#revocationCheck.unref();
  }

  async #checkRevocations(): Promise<void> {
    const ids = [...this.#trusted.keys()];
    if (ids.length === 0) return;
    // Read before the query: what it finds unrevoked was so at least from this moment.
    const checkedAt = this.#clock.now().getTime();
    let revoked: string[];
    try {
      revoked = await this.#store.listRevokedTokenIds(ids);
    } catch {
      // The database is unreachable: trust lapses after tokenTrustMs; the next check tries again.
      return;
    }
    this.forget(revoked);
    for (const trusted of this.#trusted.values()) {
      trusted.knownValidAt = Math.max(trusted.knownValidAt, checkedAt);
    }
    if (revoked.length > 0) this.#onRevoked(revoked);
  }
}

/**
 * Whether every queue matched by `queue` (a name or a `*` pattern) is one the token may
 * serve. A `*` in the worker's queue is taken literally against the token's patterns,
 * which the token's own `*` matches: `team_a_*` covers `team_a_etl` and `team_a_*`, not `*`.
 */
export function tokenCoversQueue(token: WorkerTokenRecord, queue: string): boolean {
  return token.queues.some((pattern) => queueMatcher(pattern)(queue));
}

/** Refuses (403) the queues a token may not serve, naming them and the token's scope. */
export function requireQueuesInScope(token: WorkerTokenRecord, queues: readonly string[]): void {
  const outside = queues.filter((q) => !tokenCoversQueue(token, q));
  if (outside.length > 0) {
    throw new BordaError(
      ErrorCode.forbidden,
      `Worker token '${token.name}' may serve queues matching ${token.queues.join(", ")}; not ${outside.join(", ")}.`,
      { details: { outside, scope: token.queues } },
    );
  }
}

function refused(): BordaError {
  return new BordaError(
    ErrorCode.unauthenticated,
    "A valid worker token is required: send 'Authorization: Bearer <token>' (borda tokens create makes one).",
  );
}
