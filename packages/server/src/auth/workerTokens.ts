import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { BordaError, ErrorCode } from "@borda/protocol";
import { queueMatcher } from "../scheduler/jobNotifier.js";
import type { Store, WorkerTokenRecord } from "../store/index.js";

/**
 * Worker tokens look like `bwt_<id>_<secret>`: the id finds the record, the 256-bit
 * secret proves possession. Only an HMAC of the secret under the server's secret key is
 * stored, and a token is shown once, when created.
 */
const tokenPattern = /^bwt_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewWorkerToken {
  token: string;
  record: WorkerTokenRecord;
}

export async function createWorkerToken(
  store: Store,
  secretKey: Buffer,
  options: { name: string; team?: string | null; queues: string[] },
  at: Date,
): Promise<NewWorkerToken> {
  if (options.queues.length === 0) {
    throw new BordaError(
      ErrorCode.invalidInput,
      "A worker token needs at least one queue pattern (--queues).",
    );
  }
  const id = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  const record = await store.createWorkerToken(
    {
      id,
      name: options.name,
      team: options.team ?? null,
      queues: options.queues,
      secretHash: hashSecret(secretKey, secret),
    },
    at,
  );
  return { token: `bwt_${id}_${secret}`, record };
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
  const match = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1]?.match(tokenPattern);
  if (!match?.[1] || !match[2]) throw refused();
  const record = await store.findWorkerToken(match[1]);
  if (!record || record.revokedAt) throw refused();
  const presented = Buffer.from(hashSecret(secretKey, match[2]), "hex");
  const expected = Buffer.from(record.secretHash, "hex");
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected))
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

function hashSecret(secretKey: Buffer, secret: string): string {
  return createHmac("sha256", secretKey).update(secret).digest("hex");
}
