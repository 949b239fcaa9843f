import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * Browser sessions for the web UI: a cookie holding `<payload>.<signature>`, signed with
 * the server's secret key, so any replica can check it without a session table. The
 * payload names the user, the expiry, and a fingerprint of the user's password hash:
 * changing the password ends every session, and deleting the user does too (its row is
 * read on every request). Unsafe requests made with the cookie must also send the
 * session's CSRF token in `X-CSRF-Token`, on top of the cookie's SameSite=Strict.
 */
export const sessionCookieName = "borda_session";
export const sessionTtlMs = 12 * 60 * 60 * 1000;

interface SessionPayload {
  u: string;
  exp: number;
  fp: string;
}

export function passwordFingerprint(passwordHash: string): string {
  return createHash("sha256").update(passwordHash).digest("base64url").slice(0, 16);
}

export function issueSession(
  secretKey: Buffer,
  user: { username: string; passwordHash: string },
  now: Date,
): { token: string; csrfToken: string; expiresAt: Date } {
  const expiresAt = new Date(now.getTime() + sessionTtlMs);
  const payload: SessionPayload = {
    u: user.username,
    exp: expiresAt.getTime(),
    fp: passwordFingerprint(user.passwordHash),
  };
  const encoded = Buffer.from(JSON.stringify(payload)).toString("base64url");
  const token = `${encoded}.${sign(secretKey, `session:${encoded}`)}`;
  return { token, csrfToken: csrfTokenFor(secretKey, token), expiresAt };
}

/** The payload of a well-signed, unexpired session token, or null. */
export function readSession(secretKey: Buffer, token: string, now: Date): SessionPayload | null {
  const [encoded, signature] = token.split(".");
  if (!encoded || !signature || !sameText(signature, sign(secretKey, `session:${encoded}`)))
    return null;
  try {
    const payload = JSON.parse(
      Buffer.from(encoded, "base64url").toString("utf8"),
    ) as SessionPayload;
    if (
      typeof payload.u !== "string" ||
      typeof payload.exp !== "number" ||
      typeof payload.fp !== "string"
    )
      return null;
    return payload.exp > now.getTime() ? payload : null;
  } catch {
    return null;
  }
}

export function csrfTokenFor(secretKey: Buffer, sessionToken: string): string {
  return sign(secretKey, `csrf:${sessionToken}`);
}

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The value of cookie `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return value.join("=");
  }
  return undefined;
}

function sign(secretKey: Buffer, text: string): string {
  return createHmac("sha256", secretKey).update(text).digest("base64url");
}
