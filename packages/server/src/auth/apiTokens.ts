import { BordaError, ErrorCode } from "@borda/protocol";
import type { ApiTokenRecord, Store, UserCredentials } from "../store/index.js";
import { mintToken, presentedToken, secretMatches, TokenKind } from "./bearerTokens.js";

/**
 * API tokens look like `bat_<id>_<secret>` (bearerTokens.ts): stored hashed, shown once.
 * A token signs a script in to /api/v1 as the user who made it, with that user's role as
 * it is at each request: it carries no role of its own, so it can never do more than its
 * owner may now, and a new role, or deleting the user, takes effect at once.
 */

/** `last_used_at` is stamped at most this often, so requests do not each cost a write. */
const lastUsedResolutionMs = 60 * 1000;
const dayMs = 24 * 60 * 60 * 1000;

export interface NewApiToken {
  token: string;
  record: ApiTokenRecord;
}

export async function createApiToken(
  store: Store,
  secretKey: Buffer,
  options: { username: string; name: string; expiresInDays?: number | undefined },
  at: Date,
): Promise<NewApiToken> {
  const { id, token, secretHash } = mintToken(secretKey, TokenKind.api);
  const expiresAt =
    options.expiresInDays === undefined
      ? null
      : new Date(at.getTime() + options.expiresInDays * dayMs);
  const record = await store.createApiToken(
    { id, username: options.username, name: options.name, secretHash, expiresAt },
    at,
  );
  return { token, record };
}

/**
 * The owner of the API token in an `Authorization: Bearer ...` header value, or an
 * `unauthenticated` error. Unknown and forged tokens get the same answer, so it tells a
 * guesser nothing; only whoever holds the secret learns that the token was revoked or
 * has expired.
 */
export async function verifyApiToken(
  store: Store,
  secretKey: Buffer,
  authorization: string,
  now: Date,
): Promise<UserCredentials> {
  const presented = presentedToken(authorization);
  if (presented?.kind === TokenKind.worker) {
    throw new BordaError(
      ErrorCode.unauthenticated,
      "This is a worker token (bwt_...), which works only for workers on /edge/v1. Send an API token (Authorization: Bearer bat_..., which `borda api-tokens create` makes) or HTTP Basic credentials.",
    );
  }
  const token = presented ? await store.findApiToken(presented.id) : null;
  if (!presented || !token || !secretMatches(secretKey, presented.secret, token.secretHash)) {
    throw new BordaError(
      ErrorCode.unauthenticated,
      "This is not a valid API token: send 'Authorization: Bearer bat_...' with a token that `borda api-tokens create` (POST /api/v1/auth/tokens) made, or HTTP Basic credentials.",
    );
  }
  if (token.revokedAt) {
    throw new BordaError(
      ErrorCode.unauthenticated,
      `API token '${token.name}' (id ${token.id}) was revoked; create a new one.`,
    );
  }
  if (token.expiresAt && token.expiresAt <= now) {
    throw new BordaError(
      ErrorCode.unauthenticated,
      `API token '${token.name}' (id ${token.id}) expired at ${token.expiresAt.toISOString()}; create a new one.`,
    );
  }
  // Deleting a user deletes its tokens; this covers a deletion that raced the read above.
  const owner = await store.getUser(token.username);
  if (!owner) {
    throw new BordaError(
      ErrorCode.unauthenticated,
      `API token '${token.name}' belongs to user '${token.username}', who no longer exists.`,
    );
  }
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= lastUsedResolutionMs) {
    await store.markApiTokenUsed(token.id, now);
  }
  return owner;
}
