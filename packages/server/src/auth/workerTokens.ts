import { BordaError, ErrorCode } from "@borda/protocol";
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
 * The token record behind a presented `Authorization` header value, or an
 * `unauthenticated` error. Missing, malformed, unknown and revoked tokens all get the
 * same answer, so it tells a guesser nothing.
 */
export async function verifyWorkerToken(
  store: Store,
  secretKey: Buffer,
  authorization: string | undefined,
): Promise<WorkerTokenRecord> {
  const presented = presentedToken(authorization);
  if (presented?.kind !== TokenKind.worker) throw refused();
  const record = await store.findWorkerToken(presented.id);
  if (!record || record.revokedAt || !secretMatches(secretKey, presented.secret, record.secretHash))
    throw refused();
  const { secretHash: _, ...token } = record;
  return token;
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
