import { createHmac } from "node:crypto";
import { passwordFingerprint, sameText } from "./sessions.js";

/**
 * The access tokens of `POST /auth/token` (Airflow 3's simple auth manager): JSON Web
 * Tokens signed HS512 with the server's secret key, so every replica can check one without
 * a token table. They name the user and expire; `fp`, a fingerprint of the user's password
 * hash, ends every token when the password changes. The user's row is read on every
 * request (`authorize`), so deleting a user ends its tokens too, and its role is the
 * current one, never the one it had when the token was made.
 */
export interface AccessTokenClaims {
  /** The username. */
  sub: string;
  /** Issued at and expires at, seconds since the epoch (RFC 7519). */
  iat: number;
  exp: number;
  fp: string;
}

const header = base64url(JSON.stringify({ alg: "HS512", typ: "JWT" }));

/** A signed access token for `user`, valid for `lifetimeMs` from `now`. */
export function issueAccessToken(
  secretKey: Buffer,
  user: { username: string; passwordHash: string },
  now: Date,
  lifetimeMs: number,
): string {
  const iat = Math.floor(now.getTime() / 1000);
  const claims: AccessTokenClaims = {
    sub: user.username,
    iat,
    exp: iat + Math.ceil(lifetimeMs / 1000),
    fp: passwordFingerprint(user.passwordHash),
  };
  const signed = `${header}.${base64url(JSON.stringify(claims))}`;
  return `${signed}.${sign(secretKey, signed)}`;
}

/** Whether a bearer credential has a JWT's three-part shape (Borda's own tokens have none). */
export const looksLikeJwt = (token: string): boolean => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token);

/**
 * The claims of a well-formed, well-signed, unexpired access token; null for anything
 * else. Only HS512 under this server's key is accepted: the header is compared whole, so
 * `alg: none` or another algorithm never gets as far as the signature.
 */
export function readAccessToken(
  secretKey: Buffer,
  token: string,
  now: Date,
): AccessTokenClaims | null {
  const [head, body, signature] = token.split(".");
  if (head !== header || !body || !signature) return null;
  if (!sameText(signature, sign(secretKey, `${head}.${body}`))) return null;
  let claims: Partial<AccessTokenClaims>;
  try {
    claims = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (
    typeof claims.sub !== "string" ||
    typeof claims.exp !== "number" ||
    typeof claims.iat !== "number" ||
    typeof claims.fp !== "string"
  ) {
    return null;
  }
  return claims.exp * 1000 > now.getTime() ? (claims as AccessTokenClaims) : null;
}

function base64url(text: string): string {
  return Buffer.from(text).toString("base64url");
}

function sign(secretKey: Buffer, text: string): string {
  return createHmac("sha512", secretKey).update(text).digest("base64url");
}
