import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * The one shape of Borda's bearer tokens: `<kind>_<id>_<secret>`, where the kind says what
 * the token is for (`bwt` a worker, `bat` a script using /api/v1), the 64-bit id finds its
 * record, and the 256-bit secret proves possession. Only an HMAC-SHA256 of the secret
 * under the server's secret key is stored, so a copy of the database signs nobody in, and
 * a token is shown once, when created. The kind is part of the format on purpose: a
 * token of one kind is never accepted where the other is expected.
 */
export const TokenKind = { worker: "bwt", api: "bat" } as const;
export type TokenKind = (typeof TokenKind)[keyof typeof TokenKind];

export interface MintedToken {
  id: string;
  /** The whole token, to show once. */
  token: string;
  /** What to store: the HMAC of the secret part. */
  secretHash: string;
}

export interface PresentedToken {
  kind: TokenKind;
  id: string;
  secret: string;
}

const tokenPattern = /^(bwt|bat)_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export function mintToken(secretKey: Buffer, kind: TokenKind): MintedToken {
  const id = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { id, token: `${kind}_${id}_${secret}`, secretHash: hashSecret(secretKey, secret) };
}

/** The parts of a well-formed token of any kind; null for anything else. */
export function parseToken(token: string): PresentedToken | null {
  const match = token.match(tokenPattern);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return { kind: match[1] as TokenKind, id: match[2], secret: match[3] };
}

/**
 * The token in an `Authorization: Bearer <token>` header value; null when the header is
 * missing, not Bearer, or holds no well-formed token.
 */
export function presentedToken(authorization: string | undefined): PresentedToken | null {
  const token = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return token ? parseToken(token) : null;
}

/** Whether a presented secret is the one whose HMAC was stored (in constant time). */
export function secretMatches(secretKey: Buffer, secret: string, secretHash: string): boolean {
  const presented = Buffer.from(hashSecret(secretKey, secret), "hex");
  const expected = Buffer.from(secretHash, "hex");
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function hashSecret(secretKey: Buffer, secret: string): string {
  return createHmac("sha256", secretKey).update(secret).digest("hex");
}
