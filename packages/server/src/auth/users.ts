import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { BordaError, ErrorCode } from "@borda/protocol";
import type { Clock } from "../scheduler/clock.js";
import type { Store, UserCredentials, UserRecord } from "../store/index.js";
import { hashPassword, verifyPassword } from "./passwords.js";
import { Role } from "./roles.js";

/** Consecutive failures a user may make before each further one locks it. */
const freeFailures = 5;
/** The first lock; each further failure doubles it, up to `longestLockMs`. */
const firstLockMs = 1000;
const longestLockMs = 5 * 60 * 1000;
/** `last_login_at` is stamped at most this often, so reads do not each cost a write. */
const lastLoginResolutionMs = 60 * 1000;
/** Users whose last good password is remembered (see `#verified`). */
const verifiedCacheSize = 1000;

const signInMessage =
  "Sign in: send HTTP Basic credentials of a Borda user (Authorization: Basic ...)";

/**
 * Signs REST API users in with HTTP Basic credentials, checked on every request against
 * the store, and throttles guessing: from the fifth consecutive failure on, each failure
 * locks the user for a time that doubles (1 s up to 5 min); a success resets it.
 */
export class UserAuth {
  readonly #store: Store;
  readonly #clock: Clock;
  /**
   * A scrypt check costs ~60 ms of CPU, which Basic auth would pay on every request. So
   * after a success we remember, per user, an HMAC of the password under a key of this
   * process, next to the stored hash it matched. It counts only while the freshly read
   * row still holds that very hash: a deleted user, or any new password (new salt, new
   * hash), misses it.
   */
  readonly #verified = new Map<string, { passwordHash: string; digest: Buffer }>();
  readonly #digestKey = randomBytes(32);
  /** Checked against for unknown users, so the answer takes as long as for known ones. */
  #decoyHash: Promise<string> | undefined;

  constructor(options: { store: Store; clock: Clock }) {
    this.#store = options.store;
    this.#clock = options.clock;
  }

  /**
   * The user behind an `Authorization: Basic ...` header value, or an `unauthenticated`
   * error. Missing, malformed, unknown user and wrong password get the same answer; a
   * locked user is told how long to wait (`details.retryAfterSeconds`).
   */
  async authenticate(authorization: string | undefined): Promise<UserRecord> {
    const credentials = parseBasic(authorization);
    if (!credentials) throw refused();
    return this.signIn(credentials.username, credentials.password);
  }

  /** Checks a user's password (with the same lockout as Basic sign-in): the user, or 401. */
  async signIn(username: string, password: string): Promise<UserRecord> {
    const user = await this.#store.getUser(username);
    if (!user) {
      this.#decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
      await verifyPassword(password, await this.#decoyHash);
      throw refused();
    }
    const now = this.#clock.now();
    if (user.lockedUntil && user.lockedUntil > now) throw locked(user.lockedUntil, now);
    if (!(await this.#passwordMatches(user, password))) {
      await this.#store.recordLoginResult(
        username,
        false,
        now,
        lockAfter(user.failedLogins + 1, now),
      );
      throw refused();
    }
    let lastLoginAt = user.lastLoginAt;
    if (
      user.failedLogins > 0 ||
      user.lockedUntil !== null ||
      lastLoginAt === null ||
      now.getTime() - lastLoginAt.getTime() >= lastLoginResolutionMs
    ) {
      await this.#store.recordLoginResult(username, true, now, null);
      lastLoginAt = now;
    }
    return { username, role: user.role, createdAt: user.createdAt, lastLoginAt };
  }

  /**
   * Creates `username` as an Admin with `password` unless the user exists; never changes
   * an existing user's password or role. Whether it created the user.
   */
  async ensureAdmin(options: { username: string; password: string }): Promise<boolean> {
    if (await this.#store.getUser(options.username)) return false;
    const passwordHash = await hashPassword(options.password);
    try {
      await this.#store.createUser(
        { username: options.username, role: Role.admin, passwordHash },
        this.#clock.now(),
      );
      return true;
    } catch (error) {
      // Another replica starting at the same time created it first.
      if (error instanceof BordaError && error.code === ErrorCode.conflict) return false;
      throw error;
    }
  }

  async #passwordMatches(user: UserCredentials, password: string): Promise<boolean> {
    const digest = createHmac("sha256", this.#digestKey).update(password).digest();
    const known = this.#verified.get(user.username);
    if (known?.passwordHash === user.passwordHash && timingSafeEqual(known.digest, digest)) {
      return true;
    }
    if (!(await verifyPassword(password, user.passwordHash))) return false;
    this.#verified.delete(user.username);
    if (this.#verified.size >= verifiedCacheSize) {
      const oldest = this.#verified.keys().next().value;
      if (oldest !== undefined) this.#verified.delete(oldest);
    }
    this.#verified.set(user.username, { passwordHash: user.passwordHash, digest });
    return true;
  }
}

/** `Basic base64(user:password)`, split at the first ':' (a password may contain more). */
function parseBasic(
  authorization: string | undefined,
): { username: string; password: string } | null {
  const encoded = authorization?.match(/^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i)?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon <= 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The lock a user's `failures`-th consecutive failure earns (null: none yet). */
function lockAfter(failures: number, now: Date): Date | null {
  if (failures < freeFailures) return null;
  const ms = Math.min(firstLockMs * 2 ** (failures - freeFailures), longestLockMs);
  return new Date(now.getTime() + ms);
}

function refused(): BordaError {
  return new BordaError(ErrorCode.unauthenticated, signInMessage);
}

function locked(until: Date, now: Date): BordaError {
  const retryAfterSeconds = Math.ceil((until.getTime() - now.getTime()) / 1000);
  return new BordaError(
    ErrorCode.unauthenticated,
    `Too many failed sign-ins for this user: wait ${retryAfterSeconds} seconds, then try again.`,
    { details: { retryAfterSeconds } },
  );
}
